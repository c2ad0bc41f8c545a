// The notifier as its own process: `node services/notifier/src/main.ts`. Needs a ClickHouse server
// (CLICKHOUSE_URL) when other lrew processes use the same data; embedded ClickHouse belongs to one process.
import { parseConfig } from "@lrew/config";
import { createLogger, onShutdown, startOpsServer } from "@lrew/telemetry";
import { migrate, openWarehouse } from "@lrew/warehouse";
import { Notifier } from "./notifier.ts";

const log = createLogger("notifier.main");

export async function runNotifier(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = parseConfig(env, env.LREW_ROOT ?? process.cwd());
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  const notifier = await Notifier.start(config, wh);
  const ops = await startOpsServer({
    host: config.notifier.host,
    port: config.notifier.port,
    ready: () => notifier.isReady(),
  });
  log.info({ ops: ops.url }, "notifier running");
  await onShutdown(log, [
    { name: "ops server", run: () => ops.close() },
    { name: "notifier", run: () => notifier.stop() },
    { name: "warehouse", run: () => wh.close() },
  ]);
}

if (import.meta.main) {
  runNotifier().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "notifier failed");
      process.exit(1);
    },
  );
}
