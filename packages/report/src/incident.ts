// The quick report on one stoppage (báo cáo nhanh): what happened, where, and what lrew had said
// about the enterprise before it. Pure.
import { type Lang, CATEGORY_NAMES, INCIDENT_KIND_NAMES, OWNERSHIP_NAMES, SECTOR_NAMES, addDays, daysBetween } from "@lrew/contracts";
import { LEVEL_NAMES } from "@lrew/risk";
import type { ReportIncidentAlertRow, ReportIncidentRow } from "@lrew/warehouse";
import { formatCell } from "./format.ts";
import type { Cell, Column, Report } from "./model.ts";
import type { ReportPeriod } from "./period.ts";

/** How far back the quick report looks for alerts: the 60-day horizon lrew warns within, and as much again. */
export const ALERTS_LOOKBACK_DAYS = 120;

const col = (key: string, vi: string, en: string, kind: Column["kind"]): Column => ({ key, label: { vi, en }, kind });
const nameIn = (names: Record<string, { vi: string; en: string }>, code: string, lang: Lang) => names[code]?.[lang] ?? code;

export interface IncidentReportInput {
  incident: ReportIncidentRow;
  alerts: readonly ReportIncidentAlertRow[];
  areaNames: ReadonlyMap<string, string>;
  generatedAt: string;
}

/** The days the quick report's alert list covers: the lookback before the incident's first day. */
export function incidentAlertRange(incident: Pick<ReportIncidentRow, "start_day">): { from: string; to: string } {
  return { from: addDays(incident.start_day, -ALERTS_LOOKBACK_DAYS), to: addDays(incident.start_day, 1) };
}

export function buildIncidentReport(input: IncidentReportInput, lang: Lang = "vi"): Report {
  const r = input.incident;
  const yes = lang === "vi" ? "Có" : "Yes";
  const no = lang === "vi" ? "Chưa có" : "No";
  const facts: Array<[string, string, Cell, Column["kind"]]> = [
    ["Doanh nghiệp", "Enterprise", r.name === "" ? r.enterprise_id : r.name, "text"],
    ["Mã số thuế", "Tax code", r.enterprise_id, "text"],
    ["Địa bàn", "Area", input.areaNames.get(r.area_code) ?? r.area_code, "text"],
    ["Ngành", "Sector", nameIn(SECTOR_NAMES, r.sector, lang), "text"],
    ["Loại hình", "Ownership", nameIn(OWNERSHIP_NAMES, r.ownership, lang), "text"],
    ["Công đoàn cơ sở", "Grassroots union", r.has_union ? yes : no, "text"],
    ["Đơn vị công đoàn phụ trách", "Responsible union unit", r.union_unit_id, "text"],
    ["Hình thức", "Kind", nameIn(INCIDENT_KIND_NAMES, r.kind, lang), "text"],
    [
      "Tính chất",
      "Lawfulness",
      r.lawful ? (lang === "vi" ? "Đúng pháp luật" : "Lawful") : lang === "vi" ? "Tự phát" : "Spontaneous (unlawful)",
      "text",
    ],
    ["Ngày bắt đầu", "Started", r.start_day, "date"],
    ["Ngày kết thúc", "Ended", r.end_day === "" ? null : r.end_day, "date"],
    ["Số người tham gia", "Workers involved", r.workers_involved, "int"],
    ["Nguyên nhân", "Causes", r.causes.map((c) => nameIn(CATEGORY_NAMES, c, lang)).join(", "), "text"],
  ];
  const first = input.alerts[0];
  const period: ReportPeriod = {
    kind: "range",
    from: r.start_day,
    to: addDays(r.start_day, 1),
    label: { vi: `ngày ${r.start_day.split("-").reverse().join("/")}`, en: r.start_day },
    previous: { from: r.start_day, to: r.start_day },
    lastYear: { from: r.start_day, to: r.start_day },
    slug: `vu-viec-${r.start_day}-${r.enterprise_id}`,
  };
  return {
    title: {
      vi: `Báo cáo nhanh: ${nameIn(INCIDENT_KIND_NAMES, r.kind, "vi").toLowerCase()} tại ${r.name || r.enterprise_id}`,
      en: `Quick report: ${nameIn(INCIDENT_KIND_NAMES, r.kind, "en").toLowerCase()} at ${r.name || r.enterprise_id}`,
    },
    period,
    coverage: { vi: "Một vụ việc", en: "One incident" },
    generatedAt: input.generatedAt,
    tables: [
      {
        id: "vu-viec",
        title: { vi: "1. Diễn biến", en: "1. What happened" },
        // One column of mixed facts: dates are written out here; numbers stay numbers.
        columns: [col("item", "Nội dung", "Item", "text"), col("value", "Thông tin", "Value", "text")],
        rows: facts.map(([vi, en, v, kind]) => [lang === "vi" ? vi : en, kind === "date" && v !== null ? formatCell(v, "date", lang) : v]),
      },
      {
        id: "canh-bao-truoc",
        title: { vi: "2. Cảnh báo của lrew trước vụ việc", en: "2. lrew's alerts before the incident" },
        note: {
          vi: first
            ? `Cảnh báo đầu tiên trong ${ALERTS_LOOKBACK_DAYS} ngày trước vụ việc: ${daysBetween(first.as_of, r.start_day)} ngày trước ngày bắt đầu.`
            : `Không có cảnh báo nào trong ${ALERTS_LOOKBACK_DAYS} ngày trước vụ việc.`,
          en: first
            ? `First alert in the ${ALERTS_LOOKBACK_DAYS} days before: ${daysBetween(first.as_of, r.start_day)} days before it started.`
            : `No alert in the ${ALERTS_LOOKBACK_DAYS} days before the incident.`,
        },
        columns: [
          col("as_of", "Ngày cảnh báo", "Alert day", "date"),
          col("level", "Mức", "Level", "text"),
          col("days_before", "Số ngày trước vụ việc", "Days before", "int"),
          col("unit", "Đơn vị nhận", "Unit alerted", "text"),
          col("sent", "Số thư đã gửi", "E-mails sent", "int"),
        ],
        rows: input.alerts.map((a) => [
          a.as_of,
          nameIn(LEVEL_NAMES, a.level, lang),
          daysBetween(a.as_of, r.start_day),
          a.union_unit_id,
          a.sent,
        ]),
      },
    ],
  };
}
