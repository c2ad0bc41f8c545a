// Property-style checks of validateRecord over many random records (seeded, so a failure repeats):
// it never throws, an accepted record is a fixed point with only known keys, and hostile keys such
// as __proto__ are refused without touching Object.prototype.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { GRIEVANCE_CATEGORIES, STREAM_NAMES, message, streamSchemas, validateRecord, type StreamName } from "./index.ts";

/** mulberry32: small, fast, good enough to drive a property test. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

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
};

const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "",
  " ",
  "event_id ",
  "Event_ID",
  "tên",
  "a.b",
  "0",
  "length",
];

function randomString(rng: Rng): string {
  return rng.pick([
    "",
    " ",
    "Mường Nhé",
    "Công ty TNHH May mặc Điện Biên Phủ",
    "5600123456",
    "5600123456-001",
    "560012345",
    "2026-11-23T08:30:00+07:00",
    "2026-11-23T08:30:00",
    "2026-02-30T00:00:00Z",
    "1899-12-31T23:59:59Z",
    "2026-10",
    "2026-13",
    "11111111-2222-4333-8444-555555555555",
    "open",
    "strike",
    "garment",
    "social",
    "paid",
    "hotline",
    "wages",
    "1000",
    "true",
    "null",
    "__proto__",
    "\u0000",
    "\ud800",
    "x".repeat(5000),
    String.fromCharCode(...Array.from({ length: 8 }, () => 0x20 + rng.int(0x2000))),
  ]);
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth > 2 ? 4 : 7)) {
    case 0:
      return randomString(rng);
    case 1:
      return rng.pick([
        0,
        1,
        3,
        4,
        -1,
        2.5,
        1e21,
        2 ** 53,
        Number.MAX_SAFE_INTEGER,
        -0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        1_000_001,
        470,
      ]);
    case 2:
      return rng.pick([true, false, null, undefined]);
    case 3:
      return rng.pick([GRIEVANCE_CATEGORIES[rng.int(GRIEVANCE_CATEGORIES.length)], 10n, Symbol("x"), () => 1, new Date(0)]);
    case 4:
      return Array.from({ length: rng.int(16) }, () => (rng.next() < 0.5 ? rng.pick(GRIEVANCE_CATEGORIES) : randomValue(rng, depth + 1)));
    default:
      return randomRecordFrom(rng, [], depth + 1);
  }
}

/** A record built with defineProperty, so every key (even __proto__) is an own, enumerable data property. */
function randomRecordFrom(
  rng: Rng,
  knownKeys: readonly string[],
  depth: number,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  const define = (k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  for (const [k, v] of Object.entries(base)) define(k, v);
  const n = rng.int(4);
  for (let i = 0; i < n; i++) {
    const roll = rng.next();
    const key =
      roll < 0.6 && knownKeys.length > 0 ? rng.pick(knownKeys) : roll < 0.85 ? rng.pick(HOSTILE_KEYS) : randomString(rng).slice(0, 20);
    if (rng.next() < 0.15) delete o[key];
    else define(key, randomValue(rng, depth));
  }
  return o;
}

function randomRecord(rng: Rng, stream: StreamName): unknown {
  const known = Object.keys(streamSchemas[stream].shape);
  const roll = rng.next();
  if (roll < 0.05) return randomValue(rng, 3); // not even an object, most of the time
  // Half the time start from a valid record and change a few keys, so acceptance is actually reached.
  const base = roll < 0.55 ? structuredClone(VALID[stream]) : {};
  return randomRecordFrom(rng, known, 0, base); // zero changes, or a known key rewritten validly, leave it valid
}

const prototypeSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(",");

describe("validateRecord on random records", () => {
  it.each(STREAM_NAMES)("%s: never throws; accepted ⇒ only known keys and re-validates to itself", (stream) => {
    const rng = prng(0x1e57 + STREAM_NAMES.indexOf(stream));
    const known = new Set(Object.keys(streamSchemas[stream].shape));
    const before = prototypeSnapshot();
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const record = randomRecord(rng, stream);
      let result: ReturnType<typeof validateRecord>;
      for (const lang of ["vi", "en"] as const) {
        try {
          result = validateRecord(stream, record, lang);
        } catch (e) {
          expect.fail(`validateRecord threw on case ${i} (${lang}): ${(e as Error).stack}\nrecord: ${inspect(record, { depth: 5 })}`);
        }
        if (result.ok) {
          const event = result.event as Record<string, unknown>;
          expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
          for (const k of Reflect.ownKeys(event)) expect(known.has(k as string), `unknown key ${String(k)} accepted`).toBe(true);
          expect(typeof event["event_id"]).toBe("string");
          const again = validateRecord(stream, JSON.parse(JSON.stringify(event)));
          expect(again.ok).toBe(true);
          // Compared as JSON, the form every consumer sees (-0 and 0 are the same amount).
          const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
          if (again.ok) expect(asJson(again.event)).toEqual(asJson(event));
        } else {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(typeof e.path).toBe("string");
            expect(typeof e.message).toBe("string");
            expect(e.message.length).toBeGreaterThan(0);
          }
          // Every unknown own key of an object record is named as a path of its own.
          if (record !== null && typeof record === "object" && !Array.isArray(record)) {
            const paths = new Set(result.errors.map((e) => e.path));
            for (const k of Object.keys(record))
              if (!known.has(k)) expect(paths.has(k), `unknown key ${JSON.stringify(k)} not reported`).toBe(true);
          }
        }
      }
      if (result!.ok) accepted++;
      else refused++;
    }
    // Both outcomes must actually have been exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
    expect(prototypeSnapshot()).toBe(before);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
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
