// Conversion of contract times (ISO-8601 with offset) and instants to the text ClickHouse reads into
// DateTime64(3, 'UTC'): 'YYYY-MM-DD hh:mm:ss.sss', always UTC; and back. Pure.
import { instantMs } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { z } from "zod";

/** DateTime64 covers 1900-01-01 .. 2299-12-31; outside that ClickHouse would clamp silently. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2299;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Milliseconds since the epoch of an ISO-8601 instant with offset (the contracts' instantMs); fractions beyond ms are truncated. */
export function parseInstant(iso: string, field = "time"): number {
  const ms = instantMs(iso);
  if (Number.isNaN(ms)) throw new BadInputError(`${field}: not an ISO-8601 calendar instant with offset: ${JSON.stringify(iso)}`);
  return ms;
}

/** The text of a DateTime64(3, 'UTC') value, as formatUtc writes it (the row schemas check it). */
export const UTC_TEXT = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/, "expected 'YYYY-MM-DD hh:mm:ss.sss' (UTC)");

/**
 * 'YYYY-MM-DD hh:mm:ss.sss' in UTC, the insert format of every DateTime64(3, 'UTC') column (and the
 * parameter format of `{t:DateTime64(3, 'UTC')}`). The one ClickHouse time formatter of lrew.
 */
export function formatUtc(time: Date | number, field = "time"): string {
  const epochMs = typeof time === "number" ? time : time.getTime();
  const t = new Date(epochMs);
  const year = t.getUTCFullYear();
  if (!Number.isFinite(epochMs) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new BadInputError(`${field}: outside the storable range ${MIN_YEAR}..${MAX_YEAR}`);
  }
  return (
    `${pad(year, 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}.${pad(t.getUTCMilliseconds(), 3)}`
  );
}

/** Contract time (ISO-8601 with offset) → ClickHouse UTC text. '2026-11-23T08:30:00+07:00' → '2026-11-23 01:30:00.000'. */
export function toUtcText(iso: string, field = "time"): string {
  return formatUtc(parseInstant(iso, field), field);
}

/** Accounting month 'YYYY-MM' → Date column text 'YYYY-MM-01' (Date covers 1970..2149). */
export function periodToDate(period: string, field = "period"): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new BadInputError(`${field}: expected YYYY-MM, got ${JSON.stringify(period)}`);
  const year = Number(m[1]);
  if (year < 1970 || year > 2148) throw new BadInputError(`${field}: outside the storable range 1970..2148`);
  return `${m[1]}-${m[2]}-01`;
}

/** ClickHouse DateTime64 text in UTC ('2026-11-23 01:02:03.456') → the instant. */
export function parseUtc(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}
