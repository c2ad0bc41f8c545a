// The sink as its own process: `node services/sink/src/main.ts` (or `./lrew sink`).
// Embedded ClickHouse belongs to one process at a time; to run the sink beside other lrew
// processes, point them all at a ClickHouse server with CLICKHOUSE_URL.
import { hmacKeys, parseConfig } from "@lrew/config";
import { ensureTopics } from "@lrew/kafka";
import { createLogger, onShutdown, startOpsServer } from "@lrew/telemetry";
import { applySummaryRetention, migrate, openWarehouse } from "@lrew/warehouse";
import { Sink } from "./sink.ts";

const log = createLogger("sink.main");

export async function runSink(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = parseConfig(env, env.LREW_ROOT ?? process.cwd());
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  await applySummaryRetention(wh, config.retention.summaryDays);
  await ensureTopics(config.kafka);
  const sink = await Sink.start({ kafka: config.kafka, ...config.sink, hmacKeys: hmacKeys(config).all }, wh);
  const ops = await startOpsServer({ host: config.sink.host, port: config.sink.port, ready: () => sink.readiness() });
  log.info({ ops: ops.url }, "sink running");
  await onShutdown(log, [
    { name: "ops server", run: () => ops.close() },
    { name: "sink", run: () => sink.stop() },
    { name: "warehouse", run: () => wh.close() },
  ]);
}

if (import.meta.main) {
  runSink().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "sink failed");
      process.exit(1);
    },
  );
}
