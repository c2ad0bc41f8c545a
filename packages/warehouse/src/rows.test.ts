import { describe, expect, it } from "vitest";
import { STREAM_NAMES, deterministicUuid, type StreamEvent } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { toRow, tableOf } from "./rows.ts";
import { enterprise, grievance, incident, insuranceContribution, meta, VIETNAMESE_NAME, wageArrears } from "./test-fixtures.ts";

const source = {
  _topic: "lrew.test.v1",
  _partition: 0,
  _offset: "42",
  _ingested_at: "2026-11-23 02:00:00.123",
  // An event without received_at (produced before it existed) arrived when the sink wrote it.
  received_at: "2026-11-23 02:00:00.123",
};

describe("tableOf", () => {
  it("names one table per stream", () => {
    expect(STREAM_NAMES.map(tableOf)).toEqual([
      "enterprises",
      "grievances",
      "wage_arrears",
      "insurance_contributions",
      "incidents",
      "union_fees",
      "case_actions",
    ]);
  });
});

describe("toRow", () => {
  it("maps enterprises, converting updated_at to UTC and keeping Vietnamese text", () => {
    expect(toRow("enterprises", enterprise(), meta("42"))).toEqual({
      event_id: "0b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e01",
      enterprise_id: "5600123456",
      name: VIETNAMESE_NAME,
      area_code: "DBP",
      sector: "garment",
      ownership: "fdi",
      workforce: 850,
      has_union: false,
      union_unit_id: "ldld-dbp",
      investor_country: "",
      updated_at: "2026-11-23 01:30:00.000",
      ...source,
    });
  });

  it("stores an event's received_at in UTC", () => {
    const row = toRow("wage-arrears", wageArrears({ received_at: "2026-11-21T09:15:00+07:00" }), meta("42"));
    expect(row.received_at).toBe("2026-11-21 02:15:00.000");
  });

  it("derives an enterprise event_id as ingest does when it is absent", () => {
    const { event_id: _, ...noId } = enterprise();
    const row = toRow("enterprises", noId, meta("42"));
    expect(row.event_id).toBe(deterministicUuid("enterprises|5600123456|2026-11-23T08:30:00+07:00"));
  });

  it("maps grievances; reported_at defaults to occurred_at", () => {
    expect(toRow("grievances", grievance(), meta("42"))).toEqual({
      event_id: "1b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e02",
      grievance_id: "G-2026-001",
      enterprise_id: "5600123456",
      occurred_at: "2026-11-23 01:30:00.000",
      reported_at: "2026-11-23 01:30:00.000",
      channel: "hotline",
      category: "wage_arrears",
      severity: 3,
      workers_involved: 40,
      status: "open",
      summary: "Công nhân chưa được trả lương tháng 10, liên hệ ***",
      complainant_ref: "a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778",
      ...source,
    });
    const later = toRow(
      "grievances",
      grievance({ reported_at: "2026-11-24T10:00:00+07:00", summary: undefined, complainant_ref: undefined }),
      meta("42"),
    );
    expect(later.reported_at).toBe("2026-11-24 03:00:00.000");
    expect(later.summary).toBeNull();
    expect(later.complainant_ref).toBeNull();
  });

  it("maps wage arrears with the period as a date", () => {
    expect(toRow("wage-arrears", wageArrears(), meta("42"))).toEqual({
      event_id: "2b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e03",
      enterprise_id: "5600123456",
      reported_at: "2026-11-20 02:00:00.000",
      period: "2026-10-01",
      amount_owed_vnd: 4_021_500_000,
      workers_affected: 850,
      status: "outstanding",
      source: "labour_inspectorate",
      ...source,
    });
  });

  it("maps insurance contributions", () => {
    expect(toRow("insurance-contributions", insuranceContribution(), meta("42"))).toEqual({
      event_id: "3b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e04",
      enterprise_id: "5600123456",
      period: "2026-10-01",
      scheme: "social",
      amount_due_vnd: 705_512_500,
      amount_paid_vnd: 0,
      insured_workers: 830,
      reported_at: "2026-11-05 00:00:00.000",
      ...source,
    });
  });

  it("maps incidents; ended_at null when absent, reported_at defaults to started_at", () => {
    expect(toRow("incidents", incident(), meta("42"))).toEqual({
      event_id: "4b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e05",
      enterprise_id: "5600123456",
      started_at: "2026-12-01 00:00:00.000",
      ended_at: null,
      reported_at: "2026-12-01 00:00:00.000",
      kind: "strike",
      lawful: false,
      workers_involved: 600,
      causes: ["wage_arrears", "social_insurance"],
      ...source,
    });
    const ended = toRow("incidents", incident({ ended_at: "2026-12-03T17:00:00+07:00" }), meta("42"));
    expect(ended.ended_at).toBe("2026-12-03 10:00:00.000");
  });

  it("keeps offsets beyond 2^53 exact", () => {
    expect(toRow("incidents", incident(), meta("18446744073709551615"))._offset).toBe("18446744073709551615");
  });

  // The contract itself (a severity of 9, an unknown field) is checked once, before mapping, by
  // validateRecord (the sink's decode step); what mapping refuses is what cannot be stored.
  it("throws BadInputError when the event cannot be mapped", () => {
    const bad = (f: () => unknown) => expect(f).toThrow(BadInputError);
    bad(() => toRow("grievances", grievance({ occurred_at: "yesterday" }), meta("1")));
    bad(() => toRow("grievances", grievance({ occurred_at: "2026-02-30T00:00:00+07:00" }), meta("1")));
    bad(() => toRow("wage-arrears", wageArrears({ period: "2026-13" }), meta("1")));
    bad(() => toRow("incidents", { enterprise_id: "5600123456" } as StreamEvent<"incidents">, meta("1")));
    bad(() => toRow("incidents", null as unknown as StreamEvent<"incidents">, meta("1")));
    bad(() => toRow("incidents", incident({ started_at: "1800-01-01T00:00:00Z" }), meta("1")));
    bad(() => toRow("incidents", incident(), meta("-1")));
    bad(() => toRow("incidents", incident(), meta("18446744073709551616")));
    bad(() => toRow("incidents", incident(), { ...meta("1"), partition: 70000 }));
    bad(() => toRow("nope" as "incidents", incident(), meta("1")));
  });

  it("names the offending field", () => {
    expect(() => toRow("grievances", grievance({ occurred_at: "yesterday" }), meta("1"))).toThrow(/occurred_at/);
  });
});
