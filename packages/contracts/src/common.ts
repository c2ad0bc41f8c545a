// Field types shared by every stream. Checks that zod has no words for carry a message code
// (see messages.ts) so that the error text follows the caller's language.
import { z } from "zod";
import type { MessageCode } from "./messages.ts";

const withCode = (code: MessageCode) => ({ params: { code } });

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

/** True when s is ISO-8601 with an explicit offset and names a real calendar instant. */
export function isIsoWithOffset(s: string): boolean {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec] = m;
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  if (day > daysInMonth(year, month)) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) return false;
  return !Number.isNaN(Date.parse(s));
}

/** Range of ClickHouse DateTime64(3) (UTC): outside it ClickHouse would clamp silently, so the sink refuses it. */
export const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(2300, 0, 1) - 1;

/** True when s is not a valid timestamp at all (reported by the format check) or names an instant storable as DateTime64(3). */
function isStorableInstant(s: string): boolean {
  if (!isIsoWithOffset(s)) return true;
  const ms = Date.parse(s);
  return ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/** ISO-8601 instant with an offset ("Z" or ±hh:mm). Stored as UTC DateTime64(3), so 1900..2299 UTC. */
export const timestamp = z
  .string()
  .refine(isIsoWithOffset, withCode("timestamp"))
  .refine(isStorableInstant, withCode("timestamp_range"))
  .meta({
    format: "date-time",
    pattern: ISO_WITH_OFFSET.source,
    description: "ISO-8601 with offset (Z or ±hh:mm), a real calendar instant between 1900-01-01 and 2299-12-31 UTC",
    examples: ["2026-11-23T08:30:00+07:00"],
  });

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Periods are stored in a ClickHouse Date column (1970..2149). */
export const MIN_PERIOD_YEAR = 1970;
export const MAX_PERIOD_YEAR = 2148;

/** Accounting month, YYYY-MM. */
export const period = z
  .string()
  .refine((s) => PERIOD.test(s), withCode("period"))
  .refine((s) => {
    const m = PERIOD.exec(s);
    return !m || (Number(m[1]) >= MIN_PERIOD_YEAR && Number(m[1]) <= MAX_PERIOD_YEAR);
  }, withCode("period_range"))
  .meta({
    pattern: "^\\d{4}-(0[1-9]|1[0-2])$",
    description: `Accounting month YYYY-MM, year ${MIN_PERIOD_YEAR}..${MAX_PERIOD_YEAR}`,
    examples: ["2026-10"],
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
    .overwrite((s) => (typeof s === "string" ? s.normalize("NFC") : s))
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
