// Cell values as agencies write them → contract values. Pure functions, no I/O.
//
// - integers: `1.234.567` (Vietnamese grouping), `1,234,567` (English), `1 234 567`, with or without
//   `₫` / `đ` / `đồng` / `VND` / `VNĐ`; `,00` / `.00` fractions of zero are fine; any other fraction is
//   refused (VND and counts are whole), so is `1,23E+09` (Excel's scientific notation lost digits);
// - times: `23/11/2026`, `23/11/2026 08:30[:15]`, `23-11-2026`, `23.11.2026`, `08:30 23/11/2026`, ISO-8601
//   with or without an offset (without one, the import's timezone, default +07:00, applies), Excel
//   date cells (a Date whose UTC fields are the wall-clock time shown in Excel) and serial numbers;
// - days (`occurred_on`): the same forms as times, the day as written;
// - periods: `10/2026`, `T10/2026`, `tháng 10/2026`, `Tháng 10 năm 2026`, `2026-10`, `2026/10`, a full date
//   (its month), an Excel date cell;
// - lists: items separated by `|`, `;` or `,`;
// - booleans: `Có/Không`, `x`, `1/0`, `true/false`, `yes/no` (see BOOLEAN_WORDS).
import { BOOLEAN_WORDS, normalizeKey } from "./headers.ts";
import { msg, show, type Msg } from "./messages.ts";

/** A cell as the readers give it: CSV cells are strings; XLSX cells may be numbers, booleans or dates. */
export type Cell = string | number | boolean | Date | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Msg };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: Msg): Parsed<never> => ({ ok: false, message });

/** Empty cell: null, or text that is only whitespace. */
export function isBlank(cell: Cell | undefined): cell is null | undefined | "" {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** Text of a cell, NFC-normalised and trimmed (Vietnamese typed on some systems arrives decomposed). */
export function cellText(cell: Cell): string {
  // an unreadable date cell (exceljs can give one) is text that says so, not a RangeError (found by fast-check)
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "Invalid Date" : cell.toISOString();
  return String(cell).normalize("NFC").trim();
}

// ---------------------------------------------------------------------------------------------
// Integers
// ---------------------------------------------------------------------------------------------

const SPACES = /[\s\u00a0\u202f\u2009]+/g;
const CURRENCY = /^(?:₫|đ|vnđ|vnd|đồng|dong)\.?\s*|\s*(?:₫|đ|vnđ|vnd|đồng|dong)\.?$/iu;
const PERSONS = /\s*(?:người|nguoi|ng|lao động|lđ|công nhân)\.?$/iu;

export interface IntegerOptions {
  /** Money: currency signs and words are accepted and the messages speak of VND. */
  money?: boolean;
}

/**
 * A whole number. Negative numbers are returned as such: the contract decides whether they are
 * allowed (and says so in its own words).
 */
export function parseInteger(cell: Cell, options: IntegerOptions = {}): Parsed<number> {
  const what = options.money ? msg("số tiền", "amount") : msg("số", "number");
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail(msg(`không phải là số: ${show(cell)}`, `not a number: ${show(cell)}`));
    if (!Number.isInteger(cell)) return fail(notWhole(cell, options));
    if (!Number.isSafeInteger(cell)) return fail(tooLarge(cell));
    return ok(cell);
  }
  if (typeof cell === "boolean" || cell instanceof Date || cell === null) {
    return fail(msg(`không phải là ${what.vi}: ${show(cell)}`, `not a${options.money ? "n" : ""} ${what.en}: ${show(cell)}`));
  }
  const original = cellText(cell);
  let s = original;
  for (let i = 0; i < 2; i++) s = s.replace(options.money ? CURRENCY : PERSONS, "").trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true; // accounting notation: (1.234)
    s = s.slice(1, -1).trim();
  }
  if (/^[-−–]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith("+")) {
    s = s.slice(1).trim();
  }
  s = s.replace(SPACES, " ");
  if (/^\d+(?:[.,]\d+)?e[+-]?\d+$/i.test(s)) {
    return fail(
      msg(
        `${what.vi} ở dạng khoa học (${original}) đã mất chữ số: định dạng cột là số (không phải General) trong Excel rồi lưu lại`,
        `${what.en} in scientific notation (${original}) has lost digits: format the column as a number (not General) in Excel and save again`,
      ),
    );
  }
  const digits = integerDigits(s);
  if (digits === undefined) {
    if (/^[\d., ]+$/.test(s) && /\d/.test(s)) return fail(notWhole(original, options));
    return fail(msg(`không phải là ${what.vi}: ${show(original)}`, `not a${options.money ? "n" : ""} ${what.en}: ${show(original)}`));
  }
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return fail(tooLarge(original));
  return ok(negative && n !== 0 ? -n : n);
}

