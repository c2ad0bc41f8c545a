// The three kinds of failure lrew distinguishes. Code decides what to do by class, never by
// matching message text:
// - RetryableError: a dependency is unavailable for now (Kafka, ClickHouse, SMTP); wait and retry,
//   never drop the data.
// - BadInputError: this record or request is wrong; tell the sender / dead-letter it, carry on.
// - FatalError: configuration or programming fault; stop with a clear message.

export class LrewError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class RetryableError extends LrewError {}
export class BadInputError extends LrewError {}
export class FatalError extends LrewError {}

/** Configuration that cannot run: names every offending setting. */
export class ConfigError extends FatalError {}

export function isRetryable(err: unknown): err is RetryableError {
  return err instanceof RetryableError;
}

export function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
