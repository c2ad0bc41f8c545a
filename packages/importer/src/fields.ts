// What kind of value each contract field takes, read from the contract's own zod schemas so the
// importer follows the contract when a field is added.
import { streamSchemas, type StreamName } from "@lrew/contracts";
import { z } from "zod";

export type FieldKind =
  | { type: "text" }
  | { type: "enterprise_id" }
  | { type: "timestamp" }
  | { type: "date" }
  | { type: "period" }
  | { type: "integer"; money: boolean }
  | { type: "boolean" }
  | { type: "enum"; options: readonly string[] }
  | { type: "enum_list"; options: readonly string[] };

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
}

interface Def {
  type: string;
  innerType?: ZodLike;
  element?: ZodLike;
  shape?: Record<string, ZodLike>;
}
interface ZodLike {
  def: Def;
  options?: readonly string[];
}

function kindOf(name: string, schema: ZodLike): FieldKind {
  const meta = (z.globalRegistry.get(schema as unknown as z.ZodType) ?? {}) as { format?: string; description?: string; pattern?: string };
  switch (schema.def.type) {
    case "number":
      return { type: "integer", money: name.endsWith("_vnd") };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "enum", options: schema.options ?? [] };
    case "array": {
      const el = schema.def.element!;
      if (el.def.type !== "enum") throw new Error(`importer: list field ${name} of ${el.def.type} is not supported`);
      return { type: "enum_list", options: el.options ?? [] };
    }
    case "string":
      if (meta.format === "date-time") return { type: "timestamp" };
      if (meta.format === "date") return { type: "date" };
      if (name === "period" || meta.pattern === PERIOD_PATTERN) return { type: "period" };
      if (name === "enterprise_id") return { type: "enterprise_id" };
      return { type: "text" };
    default:
      throw new Error(`importer: field ${name} of type ${schema.def.type} is not supported`);
  }
}

/** The contract's period (YYYY-MM) carries this pattern in its metadata, wherever it is used. */
const PERIOD_PATTERN = "^\\d{4}-(0[1-9]|1[0-2])$";

const cache = new Map<StreamName, ReadonlyMap<string, FieldSpec>>();

/** The fields of a stream's contract, in contract order. */
export function fieldsOf(stream: StreamName): ReadonlyMap<string, FieldSpec> {
  let fields = cache.get(stream);
  if (!fields) {
    const shape = (streamSchemas[stream] as unknown as { shape: Record<string, ZodLike> }).shape;
    const map = new Map<string, FieldSpec>();
    const add = (prefix: string, entries: Record<string, ZodLike>, parentRequired: boolean) => {
      for (const [key, s] of Object.entries(entries)) {
        const name = prefix + key;
        let inner = s;
        let required = parentRequired;
        while (inner.def.type === "optional") {
          required = false;
          inner = inner.def.innerType!;
        }
        // A nested object (a union fee's relief) is one column per field, named with a dot: relief.kind.
        if (inner.def.type === "object") add(`${name}.`, inner.def.shape!, required);
        else map.set(name, { name, kind: kindOf(name, inner), required });
      }
    };
    add("", shape, true);
    fields = map;
    cache.set(stream, fields);
  }
  return fields;
}
