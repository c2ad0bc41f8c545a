// The scorer as its own process (`./lrew scorer`): needs a ClickHouse server (CLICKHOUSE_URL) when
// other lrew processes use the same data; embedded ClickHouse belongs to one process.
import { parseConfig } from "@lrew/config";
import { loadModel } from "@lrew/scoring";
import { createLogger, onShutdown, startOpsServer } from "@lrew/telemetry";
import { migrate, openWarehouse } from "@lrew/warehouse";
import { resolveModelFile } from "./model-file.ts";
import { Scorer } from "./scorer.ts";

const log = createLogger("scorer.main");

export async function runScorer(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = parseConfig(env, env.LREW_ROOT ?? process.cwd());
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  const scorer = new Scorer(wh, loadModel(resolveModelFile(config.home, config.scorer.modelFile)));
  scorer.schedule(config.scorer);
  const ops = await startOpsServer({ host: config.scorer.host, port: config.scorer.port, ready: () => true });
  log.info({ ops: ops.url, model: scorer.model.version }, "scorer running");
  await onShutdown(log, [
    { name: "ops server", run: () => ops.close() },
    { name: "scorer", run: () => scorer.stop() },
    { name: "warehouse", run: () => wh.close() },
  ]);
}

if (import.meta.main) {
  runScorer().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "scorer failed");
      process.exit(1);
    },
  );
}
