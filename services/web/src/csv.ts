// CSV export of the risk list (pure): RFC 4180 quoting, CRLF, and a UTF-8 byte-order mark so that
// Excel opens Vietnamese diacritics correctly. Cells that a spreadsheet would run as a formula are
// prefixed with an apostrophe.
import type { Lang } from "@lrew/contracts";

export const BOM = "\uFEFF";

export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** `lrew-rui-ro-2026-11-23.csv` for the date (YYYY-MM-DD) it was exported. */
export function csvFileName(date: string, lang: Lang): string {
  return `${lang === "vi" ? "lrew-rui-ro" : "lrew-risk"}-${date}.csv`;
}
