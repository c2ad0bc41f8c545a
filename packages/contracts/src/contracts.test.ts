// The v1 event contracts as data providers meet them: what is accepted, what is refused, and
// which path and message a refusal names.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isPeriod,
  periodIndex,
  periodOf,
  CHANNELS,
  GRIEVANCE_CATEGORIES,
  GRIEVANCE_STATUSES,
  INCIDENT_KINDS,
  INSURANCE_SCHEMES,
  OWNERSHIPS,
  SECTORS,
  STREAM_NAMES,
  WAGE_ARREARS_SOURCES,
  WAGE_ARREARS_STATUSES,
  apiErrorSchema,
  deadLetterTopicOf,
  deterministicUuid,
  ingestResponseSchema,
  MAX_LISTED_REJECTIONS,
  instantMs,
  isIsoWithOffset,
  isMessageCode,
  isStreamName,
  message,
  streamOfTopic,
  streamSchemas,
  topicOf,
  validateRecord,
  type FieldError,
  type Lang,
  type MessageCode,
  type StreamName,
} from "./index.ts";

// ---------------------------------------------------------------------------------------------
// Valid examples, one per stream, with Vietnamese text where the contract has free text.

const EXAMPLES: Record<StreamName, Record<string, unknown>> = {
  enterprises: {
    event_id: "0b9d6f2e-3c41-4a57-9e0a-5d2f8c7b1a64",
    enterprise_id: "5600123456",
    name: "Công ty TNHH May mặc Điện Biên Phủ",
    area_code: "muong-nhe",
    sector: "garment",
    ownership: "private",
    workforce: 850,
    has_union: true,
    union_unit_id: "CĐCS-May-mặc-ĐBP",
    investor_country: "KR",
    updated_at: "2026-11-20T09:00:00+07:00",
    received_at: "2026-11-20T10:00:00+07:00",
  },
  grievances: {
    event_id: "6f1c2a9e-8b7d-4e3f-a1b2-c3d4e5f60718",
    grievance_id: "KN-2026-000123",
    enterprise_id: "5600123456-001",
    occurred_at: "2026-11-23T08:30:00+07:00",
    reported_at: "2026-11-23T10:05:00+07:00",
    received_at: "2026-11-23T10:05:00+07:00",
    channel: "hotline",
    category: "bonus",
    severity: 3,
    workers_involved: 120,
    status: "open",
    summary: "Công nhân xưởng may Mường Nhé phản ánh chưa được thông báo thưởng Tết, lương tháng 10 trả chậm.",
    complainant_ref: "Đường dây nóng/Nguyễn Thị Hằng",
  },
  "wage-arrears": {
    event_id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    enterprise_id: "5600123456",
    reported_at: "2026-11-25T14:00:00+07:00",
    received_at: "2026-11-26T08:00:00+07:00",
    period: "2026-10",
    amount_owed_vnd: 496_800_000,
    workers_affected: 120,
    status: "outstanding",
    source: "labour_inspectorate",
  },
  "insurance-contributions": {
    event_id: "3e2d1c0b-a987-4654-b321-0fedcba98765",
    enterprise_id: "5600123456",
    period: "2026-10",
    scheme: "social",
    amount_due_vnd: 1_083_750_000,
    amount_paid_vnd: 0,
    insured_workers: 850,
    reported_at: "2026-11-10T00:00:00Z",
    received_at: "2026-11-10T03:00:00Z",
  },
  incidents: {
    event_id: "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
    incident_id: "TTLĐ-ĐB-2027-0003",
    enterprise_id: "5600123456",
    started_at: "2027-01-18T07:00:00+07:00",
    ended_at: "2027-01-20T16:30:00+07:00",
    reported_at: "2027-01-18T09:15:00+07:00",
    received_at: "2027-01-18T09:15:00+07:00",
    kind: "strike",
    lawful: false,
    workers_involved: 470,
    causes: ["wage_arrears", "social_insurance", "bonus"],
  },
  "union-fees": {
    event_id: "d2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60",
    enterprise_id: "5600123456",
    period: "2026-10",
    payroll_base_vnd: 4_250_000_000,
    amount_due_vnd: 85_000_000,
    amount_paid_vnd: 0,
    relief: { kind: "deferral", from: "2026-09", to: "2027-02", decision_ref: "125/QĐ-LĐLĐ" },
    reported_at: "2026-11-12T10:00:00+07:00",
    received_at: "2026-11-12T10:05:00+07:00",
  },
  "case-actions": {
    event_id: "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
    enterprise_id: "5600123456",
    alert_id: "7d2c5a1e-4b3f-4e8d-9a6c-2f1e0d9c8b7a",
    action: "workplace_dialogue",
    occurred_on: "2026-11-26",
    officer: "Lò Văn Thắng",
    union_unit_id: "LDLD-TG",
    note: "Đã làm việc với giám đốc nhân sự tại xưởng Tuần Giáo, hẹn trả lương tháng 10 trước 30/11.",
    received_at: "2026-11-26T16:00:00+07:00",
  },
};

