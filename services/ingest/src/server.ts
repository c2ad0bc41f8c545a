// Running the ingest API as a server: connect the Kafka producer, listen, and stop gracefully.
import type { FastifyInstance } from "fastify";
import { resolveSecrets, type LrewConfig, type ResolvedSecrets } from "@lrew/config";
import type { Lang } from "@lrew/contracts";
import { EventProducer, type EventPublisher } from "@lrew/kafka";
import { createLogger } from "@lrew/telemetry";
import { buildIngestApp } from "./app.ts";

export interface StartIngestOptions {
  /** Default: resolveSecrets(config) (LREW_API_KEYS / LREW_HMAC_KEY, or the local keys under LREW_HOME). */
  secrets?: Pick<ResolvedSecrets, "apiKeys" | "hmacKey">;
  /** Default: EventProducer.connect(config.kafka, "ingest"), disconnected by close(). A publisher passed in is the caller's to close. */
  publisher?: EventPublisher;
  lang?: Lang;
  /** Override config.ingest.host / port (port 0: any free port; see `url`). */
  host?: string;
  port?: number;
}

export interface RunningIngest {
  app: FastifyInstance;
  /** Base URL it listens on, e.g. http://127.0.0.1:8081. */
  url: string;
  /** Stops taking requests, lets those in flight finish (and their Kafka acks), then disconnects the producer. */
  close(): Promise<void>;
}

const log = createLogger("ingest");

export async function startIngest(config: LrewConfig, options: StartIngestOptions = {}): Promise<RunningIngest> {
  const secrets = options.secrets ?? resolveSecrets(config);
  const owned = options.publisher === undefined ? await EventProducer.connect(config.kafka, "ingest") : undefined;
  const publisher = options.publisher ?? owned!;
  const app = buildIngestApp({ config, secrets, publisher, ...(options.lang ? { lang: options.lang } : {}) });
  let url: string;
  try {
    url = await app.listen({ host: options.host ?? config.ingest.host, port: options.port ?? config.ingest.port });
  } catch (err) {
    await app.close().catch(() => undefined);
    await owned?.disconnect();
    throw err;
  }
  log.info({ url, keys: secrets.apiKeys.map((k) => k.name) }, "ingest listening");
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    close: () =>
      (closing ??= (async () => {
        try {
          await app.close();
        } finally {
          await owned?.disconnect();
          log.info("ingest stopped");
        }
      })()),
  };
}
