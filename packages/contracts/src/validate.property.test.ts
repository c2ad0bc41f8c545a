// Property-based tests (fast-check) of every contract: valid records (Vietnamese text in NFC or NFD)
// are accepted; arbitrary JSON, hostile keys (__proto__, constructor), huge and negative numbers,
// invalid dates and very long strings never make validation throw; accepted means valid (a fixed
// point with only known keys); a refusal names the field. fast-check prints the seed and the
// shrunk counterexample of a failure, so it repeats.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CASE_ACTION_KINDS,
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
  instantMs,
  message,
  periodIndex,
  periodOf,
  streamSchemas,
  validateRecord,
  type StreamName,
  UNION_FEE_RELIEFS,
} from "./index.ts";

const VALID: Record<StreamName, Record<string, unknown>> = {
  enterprises: {
    enterprise_id: "5600123456",
    name: "Hợp tác xã Nông nghiệp Mường Nhé",
    area_code: "muong-nhe",
    sector: "agriculture_forestry",
    ownership: "cooperative",
    workforce: 40,
    has_union: false,
    union_unit_id: "CĐ-huyện-Mường-Nhé",
    updated_at: "2026-03-01T08:00:00+07:00",
  },
  grievances: {
    event_id: "11111111-2222-4333-8444-555555555555",
    grievance_id: "KN-0001",
    enterprise_id: "5600123456-002",
    occurred_at: "2026-12-20T07:45:00+07:00",
    channel: "union_officer",
    category: "wage_arrears",
    severity: 4,
    workers_involved: 300,
    status: "in_progress",
    summary: "Người lao động bị nợ lương hai tháng.",
  },
  "wage-arrears": {
    event_id: "21111111-2222-4333-8444-555555555555",
    enterprise_id: "5600123456",
    reported_at: "2026-12-21T00:00:00Z",
    period: "2026-11",
    amount_owed_vnd: 1_242_000_000,
    workers_affected: 300,
    status: "partially_paid",
    source: "union",
  },
  "insurance-contributions": {
    event_id: "31111111-2222-4333-8444-555555555555",
    enterprise_id: "5600123456",
    period: "2026-11",
    scheme: "health",
    amount_due_vnd: 63_000_000,
    amount_paid_vnd: 21_000_000,
    insured_workers: 300,
    reported_at: "2026-12-05T10:00:00+07:00",
  },
  incidents: {
    event_id: "41111111-2222-4333-8444-555555555555",
    enterprise_id: "5600123456",
    started_at: "2027-01-25T06:30:00+07:00",
    kind: "work_stoppage",
    lawful: false,
    workers_involved: 280,
    causes: ["wage_arrears"],
  },
  "union-fees": {
    event_id: "e3f4a5b6-c7d8-4e9f-8a1b-2c3d4e5f6071",
    enterprise_id: "5600987654",
    period: "2026-05",
    payroll_base_vnd: 310_000_000,
    amount_due_vnd: 6_200_000,
    amount_paid_vnd: 6_200_000,
    reported_at: "2026-06-20T09:00:00+07:00",
  },
  "case-actions": {
    event_id: "51111111-2222-4333-8444-555555555555",
    enterprise_id: "5600123456",
    action: "acknowledged",
    occurred_on: "2026-12-21",
    officer: "Cán bộ LĐLĐ huyện",
    union_unit_id: "LDLD-MN",
  },
};

const prototypeSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(",");

/** What a consumer sees of an event: its JSON form (-0 and 0 are the same amount). */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

function checkOutcome(stream: StreamName, record: unknown): ReturnType<typeof validateRecord> {
  const known = new Set(Object.keys(streamSchemas[stream].shape));
  let result: ReturnType<typeof validateRecord> | undefined;
  for (const lang of ["vi", "en"] as const) {
    try {
      result = validateRecord(stream, record, lang);
    } catch (e) {
      expect.fail(`validateRecord threw (${lang}): ${(e as Error).stack}\nrecord: ${inspect(record, { depth: 5 })}`);
    }
    if (result.ok) {
      // accepted ⇒ valid: a plain object of known keys that re-validates to itself from its JSON
      const event = result.event as Record<string, unknown>;
      expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
      for (const k of Reflect.ownKeys(event)) expect(known.has(k as string), `unknown key ${String(k)} accepted`).toBe(true);
      expect(typeof event.event_id).toBe("string");
      const again = validateRecord(stream, asJson(event));
      expect(again.ok).toBe(true);
      if (again.ok) expect(asJson(again.event)).toEqual(asJson(event));
    } else {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) {
        expect(typeof e.path).toBe("string");
        expect(e.message.length).toBeGreaterThan(0);
      }
      // every unknown own key of an object record is named as a path of its own
      if (record !== null && typeof record === "object" && !Array.isArray(record)) {
        const paths = new Set(result.errors.map((e) => e.path));
        for (const k of Object.keys(record))
          if (!known.has(k)) expect(paths.has(k), `unknown key ${JSON.stringify(k)} not reported`).toBe(true);
      }
    }
  }
  return result!;
}

