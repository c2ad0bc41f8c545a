// Working days in Vietnam: Monday to Friday, less the public holidays (Tết, Giỗ Tổ, 30/4, 1/5,
// Quốc khánh and the days given in lieu), plus the Saturdays worked to make up for a bridged day.
// The holidays change every year by government notice, so they are data: one file a year,
// data/holidays-<year>.json. What a case's deadline counts. Pure: reading the files is
// readHolidayCalendar in files.ts.

// Day arithmetic on 'YYYY-MM-DD' (UTC-midnight epoch days): the same as @lrew/contracts' days.ts,
// kept here so the reference data has no dependencies.
const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const addDays = (date: string, days: number) => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dayNumber(s)) && addDays(s, 0) === s;

export interface HolidayCalendar {
  /** Weekdays off: holidays and days in lieu. */
  daysOff: ReadonlySet<string>;
  /** Saturdays or Sundays worked (làm bù). */
  workingWeekendDays: ReadonlySet<string>;
  /** The years the data covers; other years count weekends only. */
  years: ReadonlySet<number>;
}

export interface HolidayFile {
  year: number;
  days_off: Array<{ date: string; name: string }>;
  working_days: Array<{ date: string; name: string }>;
}

/** A calendar from the yearly files' contents; Error naming the file and day that are wrong. */
export function holidayCalendar(files: ReadonlyArray<{ name: string; content: HolidayFile }>): HolidayCalendar {
  const daysOff = new Set<string>();
  const workingWeekendDays = new Set<string>();
  const years = new Set<number>();
  for (const { name, content } of files) {
    years.add(content.year);
    for (const { date } of [...content.days_off, ...content.working_days]) {
      if (!isDate(date) || Number(date.slice(0, 4)) !== content.year)
        throw new Error(`${name}: ${JSON.stringify(date)} is not a day of ${content.year}`);
    }
    for (const { date } of content.days_off) daysOff.add(date);
    for (const { date } of content.working_days) workingWeekendDays.add(date);
  }
  return { daysOff, workingWeekendDays, years };
}

/** True on a day people work: a weekday that is not a holiday, or a make-up Saturday. */
export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  if (cal.workingWeekendDays.has(date)) return true;
  if (cal.daysOff.has(date)) return false;
  const weekday = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Working days strictly between `from` and `to` (both excluded): the whole working days that passed. */
export function workingDaysBetween(from: string, to: string, cal: HolidayCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d < to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/** The day after `from` on which `n` whole working days have passed since it (from which a deadline of n is overdue). */
export function dayAfterWorkingDays(from: string, n: number, cal: HolidayCalendar): string {
  let d = from;
  for (let passed = 0; passed < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, cal)) passed++;
  }
  return addDays(d, 1);
}
