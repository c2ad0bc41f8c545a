// The terminal table: columns aligned by what the eye sees, not by UTF-16 code units. Vietnamese
// letters may arrive decomposed (a + combining marks: "ê" + "̣"), which JavaScript counts as several
// characters but a terminal draws as one; widths count grapheme clusters of the NFC text, and East
// Asian wide characters count two.
import type { JsonResult } from "./formats.ts";
import type { Lang } from "@lrew/contracts";

const segmenter = new Intl.Segmenter("vi", { granularity: "grapheme" });
// Hangul, CJK, full-width forms: two terminal cells each.
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Terminal cells a text occupies. Pure. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const { segment } of segmenter.segment(text.normalize("NFC"))) {
    if (/^\p{Cc}$/u.test(segment)) continue;
    width += WIDE.test(segment) ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

const NUMERIC = /^(Nullable\()?(U?Int\d+|Float\d+|Decimal.*)\)?$/;

/** One value as the table shows it: vi-VN numbers (1.234.567) and dates (23/11/2026) in Vietnamese. Pure. */
export function cellText(value: unknown, type: string, lang: Lang): string {
  if (value === null || value === undefined) return "NULL";
  const locale = lang === "vi" ? "vi-VN" : "en-GB";
  if (NUMERIC.test(type)) {
    const n = typeof value === "number" ? value : Number(value);
    if (Number.isFinite(n) && (typeof value === "number" || Math.abs(n) < Number.MAX_SAFE_INTEGER)) {
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(n);
    }
    return String(value);
  }
  if (typeof value === "string") {
    const date = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(\.\d+)?)?$/.exec(value);
    if (date && /Date/.test(type)) {
      const [, y, m, d, hh, mm] = date;
      const day = lang === "vi" ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
      return hh ? `${day} ${hh}:${mm}` : day;
    }
    return value.replace(/[\r\n\t]+/g, " ");
  }
  if (typeof value === "boolean") return lang === "vi" ? (value ? "có" : "không") : value ? "yes" : "no";
  return JSON.stringify(value);
}

/** Draws a JSON result as an aligned table with a row count. Pure. */
export function renderTable(result: JsonResult, lang: Lang): string {
  const names = result.meta.map((m) => m.name);
  const rows = result.data.map((row) => result.meta.map((m) => cellText(row[m.name], m.type, lang)));
  const right = result.meta.map((m) => NUMERIC.test(m.type));
  const widths = names.map((n, i) => Math.max(displayWidth(n), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!, right[i]!))
      .join("  ")
      .trimEnd();
  const out = [line(names), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)];
  const count = result.data.length;
  out.push("", lang === "vi" ? `(${new Intl.NumberFormat("vi-VN").format(count)} dòng)` : `(${count} row${count === 1 ? "" : "s"})`);
  return `${out.join("\n")}\n`;
}
