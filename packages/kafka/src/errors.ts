import { BadInputError, RetryableError } from "@lrew/errors";

/** The broker did not acknowledge in time or cannot be reached: nothing was accepted, retry later. */
export class KafkaUnavailableError extends RetryableError {}

/** The broker refused the record itself (e.g. larger than the topic allows): retrying will not help. */
export class KafkaRecordRejectedError extends BadInputError {}

// Broker error types that mean "this record", not "the broker": see Kafka's protocol error codes.
const RECORD_ERRORS = new Set(["MESSAGE_TOO_LARGE", "INVALID_RECORD", "CORRUPT_MESSAGE", "RECORD_LIST_TOO_LARGE", "INVALID_TIMESTAMP"]);

/** Pure: how a kafkajs failure should be treated. Decides by error class and protocol type, never by message text. */
export function classifyKafkaError(err: unknown): KafkaUnavailableError | KafkaRecordRejectedError {
  if (err instanceof KafkaUnavailableError || err instanceof KafkaRecordRejectedError) return err;
  const e = err as { name?: string; type?: string; message?: string } | undefined;
  const message = e?.message ?? String(err);
  if (e?.name === "KafkaJSProtocolError" && e.type && RECORD_ERRORS.has(e.type)) {
    return new KafkaRecordRejectedError(`Kafka rejected the record (${e.type}): ${message}`, { cause: err });
  }
  return new KafkaUnavailableError(`Kafka unavailable: ${message}`, { cause: err });
}
