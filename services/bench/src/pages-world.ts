// The pages suite's worker, run as its own process (embedded ClickHouse binds one data directory per
// process): on a world the scoring worker's `load` step left in `dir`, four weekly scoring runs up to
// its last day (so the dashboard has a history and the latest-state tables hold every enterprise),
// then the dashboard's page timings and its list queries against the latest-row views (@lrew/web
// measurePages).
//
// Protocol: the parent sends one PagesWorldRequest; the child answers with one PagesWorldResult and exits.
import { addDays } from "@lrew/contracts";
import { loadModel, runScoring } from "@lrew/scoring";
import { measurePages, type ListTiming, type PageTiming } from "@lrew/web";
import { openWarehouse } from "@lrew/warehouse";

export interface PagesWorldRequest {
  /** The directory the scoring worker's load step filled. */
  dir: string;
  /** The world's last day (the load step's asOf). */
  asOf: string;
  /** Weekly scoring runs before the timings (default 4). */
  runs?: number;
  /** Requests per page after the warm-up (default 5); the median counts. */
  samples?: number;
}

export interface PagesWorldResult {
  ok: boolean;
  error?: string;
  scoringRuns: number;
  scoringMs: number;
  pages: PageTiming[];
  lists: ListTiming[];
}

export async function runPagesWorld(req: PagesWorldRequest): Promise<PagesWorldResult> {
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: `${req.dir}/clickhouse` });
  const out: PagesWorldResult = { ok: true, scoringRuns: 0, scoringMs: 0, pages: [], lists: [] };
  try {
    const model = loadModel();
    const runs = Math.max(1, req.runs ?? 4);
    const t = performance.now();
    for (let i = runs - 1; i >= 0; i--) await runScoring(wh, model, { asOf: addDays(req.asOf, -7 * i) });
    out.scoringRuns = runs;
    out.scoringMs = performance.now() - t;
    const timed = await measurePages(wh, { thresholds: model.thresholds, ...(req.samples ? { samples: req.samples } : {}) });
    out.pages = timed.pages;
    out.lists = timed.lists;
    return out;
  } catch (err) {
    return { ...out, ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    await wh.close();
  }
}

if (import.meta.main && process.send) {
  process.once("message", (req: PagesWorldRequest) => {
    void runPagesWorld(req).then((result) => process.send!(result, () => process.exit(0)));
  });
}
