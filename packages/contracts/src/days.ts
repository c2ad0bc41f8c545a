// Calendar days and Vietnam time, defined once for every package. Contract times carry an offset
// (Vietnam's is +07:00, no daylight saving); a "day" everywhere in lrew (an as-of date, a report's
// day, a digest's date) is a calendar day 'YYYY-MM-DD' in Vietnam. Day arithmetic works on whole
// days (UTC-midnight epoch), so it is exact and time-zone free. Pure.

/** The IANA zone of every schedule (the scorer's and notifier's cron jobs). */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Vietnam's offset from UTC, as contract times write it. */
export const VIETNAM_UTC_OFFSET = "+07:00";
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

export const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant in Vietnam wall-clock time, ISO-8601 with its offset: 2026-11-24T00:30:00.000+07:00. */
export function vietnamTime(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().replace("Z", VIETNAM_UTC_OFFSET);
}

/** The calendar day in Vietnam at that instant: what "today" means for an as-of date or a digest. */
export function vietnamDate(instant: Date): string {
  return vietnamTime(instant).slice(0, 10);
}

export function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Days since 1970-01-01; RangeError when `date` is not a calendar day 'YYYY-MM-DD'. */
export function dayNumber(date: string): number {
  if (!isDate(date)) throw new RangeError(`not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

export function dateOfDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Every date from `from` to `to` inclusive, `step` days apart. */
export function dateRange(from: string, to: string, step = 1): string[] {
  if (!(step >= 1)) throw new RangeError("step must be >= 1");
  const out: string[] = [];
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d += step) out.push(dateOfDay(d));
  return out;
}
