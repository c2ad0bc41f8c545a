// The Tết calendar behind the Tết-season feature: first days of the Lunar New Year (data/tet.json)
// and the season around them. Dates are calendar days in Vietnam time (day arithmetic:
// @lrew/contracts' days.ts). Pure.
import { dayNumber } from "@lrew/contracts";
import tet from "../data/tet.json" with { type: "json" };

/** First days of the Lunar New Year (data/tet.json). */
export const TET_DATES: readonly string[] = tet.dates;

/** Days of the Tết season: the 8 weeks before Tết and the 2 weeks after it. */
export const TET_SEASON = { before: 56, after: 14 } as const;
/** The look-ahead of the Tết feature: the share of the next 60 days that fall in a Tết season. */
export const TET_LOOKAHEAD_DAYS = 60;

/**
 * The Tết season feature as of `date`: the share (0..1) of the next 60 days (date+1 .. date+60) that
 * fall within a Tết season (8 weeks before to 2 weeks after the first day of Tết). It rises from 0
 * about 16 weeks before Tết, is 1 from about 8 weeks before until 7 weeks before, and falls to 0 two
 * weeks after Tết. Bonus disputes and strikes cluster in that season. The same for every enterprise
 * of a date, so with the default calendar it is computed once per date (a run asks once per row).
 */
export function tetSeason(date: string, tetDates: readonly string[] = TET_DATES): number {
  if (tetDates !== TET_DATES) return seasonShare(date, tetDates);
  let v = seasonByDate.get(date);
  if (v === undefined) {
    v = seasonShare(date, TET_DATES);
    seasonByDate.set(date, v);
  }
  return v;
}

/** Default calendar's value per as-of date: one entry per date ever scored (a backtest's days at most). */
const seasonByDate = new Map<string, number>();

function seasonShare(date: string, tetDates: readonly string[]): number {
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
