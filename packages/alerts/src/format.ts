// Number, money and date formatting for alerts: vi-VN for Vietnamese (1.234.567 ₫, 1,8, 24/11/2026),
// English with English separators (1,234,567 VND, 1.8, 24/11/2026: day first in both). Pure.
import type { Lang } from "@lrew/contracts";

const locale = (lang: Lang) => (lang === "vi" ? "vi-VN" : "en-GB");

/** Intl puts a no-break space (U+00A0) before ₫; alerts use a plain space, as the brief writes it. */
const plainSpaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

/** A number with at most `digits` decimals: vi 1.234,5; en 1,234.5. */
export function formatNumber(n: number, lang: Lang, digits = 1): string {
  return plainSpaces(new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(n));
}

/** Integer VND: vi `1.234.567 ₫`, en `1,234,567 VND`. */
export function formatVnd(n: number, lang: Lang): string {
  const rounded = Math.round(n);
  if (lang === "vi") return plainSpaces(new Intl.NumberFormat("vi-VN", { style: "currency", currency: "VND" }).format(rounded));
  return `${plainSpaces(new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }).format(rounded))} VND`;
}

/** A share 0..1 as a whole percentage: vi `45%`, en `45%`. */
export function formatPercent(share: number, lang: Lang): string {
  return plainSpaces(new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 0 }).format(share));
}

/** A risk score 0..1 with two decimals: vi 0,72; en 0.72. */
/** A score is a probability of an incident within the horizon: shown as a percentage (1,2 % / 1.2%). */
export function formatScore(score: number, lang: Lang): string {
  return plainSpaces(
    new Intl.NumberFormat(locale(lang), { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score),
  );
}

/** `YYYY-MM-DD` (or an ISO instant, its date part as written) → `dd/mm/yyyy`, in both languages. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}
