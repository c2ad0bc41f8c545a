// Structured JSON logs (pino) with a `component` field. Event payloads never go into logs:
// grievances carry information about people who fear retaliation.
import { pino, type Logger } from "pino";

export type { Logger };

let root: Logger | undefined;

export function rootLogger(): Logger {
  root ??= pino({
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "lrew" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["*.value", "*.payload", "*.summary", "*.complainant_ref", "*.authorization", "req.headers.authorization"], censor: "[redacted]" },
  });
  return root;
}

export function createLogger(component: string): Logger {
  return rootLogger().child({ component });
}
