// One row of a table → one contract record (or the reasons it cannot be one).
import { deterministicUuid, type StreamName } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { fieldsOf, type FieldSpec } from "./fields.ts";
import { HEADER_ALIASES, IGNORED_FACT_HEADERS, IGNORED_HEADERS, VALUE_SYNONYMS, normalizeKey } from "./headers.ts";
import { DEFAULT_MAPPING, IGNORE, type Mapping } from "./mapping.ts";
import { msg, show, text, type Lang, type Msg } from "./messages.ts";
import {
  cellText,
  instantOf,
  isBlank,
  matchWord,
  parseBoolean,
  parseInteger,
  parseList,
  parseDate,
  parsePeriod,
  parseTimestamp,
  wordMap,
  type Cell,
  type Parsed,
  type WordMap,
} from "./values.ts";

export type { Cell };

/** A row as the brief's readers describe it: cells by header. */
export interface Row {
  rowNumber: number;
  cells: Record<string, Cell>;
}

/** Why a row was refused. `row` is the row number a person sees in Excel (the header is usually row 1). */
export interface RowError {
  row: number;
  /** The contract field (dotted path, e.g. `causes.1`), or the column header for a column lrew does not know. */
  field: string;
  /** The column of the file the value came from, when there is one. */
  column?: string;
  message: string;
}

export type RowResult =
  | { kind: "record"; row: number; record: Record<string, unknown>; eventId: string }
  | { kind: "rejected"; row: number; errors: RowError[] }
  | { kind: "skipped"; row: number; reason: string };

export interface ColumnPlan {
  /** The header as written in the file (or the column letter when the header cell is empty). */
  header: string;
  /** The contract field, IGNORE, or undefined for a column lrew does not know. */
  target: string | undefined;
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Every accepted header of a stream (normalised) → field or IGNORE; the mapping's columns win. */
export function headerIndex(stream: StreamName, mapping: Mapping = DEFAULT_MAPPING): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const h of IGNORED_HEADERS) index.set(normalizeKey(h), IGNORE);
  if (stream !== "enterprises") for (const h of IGNORED_FACT_HEADERS) index.set(normalizeKey(h), IGNORE);
  for (const [field, aliases] of Object.entries(HEADER_ALIASES[stream])) for (const a of aliases) index.set(normalizeKey(a), field);
  for (const field of fieldsOf(stream).keys()) index.set(normalizeKey(field), field);
  for (const [header, target] of Object.entries(mapping.columns)) index.set(normalizeKey(header), target);
  return index;
}

/** How many cells of a row name a contract field: used to find the header row under title rows. */
export function headerScore(values: readonly Cell[], index: ReadonlyMap<string, string>): { fields: number; nonEmpty: number } {
  let fields = 0;
  let nonEmpty = 0;
  for (const v of values) {
    if (isBlank(v)) continue;
    nonEmpty++;
    const t = index.get(normalizeKey(String(v)));
    if (t !== undefined && t !== IGNORE) fields++;
  }
  return { fields, nonEmpty };
}

/** The header row is looked for among this many non-empty rows at the top of a sheet. */
export const HEADER_SEARCH_ROWS = 20;

/** A header row: at least two known fields, or only known fields. */
export function looksLikeHeader(values: readonly Cell[], index: ReadonlyMap<string, string>): boolean {
  const { fields, nonEmpty } = headerScore(values, index);
  return fields >= 2 || (fields >= 1 && fields === nonEmpty);
}

const TOTAL_WORDS = new Set(["tong cong", "tong", "cong", "tong so", "total", "grand total", "sum"]);

export interface Converter {
  readonly stream: StreamName;
  readonly columns: readonly ColumnPlan[];
  /** Converts one data row (cells in column order). */
  convert(rowNumber: number, values: readonly Cell[]): RowResult;
}

interface Prepared {
  spec: FieldSpec;
  words: WordMap;
}

/**
 * Prepares the conversion of rows under one header row. Throws BadInputError for problems of the
 * whole layout (two columns for one field, a required field with neither column nor default, a
 * default that is not a valid value), so no row is sent from a file that cannot be right.
 */
