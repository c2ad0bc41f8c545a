import { describe, expect, it } from "vitest";
import type { DeliveryRow } from "@lrew/warehouse";
import { DELIVERY_STATUSES, type DeliveryStatus } from "./delivery-state.ts";
import { decideResend, planResend } from "./resend.ts";

const row = (status: DeliveryStatus, attempts = 1, recipient = "ldld@example.vn"): DeliveryRow => ({
  alert_id: "a-1",
  recipient,
  unit_id: "LDLD-TG",
  kind: "immediate",
  status,
  attempts,
  error: null,
  message_id: "<a-1@lrew.invalid>",
  updated_at: "2026-11-23 01:00:00.000",
});

describe("decideResend", () => {
  it("sends by hand only what was interrupted or given up, as the next attempt", () => {
    expect(decideResend(row("uncertain", 1))).toEqual({ action: "send", attempt: 2 });
    expect(decideResend(row("parked", 5))).toEqual({ action: "send", attempt: 6 });
  });

  it("never sends what the log shows sent, nor what a notifier is at, nor what waits for the digest", () => {
    expect(decideResend(row("sent"))).toEqual({ action: "refuse", reason: "already_sent" });
    expect(decideResend(row("sending"))).toEqual({ action: "refuse", reason: "in_progress" });
    expect(decideResend(row("failed", 2))).toEqual({ action: "refuse", reason: "in_progress" });
    expect(decideResend(row("pending_digest", 0))).toEqual({ action: "refuse", reason: "pending_digest" });
  });

  it("decides every status", () => {
    for (const s of DELIVERY_STATUSES) expect(decideResend(row(s)).action).toMatch(/^(send|refuse)$/);
  });
});

describe("planResend", () => {
  it("refuses a pair the log does not know, and digests", () => {
    expect(planResend("a-1", [])).toEqual({ ok: false, reason: "no_delivery" });
    expect(planResend("digest:LDLD-MC:2026-11-23", [row("uncertain")])).toEqual({ ok: false, reason: "digest" });
  });

  it("decides each recipient of the unit on its own", () => {
    const plan = planResend("a-1", [row("uncertain", 1, "a@example.vn"), row("sent", 1, "b@example.vn")]);
    expect(plan.ok && plan.recipients.map((r) => [r.row.recipient, r.decision.action])).toEqual([
      ["a@example.vn", "send"],
      ["b@example.vn", "refuse"],
    ]);
  });
});
