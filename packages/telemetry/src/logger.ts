// Structured JSON logs (pino) with a `component` field. Event payloads never go into logs:
// grievances carry information about people who fear retaliation.
//
// By default every line goes to stdout (what a container platform collects). An interactive
// command such as `./lrew start` calls `logToFile` so the terminal shows only warnings and
// errors while the full log goes to a file.
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import { pino, type Logger } from "pino";

export type { Logger };

const WARN = 40;

/** A destination whose target can change after loggers were created from it. */
const destination = {
  file: undefined as WriteStream | undefined,
  write(line: string): void {
    if (!this.file) {
      process.stdout.write(line);
      return;
    }
    this.file.write(line);
    if (levelOf(line) >= WARN) process.stderr.write(line);
  },
};

/** Pure: the numeric pino level of a JSON log line (0 when unreadable). */
export function levelOf(line: string): number {
  const m = /^\{"level":(\d+)/.exec(line);
  return m ? Number(m[1]) : 0;
}

let root: Logger | undefined;

export function rootLogger(): Logger {
  root ??= pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "lrew" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ["*.value", "*.payload", "*.summary", "*.complainant_ref", "*.authorization", "req.headers.authorization"],
        censor: "[redacted]",
      },
    },
    destination,
  );
  return root;
}

export function createLogger(component: string): Logger {
  return rootLogger().child({ component });
}

/** Sends the full log to `file` (appending) and only warnings and errors to stderr. */
export function logToFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  destination.file = createWriteStream(file, { flags: "a" });
}
