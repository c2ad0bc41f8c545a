// Field types shared by every stream. Checks that zod has no words for carry a message code
// (see messages.ts) so that the error text follows the caller's language.
import { z } from "zod";
import type { MessageCode } from "./messages.ts";

const withCode = (code: MessageCode) => ({ params: { code } });

/** ASCII text is its own NFC: only other text is passed to ICU to be normalised. */
const NON_ASCII = /[\u0080-\uffff]/;

/** Mã số thuế: 10 digits, or 10 digits + "-" + 3 digits for a branch. */
export const enterpriseId = z
  .string()
  .refine((s) => /^\d{10}(-\d{3})?$/.test(s), withCode("enterprise_id"))
  .meta({ pattern: "^\\d{10}(-\\d{3})?$", description: "Mã số thuế (tax code)", examples: ["5600123456", "5600123456-001"] });

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
// Date.UTC maps years 0..99 to 1900..1999, so the calendar is computed by hand.
const daysInMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar, any year (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * Epoch milliseconds of s when it is ISO-8601 with an explicit offset and names a real calendar
 * instant (fractions beyond milliseconds are cut, as Date.parse does); NaN otherwise. The one parser
 * of contract times: the contract checks with it, the warehouse converts with it.
 */
export function instantMs(s: string): number {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return Number.NaN;
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]),
    hour = Number(m[4]),
    minute = Number(m[5]),
    second = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== "Z") {
    const offsetHour = Number(zone.slice(1, 3)),
      offsetMinute = Number(zone.slice(4, 6));
    if (offsetHour > 23 || offsetMinute > 59) return Number.NaN;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  return (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
}

/** True when s is ISO-8601 with an explicit offset and names a real calendar instant. */
export function isIsoWithOffset(s: string): boolean {
  return !Number.isNaN(instantMs(s));
}

/** Range of ClickHouse DateTime64(3) (UTC): outside it ClickHouse would clamp silently, so the sink refuses it. */
export const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2300, 0, 1) - 1;

/** ISO-8601 instant with an offset ("Z" or ±hh:mm). Stored as UTC DateTime64(3), so 1900..2299 UTC. */
export const timestamp = z
  .string()
  // One parse for both checks: a time that is not a calendar instant, or one DateTime64(3) cannot hold.
  .superRefine((s, ctx) => {
    const ms = instantMs(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", input: s, ...withCode("timestamp") });
    else if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) ctx.addIssue({ code: "custom", input: s, ...withCode("timestamp_range") });
  })
  .meta({
    format: "date-time",
    pattern: ISO_WITH_OFFSET.source,
    description: "ISO-8601 with offset (Z or ±hh:mm), a real calendar instant between 1900-01-01 and 2299-12-31 UTC",
    examples: ["2026-11-23T08:30:00+07:00"],
  });

/**
 * received_at, on every stream: when the provider itself first had the record. Optional: a backfill
 * of a backlog sets it, live events leave it out and ingest stamps its own receive time (see
 * arrival.ts; never later than that time).
 */
export const receivedAt = timestamp.optional();

/** An accounting month, YYYY-MM with a month 01–12: the one pattern of a period. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a value is a period (YYYY-MM); the contract's `period` adds the year range. */
export const isPeriod = (p: unknown): p is string => typeof p === "string" && PERIOD.test(p);

/** A period's month number (year × 12 + month − 1): periods compare, count and shift by it. */
export const periodIndex = (p: string): number => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;

/** The period of a month number, periodIndex's inverse: `periodOf(periodIndex(p) + n)` is n months after p. */
export const periodOf = (index: number): string => `${Math.floor(index / 12)}-${String((((index % 12) + 12) % 12) + 1).padStart(2, "0")}`;

/** Periods are stored in a ClickHouse Date column (1970..2149). */
export const MIN_PERIOD_YEAR = 1970;
export const MAX_PERIOD_YEAR = 2148;

/** Accounting month, YYYY-MM. */
export const period = z
  .string()
  .refine((s) => isPeriod(s), withCode("period"))
  .refine((s) => {
    const m = PERIOD.exec(s);
    return !m || (Number(m[1]) >= MIN_PERIOD_YEAR && Number(m[1]) <= MAX_PERIOD_YEAR);
  }, withCode("period_range"))
  .meta({
    pattern: "^\\d{4}-(0[1-9]|1[0-2])$",
    description: `Accounting month YYYY-MM, year ${MIN_PERIOD_YEAR}..${MAX_PERIOD_YEAR}`,
    examples: ["2026-10"],
  });

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day YYYY-MM-DD (Vietnam), stored in a ClickHouse Date column (1970..2148). */
export const calendarDate = z
  .string()
  .refine((s) => {
    const m = DAY.exec(s);
    if (!m) return false;
    const year = Number(m[1]),
      month = Number(m[2]),
      day = Number(m[3]);
    return year >= MIN_PERIOD_YEAR && year <= MAX_PERIOD_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }, withCode("date"))
  .meta({
    format: "date",
    pattern: "^\\d{4}-\\d{2}-\\d{2}$",
    description: "Calendar day YYYY-MM-DD (Vietnam), years 1970..2148",
    examples: ["2026-11-23"],
  });

/** Integer VND, never negative, never beyond exact double precision. */
export const vnd = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, withCode("vnd"))
  .meta({ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "Integer VND" });

export const count = z.int().min(0);
export const eventId = z.uuid();

// zod runs its length checks on any value that has a `length` property, even after the type check
// failed, and compares that property with the limit: the JSON `{"length":[{"toString":1}]}` then makes
// safeParse throw instead of reporting an error. These variants only look at values of the right type.
const isString = (payload: { value: unknown }) => typeof payload.value === "string";
const isArray = (payload: { value: unknown }) => Array.isArray(payload.value);

/** At most `max` characters (code points), checked on strings only. */
export const maxChars = (max: number) => new z.core.$ZodCheckMaxLength({ check: "max_length", maximum: max, when: isString });

/** At most `max` items, checked on arrays only. */
export const maxItems = (max: number) => new z.core.$ZodCheckMaxLength({ check: "max_length", maximum: max, when: isArray });

/**
 * Free text: well-formed Unicode only, stored NFC-normalised (composed). JSON can carry a lone
 * surrogate (`"\ud800"`); JavaScript and Kafka pass it on, but ClickHouse refuses the whole insert
 * (CANNOT_PARSE_ESCAPE_SEQUENCE) and it has no UTF-8 form, so it is refused here, where the provider
 * learns which field. Normalising before the length check counts `ệ` as one character whichever way
 * the sender's keyboard wrote it (decomposed it is three), and one name is stored one way.
 */
export const text = (max: number) =>
  z
    .string()
    .refine((s) => typeof s !== "string" || s.isWellFormed(), withCode("text_ill_formed"))
    .overwrite((s) => (typeof s === "string" && NON_ASCII.test(s) ? s.normalize("NFC") : s))
    .check(maxChars(max));

/** A short identifier or label: trimmed content required. */
export const label = (max: number) =>
  text(max)
    .refine((s) => s.trim().length > 0, withCode("blank"))
    // JSON Schema's view of "not blank": at least one non-whitespace character (the same set trim() removes).
    .meta({ minLength: 1, pattern: "\\S" });

export const GRIEVANCE_CATEGORIES = [
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
] as const;
export const grievanceCategory = z.enum(GRIEVANCE_CATEGORIES);
