// Calendar data and day arithmetic. Dates are 'YYYY-MM-DD' calendar days in Vietnam time; all
// arithmetic is on whole days (UTC midnight epoch), so it is exact and time-zone free. Pure.
import tet from "../data/tet.json" with { type: "json" };

export const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** First days of the Lunar New Year (data/tet.json). */
export const TET_DATES: readonly string[] = tet.dates;

/** Days of the Tết season: the 8 weeks before Tết and the 2 weeks after it. */
export const TET_SEASON = { before: 56, after: 14 } as const;
/** The look-ahead of the Tết feature: the share of the next 60 days that fall in a Tết season. */
export const TET_LOOKAHEAD_DAYS = 60;

export function isDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

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

/**
 * The Tết season feature as of `date`: the share (0..1) of the next 60 days (date+1 .. date+60) that
 * fall within a Tết season (8 weeks before to 2 weeks after the first day of Tết). It rises from 0
 * about 16 weeks before Tết, is 1 from about 8 weeks before until 7 weeks before, and falls to 0 two
 * weeks after Tết. Bonus disputes and strikes cluster in that season.
 */
export function tetSeason(date: string, tetDates: readonly string[] = TET_DATES): number {
  const from = dayNumber(date) + 1;
  const to = from + TET_LOOKAHEAD_DAYS - 1;
  let best = 0;
  for (const t of tetDates) {
    const tn = dayNumber(t);
    const lo = Math.max(from, tn - TET_SEASON.before);
    const hi = Math.min(to, tn + TET_SEASON.after - 1);
    if (hi >= lo) best = Math.max(best, (hi - lo + 1) / TET_LOOKAHEAD_DAYS);
  }
  return best;
}
