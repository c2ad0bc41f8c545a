// The kafkajs client, with its logs routed into pino. The only file that constructs `Kafka`.
import { Kafka, logLevel, type LogEntry } from "kafkajs";
import { createLogger } from "@lrew/telemetry";
import type { KafkaSettings } from "./settings.ts";

const LEVELS: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

export function createKafka(settings: KafkaSettings, component: string): Kafka {
  const log = createLogger(`${component}.kafkajs`);
  return new Kafka({
    clientId: `${settings.clientId}-${component}`,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
    // kafkajs logs at ERROR for conditions it retries by itself (e.g. a coordinator still loading);
    // those are warnings for us. Message payloads never appear in kafkajs logs.
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, timestamp: _t, logger: _l, ...rest } = entry as Record<string, unknown>;
        const lvl = LEVELS[level] ?? "info";
        log[lvl === "error" ? "warn" : lvl](rest, String(message));
      },
  });
}
