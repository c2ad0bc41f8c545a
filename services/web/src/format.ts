// Display helpers of the dashboard (pure): small-count suppression, risk colours of areas, and the
// vi-VN / en formats shared with the alert e-mails.
import { DEFAULT_MIN_CELL_SIZE, fewerThan, formatDate, formatNumber, formatScore, formatVnd } from "@lrew/alerts";
import { vietnamTime, type Lang } from "@lrew/contracts";

export { formatDate, formatNumber, formatScore, formatVnd };

/**
 * Grievance counts per enterprise below the minimum cell size are never shown: a count of 1 or 2
 * can point at the person who complained. null = suppressed (0 is shown: it points at nobody).
 */
export function suppressCount(n: number, minCellSize = DEFAULT_MIN_CELL_SIZE): number | null {
  return n > 0 && n < minCellSize ? null : n;
}

/** A grievance count as shown: the number, or "dưới 3" / "fewer than 3". */
export function shownCount(n: number, lang: Lang, minCellSize = DEFAULT_MIN_CELL_SIZE): string {
  const s = suppressCount(n, minCellSize);
  return s === null ? fewerThan(minCellSize, lang) : formatNumber(s, lang, 0);
}

/** Risk class of an area from its share of high or critical enterprises (tile colour). */
export function areaRiskClass(flagged: number, total: number): "risk-0" | "risk-1" | "risk-2" | "risk-3" {
  if (total === 0 || flagged === 0) return "risk-0";
  const share = flagged / total;
  if (share >= 0.08) return "risk-3";
  if (share >= 0.03) return "risk-2";
  return "risk-1";
}

/** ClickHouse DateTime64 text (UTC, "2026-11-23 01:02:03.456") → "23/11/2026 08:02" in Vietnam time. */
export function formatVietnamDateTime(utc: string): string {
  const d = new Date(`${utc.replace(" ", "T")}${/[zZ]|[+-]\d\d:?\d\d$/.test(utc) ? "" : "Z"}`);
  if (Number.isNaN(d.getTime())) return utc;
  const v = vietnamTime(d); // 2026-11-24T08:02:03.456+07:00
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}

/** "2026-11-01" → "11/2026". */
export function formatMonth(date: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m ? `${m[2]}/${m[1]}` : date;
}

/**
 * The total of a row of grievance counts as shown. Exact only when no cell of the row is suppressed:
 * otherwise total minus the cells shown would give a suppressed count back, so it is shown as a range.
 */
export function shownRowTotal(cells: readonly number[], lang: Lang, minCellSize = DEFAULT_MIN_CELL_SIZE): string {
  const total = cells.reduce((s, n) => s + n, 0);
  if (cells.every((n) => suppressCount(n, minCellSize) !== null)) return shownCount(total, lang, minCellSize);
  if (total < minCellSize) return fewerThan(minCellSize, lang);
  return lang === "vi" ? `từ ${formatNumber(minCellSize, "vi")} trở lên` : `${formatNumber(minCellSize, "en")} or more`;
}
