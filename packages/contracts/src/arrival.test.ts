import { describe, expect, it } from "vitest";
import { ownTimeOf, RECEIVED_AT_MAX_SKEW_MS, stampArrival } from "./arrival.ts";
import { message } from "./messages.ts";
import type { StreamEvent } from "./streams.ts";
import { validateRecord } from "./validate.ts";

const wage: StreamEvent<"wage-arrears"> = {
  event_id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
  enterprise_id: "5600123456",
  reported_at: "2026-11-25T14:00:00+07:00",
  period: "2026-10",
  amount_owed_vnd: 1,
  workers_affected: 1,
  status: "outstanding",
  source: "union",
};
const NOW = new Date("2026-11-26T03:00:00Z"); // 10:00 in Vietnam

describe("stampArrival", () => {
  it("stamps lrew's receive time, in Vietnam time, on an event without received_at", () => {
    const r = stampArrival(wage, NOW);
    expect(r).toEqual({ ok: true, event: { ...wage, received_at: "2026-11-26T10:00:00.000+07:00" } });
    // The stamp is itself a valid contract time: the sink reads it back.
    expect(validateRecord("wage-arrears", r.ok ? r.event : undefined).ok).toBe(true);
  });

  it("keeps a received_at in the past, and one up to the allowed clock skew ahead", () => {
    const backfill = { ...wage, received_at: "2025-01-02T08:00:00+07:00" };
    expect(stampArrival(backfill, NOW)).toEqual({ ok: true, event: backfill });
    const ahead = { ...wage, received_at: new Date(NOW.getTime() + RECEIVED_AT_MAX_SKEW_MS).toISOString() };
    expect(stampArrival(ahead, NOW)).toEqual({ ok: true, event: ahead });
  });

  it("refuses a received_at later than the receive time plus the skew, naming the field in the caller's language", () => {
    const future = { ...wage, received_at: new Date(NOW.getTime() + RECEIVED_AT_MAX_SKEW_MS + 1).toISOString() };
    expect(stampArrival(future, NOW)).toEqual({
      ok: false,
      errors: [{ path: "received_at", message: message("received_at_future", "vi") }],
    });
    expect(stampArrival(future, NOW, "en")).toEqual({
      ok: false,
      errors: [{ path: "received_at", message: message("received_at_future", "en") }],
    });
  });
});

describe("ownTimeOf", () => {
  it("is reported_at, else the time the fact happened, and updated_at for the registry", () => {
    expect(ownTimeOf("wage-arrears", wage)).toBe(wage.reported_at);
    expect(ownTimeOf("grievances", { occurred_at: "a" })).toBe("a");
    expect(ownTimeOf("grievances", { occurred_at: "a", reported_at: "b" })).toBe("b");
    expect(ownTimeOf("incidents", { started_at: "c" })).toBe("c");
    expect(ownTimeOf("enterprises", { updated_at: "d", reported_at: "x" })).toBe("d");
    expect(ownTimeOf("insurance-contributions", {})).toBeUndefined();
  });
});