/** The digits of a whole number in one of the accepted groupings, or undefined. */
function integerDigits(s: string): string | undefined {
  const patterns: RegExp[] = [
    // groupings first: "1.000" is a thousand, not one with a zero fraction
    /^(\d{1,3}(?:\.\d{3})+)(?:,0+)?$/, // 1.234.567 (Vietnamese), 1.234.567,00
    /^(\d{1,3}(?:,\d{3})+)(?:\.0+)?$/, // 1,234,567 (English), 1,234,567.00
    /^(\d{1,3}(?: \d{3})+)(?:[.,]0+)?$/, // 1 234 567
    /^(\d+)(?:[.,]0+)?$/, // 1234567, 1234567,00
  ];
  for (const p of patterns) {
    const m = p.exec(s);
    if (m) return m[1]!.replace(/[., ]/g, "");
  }
  return undefined;
}

function notWhole(value: unknown, options: IntegerOptions): Msg {
  return options.money
    ? msg(
        `số tiền VND phải là số nguyên (không có phần lẻ): ${show(value)}; dấu chấm ngăn cách hàng nghìn, ví dụ 1.234.567`,
        `VND amounts must be whole numbers (no fraction): ${show(value)}; thousands are separated by dots, e.g. 1.234.567`,
      )
    : msg(`phải là số nguyên: ${show(value)}`, `must be a whole number: ${show(value)}`);
}

const tooLarge = (value: unknown): Msg =>
  msg(`số quá lớn: ${show(value)} (tối đa 9.007.199.254.740.991)`, `number too large: ${show(value)} (at most 9,007,199,254,740,991)`);

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

/** An offset "+07:00", "-05:30" or "Z". */
export const OFFSET = /^(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug makes this right from 1900-03-01 on). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_EXCEL_SERIAL = 2958466; // 9999-12-31 + 1

/** An Excel serial date (days since 1899-12-30, fraction = time of day) as a Date whose UTC fields are the wall clock. */
export function excelSerialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.round(serial * 86_400_000));
}

interface WallClock {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  frac?: string;
}

function formatWall(w: WallClock, offset: string): string {
  const frac = w.frac ? `.${w.frac}` : "";
  return `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${frac}${offset}`;
}

/** A date cell's wall clock; undefined for an invalid date or a year ISO-8601 cannot write in 4 digits (found by fast-check). */
function wallOfDate(date: Date): WallClock | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  if (date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) return undefined;
  const ms = date.getUTCMilliseconds();
  return {
    y: date.getUTCFullYear(),
    mo: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    h: date.getUTCHours(),
    mi: date.getUTCMinutes(),
    s: date.getUTCSeconds(),
    ...(ms ? { frac: pad(ms, 3) } : {}),
  };
}

function checkWall(w: WallClock, original: string): Msg | undefined {
  if (w.mo < 1 || w.mo > 12)
    return msg(`tháng không hợp lệ (${w.mo}) trong ${show(original)}`, `invalid month (${w.mo}) in ${show(original)}`);
  if (w.d < 1 || w.d > daysInMonth(w.y, w.mo)) {
    return msg(
      `ngày không tồn tại: ${show(original)} (tháng ${w.mo}/${w.y} có ${daysInMonth(w.y, w.mo)} ngày)`,
      `no such day: ${show(original)} (${w.y}-${pad(w.mo)} has ${daysInMonth(w.y, w.mo)} days)`,
    );
  }
  if (w.h > 23 || w.mi > 59 || w.s > 59) return msg(`giờ không hợp lệ trong ${show(original)}`, `invalid time of day in ${show(original)}`);
  return undefined;
}

function normalizeOffset(raw: string): string {
  if (/^z$/i.test(raw)) return "Z";
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw);
  return m ? `${m[1]}${m[2]}:${m[3]}` : raw;
}

const TIME = String.raw`(\d{1,2})[:hH](\d{2})(?::(\d{2}))?`;
const DMY = String.raw`(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})`;
const ISO_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DMY_TIME_RE = new RegExp(String.raw`^${DMY}(?:(?:\s+|\s*,\s*|T)(?:lúc\s+)?${TIME})?$`, "iu");
const TIME_DMY_RE = new RegExp(String.raw`^${TIME}(?:\s+|\s*,\s*)(?:ngày\s+)?${DMY}$`, "iu");