export function createConverter(
  stream: StreamName,
  headers: readonly Cell[],
  mapping: Mapping = DEFAULT_MAPPING,
  lang: Lang = "vi",
): Converter {
  const fields = fieldsOf(stream);
  const index = headerIndex(stream, mapping);
  const columns: ColumnPlan[] = headers.map((h, i) => {
    const header = isBlank(h) ? columnLetter(i) : cellText(h);
    return { header, target: isBlank(h) ? undefined : index.get(normalizeKey(header)) };
  });

  const problems: Msg[] = [];
  const byField = new Map<string, string[]>();
  for (const c of columns) if (c.target && c.target !== IGNORE) byField.set(c.target, [...(byField.get(c.target) ?? []), c.header]);
  for (const [field, cols] of byField) {
    if (cols.length > 1) {
      const list = cols.map((c) => show(c)).join(", ");
      problems.push(
        msg(
          `các cột ${list} cùng là trường ${field}: đánh dấu "ignore" cho cột thừa trong tệp ánh xạ`,
          `columns ${list} all give the field ${field}: map the extra ones to "ignore" in a mapping file`,
        ),
      );
    }
  }

  const prepared = new Map<string, Prepared>();
  for (const spec of fields.values()) {
    prepared.set(spec.name, { spec, words: wordMap(VALUE_SYNONYMS[stream][spec.name], mapping.values[spec.name]) });
  }

  const defaults = new Map<string, unknown>();
  for (const [field, raw] of Object.entries(mapping.defaults)) {
    const p = prepared.get(field)!;
    const cell: Cell = Array.isArray(raw) ? raw.join("|") : raw;
    const res = convertValue(p, cell, mapping.timezone);
    if (!res.ok) problems.push(msg(`giá trị mặc định của ${field}: ${res.message.vi}`, `default of ${field}: ${res.message.en}`));
    else defaults.set(field, res.value);
  }

  for (const spec of fields.values()) {
    if (!spec.required || spec.name === "event_id" || byField.has(spec.name) || defaults.has(spec.name)) continue;
    const accepted = [spec.name, ...(HEADER_ALIASES[stream][spec.name] ?? [])].map((h) => show(h)).join(", ");
    problems.push(
      msg(
        `không có cột cho trường bắt buộc ${spec.name} (tên cột được nhận: ${accepted}); thêm cột, hoặc khai báo trong tệp ánh xạ ("columns" hoặc "defaults")`,
        `no column for the required field ${spec.name} (accepted headers: ${accepted}); add the column, or declare it in a mapping file ("columns" or "defaults")`,
      ),
    );
  }
  if (problems.length > 0) throw new BadInputError(problems.map((p) => text(p, lang)).join("\n"));

  function convert(rowNumber: number, values: readonly Cell[]): RowResult {
    const first = values.find((v) => !isBlank(v));
    // "Tổng cộng" rows under a table sum its columns: never a record of their own
    if (typeof first === "string" && TOTAL_WORDS.has(normalizeKey(first))) {
      return { kind: "skipped", row: rowNumber, reason: text(msg(`dòng tổng cộng (${show(first)})`, `totals row (${show(first)})`), lang) };
    }
    const record: Record<string, unknown> = {};
    const errors: RowError[] = [];
    const width = Math.max(values.length, columns.length);
    for (let i = 0; i < width; i++) {
      const cell = values[i] ?? null;
      const col = columns[i] ?? { header: columnLetter(i), target: undefined };
      if (col.target === IGNORE) continue;
      if (col.target === undefined) {
        if (!isBlank(cell)) {
          errors.push({
            row: rowNumber,
            field: col.header,
            column: col.header,
            message: text(
              msg(
                `cột không thuộc hợp đồng của luồng ${stream}: ${show(col.header)} (đổi tên cột, hoặc khai báo trong tệp ánh xạ, "ignore" để bỏ qua)`,
                `column not in the ${stream} contract: ${show(col.header)} (rename it, or declare it in a mapping file, "ignore" to skip it)`,
              ),
              lang,
            ),
          });
        }
        continue;
      }
      const p = prepared.get(col.target)!;
      if (isBlank(cell)) {
        // an empty list cell is an empty list (no causes recorded); other empty cells are absent
        if (p.spec.kind.type === "enum_list") record[col.target] = [];
        continue;
      }
      const res = convertValue(p, cell, mapping.timezone);
      if (res.ok) setField(record, col.target, res.value);
      else
        for (const e of res.errors ?? [{ path: col.target, message: res.message }])
          errors.push({ row: rowNumber, field: e.path, column: col.header, message: text(e.message, lang) });
    }
    for (const [field, value] of defaults) if (getField(record, field) === undefined) setField(record, field, value);
    if (errors.length > 0) return { kind: "rejected", row: rowNumber, errors };
    const eventId = typeof record.event_id === "string" ? record.event_id : deriveEventId(stream, record);
    return { kind: "record", row: rowNumber, record: { event_id: eventId, ...record }, eventId };
  }

  return { stream, columns, convert };
}