/** Required fields as the brief lists them (plus event_id, which the brief requires except for enterprises). */
const REQUIRED: Record<StreamName, readonly string[]> = {
  enterprises: ["enterprise_id", "name", "area_code", "sector", "ownership", "workforce", "has_union", "union_unit_id", "updated_at"],
  grievances: ["event_id", "grievance_id", "enterprise_id", "occurred_at", "channel", "category", "severity", "workers_involved", "status"],
  "wage-arrears": ["event_id", "enterprise_id", "reported_at", "period", "amount_owed_vnd", "workers_affected", "status", "source"],
  "insurance-contributions": [
    "event_id",
    "enterprise_id",
    "period",
    "scheme",
    "amount_due_vnd",
    "amount_paid_vnd",
    "insured_workers",
    "reported_at",
  ],
  incidents: ["event_id", "enterprise_id", "started_at", "kind", "lawful", "workers_involved", "causes"],
  "union-fees": ["event_id", "enterprise_id", "period", "payroll_base_vnd", "amount_due_vnd", "amount_paid_vnd", "reported_at"],
  "case-actions": ["event_id", "enterprise_id", "action", "occurred_on", "officer", "union_unit_id"],
};

const OPTIONAL: Record<StreamName, readonly string[]> = {
  enterprises: ["event_id", "investor_country", "received_at"],
  grievances: ["reported_at", "summary", "complainant_ref", "received_at"],
  "wage-arrears": ["received_at"],
  "insurance-contributions": ["received_at"],
  incidents: ["incident_id", "ended_at", "reported_at", "received_at"],
  "union-fees": ["relief", "received_at"],
  "case-actions": ["alert_id", "note", "received_at"],
};

const example = (stream: StreamName, patch: Record<string, unknown> = {}) => ({ ...structuredClone(EXAMPLES[stream]), ...patch });

const without = (stream: StreamName, ...fields: string[]) => {
  const record = example(stream);
  for (const f of fields) delete record[f];
  return record;
};

function errorsOf(stream: StreamName, record: unknown, lang?: Lang): FieldError[] {
  const r = validateRecord(stream, record, lang);
  return r.ok ? [] : r.errors;
}

/** JSON for assertion messages, also for values JSON cannot hold. */
const describe_ = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));

const pathsOf = (stream: StreamName, record: unknown) => errorsOf(stream, record).map((e) => e.path);

/** Asserts the record is refused with exactly one error, at `path`; returns that error. */
function expectRefusedAt(stream: StreamName, record: unknown, path: string, lang?: Lang): FieldError {
  const errors = errorsOf(stream, record, lang);
  expect(
    errors.map((e) => e.path),
    describe_(record),
  ).toEqual([path]);
  expect(errors[0]!.message.length).toBeGreaterThan(0);
  return errors[0]!;
}

