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

/** True when s is ISO-8601 with an explicit offset and names a real calendar instant. */
export function isIsoWithOffset(s: string): boolean {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m) return false;
  const [, y, mo, d, h, mi, sec] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) return false;
  return !Number.isNaN(Date.parse(s));
}

/** ISO-8601 instant with an offset ("Z" or ±hh:mm). Stored as UTC DateTime64(3). */
export const timestamp = z
  .string()
  .refine(isIsoWithOffset, withCode("timestamp"))
  .meta({ format: "date-time", description: "ISO-8601 with offset", examples: ["2026-11-23T08:30:00+07:00"] });

/** Accounting month, YYYY-MM. */
export const period = z
  .string()
  .refine((s) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s), withCode("period"))
  .meta({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$", description: "Accounting month YYYY-MM", examples: ["2026-10"] });

/** Integer VND, never negative, never beyond exact double precision. */
export const vnd = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 0, withCode("vnd"))
  .meta({ type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "Integer VND" });

export const count = z.int().min(0);
export const eventId = z.uuid();

/** A short identifier or label: trimmed content required. */
export const label = (max: number) =>
  z.string().max(max).refine((s) => s.trim().length > 0, withCode("blank"));

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
