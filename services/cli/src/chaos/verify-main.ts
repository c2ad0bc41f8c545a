// Child process of `./lrew chaos`: opens the scenario's ClickHouse (embedded ClickHouse belongs to one
// process at a time, so the orchestrator never opens it) and prints its answer as JSON.
// argv: events <acknowledged.ndjson> <sent-ids.txt>   the StoredCheck of an events scenario
//       load-world <as-of>                            loads a simulated province whose history ends that day
//       deliveries <alert-ids.txt>                    the delivery log's status of each alert
//       running-runs                                  ids of scoring runs still marked running (killed)
//       scores <as-of> <topic-alert-ids.txt> <killed-run-ids.txt>   the StoredCheck of a scorer scenario
import { readFileSync } from "node:fs";
import { parseConfig } from "@lrew/config";
import { addDays } from "@lrew/contracts";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { migrate, openWarehouse, readDeliveries } from "@lrew/warehouse";
import { checkScores } from "./verify-scores.ts";
import { checkStored } from "./verify.ts";

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);
const [mode, ...args] = process.argv.slice(2);
const config = parseConfig(process.env, process.env.LREW_ROOT ?? process.cwd());
const wh = await openWarehouse(config.clickhouse);
let answer: unknown;
try {
  if (mode === "events") {
    const acknowledged = lines(args[0]!).map((l) => JSON.parse(l) as Record<string, unknown>);
    answer = await checkStored(wh, acknowledged, new Set(lines(args[1]!)));
  } else if (mode === "load-world") {
    await migrate(wh);
    const world = await loadSimulatedWorld(wh, { seed: 23, enterprises: 120, days: 120, start: addDays(args[0]!, -119) });
    answer = { events: world.events };
  } else if (mode === "deliveries") {
    const log = await readDeliveries(wh, lines(args[0]!));
    answer = [...log.values()].map((r) => ({ alert_id: r.alert_id, status: r.status }));
  } else if (mode === "running-runs") {
    const rs = await wh.client.query({
      query: `SELECT run_id FROM ${wh.database}.scoring_runs FINAL WHERE status = 'running'`,
      format: "JSONEachRow",
    });
    answer = ((await rs.json()) as Array<{ run_id: string }>).map((r) => r.run_id);
  } else if (mode === "scores") {
    answer = await checkScores(wh, args[0]!, lines(args[1]!), lines(args[2]!));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  await wh.close();
}
process.stdout.write(`${JSON.stringify(answer)}\n`);