function expectAccepted(stream: StreamName, record: unknown) {
  const r = validateRecord(stream, record);
  if (!r.ok) expect.fail(`${stream} refused ${JSON.stringify(record)}: ${JSON.stringify(r.errors)}`);
  return r.event as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------

describe.each(STREAM_NAMES)("stream %s", (stream) => {
  it("accepts the valid example and keeps its text intact (diacritics included)", () => {
    const event = expectAccepted(stream, example(stream));
    expect(event).toEqual(EXAMPLES[stream]);
  });

  it("accepts the example after a JSON round trip (what arrives over HTTP and Kafka)", () => {
    expectAccepted(stream, JSON.parse(JSON.stringify(EXAMPLES[stream])));
  });

  it("the example has every field, so the missing-field checks below cover the whole contract", () => {
    expect(Object.keys(EXAMPLES[stream]).sort()).toEqual(Object.keys(streamSchemas[stream].shape).sort());
    expect([...REQUIRED[stream], ...OPTIONAL[stream]].sort()).toEqual(Object.keys(streamSchemas[stream].shape).sort());
  });

  it.each(REQUIRED[stream].map((f) => [f]))("refuses a record without %s, naming that field", (field) => {
    const error = expectRefusedAt(stream, without(stream, field), field);
    expect(error.message).not.toBe("");
  });

  it.each(REQUIRED[stream].map((f) => [f]))("refuses %s = null", (field) => {
    expectRefusedAt(stream, example(stream, { [field]: null }), field);
  });

  it("reports every missing field at once", () => {
    expect(pathsOf(stream, {}).sort()).toEqual([...REQUIRED[stream]].sort());
  });

  it("accepts a record without its optional fields", () => {
    const event = expectAccepted(stream, without(stream, ...OPTIONAL[stream]));
    for (const f of OPTIONAL[stream]) if (f !== "event_id") expect(event).not.toHaveProperty(f);
  });

  it("refuses an unknown extra field, naming it as the path", () => {
    const error = expectRefusedAt(stream, example(stream, { ghi_chu: "thêm" }), "ghi_chu");
    expect(error.message).toContain("ghi_chu");
  });

  it("refuses every unknown field, each at its own path", () => {
    const errors = errorsOf(stream, example(stream, { extra_a: 1, "tên khác": "x" }));
    expect(errors.map((e) => e.path).sort()).toEqual(["extra_a", "tên khác"]);
    expect(errors.find((e) => e.path === "extra_a")!.message).not.toContain("tên khác");
  });

  it("refuses a misspelt field as unknown and reports the real one missing", () => {
    const record = without(stream, "enterprise_id");
    record["enterpriseId"] = EXAMPLES[stream]["enterprise_id"];
    expect(pathsOf(stream, record).sort()).toEqual(["enterpriseId", "enterprise_id"]);
  });

  it.each([[null], [[]], ["{}"], [42], [undefined], [true]])("refuses a non-object record %j at the empty path", (record) => {
    expect(pathsOf(stream, record)).toEqual([""]);
  });

  it("refuses an event_id that is not a UUID", () => {
    expectRefusedAt(stream, example(stream, { event_id: "KN-2026-000123" }), "event_id");
    expectRefusedAt(stream, example(stream, { event_id: "" }), "event_id");
  });

  it("accepts an upper-case UUID", () => {
    expectAccepted(stream, example(stream, { event_id: "0B9D6F2E-3C41-4A57-9E0A-5D2F8C7B1A64" }));
  });
});

// ---------------------------------------------------------------------------------------------

describe("enterprise_id (mã số thuế)", () => {
  it.each(["5600123456", "5600123456-001", "0100109106", "0100109106-999"])("accepts %s", (id) => {
    for (const stream of STREAM_NAMES) expectAccepted(stream, example(stream, { enterprise_id: id }));
  });

  it.each([
    ["9 digits", "560012345"],
    ["11 digits", "56001234567"],
    ["letters", "ABCDEFGHIJ"],
    ["a letter among digits", "560012345A"],
    ["10-2 branch", "5600123456-01"],
    ["10-4 branch", "5600123456-0001"],
    ["branch without dash", "5600123456001"],
    ["other separator", "5600123456_001"],
    ["leading space", " 5600123456"],
    ["trailing newline", "5600123456\n"],
    ["non-ASCII digits", "٥٦٠٠١٢٣٤٥٦"],
    ["empty", ""],
    ["a number", 5600123456],
  ])("refuses %s (%j) with the tax-code message", (_, id) => {
    for (const stream of STREAM_NAMES) {
      const error = expectRefusedAt(stream, example(stream, { enterprise_id: id }), "enterprise_id");
      if (typeof id === "string") expect(error.message).toBe(message("enterprise_id", "vi"));
    }
  });
});

/** The record with one time field set; an incident's start and end are moved together, as it cannot end before it starts. */
function withTime(stream: StreamName, field: string, ts: unknown): Record<string, unknown> {
  if (stream !== "incidents" || (field !== "started_at" && field !== "ended_at")) return example(stream, { [field]: ts });
  return field === "started_at"
    ? { ...without("incidents", "ended_at"), started_at: ts }
    : example(stream, { started_at: "1900-01-01T00:00:00Z", ended_at: ts });
}

describe("timestamps", () => {
  const fields: [StreamName, string][] = [
    ["enterprises", "updated_at"],
    ["grievances", "occurred_at"],
    ["grievances", "reported_at"],
    ["wage-arrears", "reported_at"],
    ["insurance-contributions", "reported_at"],
    ["incidents", "started_at"],
    ["incidents", "ended_at"],
    ["incidents", "reported_at"],
  ];

  it.each([
    "2026-11-23T01:30:00Z",
    "2026-11-23T08:30:00+07:00",
    "2026-11-23T08:30+07:00",
    "2026-11-23T08:30:00.123+07:00",
    "2026-11-23T08:30:00.123456789+07:00",
    "2026-11-22T20:30:00-05:00",
    "2024-02-29T00:00:00+07:00",
    "2000-02-29T00:00:00Z",
    "2026-12-31T23:59:59+07:00",
    "1900-01-01T00:00:00Z",
    "2299-12-31T23:59:59.999Z",
  ])("accepts %s in every time field", (ts) => {
    for (const [stream, field] of fields) expectAccepted(stream, withTime(stream, field, ts));
  });

  it.each([
    ["no offset", "2026-11-23T08:30:00"],
    ["30 February", "2026-02-30T08:30:00+07:00"],
    ["29 February, not a leap year", "2026-02-29T08:30:00+07:00"],
    ["29 February 1900, not a leap year", "1900-02-29T08:30:00Z"],
    ["month 13", "2026-13-01T08:30:00+07:00"],
    ["month 00", "2026-00-10T08:30:00+07:00"],
    ["day 00", "2026-11-00T08:30:00+07:00"],
    ["31 November", "2026-11-31T08:30:00+07:00"],
    ["hour 24", "2026-11-23T24:00:00+07:00"],
    ["minute 60", "2026-11-23T08:60:00+07:00"],
    ["leap second", "2026-12-31T23:59:60Z"],
    ["date only", "2026-11-23"],
    ["space instead of T", "2026-11-23 08:30:00+07:00"],
    ["offset without colon", "2026-11-23T08:30:00+0700"],
    ["offset hours only", "2026-11-23T08:30:00+07"],
    ["offset +24:00", "2026-11-23T08:30:00+24:00"],
    ["offset minutes 60", "2026-11-23T08:30:00+07:60"],
    ["lower-case z", "2026-11-23T01:30:00z"],
    ["Vietnamese date format", "23/11/2026 08:30"],
    ["10 fraction digits", "2026-11-23T08:30:00.1234567891Z"],
    ["empty", ""],
  ])("refuses %s (%s) with the time message", (_, ts) => {
    for (const [stream, field] of fields) {
      const error = expectRefusedAt(stream, example(stream, { [field]: ts }), field);
      expect(error.message).toBe(message("timestamp", "vi"));
    }
  });

  it.each([
    ["before 1900 UTC", "1899-12-31T23:59:59.999Z"],
    ["1900-01-01 local time, still 1899 in UTC", "1900-01-01T00:00:00+07:00"],
    ["year 2300", "2300-01-01T00:00:00Z"],
    ["2299 local time, already 2300 in UTC", "2299-12-31T23:00:00-02:00"],
    ["year 0001", "0001-01-01T00:00:00Z"],
    ["year 9999", "9999-12-31T23:59:59Z"],
  ])("refuses an instant outside DateTime64(3)'s range: %s", (_, ts) => {
    for (const [stream, field] of fields) {
      const error = expectRefusedAt(stream, withTime(stream, field, ts), field);
      expect(error.message).toBe(message("timestamp_range", "vi"));
    }
  });

  it.each([[1795422600000], [new Date("2026-11-23T01:30:00Z")], [null]])("refuses a non-string time %j", (ts) => {
    expectRefusedAt("grievances", example("grievances", { occurred_at: ts }), "occurred_at");
  });

  it("isIsoWithOffset knows the Gregorian calendar, also for years Date.UTC would shift to 19xx", () => {
    expect(isIsoWithOffset("0000-02-29T00:00:00Z")).toBe(true); // year 0 (1 BC) is a leap year
    expect(isIsoWithOffset("0004-02-29T00:00:00Z")).toBe(true);
    expect(isIsoWithOffset("0100-02-29T00:00:00Z")).toBe(false);
    expect(isIsoWithOffset("2100-02-29T00:00:00Z")).toBe(false);
    expect(isIsoWithOffset("2400-02-29T00:00:00Z")).toBe(true);
  });

  it("instantMs reads a time as Date.parse does, and refuses what it refuses (fast-check)", () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const time = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, "0")),
        month: two(13),
        day: two(32),
        hour: two(25),
        minute: two(61),
        second: fc.option(two(61)),
        fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
        zone: fc.oneof(
          fc.constant("Z"),
          fc.tuple(fc.constantFrom("+", "-"), two(25), two(61)).map(([s, h, m]) => `${s}${h}:${m}`),
        ),
      })
      .map(
        (t) =>
          `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}${t.second === null ? "" : `:${t.second}${t.fraction === null ? "" : `.${t.fraction}`}`}${t.zone}`,
      );
    fc.assert(
      fc.property(time, (s) => {
        // Date.parse rolls 31 April over to 1 May and takes 24:00 for midnight; the contract refuses both.
        const [, y, mo, d, h, mi, sec] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(s)!.map(Number) as number[];
        const realDay =
          mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= new Date(Date.UTC(2000, mo!, 0)).getUTCDate() && !(mo === 2 && d === 29 && !isLeap(y!));
        const realClock = h! <= 23 && mi! <= 59 && (Number.isNaN(sec) || sec! <= 59);
        expect(instantMs(s), s).toBe(realDay && realClock ? Date.parse(s) : Number.NaN);
      }),
      { numRuns: 5000 },
    );
    expect(instantMs("2026-11-23T08:30:00+07:00")).toBe(Date.UTC(2026, 10, 23, 1, 30));
    expect(instantMs("2026-11-23 08:30")).toBeNaN();
  });
});

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

