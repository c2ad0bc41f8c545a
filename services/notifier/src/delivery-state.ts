// The delivery state machine, pure: apart from Kafka, ClickHouse and SMTP so it can be tested alone
// (delivery.ts runs it against the delivery log and the SMTP server).
//
// At-least-once consumption, at-most-once sending: the delivery log (alert_deliveries) is read
// before every send. A row left at 'sending' means a process died between the SMTP send and
// recording its outcome: the e-mail may have gone out, so it is never sent again — it is marked
// 'uncertain' for operators instead.
import { backoffMs } from "@lrew/kafka";
import type { DeliveryRow } from "@lrew/warehouse";

export { DELIVERY_STATUSES, type DeliveryKind, type DeliveryStatus } from "@lrew/warehouse";

/** The latest row of the log for one (alert_id, recipient). */
export type DeliveryState = Pick<DeliveryRow, "status" | "attempts" | "error" | "message_id">;

export type SendDecision =
  /** Write 'sending' with this attempt number, then send. */
  | { action: "send"; attempt: number }
  /** Do not send; nothing to write. */
  | { action: "skip"; reason: "already_sent" | "parked" | "uncertain" | "pending_digest" }
  /** A previous process died after 'sending': do not resend; record 'uncertain'. */
  | { action: "mark_uncertain" }
  /** Attempts used up by earlier processes: record 'parked'. */
  | { action: "park"; attempts: number };

export function decideSend(state: DeliveryState | undefined, maxAttempts: number): SendDecision {
  if (state === undefined) return { action: "send", attempt: 1 };
  switch (state.status) {
    case "sent":
      return { action: "skip", reason: "already_sent" };
    case "sending":
      return { action: "mark_uncertain" };
    case "uncertain":
      return { action: "skip", reason: "uncertain" };
    case "parked":
      return { action: "skip", reason: "parked" };
    case "pending_digest":
      return { action: "skip", reason: "pending_digest" };
    case "failed":
      return state.attempts >= maxAttempts ? { action: "park", attempts: state.attempts } : { action: "send", attempt: state.attempts + 1 };
  }
}

/** Whether a digest unit's alert still needs its 'pending_digest' row (none yet, or only a failed one). */
export function needsPendingRow(state: DeliveryState | undefined): boolean {
  return state === undefined;
}

export type FailureKind = "transient" | "permanent";

/**
 * SMTP failures: a 5xx reply is the server's final word about this message or recipient (unknown
 * mailbox, message refused); everything else — 4xx replies, refused connections, timeouts, TLS and
 * authentication trouble — may pass, so it is retried.
 */
export function classifySmtpFailure(err: unknown): FailureKind {
  const e = err as { responseCode?: unknown; code?: unknown } | null;
  const code = typeof e?.responseCode === "number" ? e.responseCode : undefined;
  if (code !== undefined && code >= 500 && code < 600) return "permanent";
  return "transient";
}

export type FailureDecision = { action: "retry"; waitMs: number } | { action: "park" };

/** After attempt number `attempt` failed: wait and retry, or park the e-mail. */
export function decideAfterFailure(
  attempt: number,
  maxAttempts: number,
  kind: FailureKind,
  baseMs: number,
  capMs = 300_000,
): FailureDecision {
  if (kind === "permanent" || attempt >= maxAttempts) return { action: "park" };
  return { action: "retry", waitMs: retryDelayMs(attempt, baseMs, capMs) };
}

/** Wait after the n-th failed attempt (n ≥ 1): base, 2·base, 4·base, … up to cap. */
export function retryDelayMs(attempt: number, baseMs: number, capMs = 300_000): number {
  return backoffMs(attempt - 1, baseMs, capMs);
}

/** Strictly increasing timestamps for the log, so two writes in one millisecond keep their order. */
export function monotonicClock(now: () => number = Date.now): () => Date {
  let last = 0;
  return () => {
    last = Math.max(now(), last + 1);
    return new Date(last);
  };
}
