// The JSON Schemas published for providers say the same as the zod contracts, and the files in
// docs/schemas are what write-json-schemas.ts produces today.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { STREAM_NAMES, allJsonSchemas, jsonSchemaOf, streamSchemas, topicOf, validateRecord, type StreamName } from "./index.ts";
import { DEFAULT_SCHEMA_DIR, jsonSchemaText, writeJsonSchemas } from "./write-json-schemas.ts";

type Schema = {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  [k: string]: unknown;
};

/** The keys of a zod object schema that a record must carry: those for which `undefined` is not accepted. */
function zodRequiredKeys(stream: StreamName): string[] {
  const shape = streamSchemas[stream].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  return Object.keys(shape).filter((k) => !shape[k]!.safeParse(undefined).success);
}

/**
 * A deliberately tiny JSON Schema checker, enough for the keywords these schemas use. Returns the
 * paths that fail. `format` is an annotation (as in draft 2020-12 by default) and is ignored.
 */
function check(schema: Schema, value: unknown, path = ""): string[] {
  const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
  const errors: string[] = [];
  const fail = () => [path];
  switch (schema.type) {
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return fail();
      const v = value as Record<string, unknown>;
      for (const r of schema.required ?? []) if (!Object.hasOwn(v, r)) errors.push(at(r));
      for (const [k, x] of Object.entries(v)) {
        const sub = schema.properties && Object.hasOwn(schema.properties, k) ? schema.properties[k] : undefined;
        if (sub) errors.push(...check(sub, x, at(k)));
        else if (schema.additionalProperties === false) errors.push(at(k));
      }
      return errors;
    }
    case "array":
      if (!Array.isArray(value)) return fail();
      if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(path);
      if (schema.items) for (const [i, x] of value.entries()) errors.push(...check(schema.items, x, at(i)));
      return errors;
    case "string":
      if (typeof value !== "string") return fail();
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return fail();
      if (schema.minLength !== undefined && [...value].length < schema.minLength) return fail();
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return fail();
      break;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) return fail();
      break;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return fail();
      break;
    case "boolean":
      if (typeof value !== "boolean") return fail();
      break;
    default:
      throw new Error(`checker does not know type ${String(schema.type)} at ${path}`);
  }
  if (schema.enum && !schema.enum.includes(value)) return fail();
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return fail();
    if (schema.maximum !== undefined && value > schema.maximum) return fail();
  }
  return errors;
}

const VALID: Record<StreamName, Record<string, unknown>> = {
  enterprises: {
    enterprise_id: "5600987654-002",
    name: "Chi nhánh Công ty Cổ phần Thủy điện Nậm Pồ",
    area_code: "nam-po",
    sector: "hydropower",
    ownership: "state",
    workforce: 65,
    has_union: true,
    union_unit_id: "CĐCS-Thủy-điện-Nậm-Pồ",
    updated_at: "2026-06-01T00:00:00Z",
  },
  grievances: {
    event_id: "5c7a0e7e-2f0a-4d0f-9d2b-6f3e8a1c0b55",
    grievance_id: "KN-2026-000777",
    enterprise_id: "5600987654",
    occurred_at: "2026-12-15T13:00:00+07:00",
    channel: "social_media",
    category: "overtime",
    severity: 2,
    workers_involved: 15,
    status: "resolved",
    summary: "Tăng ca quá giờ ở xưởng Tuần Giáo.",
  },
  "wage-arrears": {
    event_id: "5c7a0e7e-2f0a-4d0f-9d2b-6f3e8a1c0b56",
    enterprise_id: "5600987654",
    reported_at: "2026-12-01T08:00:00+07:00",
    period: "2026-11",
    amount_owed_vnd: 74_000_000,
    workers_affected: 20,
    status: "paid",
    source: "workers",
  },
  "insurance-contributions": {
    event_id: "5c7a0e7e-2f0a-4d0f-9d2b-6f3e8a1c0b57",
    enterprise_id: "5600987654",
    period: "2026-11",
    scheme: "unemployment",
    amount_due_vnd: 6_500_000,
    amount_paid_vnd: 6_500_000,
    insured_workers: 65,
    reported_at: "2026-12-10T00:00:00+07:00",
  },
  incidents: {
    event_id: "5c7a0e7e-2f0a-4d0f-9d2b-6f3e8a1c0b58",
    enterprise_id: "5600987654",
    started_at: "2026-12-20T07:00:00+07:00",
    kind: "collective_dispute",
    lawful: true,
    workers_involved: 60,
    causes: [],
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
    event_id: "5c7a0e7e-2f0a-4d0f-9d2b-6f3e8a1c0b59",
    enterprise_id: "5600123456",
    alert_id: "7d2c5a1e-4b3f-4e8d-9a6c-2f1e0d9c8b7a",
    action: "workplace_dialogue",
    occurred_on: "2026-11-26",
    officer: "Lò Văn Thắng",
    union_unit_id: "LDLD-TG",
    note: "Đã làm việc với giám đốc nhân sự tại xưởng Tuần Giáo, hẹn trả lương tháng 10 trước 30/11.",
  },
};

