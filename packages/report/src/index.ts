// @lrew/report: the periodic labour-relations report a federation sends upward (monthly,
// half-yearly, yearly, or for any cut-off): its figures (pure), an XLSX workbook and a printable page.
export { parsePeriod, rangePeriod, rangeText, type DayRange, type PeriodKind, type ReportPeriod } from "./period.ts";
export { buildReport, coveredText, type ReportInput } from "./tables.ts";
export type { Cell, Column, ColumnKind, Report, ReportTable, Text } from "./model.ts";
export { formatCell } from "./format.ts";
export { reportWorkbook, sheetName } from "./xlsx.ts";
export { barChart, reportHtml } from "./html.ts";
export { ALERTS_LOOKBACK_DAYS, buildIncidentReport, incidentAlertRange, type IncidentReportInput } from "./incident.ts";
