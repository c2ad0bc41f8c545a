import { describe, expect, it } from "vitest";
import { decodeMessage } from "./decode.ts";

const incident = {
  event_id: "0b8f2a6e-4a51-4c1e-9d51-4a5c2f1e9b10",
  enterprise_id: "5600123456",
  started_at: "2026-01-20T07:00:00+07:00",
  kind: "strike",
  lawful: false,
  workers_involved: 420,
  causes: ["bonus", "wage_arrears"],
};

describe("decodeMessage", () => {
  it("accepts a valid event", () => {
    const d = decodeMessage("incidents", Buffer.from(JSON.stringify(incident)));
    expect(d).toEqual({ ok: true, event: incident });
  });
  it("names the field when the contract is broken", () => {
    const d = decodeMessage("incidents", Buffer.from(JSON.stringify({ ...incident, workers_involved: 0 })));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(JSON.parse(d.error)[0].path).toBe("workers_involved");
  });
  it("refuses an incident that ends before it starts (already in Kafka from before v1.1): its dead letter says why", () => {
    const d = decodeMessage("incidents", Buffer.from(JSON.stringify({ ...incident, ended_at: "2026-01-19T16:00:00+07:00" })));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(JSON.parse(d.error)).toEqual([{ path: "ended_at", message: expect.stringContaining("ended_at") }]);
  });
  it("rejects tombstones, bad UTF-8 and non-JSON with a reason", () => {
    expect(decodeMessage("incidents", null)).toMatchObject({ ok: false });
    expect(decodeMessage("incidents", Buffer.from([0xff, 0xfe, 0x41]))).toEqual({ ok: false, error: "message value is not valid UTF-8" });
    const notJson = decodeMessage("incidents", Buffer.from("{nope"));
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error).toMatch(/^message value is not JSON/);
  });
});
