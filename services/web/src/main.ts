// The web dashboard as its own process: `./lrew web` (or `node services/web/src/main.ts`). Needs a
// ClickHouse server (CLICKHOUSE_URL) while other lrew processes run: embedded ClickHouse belongs to
// one process, so with it `./lrew start` serves the dashboard itself.
import path from "node:path";
import { localDashboardTokenFile, parseConfig } from "@lrew/config";
import { createLogger, onShutdown } from "@lrew/telemetry";
import { migrate, openWarehouse } from "@lrew/warehouse";
import { startWeb } from "./server.ts";

const log = createLogger("web.main");

export async function runWeb(env: Record<string, string | undefined> = process.env): Promise<void> {
  const root = env.LREW_ROOT ?? path.resolve(import.meta.dirname, "../../..");
  const config = parseConfig(env, root);
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  const web = await startWeb(config, wh);
  log.info(
    {
      url: web.url,
      tokens: web.tokens.local ? `local token in ${localDashboardTokenFile(config.home)}` : web.tokens.tokens.map((t) => t.name),
    },
    "web dashboard running",
  );
  console.error(`lrew web: ${web.url}${web.tokens.local ? `  (${localDashboardTokenFile(config.home)})` : ""}`);
  await onShutdown(log, [
    { name: "web", run: () => web.close() },
    { name: "warehouse", run: () => wh.close() },
  ]);
}

if (import.meta.main) {
  runWeb().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "web dashboard failed");
      process.exit(1);
    },
  );
}
