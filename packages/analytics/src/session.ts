// Analysts' own connection to the warehouse. With embedded ClickHouse this is a second chDB session
// on the pipeline's data, in the pipeline's process, for two reasons:
//  * chDB keeps the output of a query that failed half-way (a limit stopped it after the JSON header
//    or some rows were written) and hands it to the next query of the same session; on its own
//    session that can only reach the next analyst query, and a throw-away query after each failure
//    clears it first (queries of this session run one at a time for that);
//  * nothing an analyst sends shares a session with the sink or the scorer.
// With a ClickHouse server every query is its own HTTP request: none of this is needed.
import type { AnalystLimits } from "@lrew/config";
import { openWarehouse, settleAfterError, type Warehouse, type WarehouseSettings } from "@lrew/warehouse";
import { type AnalystQuery, runAnalystQuery } from "./executor.ts";

export class AnalystSession {
  readonly #wh: Warehouse;
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(wh: Warehouse) {
    this.#wh = wh;
  }

  /** Opens the analysts' connection (same settings as the pipeline's: same process, same data). */
  static async open(settings: WarehouseSettings): Promise<AnalystSession> {
    return new AnalystSession(await openWarehouse(settings));
  }

  get database(): string {
    return this.#wh.database;
  }

  /** Runs one analyst query (checked, read-only, limited); see runAnalystQuery. */
  query(q: AnalystQuery, limits: AnalystLimits): Promise<Buffer> {
    if (!this.#wh.embedded) return runAnalystQuery(this.#wh, q, limits);
    const run = this.#tail.then(async () => {
      try {
        return await runAnalystQuery(this.#wh, q, limits);
      } catch (err) {
        await settleAfterError(this.#wh);
        throw err;
      }
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.#tail;
    await this.#wh.close();
  }
}