describe("period (YYYY-MM)", () => {
  const fields: [StreamName, string][] = [
    ["wage-arrears", "period"],
    ["insurance-contributions", "period"],
  ];

  it.each(["2026-01", "2026-10", "2026-12", "1970-01", "2148-12"])("accepts %s", (p) => {
    for (const [stream, field] of fields) expectAccepted(stream, example(stream, { [field]: p }));
  });

  it.each([
    ["month 00", "2026-00"],
    ["month 13", "2026-13"],
    ["one-digit month", "2026-1"],
    ["a full date", "2026-10-01"],
    ["no dash", "202610"],
    ["month first", "10-2026"],
    ["Vietnamese order", "10/2026"],
    ["two-digit year", "26-10"],
    ["empty", ""],
  ])("refuses %s (%s) with the period message", (_, p) => {
    for (const [stream, field] of fields) {
      const error = expectRefusedAt(stream, example(stream, { [field]: p }), field);
      expect(error.message).toBe(message("period", "vi"));
    }
  });

  it.each(["1969-12", "2149-01", "0001-01", "9999-12"])("refuses %s, outside ClickHouse Date's range", (p) => {
    for (const [stream, field] of fields) {
      const error = expectRefusedAt(stream, example(stream, { [field]: p }), field);
      expect(error.message).toBe(message("period_range", "vi"));
    }
  });

  it("refuses a number", () => {
    expectRefusedAt("wage-arrears", example("wage-arrears", { period: 202610 }), "period");
  });

  it("counts and shifts months: periodIndex and periodOf are inverses, across years both ways", () => {
    expect(isPeriod("2026-12") && !isPeriod("2026-13") && !isPeriod(202612)).toBe(true);
    expect(periodIndex("2026-11") - periodIndex("2026-01")).toBe(10);
    expect(periodOf(periodIndex("2026-11") + 2)).toBe("2027-01");
    expect(periodOf(periodIndex("2026-01") - 1)).toBe("2025-12");
    fc.assert(
      fc.property(fc.integer({ min: 1970 * 12, max: 2148 * 12 + 11 }), (i) => isPeriod(periodOf(i)) && periodIndex(periodOf(i)) === i),
    );
  });
});