describe.each(STREAM_NAMES)("JSON Schema of %s", (stream) => {
  const schema = jsonSchemaOf(stream) as Schema;

  it("is a closed object: additionalProperties is false", () => {
    expect(schema.type).toBe("object");
    expect(schema.additionalProperties).toBe(false);
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe(`https://lrew.invalid/schemas/${topicOf(stream)}.json`);
    expect(schema["title"]).toBe(topicOf(stream));
  });

  it("lists as required exactly the zod schema's non-optional keys", () => {
    expect(Array.isArray(schema.required)).toBe(true);
    expect([...schema.required!].sort()).toEqual(zodRequiredKeys(stream).sort());
    expect(schema.required!.length).toBeGreaterThanOrEqual(6);
  });

  it("describes every field of the zod schema, and no other", () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(streamSchemas[stream].shape).sort());
  });

  it("accepts the valid example, like zod", () => {
    expect(validateRecord(stream, VALID[stream]).ok).toBe(true);
    expect(check(schema, VALID[stream])).toEqual([]);
  });

  it("refuses what zod refuses at the same path: missing fields, extra fields, bad tax codes", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...VALID[stream], extra: 1 }, "extra"],
      [{ ...VALID[stream], enterprise_id: "560098765" }, "enterprise_id"],
      [{ ...VALID[stream], enterprise_id: "5600987654-01" }, "enterprise_id"],
    ];
    for (const k of zodRequiredKeys(stream)) {
      const record = { ...VALID[stream] };
      delete record[k];
      cases.push([record, k]);
    }
    for (const [record, path] of cases) {
      expect(check(schema, record), path).toEqual([path]);
      const r = validateRecord(stream, record);
      expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual([path]);
    }
  });

  it("every time field carries format date-time and the offset pattern", () => {
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      if (!/_at$/.test(name)) continue;
      expect(prop.format, name).toBe("date-time");
      const re = new RegExp(prop.pattern!);
      expect(re.test("2026-11-23T08:30:00+07:00")).toBe(true);
      expect(re.test("2026-11-23T08:30:00")).toBe(false);
      expect(re.test("2026-11-23")).toBe(false);
    }
  });
});

describe("JSON Schema details", () => {
  it("money is a non-negative integer up to 2^53-1", () => {
    const props = (jsonSchemaOf("insurance-contributions") as Schema).properties!;
    for (const f of ["amount_due_vnd", "amount_paid_vnd"]) {
      expect(props[f]).toMatchObject({ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
    }
  });

  it("severity is an integer 1..4 and labels may not be blank", () => {
    const schema = jsonSchemaOf("grievances") as Schema;
    expect(schema.properties!["severity"]).toMatchObject({ type: "integer", minimum: 1, maximum: 4 });
    expect(check(schema, { ...VALID.grievances, severity: 2.5 })).toEqual(["severity"]);
    expect(check(schema, { ...VALID.grievances, severity: 5 })).toEqual(["severity"]);
    expect(check(schema, { ...VALID.grievances, grievance_id: "   " })).toEqual(["grievance_id"]);
    expect(check(schema, { ...VALID.grievances, grievance_id: "" })).toEqual(["grievance_id"]);
  });

  it("period pattern refuses month 00 and 13", () => {
    const schema = jsonSchemaOf("wage-arrears") as Schema;
    for (const p of ["2026-00", "2026-13", "2026-1"]) expect(check(schema, { ...VALID["wage-arrears"], period: p })).toEqual(["period"]);
  });

  it("the checker itself notices a wrong required list (so the comparison above can fail)", () => {
    const schema = structuredClone(jsonSchemaOf("grievances")) as Schema;
    schema.required = schema.required!.filter((k) => k !== "severity");
    const record = { ...VALID.grievances };
    delete record["severity"];
    expect(check(schema, record)).toEqual([]);
    expect([...schema.required].sort()).not.toEqual(zodRequiredKeys("grievances").sort());
  });

  it("allJsonSchemas has one per stream", () => {
    expect(Object.keys(allJsonSchemas()).sort()).toEqual([...STREAM_NAMES].sort());
  });
});

describe("docs/schemas", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("writeJsonSchemas writes <topic>.json for every stream, pretty, with a trailing newline", () => {
    const dir = mkdtempSync(join(tmpdir(), "lrew-schemas-"));
    dirs.push(dir);
    const written = writeJsonSchemas(dir);
    expect(written).toHaveLength(STREAM_NAMES.length);
    expect(readdirSync(dir).sort()).toEqual(STREAM_NAMES.map((s) => `${topicOf(s)}.json`).sort());
    for (const stream of STREAM_NAMES) {
      const text = readFileSync(join(dir, `${topicOf(stream)}.json`), "utf8");
      expect(text.endsWith("}\n")).toBe(true);
      expect(text).toContain('\n  "type": "object",\n');
      expect(JSON.parse(text)).toEqual(jsonSchemaOf(stream));
    }
  });

  it.each(STREAM_NAMES)("the committed schema of %s is up to date (regenerate with write-json-schemas.ts)", (stream) => {
    const file = join(DEFAULT_SCHEMA_DIR, `${topicOf(stream)}.json`);
    expect(readFileSync(file, "utf8")).toBe(jsonSchemaText(stream));
  });
});