// ---- arbitraries -------------------------------------------------------------------------------

const VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƯƠ ";
/** Vietnamese text, each string in NFC or NFD (or a mix), as keyboards and old systems send it. */
const vietnameseText = (maxLength: number) =>
  fc
    .tuple(
      fc.oneof(
        fc.string({ unit: fc.constantFrom(...VIETNAMESE), maxLength }),
        // up to the limit itself, where a decomposed form is longer than the limit
        fc.string({ unit: fc.constantFrom(...VIETNAMESE), maxLength, minLength: Math.floor(maxLength * 0.9), size: "max" }),
      ),
      fc.constantFrom("NFC", "NFD", "mixed"),
    )
    .map(([t, form]) =>
      form === "mixed" ? [...t].map((c, i) => c.normalize(i % 2 ? "NFD" : "NFC")).join("") : t.normalize(form as "NFC"),
    );

const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "",
  " ",
  "event_id ",
  "Event_ID",
  "a.b",
  "length",
];

/** Values meant to break things: huge, negative, fractional, not numbers at all, invalid dates, long, exotic text. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 2.5, 1e21, -1e21, 2 ** 53, 2 ** 64, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 10n, null, undefined, true, false),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    "2026-02-30T00:00:00Z",
    "2026-11-23T24:00:00+07:00",
    "2026-11-23T08:30:00",
    "1899-12-31T23:59:59Z",
    "2300-01-01T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "2026-13",
    "1969-12",
    "2149-01",
    "0000-01",
    "\ud800",
    "\u0000",
    "",
    "   ",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  vietnameseText(40),
  fc.integer({ min: 250, max: 6000 }).map((n) => "Đ".repeat(n)),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant({ length: [{ toString: 1 }] }),
);

const tsWithOffset = fc
  .tuple(
    fc.date({ min: new Date(Date.UTC(1900, 0, 2)), max: new Date(Date.UTC(2299, 11, 30)), noInvalidDate: true }),
    fc.constantFrom("Z", "+07:00", "-05:30", "+00:00"),
  )
  .map(([d, zone]) => {
    const minutes = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
    return new Date(d.getTime() + minutes * 60_000).toISOString().replace("Z", zone);
  });
const periodArb = fc
  .tuple(fc.integer({ min: 1970, max: 2148 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`);
const taxCode = fc.stringMatching(/^\d{10}(-\d{3})?$/);
const labelArb = (max: number) => vietnameseText(max).filter((s) => s.trim().length > 0 && s.normalize("NFC").length <= max);
const workers = fc.integer({ min: 1, max: 1_000_000 });

/** Valid records of each stream: every field within its contract, text in any normalisation form. */
const validRecord: Record<StreamName, fc.Arbitrary<Record<string, unknown>>> = {
  enterprises: fc.record(
    {
      event_id: fc.uuid(),
      enterprise_id: taxCode,
      name: labelArb(300),
      area_code: labelArb(32),
      sector: fc.constantFrom(...SECTORS),
      ownership: fc.constantFrom(...OWNERSHIPS),
      workforce: fc.integer({ min: 0, max: 1_000_000 }),
      has_union: fc.boolean(),
      union_unit_id: labelArb(64),
      updated_at: tsWithOffset,
    },
    {
      requiredKeys: ["enterprise_id", "name", "area_code", "sector", "ownership", "workforce", "has_union", "union_unit_id", "updated_at"],
    },
  ),
  grievances: fc.record(
    {
      event_id: fc.uuid(),
      grievance_id: labelArb(64),
      enterprise_id: taxCode,
      occurred_at: tsWithOffset,
      reported_at: tsWithOffset,
      channel: fc.constantFrom(...CHANNELS),
      category: fc.constantFrom(...GRIEVANCE_CATEGORIES),
      severity: fc.integer({ min: 1, max: 4 }),
      workers_involved: workers,
      status: fc.constantFrom(...GRIEVANCE_STATUSES),
      summary: vietnameseText(4000).filter((s) => s.normalize("NFC").length <= 4000),
      complainant_ref: labelArb(200),
    },
    {
      requiredKeys: [
        "event_id",
        "grievance_id",
        "enterprise_id",
        "occurred_at",
        "channel",
        "category",
        "severity",
        "workers_involved",
        "status",
      ],
    },
  ),
  "wage-arrears": fc.record({
    event_id: fc.uuid(),
    enterprise_id: taxCode,
    reported_at: tsWithOffset,
    period: periodArb,
    amount_owed_vnd: fc.maxSafeNat(),
    workers_affected: fc.integer({ min: 0, max: 1_000_000 }),
    status: fc.constantFrom(...WAGE_ARREARS_STATUSES),
    source: fc.constantFrom(...WAGE_ARREARS_SOURCES),
  }),
  "insurance-contributions": fc.record({
    event_id: fc.uuid(),
    enterprise_id: taxCode,
    period: periodArb,
    scheme: fc.constantFrom(...INSURANCE_SCHEMES),
    amount_due_vnd: fc.maxSafeNat(),
    amount_paid_vnd: fc.maxSafeNat(),
    insured_workers: fc.integer({ min: 0, max: 1_000_000 }),
    reported_at: tsWithOffset,
  }),
  incidents: fc
    .record(
      {
        event_id: fc.uuid(),
        incident_id: labelArb(64),
        enterprise_id: taxCode,
        started_at: tsWithOffset,
        ended_at: tsWithOffset,
        reported_at: tsWithOffset,
        kind: fc.constantFrom(...INCIDENT_KINDS),
        lawful: fc.boolean(),
        workers_involved: workers,
        causes: fc.array(fc.constantFrom(...GRIEVANCE_CATEGORIES), { maxLength: 13 }),
      },
      { requiredKeys: ["event_id", "enterprise_id", "started_at", "kind", "lawful", "workers_involved", "causes"] },
    )
    // an incident ends after it starts: the two times in order
    .map((r) =>
      r.ended_at !== undefined && instantMs(r.ended_at) < instantMs(r.started_at)
        ? { ...r, started_at: r.ended_at, ended_at: r.started_at }
        : r,
    ),
  // A relief always covers the record's own period (from ≤ period ≤ to, a deferral at most 12 months).
  "union-fees": fc
    .record({
      event_id: fc.uuid(),
      enterprise_id: taxCode,
      period: periodArb.filter((p) => p >= "1971-01" && p <= "2147-12"),
      payroll_base_vnd: fc.maxSafeNat(),
      amount_due_vnd: fc.maxSafeNat(),
      amount_paid_vnd: fc.maxSafeNat(),
      reported_at: tsWithOffset,
      relief: fc.option(
        fc.record({
          kind: fc.constantFrom(...UNION_FEE_RELIEFS),
          before: fc.integer({ min: 0, max: 5 }),
          after: fc.integer({ min: 0, max: 6 }),
        }),
        { nil: undefined },
      ),
    })
    .map(({ relief, ...r }) => {
      if (!relief) return r;
      const shift = (p: string, months: number) => periodOf(periodIndex(p) + months);
      return { ...r, relief: { kind: relief.kind, from: shift(r.period, -relief.before), to: shift(r.period, relief.after) } };
    }),
  "case-actions": fc.record(
    {
      event_id: fc.uuid(),
      enterprise_id: taxCode,
      alert_id: fc.uuid(),
      action: fc.constantFrom(...CASE_ACTION_KINDS),
      occurred_on: fc
        .date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2148, 11, 31)), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      officer: labelArb(200),
      union_unit_id: labelArb(100),
      note: vietnameseText(2000).filter((s) => s.normalize("NFC").length <= 2000),
    },
    { requiredKeys: ["event_id", "enterprise_id", "action", "occurred_on", "officer", "union_unit_id"] },
  ),
};