describe("money (integer VND)", () => {
  const fields: [StreamName, string][] = [
    ["wage-arrears", "amount_owed_vnd"],
    ["insurance-contributions", "amount_due_vnd"],
    ["insurance-contributions", "amount_paid_vnd"],
  ];

  it.each([0, 1, 5_310_000, 8_560_000_000_000_000, Number.MAX_SAFE_INTEGER])("accepts %d", (n) => {
    for (const [stream, field] of fields) expectAccepted(stream, example(stream, { [field]: n }));
  });

  it.each([
    ["negative", -1],
    ["fractional", 1000.5],
    ["2^53", 2 ** 53],
    ["far beyond 2^53", 1e21],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
  ])("refuses %s with the VND message", (_, n) => {
    for (const [stream, field] of fields) {
      const error = expectRefusedAt(stream, example(stream, { [field]: n }), field);
      if (Number.isFinite(n)) expect(error.message).toBe(message("vnd", "vi"));
    }
  });

  it.each([
    ["a string", "1000"],
    ["formatted", "1.000.000 ₫"],
    ["a bigint", 1000n],
    ["null", null],
    ["a boolean", true],
  ])("refuses %s", (_, n) => {
    for (const [stream, field] of fields) expectRefusedAt(stream, example(stream, { [field]: n }), field);
  });
});

describe("counts and severity", () => {
  it.each([1, 2, 3, 4])("accepts severity %d", (severity) => {
    expectAccepted("grievances", example("grievances", { severity }));
  });

  it.each([0, 5, 2.5, -1, "2", null])("refuses severity %j", (severity) => {
    expectRefusedAt("grievances", example("grievances", { severity }), "severity");
  });

  it.each([
    ["enterprises", "workforce", 0, -1],
    ["grievances", "workers_involved", 1, 0],
    ["wage-arrears", "workers_affected", 0, -1],
    ["insurance-contributions", "insured_workers", 0, -1],
    ["incidents", "workers_involved", 1, 0],
  ] as [StreamName, string, number, number][])(
    "%s.%s: accepts %d and refuses %d, fractions and >1,000,000",
    (stream, field, min, below) => {
      expectAccepted(stream, example(stream, { [field]: min }));
      expectAccepted(stream, example(stream, { [field]: 1_000_000 }));
      expectRefusedAt(stream, example(stream, { [field]: below }), field);
      expectRefusedAt(stream, example(stream, { [field]: 12.5 }), field);
      expectRefusedAt(stream, example(stream, { [field]: 1_000_001 }), field);
      expectRefusedAt(stream, example(stream, { [field]: "120" }), field);
    },
  );

  it.each([
    ["enterprises", "has_union"],
    ["incidents", "lawful"],
  ] as [StreamName, string][])("%s.%s is a real boolean, not a string or number", (stream, field) => {
    expectAccepted(stream, example(stream, { [field]: true }));
    expectAccepted(stream, example(stream, { [field]: false }));
    for (const v of ["true", "có", 1, 0]) expectRefusedAt(stream, example(stream, { [field]: v }), field);
  });
});

