// Time in the simulator is "local milliseconds": the wall-clock time in Vietnam (UTC+07:00, no
// daylight saving) counted as if it were UTC. Formatting appends "+07:00", so the instant is exact.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const OFFSET = "+07:00";
const OFFSET_MS = 7 * HOUR_MS;

let lastDate = "";
let lastYmd: [number, number, number] = [0, 0, 0];

function ymd(date: string): [number, number, number] {
  if (date === lastDate) return lastYmd;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`date expected as YYYY-MM-DD: ${date}`);
  lastYmd = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  lastDate = date;
  return lastYmd;
}

/** Local ms of a date's midnight. */
export function dateMs(date: string): number {
  const [y, m, d] = ymd(date);
  return Date.UTC(y, m, d);
}

/** Local ms of the first day of simulated month `t` (t = 0 is the month `start` falls in). */
export function monthStartMs(start: string, t: number): number {
  const [y, m] = ymd(start);
  return Date.UTC(y, m + t, 1);
}

/** Number of calendar months that overlap [start, start + days). */
export function monthCount(start: string, days: number): number {
  const [y, m] = ymd(start);
  const last = new Date(dateMs(start) + (days - 1) * DAY_MS);
  return (last.getUTCFullYear() - y) * 12 + (last.getUTCMonth() - m) + 1;
}

/** 'YYYY-MM' of simulated month t. */
export function periodOf(start: string, t: number): string {
  const d = new Date(monthStartMs(start, t));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}`;
}

/** Calendar month 1–12 of simulated month t. */
export function calendarMonthOf(start: string, t: number): number {
  return new Date(monthStartMs(start, t)).getUTCMonth() + 1;
}

const dayText = new Map<number, string>();

/** ISO-8601 with the +07:00 offset, to the second. */
export function formatLocal(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = dayText.get(day);
  if (date === undefined) {
    const d = new Date(day * DAY_MS);
    date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T`;
    if (dayText.size > 20_000) dayText.clear();
    dayText.set(day, date);
  }
  const sec = Math.floor((ms - day * DAY_MS) / 1000);
  return `${date}${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor(sec / 60) % 60)}:${pad2(sec % 60)}${OFFSET}`;
}

/** The real instant (UTC epoch ms) of a local ms value. */
export function toEpochMs(localMs: number): number {
  return localMs - OFFSET_MS;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
