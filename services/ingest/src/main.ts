// Ingest as its own process: `node services/ingest/src/main.ts` (or `./lrew ingest`).
// Reads the configuration from the environment, serves until SIGTERM / SIGINT, then stops gracefully.
import path from "node:path";
import { localApiKeyFile, parseConfig, resolveSecrets } from "@lrew/config";
import { createLogger, onShutdown } from "@lrew/telemetry";
import { startIngest } from "./server.ts";

const log = createLogger("ingest.main");

/** Runs ingest until a stop signal; resolves once it has stopped. */
export async function runIngest(env: Record<string, string | undefined> = process.env): Promise<void> {
  const root = env.LREW_ROOT ?? path.resolve(import.meta.dirname, "../../..");
  const config = parseConfig(env, root);
  const secrets = resolveSecrets(config);
  const ingest = await startIngest(config, { secrets });
  log.info(
    {
      url: ingest.url,
      events: `${ingest.url}/v1/events/{stream}`,
      kafka: config.kafka.brokers,
      topicPrefix: config.kafka.topicPrefix,
      apiKeys: secrets.localApiKey ? `local key in ${localApiKeyFile(config.home)}` : secrets.apiKeys.map((k) => k.name),
    },
    "ingest running",
  );
  await onShutdown(log, [{ name: "ingest", run: () => ingest.close() }]);
}

if (import.meta.main) {
  runIngest().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "ingest failed");
      process.exit(1);
    },
  );
}