describe("enumerations", () => {
  const enums: [StreamName, string, readonly string[]][] = [
    ["enterprises", "sector", SECTORS],
    ["enterprises", "ownership", OWNERSHIPS],
    ["grievances", "channel", CHANNELS],
    ["grievances", "category", GRIEVANCE_CATEGORIES],
    ["grievances", "status", GRIEVANCE_STATUSES],
    ["wage-arrears", "status", WAGE_ARREARS_STATUSES],
    ["wage-arrears", "source", WAGE_ARREARS_SOURCES],
    ["insurance-contributions", "scheme", INSURANCE_SCHEMES],
    ["incidents", "kind", INCIDENT_KINDS],
  ];

  it.each(enums)("%s.%s accepts every listed value", (stream, field, values) => {
    for (const v of values) expectAccepted(stream, example(stream, { [field]: v }));
  });

  it.each(enums)("%s.%s refuses other spellings and values", (stream, field, values) => {
    const first = values[0]!;
    const candidates = [first.toUpperCase(), ` ${first}`, `${first} `, `${first}-`, first.replace("_", "-"), "", "khác", 1, null];
    for (const v of candidates.filter((c) => !(values as readonly unknown[]).includes(c))) {
      const error = expectRefusedAt(stream, example(stream, { [field]: v }), field);
      if (typeof v === "string") expect(error.message).toContain(first);
    }
  });

  it("the brief's value lists are the contract's", () => {
    expect(OWNERSHIPS).toEqual(["state", "private", "fdi", "cooperative", "household"]);
    expect(GRIEVANCE_STATUSES).toEqual(["open", "in_progress", "resolved", "withdrawn"]);
    expect(WAGE_ARREARS_STATUSES).toEqual(["outstanding", "partially_paid", "paid"]);
    expect(INSURANCE_SCHEMES).toEqual(["social", "health", "unemployment"]);
    expect(INCIDENT_KINDS).toEqual(["strike", "work_stoppage", "collective_dispute", "mass_petition"]);
    expect(CHANNELS).toEqual(["hotline", "union_officer", "online_portal", "letter", "in_person", "social_media"]);
    expect(GRIEVANCE_CATEGORIES).toEqual([
      "wages",
      "wage_arrears",
      "overtime",
      "social_insurance",
      "bonus",
      "dismissal",
      "contract",
      "safety",
      "working_conditions",
      "meals",
      "discrimination",
      "harassment",
      "other",
    ]);
  });

  it("incident causes are grievance categories; a bad one is named by its index", () => {
    expectAccepted("incidents", example("incidents", { causes: [] }));
    expectAccepted("incidents", example("incidents", { causes: [...GRIEVANCE_CATEGORIES] }));
    expectRefusedAt("incidents", example("incidents", { causes: ["wages", "lương"] }), "causes.1");
    expectRefusedAt("incidents", example("incidents", { causes: [...GRIEVANCE_CATEGORIES, "other"] }), "causes");
    expectRefusedAt("incidents", example("incidents", { causes: "wages" }), "causes");
  });

  it("an incident cannot end before it starts: refused at ended_at, in the caller's language; ending as it starts is fine", () => {
    const backwards = example("incidents", { started_at: "2027-01-18T07:00:00+07:00", ended_at: "2027-01-18T06:59:59+07:00" });
    expect(expectRefusedAt("incidents", backwards, "ended_at").message).toBe(
      "ended_at sớm hơn started_at: sự cố không thể kết thúc trước khi bắt đầu",
    );
    expect(expectRefusedAt("incidents", backwards, "ended_at", "en").message).toBe(
      "ended_at is earlier than started_at: an incident cannot end before it starts",
    );
    // compared as instants, whatever the offsets: 00:30 UTC is 07:30 in Vietnam, after 07:00+07:00
    expectAccepted("incidents", example("incidents", { started_at: "2027-01-18T07:00:00+07:00", ended_at: "2027-01-18T00:30:00Z" }));
    expectRefusedAt(
      "incidents",
      example("incidents", { started_at: "2027-01-18T07:00:00+07:00", ended_at: "2027-01-17T23:30:00Z" }),
      "ended_at",
    );
    expectAccepted("incidents", example("incidents", { ended_at: EXAMPLES.incidents.started_at }));
  });

  it("incident_id is an optional label", () => {
    expectAccepted("incidents", example("incidents", { incident_id: "SC-2027-0001" }));
    expectRefusedAt("incidents", example("incidents", { incident_id: " " }), "incident_id");
    expectRefusedAt("incidents", example("incidents", { incident_id: "x".repeat(65) }), "incident_id");
    expectRefusedAt("incidents", example("incidents", { incident_id: 7 }), "incident_id");
  });
});

describe("labels and free text", () => {
  it.each([
    ["enterprises", "name", 300],
    ["enterprises", "area_code", 32],
    ["enterprises", "union_unit_id", 64],
    ["grievances", "grievance_id", 64],
    ["grievances", "complainant_ref", 200],
  ] as [StreamName, string, number][])("%s.%s: not blank, at most %d characters", (stream, field, max) => {
    expectAccepted(stream, example(stream, { [field]: "Đ".repeat(max) }));
    expectRefusedAt(stream, example(stream, { [field]: "Đ".repeat(max + 1) }), field);
    for (const blank of ["", "   ", "\t\n", "\u00a0", "\u3000"]) {
      const error = expectRefusedAt(stream, example(stream, { [field]: blank }), field);
      if (blank !== "") expect(error.message).toBe(message("blank", "vi"));
    }
    expectRefusedAt(stream, example(stream, { [field]: 42 }), field);
  });

  it("summary may be empty, holds up to 4000 characters of Vietnamese, and no more", () => {
    expectAccepted("grievances", example("grievances", { summary: "" }));
    expectAccepted("grievances", example("grievances", { summary: "ư".repeat(4000) }));
    expectRefusedAt("grievances", example("grievances", { summary: "ư".repeat(4001) }), "summary");
  });

  it("stores decomposed (NFD) Vietnamese composed (NFC), and counts its length composed", () => {
    const nfc = "Công ty TNHH May mặc Điện Biên Phủ";
    expect(expectAccepted("enterprises", example("enterprises", { name: nfc.normalize("NFD") })).name).toBe(nfc);
    // found by the fast-check properties: 32 characters, 50 UTF-16 units decomposed, used to be refused
    const area = "Mường Nhé – Điện Biên Đông – Tủa".slice(0, 32);
    expect(area.length).toBeLessThanOrEqual(32);
    expect(area.normalize("NFD").length).toBeGreaterThan(32);
    expect(expectAccepted("enterprises", example("enterprises", { area_code: area.normalize("NFD") })).area_code).toBe(area);
  });
});

