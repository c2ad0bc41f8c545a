// At most one e-mail per (alert_id, recipient): the delivery state machine (delivery-state.ts) run
// against the delivery log in ClickHouse and the SMTP server. The log is read before every send and
// written around it; while ClickHouse is unavailable nothing is sent, the consumer waits.
import { describe as describeError } from "@lrew/errors";
import { StoppingError, retrying, sleepWithHeartbeat, type WaitControl } from "@lrew/kafka";
import { createLogger, faultPoint } from "@lrew/telemetry";
import {
  deliveryKey,
  formatUtc,
  pendingDigestRows,
  readDeliveries,
  writeDeliveries,
  type DeliveryRow,
  type Warehouse,
} from "@lrew/warehouse";
import {
  classifySmtpFailure,
  decideAfterFailure,
  decideSend,
  monotonicClock,
  needsPendingRow,
  type DeliveryKind,
  type DeliveryStatus,
} from "./delivery-state.ts";
import type { Mailer, OutgoingEmail } from "./mailer.ts";
import { emails, retries } from "./metrics.ts";

const log = createLogger("notifier");

export interface DeliverySettings {
  /** SMTP attempts before an e-mail is parked. */
  maxAttempts: number;
  /** Wait before the second attempt; doubles. */
  retryBaseMs: number;
}

/** Which e-mail: one alert (or one digest) to one recipient of one union unit. */
export interface DeliveryKey {
  alertId: string;
  recipient: string;
  unitId: string;
  kind: DeliveryKind;
}

export class Deliveries {
  #wh: Warehouse;
  #mailer: Mailer;
  #s: DeliverySettings;
  #clock = monotonicClock();

  constructor(wh: Warehouse, mailer: Mailer, settings: DeliverySettings) {
    this.#wh = wh;
    this.#mailer = mailer;
    this.#s = settings;
  }

  /** Sends the e-mail `build` makes unless the delivery log says it went out (or may have) already. */
  async deliver(key: DeliveryKey, build: () => OutgoingEmail, control: WaitControl): Promise<DeliveryStatus | "skipped"> {
    const { maxAttempts, retryBaseMs } = this.#s;
    const states = await this.#retrying(control, () => readDeliveries(this.#wh, [key.alertId]));
    const state = states.get(deliveryKey(key.alertId, key.recipient));
    const decision = decideSend(state, maxAttempts);
    const row = (status: DeliveryStatus, attempts: number, error: string | null, messageId = "") =>
      this.#row(key, status, attempts, error, messageId);
    switch (decision.action) {
      case "skip":
        emails.inc({ kind: key.kind, outcome: "skipped" });
        log.debug({ alert: key.alertId, reason: decision.reason }, "not sending again");
        return "skipped";
      case "mark_uncertain":
        await this.#write(control, [
          row(
            "uncertain",
            state?.attempts ?? 1,
            "found 'sending' on redelivery: the process stopped between sending and recording; not resent",
            state?.message_id,
          ),
        ]);
        emails.inc({ kind: key.kind, outcome: "uncertain" });
        log.warn({ alert: key.alertId, unit: key.unitId }, "delivery uncertain (process died while sending); not resending");
        return "uncertain";
      case "park":
        await this.#write(control, [row("parked", decision.attempts, state?.error ?? "attempts used up")]);
        emails.inc({ kind: key.kind, outcome: "parked" });
        return "parked";
      case "send":
        break;
    }
    const email = build();
    for (let attempt = decision.attempt; ; attempt++) {
      await this.#write(control, [row("sending", attempt, null, email.messageId)]);
      try {
        await this.#mailer.send(email);
      } catch (err) {
        const kind = classifySmtpFailure(err);
        const error = describeError(err);
        const next = decideAfterFailure(attempt, maxAttempts, kind, retryBaseMs);
        if (next.action === "park") {
          await this.#write(control, [row("parked", attempt, error, email.messageId)]);
          emails.inc({ kind: key.kind, outcome: "parked" });
          log.error({ alert: key.alertId, unit: key.unitId, attempt, error }, "e-mail parked after failures");
          return "parked";
        }
        await this.#write(control, [row("failed", attempt, error, email.messageId)]);
        emails.inc({ kind: key.kind, outcome: "failed" });
        log.warn({ alert: key.alertId, attempt, waitMs: next.waitMs, error }, "SMTP send failed; retrying");
        await sleepWithHeartbeat(next.waitMs, control);
        if (!control.isActive()) throw new StoppingError("stopping between SMTP attempts");
        continue;
      }
      faultPoint("notifier.after-send");
      await this.#write(control, [row("sent", attempt, null, email.messageId)]);
      emails.inc({ kind: key.kind, outcome: "sent" });
      log.info({ alert: key.alertId, unit: key.unitId, kind: key.kind }, "e-mail sent");
      return "sent";
    }
  }

  /** Records the alert as waiting for the unit's digest, for the recipients without a row yet. Returns how many. */
  async recordPendingDigest(alertId: string, unitId: string, recipients: readonly string[], control: WaitControl): Promise<number> {
    const states = await this.#retrying(control, () => readDeliveries(this.#wh, [alertId]));
    const rows = recipients
      .filter((r) => needsPendingRow(states.get(deliveryKey(alertId, r))))
      .map((r) => this.#row({ alertId, recipient: r, unitId, kind: "digest" }, "pending_digest", 0, null));
    await this.#write(control, rows);
    return rows.length;
  }

  /** The alerts waiting for this unit's digest went out with it (Message-ID `messageId`). */
  async markDigestSent(unitId: string, messageId: string, control: WaitControl): Promise<void> {
    const waiting = await pendingDigestRows(this.#wh, unitId);
    await this.#write(
      control,
      waiting.map((w) => this.#row({ alertId: w.alert_id, recipient: w.recipient, unitId, kind: "digest" }, "sent", 1, null, messageId)),
    );
  }

  #row(key: DeliveryKey, status: DeliveryStatus, attempts: number, error: string | null, messageId = ""): DeliveryRow {
    return {
      alert_id: key.alertId,
      recipient: key.recipient,
      unit_id: key.unitId,
      kind: key.kind,
      status,
      attempts,
      error,
      message_id: messageId,
      updated_at: formatUtc(this.#clock().getTime(), "updated_at"),
    };
  }

  async #write(control: WaitControl, rows: DeliveryRow[]): Promise<void> {
    await this.#retrying(control, () => writeDeliveries(this.#wh, rows));
  }

  #retrying<T>(control: WaitControl, fn: () => Promise<T>): Promise<T> {
    return retrying({ dependency: "clickhouse", control, log, retries }, fn);
  }
}