const timeFormatsHelp = msg(
  "cần ngày dạng 23/11/2026 hoặc 23/11/2026 08:30, hoặc ISO-8601 như 2026-11-23T08:30:00+07:00",
  "expected a date like 23/11/2026 or 23/11/2026 08:30, or ISO-8601 like 2026-11-23T08:30:00+07:00",
);

/**
 * A point in time as ISO-8601 with an offset. `timezone` ("+07:00") is the offset of times written
 * without one, and of Excel date cells (Excel has no time zones).
 */
export function parseTimestamp(cell: Cell, timezone = "+07:00"): Parsed<string> {
  if (cell instanceof Date) {
    const w = wallOfDate(cell);
    return w ? ok(formatWall(w, timezone)) : fail(msg("ô ngày không hợp lệ", "invalid date cell"));
  }
  if (typeof cell === "number") {
    if (!(cell >= 1 && cell < MAX_EXCEL_SERIAL)) return fail(msg(`không phải là ngày: ${show(cell)}`, `not a date: ${show(cell)}`));
    return ok(formatWall(wallOfDate(excelSerialToDate(cell))!, timezone));
  }
  if (cell === null || typeof cell === "boolean") return fail(msg(`không phải là ngày: ${show(cell)}`, `not a date: ${show(cell)}`));
  const original = cellText(cell);
  let w: WallClock | undefined;
  let offset = timezone;
  let m = ISO_RE.exec(original);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, off] = m;
    w = {
      y: Number(y),
      mo: Number(mo),
      d: Number(d),
      h: Number(h ?? 0),
      mi: Number(mi ?? 0),
      s: Number(s ?? 0),
      ...(frac ? { frac } : {}),
    };
    if (off) offset = normalizeOffset(off);
  } else if ((m = DMY_TIME_RE.exec(original))) {
    const [, d, mo, y, h, mi, s] = m;
    w = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h ?? 0), mi: Number(mi ?? 0), s: Number(s ?? 0) };
    if (y!.length !== 4) return fail(fourDigitYear(original));
  } else if ((m = TIME_DMY_RE.exec(original))) {
    const [, h, mi, s, d, mo, y] = m;
    w = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s ?? 0) };
    if (y!.length !== 4) return fail(fourDigitYear(original));
  }
  if (!w)
    return fail(
      msg(
        `không đọc được thời điểm ${show(original)}: ${timeFormatsHelp.vi}`,
        `cannot read the time ${show(original)}: ${timeFormatsHelp.en}`,
      ),
    );
  if (!OFFSET.test(offset)) return fail(msg(`múi giờ không hợp lệ trong ${show(original)}`, `invalid offset in ${show(original)}`));
  const bad = checkWall(w, original);
  if (bad) return fail(bad);
  return ok(formatWall(w, offset));
}

/**
 * A calendar day, `YYYY-MM-DD`: every form parseTimestamp reads (23/11/2026, an Excel date cell, ISO),
 * the day as written (a time of day, if any, is dropped).
 */
export function parseDate(cell: Cell): Parsed<string> {
  const t = parseTimestamp(cell);
  return t.ok ? ok(t.value.slice(0, 10)) : t;
}

const fourDigitYear = (original: string): Msg =>
  msg(`năm cần đủ 4 chữ số: ${show(original)}`, `the year needs 4 digits: ${show(original)}`);

/** The instant of an ISO-8601 string with offset, for comparing times written differently. */
export function instantOf(iso: string): number {
  return Date.parse(iso);
}

// ---------------------------------------------------------------------------------------------
// Periods
// ---------------------------------------------------------------------------------------------

const periodHelp = msg(
  "cần kỳ dạng 10/2026, T10/2026, tháng 10/2026 hoặc 2026-10",
  "expected a period like 10/2026, T10/2026, tháng 10/2026 or 2026-10",
);