// ---------------------------------------------------------------------------------------------

describe("enterprise event_id", () => {
  const derived = (patch: Record<string, unknown>) =>
    expectAccepted("enterprises", { ...without("enterprises", "event_id"), ...patch }).event_id as string;

  it("is derived when absent, as a version-8 UUID that itself passes the contract", () => {
    const id = derived({});
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expectAccepted("enterprises", example("enterprises", { event_id: id }));
  });

  it("is the same for the same enterprise_id and updated_at, whatever else changed", () => {
    expect(derived({})).toBe(derived({}));
    expect(derived({ name: "Công ty Cổ phần Mường Nhé", workforce: 12 })).toBe(derived({}));
  });

  it("differs when enterprise_id or updated_at differ", () => {
    const base = derived({});
    expect(derived({ enterprise_id: "5600123457" })).not.toBe(base);
    expect(derived({ enterprise_id: "5600123456-001" })).not.toBe(base);
    expect(derived({ updated_at: "2026-11-20T09:00:01+07:00" })).not.toBe(base);
  });

  it("uses the documented derivation, which the warehouse repeats for rows without one", () => {
    const e = EXAMPLES.enterprises;
    expect(derived({})).toBe(deterministicUuid(`enterprises|${e["enterprise_id"]}|${e["updated_at"]}`));
  });

  it("keeps a given event_id", () => {
    const given = "0b9d6f2e-3c41-4a57-9e0a-5d2f8c7b1a64";
    expect(expectAccepted("enterprises", example("enterprises", { event_id: given })).event_id).toBe(given);
  });

  it("is not invented for the other streams, which must send one", () => {
    for (const stream of STREAM_NAMES.filter((s) => s !== "enterprises")) {
      expectRefusedAt(stream, without(stream, "event_id"), "event_id");
      expect(expectAccepted(stream, example(stream)).event_id).toBe(EXAMPLES[stream]["event_id"]);
    }
  });

  it("deterministicUuid is a pure function of its name", () => {
    expect(deterministicUuid("a")).toBe(deterministicUuid("a"));
    expect(deterministicUuid("a")).not.toBe(deterministicUuid("b"));
    expect(deterministicUuid("Điện Biên")).not.toBe(deterministicUuid("Điện Biên".normalize("NFD")));
  });
});

// ---------------------------------------------------------------------------------------------

