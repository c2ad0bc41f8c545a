import { describe, expect, it } from "vitest";
import { hmacRef } from "@lrew/anonymity";
import { acceptEvent, normaliseStrings } from "./event-message.ts";

const HMAC_KEY = "test-hmac-key-".padEnd(64, "x");
const RECEIVED = new Date("2026-11-23T03:40:00Z"); // 10:40 in Vietnam
const opts = { topicPrefix: "t", hmacKey: HMAC_KEY, lang: "en" as const, receivedAt: RECEIVED };

describe("normaliseStrings", () => {
  it("NFC-normalises nested strings and keys", () => {
    const nfd = "Điện Biên".normalize("NFD");
    expect(normaliseStrings({ [nfd]: [nfd, 1, null, { a: nfd }] })).toEqual({ "Điện Biên": ["Điện Biên", 1, null, { a: "Điện Biên" }] });
    expect(normaliseStrings({ a: { b: ["x", nfd] } })).toEqual({ a: { b: ["x", "Điện Biên"] } });
  });

  it("takes a record that NFC leaves as it is without copying it", () => {
    const nfcAlready = { a: "Điện Biên", b: ["5600123456", 3], c: { d: null } };
    expect(normaliseStrings(nfcAlready)).toBe(nfcAlready);
  });

  it("leaves what lies deeper than any contract nests as it is", () => {
    let deep: unknown = "Điện Biên".normalize("NFD");
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(normaliseStrings(deep)).toEqual(deep);
  });
});

describe("acceptEvent", () => {
  const grievance = {
    event_id: "0b7f9f1e-4c7a-4d0e-9a55-000000000001",
    grievance_id: "G-2026-0001",
    enterprise_id: "5600123456",
    occurred_at: "2026-11-23T08:30:00+07:00",
    channel: "hotline",
    category: "bonus",
    severity: 3,
    workers_involved: 120,
    status: "open",
    summary: "Thưởng Tết chưa trả; liên hệ chị Hương 0912 345 678".normalize("NFD"),
    complainant_ref: "Nguyễn Thị Hương".normalize("NFD"),
  };

  it("keys by enterprise, names the event and schema in headers, normalises and anonymises a grievance", () => {
    const r = acceptEvent("grievances", grievance, opts);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.message.key).toBe("5600123456");
    expect(r.message.headers).toEqual({
      event_id: grievance.event_id,
      "content-type": "application/json",
      "lrew-schema": "t.grievances.v1",
    });
    const value = r.message.value as string;
    expect(value).toBe(value.normalize("NFC"));
    const stored = JSON.parse(value) as Record<string, unknown>;
    expect(stored.summary).toContain("Thưởng Tết chưa trả");
    expect(value).not.toContain("0912 345 678");
    expect(stored.complainant_ref).toBe(hmacRef("Nguyễn Thị Hương", HMAC_KEY));
  });

  it("sends an enterprise update without event_id with the derived one, in the value and the header", () => {
    const r = acceptEvent(
      "enterprises",
      {
        enterprise_id: "5600123456",
        name: "Công ty TNHH May mặc Điện Biên Phủ",
        area_code: "DB-TG",
        sector: "garment",
        ownership: "private",
        workforce: 300,
        has_union: true,
        union_unit_id: "CDCS-1",
        updated_at: "2026-11-02T08:00:00+07:00",
      },
      opts,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const id = (JSON.parse(r.message.value as string) as { event_id: string }).event_id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.message.headers?.event_id).toBe(id);
  });

  it("returns the contract's errors in the asked language, and the record as it was checked", () => {
    const r = acceptEvent("grievances", { ...grievance, severity: 0 }, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(["severity"]);
    expect((r.normalised as { complainant_ref: string }).complainant_ref).toBe("Nguyễn Thị Hương".normalize("NFC"));
  });

  it("stamps the receive time as received_at on an event without one, and keeps a provider's own", () => {
    const live = acceptEvent("grievances", grievance, opts);
    if (!live.ok) throw new Error(JSON.stringify(live.errors));
    expect(JSON.parse(live.message.value as string).received_at).toBe("2026-11-23T10:40:00.000+07:00");
    const backfill = acceptEvent("grievances", { ...grievance, received_at: "2026-11-23T09:00:00+07:00" }, opts);
    if (!backfill.ok) throw new Error(JSON.stringify(backfill.errors));
    expect(JSON.parse(backfill.message.value as string).received_at).toBe("2026-11-23T09:00:00+07:00");
  });

  it("refuses a received_at later than the receive time (beyond the clock skew), on the field", () => {
    const r = acceptEvent("grievances", { ...grievance, received_at: "2026-11-23T10:46:00+07:00" }, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(["received_at"]);
  });
});
