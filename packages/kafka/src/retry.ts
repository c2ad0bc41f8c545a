// lrew's one retry policy (planRetry: retryable failures only, growing capped backoff), in its two
// uses:
// - inside a batch handler (ClickHouse or Kafka down), the one way the sink and the notifier wait:
//   keep the work in hand, retry and heartbeat meanwhile, so nothing is dropped and the group does
//   not evict the consumer (retrying). When the consumer stops (or loses the partition) while
//   waiting, the work is abandoned uncommitted (StoppingError) and comes back to whoever reads the
//   partition next;
// - a one-off Kafka call — topic creation, an admin read, connecting a producer — on a cluster that
//   has just started or lost a broker and is electing leaders ("does not host this
//   topic-partition", "not the leader"): tried a bounded number of times, then the failure is
//   reported (retryingKafkaCall: ensureTopics, the chaos scenarios, the benchmarks).
//
// Failures are classified by type only (@lrew/errors): a RetryableError is waited out, anything else
// (BadInputError, FatalError, a programming error) propagates to the caller.
import { LrewError, describe as describeError, isRetryable } from "@lrew/errors";
import type { Logger } from "@lrew/telemetry";
import { backoffMs } from "./batches.ts";
import type { BatchControl } from "./consumer.ts";

/** Raised to abandon the work in hand without committing when the consumer is stopping. */
export class StoppingError extends LrewError {}

/** What a handler needs of its batch to wait: whether it may go on, and a heartbeat. */
export type WaitControl = Pick<BatchControl, "isActive" | "heartbeat">;

export type RetryStep =
  /** Wait this long, then try again. */
  | { action: "wait"; waitMs: number }
  /** The dependency is unavailable but the consumer is stopping: abandon the work, uncommitted. */
  | { action: "stop" }
  /** Not a failure that waiting can cure: let it propagate. */
  | { action: "fail" };

/** Pure: what to do after try number `attempt` (from 0) failed with `err`, while the consumer is (or is not) active. */
export function planRetry(err: unknown, attempt: number, active: boolean): RetryStep {
  if (!isRetryable(err)) return { action: "fail" };
  if (!active) return { action: "stop" };
  return { action: "wait", waitMs: backoffMs(attempt) };
}

/** Sleeps up to `ms`, heartbeating every second; returns early when the consumer stops. */
export async function sleepWithHeartbeat(ms: number, control: WaitControl): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && control.isActive()) {
    await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
    await control.heartbeat().catch(() => undefined);
  }
}

export interface RetryOptions {
  /** Named in logs and in the `retries` counter's `dependency` label, e.g. "clickhouse" or "kafka". */
  dependency: string;
  control: WaitControl;
  log: Logger;
  /** Counts each wait (a Prometheus counter with a `dependency` label). */
  retries: { inc(labels: { dependency: string }): void };
}

/** Runs fn until it succeeds, waiting with backoff while the dependency is unavailable. Never drops the work. */
export async function retrying<T>(o: RetryOptions, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const step = planRetry(err, attempt, o.control.isActive());
      if (step.action === "fail") throw err;
      if (step.action === "stop") throw new StoppingError(`stopping while waiting for ${o.dependency}`);
      o.retries.inc({ dependency: o.dependency });
      o.log.warn(
        { dependency: o.dependency, attempt, waitMs: step.waitMs, error: describeError(err) },
        `${o.dependency} unavailable; retrying`,
      );
      await sleepWithHeartbeat(step.waitMs, o.control);
    }
  }
}

/** How many times a one-off Kafka call is tried: with planRetry's backoff, about 30 s of waiting in all. */
export const KAFKA_CALL_ATTEMPTS = 8;

/**
 * Runs a one-off Kafka call again while it fails with a retryable error (the cluster electing
 * leaders, a broker briefly away), waiting as planRetry says, up to `attempts` tries; then, or at once
 * for an error waiting cannot cure, the failure propagates.
 */
export async function retryingKafkaCall<T>(fn: () => Promise<T>, attempts = KAFKA_CALL_ATTEMPTS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      // Out of tries counts as "not active": planRetry then says stop, and the failure is reported.
      const step = planRetry(err, attempt, attempt + 1 < attempts);
      if (step.action !== "wait") throw err;
      await new Promise((resolve) => setTimeout(resolve, step.waitMs));
    }
  }
}