describe("messages", () => {
  const hasVietnameseLetters = (s: string) => /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i.test(s);

  it("are Vietnamese by default, with diacritics", () => {
    const error = expectRefusedAt("grievances", example("grievances", { enterprise_id: "56001234" }), "enterprise_id");
    expect(error.message).toContain("mã số thuế");
    expect(hasVietnameseLetters(error.message)).toBe(true);
  });

  it("are English when asked", () => {
    const error = expectRefusedAt("grievances", example("grievances", { enterprise_id: "56001234" }), "enterprise_id", "en");
    expect(error.message).toContain("tax code");
    expect(error.message).toMatch(/^[\x20-\x7e]+$/);
  });

  it("follow the language for zod's own checks too (missing field, type, enum, integer)", () => {
    const record = example("grievances", { severity: 2.5, channel: "fax", workers_involved: "nhiều" });
    delete (record as Record<string, unknown>)["status"];
    const vi = errorsOf("grievances", record, "vi");
    const en = errorsOf("grievances", record, "en");
    expect(vi.map((e) => e.path)).toEqual(en.map((e) => e.path));
    expect(vi.map((e) => e.path).sort()).toEqual(["channel", "severity", "status", "workers_involved"]);
    for (let i = 0; i < vi.length; i++) {
      expect(vi[i]!.message).not.toBe(en[i]!.message);
      expect(hasVietnameseLetters(vi[i]!.message), vi[i]!.message).toBe(true);
      expect(en[i]!.message, en[i]!.message).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("refuse text that is not well-formed Unicode (a lone surrogate), naming the field", () => {
    for (const [stream, field] of [
      ["grievances", "summary"],
      ["grievances", "complainant_ref"],
      ["enterprises", "name"],
    ] as [StreamName, string][]) {
      for (const bad of ["Công nhân \ud800 tổ may", "\udc00", "tổ may \ud83d"]) {
        const error = expectRefusedAt(stream, example(stream, { [field]: bad }), field);
        expect(error.message).toBe(message("text_ill_formed", "vi"));
      }
      // a surrogate pair (an emoji) is well-formed
      expect(errorsOf(stream, example(stream, { [field]: "Công nhân 👷 tổ may" }))).toEqual([]);
    }
  });

  it("name an unknown field in both languages", () => {
    expect(expectRefusedAt("incidents", example("incidents", { note: 1 }), "note").message).toBe("trường không được phép: note");
    expect(expectRefusedAt("incidents", example("incidents", { note: 1 }), "note", "en").message).toBe("field not allowed: note");
  });

  it("every catalogue entry exists in both languages, and the Vietnamese one is Vietnamese", () => {
    const codes: MessageCode[] = [
      "enterprise_id",
      "timestamp",
      "timestamp_range",
      "period",
      "period_range",
      "vnd",
      "unreadable",
      "blank",
      "text_ill_formed",
      "received_at_future",
    ];
    for (const code of codes) {
      expect(isMessageCode(code)).toBe(true);
      expect(message(code, "vi")).not.toBe(message(code, "en"));
      expect(hasVietnameseLetters(message(code, "vi")), code).toBe(true);
      expect(message(code, "en")).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it("isMessageCode does not take inherited names for codes", () => {
    for (const name of ["toString", "constructor", "__proto__", "hasOwnProperty", "", "custom"]) expect(isMessageCode(name)).toBe(false);
    expect(isMessageCode(1)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------

describe("topics", () => {
  it("are lrew.<stream>.v1, with .dead-letter for the dead-letter topic", () => {
    expect(topicOf("grievances")).toBe("lrew.grievances.v1");
    expect(topicOf("wage-arrears")).toBe("lrew.wage-arrears.v1");
    expect(deadLetterTopicOf("insurance-contributions")).toBe("lrew.insurance-contributions.v1.dead-letter");
    expect(topicOf("incidents", "dienbien")).toBe("dienbien.incidents.v1");
  });

  it.each(["lrew", "dienbien", "lrew.staging"])("round-trip through streamOfTopic with prefix %s", (prefix) => {
    const topics = new Set<string>();
    for (const stream of STREAM_NAMES) {
      expect(streamOfTopic(topicOf(stream, prefix), prefix)).toBe(stream);
      expect(streamOfTopic(deadLetterTopicOf(stream, prefix), prefix)).toBeUndefined();
      topics.add(topicOf(stream, prefix));
      topics.add(deadLetterTopicOf(stream, prefix));
    }
    expect(topics.size).toBe(2 * STREAM_NAMES.length);
  });

  it("streamOfTopic refuses other topics", () => {
    for (const t of [
      "lrew.grievances.v2",
      "lrew.grievances",
      "grievances",
      "lrew.alerts.v1",
      "",
      "other.grievances.v1",
      "LREW.grievances.v1",
    ]) {
      expect(streamOfTopic(t)).toBeUndefined();
    }
    expect(streamOfTopic("lrew.grievances.v1", "other")).toBeUndefined();
  });

  it("isStreamName knows exactly the v1 streams", () => {
    for (const s of STREAM_NAMES) expect(isStreamName(s)).toBe(true);
    for (const s of ["toString", "constructor", "wage_arrears", "Grievances", "alerts", ""]) expect(isStreamName(s)).toBe(false);
    expect(STREAM_NAMES).toEqual([
      "enterprises",
      "grievances",
      "wage-arrears",
      "insurance-contributions",
      "incidents",
      "union-fees",
      "case-actions",
    ]);
  });
});

describe("ingest API payloads", () => {
  it("accept the documented 202 body and refuse extra fields", () => {
    const body = {
      accepted: 2,
      rejected: [{ index: 1, errors: [{ path: "severity", message: message("vnd", "vi") }] }],
      rejected_total: 1,
    };
    expect(ingestResponseSchema.safeParse(body).success).toBe(true);
    expect(ingestResponseSchema.safeParse({ ...body, ok: true }).success).toBe(false);
    expect(ingestResponseSchema.safeParse({ accepted: -1, rejected: [], rejected_total: 0 }).success).toBe(false);
    expect(ingestResponseSchema.safeParse({ accepted: 1, rejected: [] }).success).toBe(false);
  });

  it("lists at most MAX_LISTED_REJECTIONS rejected records; rejected_total counts them all", () => {
    const listed = Array.from({ length: MAX_LISTED_REJECTIONS }, (_, index) => ({ index, errors: [] }));
    expect(ingestResponseSchema.safeParse({ accepted: 0, rejected: listed, rejected_total: 10_000 }).success).toBe(true);
    const tooMany = [...listed, { index: MAX_LISTED_REJECTIONS, errors: [] }];
    expect(ingestResponseSchema.safeParse({ accepted: 0, rejected: tooMany, rejected_total: tooMany.length }).success).toBe(false);
  });

  it("the error body carries an optional retry_after_seconds", () => {
    expect(apiErrorSchema.safeParse({ error: "rate_limited", message: "quá nhiều yêu cầu", retry_after_seconds: 30 }).success).toBe(true);
    expect(apiErrorSchema.safeParse({ error: "unauthorized", message: "thiếu khóa API" }).success).toBe(true);
    expect(apiErrorSchema.safeParse({ error: "x" }).success).toBe(false);
  });
});