/** An own, enumerable data property even for `__proto__` (as JSON.parse makes it). */
function withOwn(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

// ---- properties ----------------------------------------------------------------------------------

// Property runs are CPU-bound and the machines are shared: the timeout is a ceiling against hangs, not a measure.
const PROPERTY_TIMEOUT_MS = 120_000;

describe("contracts under fast-check", () => {
  it.each(STREAM_NAMES)(
    "%s: every valid record is accepted (NFC or NFD text), and accepted means valid",
    (stream) => {
      fc.assert(
        fc.property(validRecord[stream], (record) => {
          const r = checkOutcome(stream, record);
          expect(r.ok ? [] : r.errors).toEqual([]);
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(STREAM_NAMES)(
    "%s: one field changed to a hostile value is accepted only if still valid, else refused naming that field",
    (stream) => {
      const fields = Object.keys(streamSchemas[stream].shape);
      fc.assert(
        fc.property(validRecord[stream], fc.constantFrom(...fields), hostileValue, (record, field, value) => {
          const r = checkOutcome(stream, withOwn(record, field, value));
          if (!r.ok)
            for (const e of r.errors) {
              // a new start after the end is reported at the end (the rule that joins them)
              const orderOfTimes = stream === "incidents" && field === "started_at" && e.path === "ended_at";
              expect(orderOfTimes || e.path === field || e.path.startsWith(`${field}.`), `${e.path} for ${field}`).toBe(true);
            }
        }),
        { numRuns: 400 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(STREAM_NAMES)(
    "%s: arbitrary JSON and hostile keys never throw, never pollute a prototype, and every unknown key is named",
    (stream) => {
      const before = prototypeSnapshot();
      const hostileKey = fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 }));
      fc.assert(
        fc.property(
          fc.oneof(
            fc.jsonValue({ maxDepth: 3 }),
            fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withTypedArray: true }),
            fc.tuple(validRecord[stream], hostileKey, fc.jsonValue({ maxDepth: 2 })).map(([r, k, v]) => withOwn(r, k, v)),
            // the same, through JSON.parse: how a hostile body really arrives
            fc
              .tuple(validRecord[stream], fc.constantFrom("__proto__", "constructor", "prototype"))
              .map(([r, k]) => JSON.parse(JSON.stringify(r).replace(/^\{/, `{${JSON.stringify(k)}:{"polluted":"có"},`)) as unknown),
          ),
          (record) => {
            checkOutcome(stream, record);
          },
        ),
        { numRuns: 400 },
      );
      expect(prototypeSnapshot()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("hostile keys", () => {
  it.each(["__proto__", "constructor", "prototype"])("%s as an own key (from JSON.parse) is refused by name in every stream", (key) => {
    for (const stream of STREAM_NAMES) {
      const json = JSON.stringify(VALID[stream]).replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":"có","isAdmin":true},`);
      const record = JSON.parse(json) as Record<string, unknown>;
      expect(Object.hasOwn(record, key)).toBe(true);
      const r = validateRecord(stream, record);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors).toEqual([{ path: key, message: `trường không được phép: ${key}` }]);
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      expect(({} as Record<string, unknown>)["isAdmin"]).toBeUndefined();
    }
  });

  it("all three together are each named", () => {
    const record = JSON.parse('{"__proto__":{"a":1},"constructor":{"prototype":{"b":2}},"prototype":null}') as unknown;
    const r = validateRecord("incidents", record, "en");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const unknown = r.errors.filter((e) => e.message.startsWith("field not allowed"));
      expect(unknown.map((e) => e.path).sort()).toEqual(["__proto__", "constructor", "prototype"]);
    }
    expect(({} as Record<string, unknown>)["a"]).toBeUndefined();
    expect(({} as Record<string, unknown>)["b"]).toBeUndefined();
  });

  it("inherited enumerable properties count as fields, so an unknown inherited one is refused", () => {
    const record = Object.assign(Object.create({ injected: "x" }) as Record<string, unknown>, VALID.grievances);
    const r = validateRecord("grievances", record);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(["injected"]);
  });

  it("a null-prototype record is validated like a plain one", () => {
    const record = Object.assign(Object.create(null) as Record<string, unknown>, VALID["wage-arrears"]);
    expect(validateRecord("wage-arrears", record).ok).toBe(true);
  });
});

describe("records crafted to trip the validator are refused, not thrown", () => {
  // zod measures `length` of any value that has one; this JSON used to make safeParse throw a TypeError.
  const lengthBomb = '{"length":[{"toString":1}]}';

  it.each([
    ["enterprises", "name"],
    ["enterprises", "area_code"],
    ["grievances", "grievance_id"],
    ["grievances", "summary"],
    ["grievances", "complainant_ref"],
    ["incidents", "causes"],
  ] as [StreamName, string][])(`%s.%s = ${lengthBomb}`, (stream, field) => {
    const record = { ...structuredClone(VALID[stream]), [field]: JSON.parse(lengthBomb) as unknown };
    const r = validateRecord(stream, record);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual([field]);
  });

  it("a getter that throws yields one error for the whole record, in the caller's language", () => {
    const record = { ...VALID.grievances };
    Object.defineProperty(record, "severity", {
      enumerable: true,
      get: () => {
        throw new Error("boom");
      },
    });
    expect(validateRecord("grievances", record)).toEqual({ ok: false, errors: [{ path: "", message: message("unreadable", "vi") }] });
    expect(validateRecord("grievances", record, "en")).toEqual({ ok: false, errors: [{ path: "", message: message("unreadable", "en") }] });
  });
});
