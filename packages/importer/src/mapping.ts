// The column-mapping file: for layouts the built-in dictionary does not know.
//
// {
//   "stream": "insurance-contributions",            // optional; must match the imported stream
//   "columns": { "Mã ĐV": "enterprise_id", "Ghi chú": "ignore" },
//   "values": { "scheme": { "XH": "social" } },      // extra words for enum / boolean / severity fields
//   "defaults": { "reported_at": "10/11/2026" },      // for fields with no column or an empty cell
//   "timezone": "+07:00",                            // offset of times written without one
//   "sheet": "Tháng 10",                             // XLSX: sheet name, or its 1-based position
//   "header_row": 3                                  // row of the column headers (default: found)
// }
import { readFile } from "node:fs/promises";
import { STREAM_NAMES, type StreamName } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { z } from "zod";
import { fieldsOf } from "./fields.ts";
import { OFFSET } from "./values.ts";

/** A column mapped to "ignore" is read past, whatever it holds. */
export const IGNORE = "ignore";

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const mappingSchema = z.strictObject({
  stream: z.enum(STREAM_NAMES).optional(),
  columns: z.record(z.string(), z.string().min(1)).default({}),
  values: z.record(z.string(), z.record(z.string(), scalar)).default({}),
  defaults: z.record(z.string(), z.union([scalar, z.array(z.string())])).default({}),
  timezone: z.string().regex(OFFSET, { message: 'expected an offset like "+07:00" or "Z"' }).default("+07:00"),
  sheet: z.union([z.string().min(1), z.int().min(1)]).optional(),
  header_row: z.int().min(1).optional(),
});

export type Mapping = z.output<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** The mapping used when no file is given: the built-in dictionary only. */
export const DEFAULT_MAPPING: Mapping = { columns: {}, values: {}, defaults: {}, timezone: "+07:00" };

/**
 * Checks a mapping (parsed JSON) against the stream: every field named must exist in the contract.
 * Throws BadInputError listing every problem, each with its path in the file.
 */
export function parseMapping(json: unknown, stream: StreamName, source = "mapping"): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
    throw new BadInputError(`${source}: invalid column mapping\n${lines.join("\n")}`);
  }
  const m = parsed.data;
  const fields = fieldsOf(stream);
  const known = [...fields.keys()].join(", ");
  const problems: string[] = [];
  if (m.stream !== undefined && m.stream !== stream) problems.push(`  stream: the mapping is for "${m.stream}", not "${stream}"`);
  for (const [column, field] of Object.entries(m.columns)) {
    if (field !== IGNORE && !fields.has(field))
      problems.push(`  columns.${column}: "${field}" is not a field of ${stream} (fields: ${known}; or "${IGNORE}")`);
  }
  for (const field of Object.keys(m.values)) {
    const kind = fields.get(field)?.kind.type;
    if (!kind) problems.push(`  values.${field}: not a field of ${stream} (fields: ${known})`);
    else if (!["enum", "enum_list", "boolean", "integer"].includes(kind))
      problems.push(`  values.${field}: words can be given for enum, list, yes/no and number fields only`);
  }
  for (const field of Object.keys(m.defaults)) {
    if (!fields.has(field)) problems.push(`  defaults.${field}: not a field of ${stream} (fields: ${known})`);
  }
  if (problems.length > 0) throw new BadInputError(`${source}: invalid column mapping\n${problems.join("\n")}`);
  return m;
}

/** Reads and checks a mapping file (JSON, UTF-8 with or without BOM). */
export async function loadMapping(path: string, stream: StreamName): Promise<Mapping> {
  let textContent: string;
  try {
    textContent = await readFile(path, "utf8");
  } catch (err) {
    throw new BadInputError(`cannot read the mapping file ${path}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(textContent.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new BadInputError(`${path}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseMapping(json, stream, path);
}