/** Sets a field by its dotted name (relief.kind → record.relief.kind). */
function setField(record: Record<string, unknown>, field: string, value: unknown): void {
  const dot = field.indexOf(".");
  if (dot < 0) {
    record[field] = value;
    return;
  }
  const head = field.slice(0, dot);
  const inner = (record[head] ??= {}) as Record<string, unknown>;
  setField(inner, field.slice(dot + 1), value);
}

function getField(record: Record<string, unknown>, field: string): unknown {
  let v: unknown = record;
  for (const key of field.split(".")) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: Msg; errors?: Array<{ path: string; message: Msg }> };

function convertValue(p: Prepared, cell: Cell, timezone: string): Converted {
  const { spec, words } = p;
  const kind = spec.kind;
  switch (kind.type) {
    case "text":
      return { ok: true, value: cellText(cell) };
    case "enterprise_id":
      return enterpriseIdOf(cell);
    case "timestamp":
      return parseTimestamp(cell, timezone);
    case "date":
      return parseDate(cell);
    case "period":
      return parsePeriod(cell);
    case "integer": {
      const word = typeof cell === "string" ? matchWord(cell, [], words) : undefined;
      if (typeof word === "number") return { ok: true, value: word };
      return parseInteger(cell, { money: kind.money });
    }
    case "boolean":
      return parseBoolean(cell, words);
    case "enum": {
      const v = matchWord(cell, kind.options, words);
      return v === undefined ? { ok: false, message: notInEnum(cell, kind.options) } : { ok: true, value: v };
    }
    case "enum_list": {
      const values: unknown[] = [];
      const errors: Array<{ path: string; message: Msg }> = [];
      parseList(cell).forEach((item, i) => {
        const v = matchWord(item, kind.options, words);
        if (v === undefined) errors.push({ path: `${spec.name}.${i}`, message: notInEnum(item, kind.options) });
        else values.push(v);
      });
      return errors.length > 0 ? { ok: false, message: errors[0]!.message, errors } : { ok: true, value: values };
    }
  }
}

function notInEnum(cell: Cell, options: readonly string[]): Msg {
  const known = options.join(", ");
  return msg(
    `giá trị không hợp lệ: ${show(cell)}; cần một trong: ${known} (hoặc từ tiếng Việt tương ứng, xem README)`,
    `invalid value: ${show(cell)}; expected one of: ${known} (or the Vietnamese word for it, see the README)`,
  );
}

/**
 * Tax codes: text, whitespace removed. A number cell is Excel having turned the code into a number,
 * which drops a leading zero (0100109106 → 100109106): nine digits from a number cell get it back.
 */
function enterpriseIdOf(cell: Cell): Parsed<string> {
  if (typeof cell === "number") {
    if (!Number.isSafeInteger(cell) || cell < 0) return { ok: true, value: String(cell) };
    const s = String(cell);
    return { ok: true, value: s.length === 9 ? `0${s}` : s };
  }
  return { ok: true, value: cellText(cell).replace(/\s+/g, "") };
}

/**
 * The event_id of a record that carries none: a name-based UUID of its content, so the same row
 * imported again (from this file or another) is the same event and lrew keeps it once.
 * Enterprises use the contract's own derivation (enterprise_id + updated_at), the one the ingest API
 * applies to enterprise records sent without event_id.
 */
export function deriveEventId(stream: StreamName, record: Record<string, unknown>): string {
  if (stream === "enterprises") return deterministicUuid(`${stream}|${String(record.enterprise_id)}|${String(record.updated_at)}`);
  const fields = fieldsOf(stream);
  const content = Object.keys(record)
    // received_at says when the provider had the record, not what it is: the same row sent with another is the same event
    .filter((k) => k !== "event_id" && k !== "received_at")
    .sort()
    .map((k) => {
      const v = record[k];
      // the same instant written with another offset is the same fact
      const canonical = fields.get(k)?.kind.type === "timestamp" && typeof v === "string" && !Number.isNaN(instantOf(v)) ? instantOf(v) : v;
      return [k, canonical];
    });
  return deterministicUuid(`lrew-import|${stream}|${JSON.stringify(content)}`);
}

/** Converts one row given as cells by header (the readers' shape); a convenience over createConverter. */
export function rowToRecord(stream: StreamName, row: Row, mapping: Mapping = DEFAULT_MAPPING, lang: Lang = "vi"): RowResult {
  const headers = Object.keys(row.cells);
  return createConverter(stream, headers, mapping, lang).convert(
    row.rowNumber,
    headers.map((h) => row.cells[h] ?? null),
  );
}
