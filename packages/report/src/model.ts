// The report as data: a title, the periods, and tables of typed columns. Writers (XLSX, HTML) only
// lay this out; every figure is decided in tables.ts.
import type { Lang } from "@lrew/contracts";
import type { ReportPeriod } from "./period.ts";

export type Text = { vi: string; en: string };

/** How a column's cells are written: counts and VND as integers, shares as percentages, days as dates. */
export type ColumnKind = "text" | "int" | "percent" | "date" | "change";

export interface Column {
  key: string;
  label: Text;
  kind: ColumnKind;
}

/** A cell: a number (int, percent as a fraction, change as a signed int), a date YYYY-MM-DD, a text, or empty. */
export type Cell = string | number | null;

export interface ReportTable {
  /** Sheet name and anchor: short, ASCII. */
  id: string;
  title: Text;
  /** What the table counts and what it does not, shown under it. */
  note?: Text;
  columns: Column[];
  rows: Cell[][];
  /** A bar chart of one numeric column against the first column, in the HTML page. */
  chart?: { valueKey: string };
}

export interface Report {
  title: Text;
  period: ReportPeriod;
  /** Who the report covers: the whole province, or the named units. */
  coverage: Text;
  /** When it was made, Vietnam time "YYYY-MM-DD HH:mm". */
  generatedAt: string;
  tables: ReportTable[];
}

export function textOf(t: Text, lang: Lang): string {
  return t[lang];
}