/** An accounting month, `YYYY-MM`. */
export function parsePeriod(cell: Cell): Parsed<string> {
  if (cell instanceof Date) {
    const w = wallOfDate(cell);
    return w ? ok(`${pad(w.y, 4)}-${pad(w.mo)}`) : fail(msg("ô ngày không hợp lệ", "invalid date cell"));
  }
  // a serial date (1927..2173) from a cell Excel did not format as a date; other numbers are not periods
  if (typeof cell === "number" && Number.isInteger(cell) && cell > 10_000 && cell < 100_000) {
    const w = wallOfDate(excelSerialToDate(cell))!;
    return ok(`${pad(w.y, 4)}-${pad(w.mo)}`);
  }
  if (cell === null || typeof cell !== "string")
    return fail(msg(`không đọc được kỳ ${show(cell)}: ${periodHelp.vi}`, `cannot read the period ${show(cell)}: ${periodHelp.en}`));
  const original = cellText(cell);
  const k = normalizeKey(original);
  let y: number | undefined;
  let mo: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(?:thang|t|ky)?\s*(\d{1,2}) (?:nam )?(\d{4})$/.exec(k))) [mo, y] = [Number(m[1]), Number(m[2])];
  else if ((m = /^(\d{4}) (\d{1,2})$/.exec(k))) [y, mo] = [Number(m[1]), Number(m[2])];
  else if ((m = /^(\d{1,2}) (\d{1,2}) (\d{4})$/.exec(k))) {
    // a full date d/m/yyyy: the month it falls in
    const w = { y: Number(m[3]), mo: Number(m[2]), d: Number(m[1]), h: 0, mi: 0, s: 0 };
    const bad = checkWall(w, original);
    if (bad) return fail(bad);
    [y, mo] = [w.y, w.mo];
  } else if ((m = /^(\d{4}) (\d{1,2}) (\d{1,2})$/.exec(k))) {
    const w = { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: 0, mi: 0, s: 0 };
    const bad = checkWall(w, original);
    if (bad) return fail(bad);
    [y, mo] = [w.y, w.mo];
  }
  if (y === undefined || mo === undefined)
    return fail(msg(`không đọc được kỳ ${show(original)}: ${periodHelp.vi}`, `cannot read the period ${show(original)}: ${periodHelp.en}`));
  if (mo < 1 || mo > 12)
    return fail(msg(`tháng không hợp lệ (${mo}) trong kỳ ${show(original)}`, `invalid month (${mo}) in the period ${show(original)}`));
  return ok(`${pad(y, 4)}-${pad(mo)}`);
}

// ---------------------------------------------------------------------------------------------
// Booleans, lists, words
// ---------------------------------------------------------------------------------------------

/** Synonyms keyed by normalised text, built once per dictionary. */
export type WordMap = ReadonlyMap<string, string | number | boolean>;

export function wordMap(...dicts: ReadonlyArray<Record<string, string | number | boolean> | undefined>): WordMap {
  const map = new Map<string, string | number | boolean>();
  // later dictionaries win: callers pass the built-in words first and the mapping file's last
  for (const dict of dicts) for (const [word, value] of Object.entries(dict ?? {})) map.set(normalizeKey(word), value);
  return map;
}

const BOOLEANS = wordMap(BOOLEAN_WORDS);

export function parseBoolean(cell: Cell, words: WordMap = BOOLEANS): Parsed<boolean> {
  if (typeof cell === "boolean") return ok(cell);
  if (typeof cell === "number" && (cell === 0 || cell === 1)) return ok(cell === 1);
  if (typeof cell === "string") {
    const k = normalizeKey(cell);
    const v = words.get(k) ?? BOOLEANS.get(k);
    if (typeof v === "boolean") return ok(v);
  }
  return fail(
    msg(
      `không phải là có/không: ${show(cell)} (dùng Có/Không, x, 1/0)`,
      `not a yes/no value: ${show(cell)} (use Có/Không, x, 1/0, true/false)`,
    ),
  );
}

/** Items of a list cell, split on `|`, `;` or `,` (the first of these that occurs), trimmed, blanks dropped. */
export function parseList(cell: Cell): string[] {
  if (cell === null) return [];
  const s = cellText(cell);
  const sep = ["|", ";", ","].find((c) => s.includes(c));
  return (sep ? s.split(sep) : [s]).map((x) => x.trim()).filter((x) => x !== "");
}

/**
 * An enum value: the value itself (any case; spaces, hyphens for underscores), or a word of `words`.
 * Returns the canonical value or undefined.
 */
export function matchWord(cell: Cell, options: readonly string[], words: WordMap): string | number | boolean | undefined {
  if (cell === null || cell instanceof Date) return undefined;
  const k = normalizeKey(String(cell));
  const word = words.get(k);
  if (word !== undefined) return word;
  return options.find((o) => normalizeKey(o) === k);
}
