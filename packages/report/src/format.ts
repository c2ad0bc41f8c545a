// Numbers and dates as a reader of each language writes them: Vietnamese "1.234", "12,5 %",
// "30/11/2026"; English "1,234", "12.5%", "2026-11-30".
import type { Lang } from "@lrew/contracts";
import type { Cell, ColumnKind } from "./model.ts";

const INT = {
  vi: new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }),
};
const PCT = {
  vi: new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** A cell as text, by its column's kind; an empty cell is "–". */
export function formatCell(value: Cell, kind: ColumnKind, lang: Lang): string {
  if (value === null || value === "") return "–";
  if (typeof value === "string") {
    if (kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return lang === "vi" ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : value;
    }
    return value;
  }
  switch (kind) {
    case "percent":
      return lang === "vi" ? `${PCT.vi.format(value * 100)} %` : `${PCT.en.format(value * 100)}%`;
    case "change":
      return value > 0 ? `+${INT[lang].format(value)}` : value < 0 ? `−${INT[lang].format(-value)}` : "0";
    default:
      return INT[lang].format(value);
  }
}
