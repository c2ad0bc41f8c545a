// The operators' side of the delivery log (`./lrew deliveries uncertain|resend`). An e-mail whose
// sending was interrupted (the process died between the SMTP send and recording it) is marked
// 'uncertain' and never sent again by the notifier: it may have arrived. Someone who has checked
// that it did not can send it deliberately, once, and the log records that like any other sending.
//   planResend (pure): which recipients of one alert and unit may be sent by hand, and why not;
//   listUncertain / resendAlert: the thin I/O against the delivery log, the alerts table and SMTP.
// No retries and no waiting: an operator is there to read the outcome and run it again.
import { describe as describeError } from "@lrew/errors";
import { createLogger } from "@lrew/telemetry";
import {
  formatUtc,
  selectDeliveriesByStatus,
  selectPublishedAlert,
  selectUnitDeliveries,
  writeDeliveries,
  type DeliveryForOperator,
  type DeliveryRow,
  type Warehouse,
} from "@lrew/warehouse";
import { emailTo, renderAlert, validateAlert, type UnionUnits } from "./alerts-adapter.ts";
import { monotonicClock, type DeliveryState, type DeliveryStatus } from "./delivery-state.ts";
import { DIGEST_ID_PREFIX } from "./digest.ts";
import type { Mailer } from "./mailer.ts";

const log = createLogger("notifier.resend");

/** Why a recipient is not sent by hand. */
export type ResendRefusal =
  /** The log shows the e-mail went out: never twice. */
  | "already_sent"
  /** 'sending' or 'failed': a notifier is (or was, and will be again on redelivery) at it. */
  | "in_progress"
  /** Goes out with the unit's daily digest. */
  | "pending_digest";

export type ResendDecision = { action: "send"; attempt: number } | { action: "refuse"; reason: ResendRefusal };

/** Whether one recipient's latest state may be sent by hand: only after an interrupted or a given-up sending. */
export function decideResend(state: DeliveryState): ResendDecision {
  switch (state.status) {
    case "uncertain":
    case "parked":
      return { action: "send", attempt: state.attempts + 1 };
    case "sent":
      return { action: "refuse", reason: "already_sent" };
    case "sending":
    case "failed":
      return { action: "refuse", reason: "in_progress" };
    case "pending_digest":
      return { action: "refuse", reason: "pending_digest" };
  }
}

export type ResendPlan =
  /** Nothing to do for the whole request. */
  { ok: false; reason: "no_delivery" | "digest" } | { ok: true; recipients: Array<{ row: DeliveryRow; decision: ResendDecision }> };

/** The plan for one alert and unit from the log's rows of that pair (pure). */
export function planResend(alertId: string, rows: readonly DeliveryRow[]): ResendPlan {
  // A digest is made of the day's open enterprises, not of one alert: the next digest carries them.
  if (alertId.startsWith(DIGEST_ID_PREFIX)) return { ok: false, reason: "digest" };
  if (rows.length === 0) return { ok: false, reason: "no_delivery" };
  return { ok: true, recipients: rows.map((row) => ({ row, decision: decideResend(row) })) };
}

/** The e-mails whose sending was interrupted, newest first, with what is known of each. */
export function listUncertain(wh: Warehouse): Promise<DeliveryForOperator[]> {
  return selectDeliveriesByStatus(wh, ["uncertain"]);
}

export type ResendOutcome =
  | { recipient: string; outcome: "sent"; attempt: number; messageId: string }
  | { recipient: string; outcome: "parked"; attempt: number; error: string }
  | { recipient: string; outcome: "refused"; reason: ResendRefusal | "alert_unknown"; status: DeliveryStatus };

export interface ResendDeps {
  wh: Warehouse;
  mailer: Mailer;
  units: UnionUnits;
}

/**
 * Sends the alert by hand to the recipients of `unitId` the plan allows, recording each in the log:
 * 'sending' before, 'sent' after (or 'parked' with the SMTP error). The e-mail is the one the notifier
 * would have sent: the alert as published (alerts table), in the unit's language, same Message-ID (a
 * mail client that did receive the first shows one). Returns the plan's refusal, or one outcome per recipient.
 */
export async function resendAlert(
  deps: ResendDeps,
  alertId: string,
  unitId: string,
): Promise<{ ok: false; reason: "no_delivery" | "digest" } | { ok: true; outcomes: ResendOutcome[] }> {
  const plan = planResend(alertId, await selectUnitDeliveries(deps.wh, alertId, unitId));
  if (!plan.ok) return plan;
  const toSend = plan.recipients.filter((r) => r.decision.action === "send");
  const published = toSend.length > 0 ? await selectPublishedAlert(deps.wh, alertId) : undefined;
  const alert = published !== undefined ? validateAlert(published) : undefined;
  const language = deps.units.get(unitId)?.language ?? "vi";
  const clock = monotonicClock();
  const row = (r: DeliveryRow, status: DeliveryStatus, attempts: number, error: string | null, messageId: string): DeliveryRow => ({
    ...r,
    status,
    attempts,
    error,
    message_id: messageId,
    updated_at: formatUtc(clock().getTime(), "updated_at"),
  });
  const outcomes: ResendOutcome[] = [];
  for (const { row: r, decision } of plan.recipients) {
    if (decision.action === "refuse") {
      outcomes.push({ recipient: r.recipient, outcome: "refused", reason: decision.reason, status: r.status });
      continue;
    }
    if (!alert?.ok) {
      outcomes.push({ recipient: r.recipient, outcome: "refused", reason: "alert_unknown", status: r.status });
      continue;
    }
    const email = emailTo(r.recipient, renderAlert(alert.alert, language), alertId);
    await writeDeliveries(deps.wh, [
      row(r, "sending", decision.attempt, "sent by an operator (./lrew deliveries resend)", email.messageId),
    ]);
    try {
      await deps.mailer.send(email);
    } catch (err) {
      const error = `sent by an operator: ${describeError(err)}`;
      await writeDeliveries(deps.wh, [row(r, "parked", decision.attempt, error, email.messageId)]);
      log.error({ alert: alertId, unit: unitId, error }, "e-mail sent by an operator was refused");
      outcomes.push({ recipient: r.recipient, outcome: "parked", attempt: decision.attempt, error });
      continue;
    }
    await writeDeliveries(deps.wh, [row(r, "sent", decision.attempt, "sent by an operator (./lrew deliveries resend)", email.messageId)]);
    log.warn({ alert: alertId, unit: unitId, previous: r.status }, "e-mail sent by an operator");
    outcomes.push({ recipient: r.recipient, outcome: "sent", attempt: decision.attempt, messageId: email.messageId });
  }
  return { ok: true, outcomes };
}
