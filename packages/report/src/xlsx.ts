// The report as an XLSX workbook: a cover sheet, then one sheet per table. Numbers stay numbers
// (with the format a reader expects: thousands grouped, shares as %, changes signed) and dates are
// real dates, so an officer can sort, sum and chart them in Excel or LibreOffice.
import type { Lang } from "@lrew/contracts";
import ExcelJS from "exceljs";
import type { ColumnKind, Report, ReportTable } from "./model.ts";
import { rangeText } from "./period.ts";

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  int: "#,##0",
  percent: "0.0%",
  change: "+#,##0;-#,##0;0",
  date: "dd/mm/yyyy",
};

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(table: ReportTable, lang: Lang): string {
  return table.title[lang]
    .replace(/[:\\/?*[\]]/g, " ")
    .slice(0, 31)
    .trim();
}

const COVER_LABELS = {
  vi: { period: "Kỳ báo cáo", days: "Thời gian", scope: "Phạm vi", made: "Lập lúc (giờ Việt Nam)", contents: "Nội dung", source: "Nguồn" },
  en: { period: "Period", days: "Days", scope: "Covers", made: "Made at (Vietnam time)", contents: "Contents", source: "Source" },
};

export async function reportWorkbook(report: Report, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "lrew";
  wb.title = report.title[lang];
  const cover = wb.addWorksheet(lang === "vi" ? "Bìa" : "Cover");
  const L = COVER_LABELS[lang];
  cover.getColumn(1).width = 28;
  cover.getColumn(2).width = 70;
  cover.addRow([report.title[lang]]).font = { bold: true, size: 14 };
  cover.addRow([]);
  cover.addRow([L.period, report.period.label[lang]]);
  cover.addRow([L.days, rangeText(report.period)]);
  cover.addRow([L.scope, report.coverage[lang]]);
  cover.addRow([L.made, report.generatedAt]);
  cover.addRow([
    L.source,
    lang === "vi" ? "lrew — dữ liệu trong ClickHouse khi lập báo cáo" : "lrew — the data in ClickHouse when the report was made",
  ]);
  cover.addRow([]);
  cover.addRow([L.contents]).font = { bold: true };
  for (const t of report.tables) cover.addRow([t.title[lang]]);

  for (const table of report.tables) {
    const ws = wb.addWorksheet(sheetName(table, lang));
    ws.addRow([table.title[lang]]).font = { bold: true, size: 12 };
    ws.addRow([table.note ? table.note[lang] : ""]);
    const header = ws.addRow(table.columns.map((c) => c.label[lang]));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
    header.eachCell((cell) => {
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } };
      cell.border = { bottom: { style: "thin" } };
    });
    for (const row of table.rows) {
      ws.addRow(
        row.map((v, i) => {
          if (v === null) return null;
          if (table.columns[i]!.kind === "date" && typeof v === "string") return new Date(`${v}T00:00:00Z`);
          return v;
        }),
      );
    }
    table.columns.forEach((c, i) => {
      const column = ws.getColumn(i + 1);
      column.width = c.kind === "text" ? (i === 0 ? 42 : 24) : 16;
      const fmt = NUM_FMT[c.kind];
      if (fmt) column.numFmt = fmt;
    });
    ws.views = [{ state: "frozen", ySplit: 3 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
