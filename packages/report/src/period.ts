// Which days a periodic report covers, and the periods it is compared with. Federations report
// monthly (2026-11), half-yearly (2026-H1, 2026-H2) and yearly (2026), or for any cut-off (from/to).
// Days are Vietnam calendar days; `to` is exclusive, so a month is [first day, first day of the next).
import { BadInputError } from "@lrew/errors";
import { addDays, daysBetween, isDate, isPeriod, periodOf } from "@lrew/contracts";

export type PeriodKind = "month" | "half" | "year" | "range";

export interface DayRange {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** The day after the last, YYYY-MM-DD. */
  to: string;
}

export interface ReportPeriod extends DayRange {
  kind: PeriodKind;
  /** As written on the report: "tháng 11/2026", "6 tháng cuối năm 2026", "năm 2026", "01/11/2026 – 30/11/2026". */
  label: { vi: string; en: string };
  /** The period just before, of the same kind and length (month over month, half over half…). */
  previous: DayRange;
  /** The same period a year earlier. */
  lastYear: DayRange;
  /** A short name for files: 2026-11, 2026-H2, 2026, 2026-11-01_2026-11-30. */
  slug: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** The first day of month m of year y; m may run past 1–12 (13 is next January, 0 last December). */
const monthStart = (y: number, m: number) => `${periodOf(y * 12 + m - 1)}-01`;
const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const lastDay = (r: DayRange) => addDays(r.to, -1);

function shiftYears(r: DayRange, years: number): DayRange {
  const shift = (d: string) => {
    const y = Number(d.slice(0, 4)) + years;
    // 29 February has no twin in a common year: the day after 28 February stands in for it.
    const md = d.slice(5);
    return md === "02-29" && !isLeap(y) ? `${y}-03-01` : `${y}-${md}`;
  };
  return { from: shift(r.from), to: shift(r.to) };
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** `--period` as federations write it: YYYY-MM, YYYY-H1 / YYYY-H2, or YYYY. */
export function parsePeriod(text: string): ReportPeriod {
  const s = text.trim();
  if (isPeriod(s)) {
    const y = Number(s.slice(0, 4));
    const mo = Number(s.slice(5, 7));
    const range = { from: monthStart(y, mo), to: monthStart(y, mo + 1) };
    return {
      kind: "month",
      ...range,
      label: { vi: `tháng ${pad(mo)}/${y}`, en: `${MONTHS_EN[mo - 1]} ${y}` },
      previous: { from: monthStart(y, mo - 1), to: range.from },
      lastYear: shiftYears(range, -1),
      slug: s,
    };
  }
  let m = /^(\d{4})-H([12])$/i.exec(s);
  if (m) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    const range = { from: monthStart(y, h === 1 ? 1 : 7), to: monthStart(y, h === 1 ? 7 : 13) };
    return {
      kind: "half",
      ...range,
      label: {
        vi: h === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`,
        en: h === 1 ? `first half of ${y}` : `second half of ${y}`,
      },
      previous: { from: monthStart(y, h === 1 ? -5 : 1), to: range.from },
      lastYear: shiftYears(range, -1),
      slug: `${y}-H${h}`,
    };
  }
  m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const range = { from: `${y}-01-01`, to: `${y + 1}-01-01` };
    return {
      kind: "year",
      ...range,
      label: { vi: `năm ${y}`, en: `${y}` },
      previous: shiftYears(range, -1),
      lastYear: shiftYears(range, -1),
      slug: s,
    };
  }
  throw badPeriod(text);
}

/** `--from` / `--to`: both days included, as a reader writes a cut-off (01/11 to 30/11). */
export function rangePeriod(from: string, to: string): ReportPeriod {
  for (const d of [from, to]) {
    if (!isDate(d)) throw new BadInputError(`ngày không hợp lệ / not a date: "${d}" (YYYY-MM-DD)`);
  }
  if (to < from) throw new BadInputError(`--to (${to}) trước --from (${from}) / --to is before --from`);
  const range = { from, to: addDays(to, 1) };
  const days = daysBetween(range.from, range.to);
  return {
    kind: "range",
    ...range,
    label: { vi: `từ ${vnDate(from)} đến ${vnDate(to)}`, en: `${from} to ${to}` },
    previous: { from: addDays(range.from, -days), to: range.from },
    lastYear: shiftYears(range, -1),
    slug: `${from}_${to}`,
  };
}

/** The days of a range as a reader writes them: "01/11/2026 – 30/11/2026". */
export function rangeText(r: DayRange): string {
  return `${vnDate(r.from)} – ${vnDate(lastDay(r))}`;
}

const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function badPeriod(text: string): BadInputError {
  return new BadInputError(
    `kỳ báo cáo không hợp lệ / not a report period: "${text}" — dùng / use 2026-11 (tháng), 2026-H1, 2026-H2 (6 tháng), 2026 (năm), hoặc / or --from/--to`,
  );
}
