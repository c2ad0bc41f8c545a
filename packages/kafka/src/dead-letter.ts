// Dead-letter records: the original bytes, and in headers where they came from and why they failed.
import type { OutgoingMessage } from "./producer.ts";

export interface DeadLetterReason {
  stream: string;
  /** The stage that refused the record: ingest (validation) or sink (mapping / warehouse). */
  stage: "ingest" | "sink" | "notifier";
  error: string;
  sourceTopic?: string;
  partition?: number;
  offset?: string;
}

export const DLQ_HEADERS = {
  stream: "lrew-dlq-stream",
  stage: "lrew-dlq-stage",
  error: "lrew-dlq-error",
  sourceTopic: "lrew-dlq-source-topic",
  partition: "lrew-dlq-source-partition",
  offset: "lrew-dlq-source-offset",
  failedAt: "lrew-dlq-failed-at",
} as const;

/** Kafka headers have no hard limit, but a reason longer than this helps nobody. */
const MAX_ERROR_CHARS = 8000;

export function deadLetter(
  original: { key?: string | Buffer | null; value: Buffer | string | null },
  reason: DeadLetterReason,
  now: Date = new Date(),
): OutgoingMessage {
  const headers: Record<string, string> = {
    [DLQ_HEADERS.stream]: reason.stream,
    [DLQ_HEADERS.stage]: reason.stage,
    [DLQ_HEADERS.error]: reason.error.slice(0, MAX_ERROR_CHARS),
    [DLQ_HEADERS.failedAt]: now.toISOString(),
  };
  if (reason.sourceTopic !== undefined) headers[DLQ_HEADERS.sourceTopic] = reason.sourceTopic;
  if (reason.partition !== undefined) headers[DLQ_HEADERS.partition] = String(reason.partition);
  if (reason.offset !== undefined) headers[DLQ_HEADERS.offset] = reason.offset;
  const key = original.key == null ? "" : original.key.toString();
  return { key, value: original.value ?? "", headers };
}

/** Reads the reason back from a dead-letter record's headers (for replay tools and tests). */
export function readDeadLetterReason(headers: Record<string, string | undefined>): DeadLetterReason {
  const partition = headers[DLQ_HEADERS.partition];
  return {
    stream: headers[DLQ_HEADERS.stream] ?? "",
    stage:
      headers[DLQ_HEADERS.stage] === "sink" || headers[DLQ_HEADERS.stage] === "notifier"
        ? (headers[DLQ_HEADERS.stage] as "sink" | "notifier")
        : "ingest",
    error: headers[DLQ_HEADERS.error] ?? "",
    ...(headers[DLQ_HEADERS.sourceTopic] !== undefined ? { sourceTopic: headers[DLQ_HEADERS.sourceTopic] } : {}),
    ...(partition !== undefined ? { partition: Number(partition) } : {}),
    ...(headers[DLQ_HEADERS.offset] !== undefined ? { offset: headers[DLQ_HEADERS.offset] } : {}),
  };
}
