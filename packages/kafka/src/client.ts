// The kafkajs client, with its logs routed into pino. The only file that constructs `Kafka`.
import { Kafka, logLevel, type ISocketFactory, type LogEntry } from "kafkajs";
import { createLogger } from "@lrew/telemetry";
import type { KafkaSettings } from "./settings.ts";

// kafkajs logs at ERROR what it retries by itself (a coordinator still loading, a broker briefly
// away) and at WARN advice (e.g. that idempotence with bounded retries is at-least-once across
// sends — which is why every event carries an event_id). Failures that matter reach lrew as errors
// of the calls it makes, and lrew logs those itself; kafkajs' own lines are information.
const LEVELS: Record<number, "info" | "debug"> = {
  [logLevel.ERROR]: "info",
  [logLevel.WARN]: "info",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

export function createKafka(settings: KafkaSettings, component: string, socketFactory?: ISocketFactory): Kafka {
  const log = createLogger(`${component}.kafkajs`);
  return new Kafka({
    clientId: `${settings.clientId}-${component}`,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
    ...(socketFactory ? { socketFactory } : {}),
    // Message payloads never appear in kafkajs logs.
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, timestamp: _t, logger: _l, ...rest } = entry as Record<string, unknown>;
        log[LEVELS[level] ?? "info"](rest, String(message));
      },
  });
}
