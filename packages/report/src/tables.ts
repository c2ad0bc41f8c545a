// Every figure of the periodic report, from rows the warehouse reads. Pure: the same rows give the
// same tables. Incidents and workers are counted as they are (no small-cell rule: a stoppage is
// public); the report carries no per-enterprise grievance counts, which is where the rule applies.
import {
  type Lang,
  CASE_ACTION_KINDS,
  CASE_ACTION_VOCABULARY,
  CATEGORY_NAMES,
  INCIDENT_KIND_NAMES,
  OWNERSHIP_NAMES,
  SECTOR_NAMES,
  type Names,
} from "@lrew/contracts";
import { LEVEL_NAMES, LEVELS } from "@lrew/risk";
import type { ReportActionRow, ReportAlertRow, ReportCoverageRow, ReportIncidentRow, ReportLevelRow, Scope } from "@lrew/warehouse";
import type { Cell, Column, ColumnKind, Report, ReportTable, Text } from "./model.ts";
import { rangeText, type ReportPeriod } from "./period.ts";

export interface ReportInput {
  period: ReportPeriod;
  /** Incidents that started in the period, the period before, and the same period a year earlier. */
  current: readonly ReportIncidentRow[];
  previous: readonly ReportIncidentRow[];
  lastYear: readonly ReportIncidentRow[];
  levels: readonly ReportLevelRow[];
  coverage: readonly ReportCoverageRow[];
  alerts: readonly ReportAlertRow[];
  /** Union actions on cases recorded in the period (lrew.case-actions.v1), by kind. */
  actions: readonly ReportActionRow[];
  /** Area code → name, from the reference data; codes without a name are shown as codes. */
  areaNames: ReadonlyMap<string, string>;
  /** Who the report covers, as its cover says (coveredText). */
  covers: Text;
  /** Vietnam time "YYYY-MM-DD HH:mm". */
  generatedAt: string;
}

/** The cover's "who it covers": the whole province, or the scope's units or areas (by `name` when given). */
export function coveredText(scope: Scope, name?: string): Text {
  if (scope.kind === "all") return both("Toàn tỉnh", "The whole province");
  const codes = (scope.kind === "units" ? scope.units : scope.areas).join(", ");
  if (name !== undefined) return both(`Các địa bàn của ${name} (${codes})`, `The areas of ${name} (${codes})`);
  return scope.kind === "units"
    ? both(`Các địa bàn của đơn vị ${codes} và các đơn vị trực thuộc`, `The areas of ${codes} and of the units below`)
    : both(`Các địa bàn: ${codes}`, `Areas: ${codes}`);
}

const col = (key: string, vi: string, en: string, kind: ColumnKind): Column => ({ key, label: { vi, en }, kind });
const both = (vi: string, en: string): Text => ({ vi, en });

const COUNTRY_NAMES: Names = {
  KR: both("Hàn Quốc", "South Korea"),
  CN: both("Trung Quốc", "China"),
  TW: both("Đài Loan (Trung Quốc)", "Taiwan (China)"),
  JP: both("Nhật Bản", "Japan"),
  SG: both("Singapore", "Singapore"),
  HK: both("Hồng Kông (Trung Quốc)", "Hong Kong (China)"),
  TH: both("Thái Lan", "Thailand"),
  US: both("Hoa Kỳ", "United States"),
  "": both("Chưa có thông tin", "Not recorded"),
};

const TOTAL: Text = both("Tổng cộng", "Total");

const LAWFUL_NAMES: Names = { true: both("Đúng pháp luật", "Lawful"), false: both("Tự phát", "Spontaneous (unlawful)") };

/** The codes' names in both languages, the code itself where a table has no name for it. */
function named(names: Names, code: string): Text {
  return names[code] ?? { vi: code, en: code };
}

const workersOf = (rows: readonly ReportIncidentRow[]) => rows.reduce((s, r) => s + r.workers_involved, 0);
const enterprisesOf = (rows: readonly ReportIncidentRow[]) => new Set(rows.map((r) => r.enterprise_id)).size;
const spontaneous = (rows: readonly ReportIncidentRow[]) => rows.filter((r) => !r.lawful);
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Rows grouped by a key, in first-seen order. */
function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Largest first, then by code, so the table reads from the heaviest line down. */
function byCountDesc<T>(groups: Map<string, T[]>): Array<[string, T[]]> {
  // Codes in byte order (not the locale's), as ClickHouse sorts them.
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function summaryTable(input: ReportInput, lang: Lang): ReportTable {
  const { current, previous, lastYear, period } = input;
  const line = (label: Text, f: (rows: readonly ReportIncidentRow[]) => number): Cell[] => {
    const now = f(current);
    const before = f(previous);
    const ago = f(lastYear);
    return [label[lang], now, before, now - before, ago, now - ago];
  };
  const rows = [
    line(
      both("Số vụ ngừng việc tập thể, đình công, tranh chấp tập thể", "Incidents (stoppages, strikes, collective disputes)"),
      (r) => r.length,
    ),
    line(both("trong đó: tự phát (không đúng trình tự pháp luật)", "of which spontaneous (unlawful)"), (r) => spontaneous(r).length),
    line(both("Số người lao động tham gia", "Workers involved"), workersOf),
    line(both("Số doanh nghiệp xảy ra", "Enterprises where they happened"), enterprisesOf),
  ];
  return {
    id: "tong-hop",
    title: both("1. Tổng hợp", "1. Summary"),
    note: both(
      `Kỳ này: ${rangeText(period)}; kỳ trước: ${rangeText(period.previous)}; cùng kỳ năm trước: ${rangeText(period.lastYear)}.`,
      `This period: ${rangeText(period)}; previous: ${rangeText(period.previous)}; same period last year: ${rangeText(period.lastYear)}.`,
    ),
    columns: [
      col("item", "Chỉ tiêu", "Item", "text"),
      col("now", "Kỳ này", "This period", "int"),
      col("previous", "Kỳ trước", "Previous period", "int"),
      col("vs_previous", "Tăng (+) / giảm (−) so với kỳ trước", "Change on the previous period", "change"),
      col("last_year", "Cùng kỳ năm trước", "Same period last year", "int"),
      col("vs_last_year", "Tăng (+) / giảm (−) so với cùng kỳ", "Change on last year", "change"),
    ],
    rows,
  };
}

function kindTable(input: ReportInput, lang: Lang): ReportTable {
  const kinds = Object.keys(INCIDENT_KIND_NAMES);
  const seen = new Set([...input.current, ...input.previous, ...input.lastYear].map((r) => r.kind));
  const codes = [...kinds, ...[...seen].filter((k) => !kinds.includes(k)).sort()];
  const count = (rows: readonly ReportIncidentRow[], kind: string) => rows.filter((r) => r.kind === kind).length;
  const rows: Cell[][] = codes.map((kind) => {
    const now = input.current.filter((r) => r.kind === kind);
    return [
      named(INCIDENT_KIND_NAMES, kind)[lang],
      now.filter((r) => r.lawful).length,
      spontaneous(now).length,
      now.length,
      workersOf(now),
      count(input.previous, kind),
      count(input.lastYear, kind),
    ];
  });
  rows.push([
    TOTAL[lang],
    input.current.filter((r) => r.lawful).length,
    spontaneous(input.current).length,
    input.current.length,
    workersOf(input.current),
    input.previous.length,
    input.lastYear.length,
  ]);
  return {
    id: "theo-loai",
    title: both("2. Theo hình thức và tính chất pháp lý", "2. By kind and lawfulness"),
    columns: [
      col("kind", "Hình thức", "Kind", "text"),
      col("lawful", "Đúng pháp luật", "Lawful", "int"),
      col("spontaneous", "Tự phát", "Spontaneous", "int"),
      col("total", "Tổng số vụ", "Incidents", "int"),
      col("workers", "Số người tham gia", "Workers involved", "int"),
      col("previous", "Kỳ trước", "Previous period", "int"),
      col("last_year", "Cùng kỳ năm trước", "Same period last year", "int"),
    ],
    rows,
    chart: { valueKey: "total" },
  };
}

/** Month by month within the period, each beside the same month a year earlier. */
function monthTable(input: ReportInput, lang: Lang): ReportTable {
  const months: string[] = [];
  for (let m = input.period.from.slice(0, 7); `${m}-01` < input.period.to; m = nextMonth(m)) months.push(m);
  const monthOf = (r: ReportIncidentRow) => r.start_day.slice(0, 7);
  const lastYearMonth = (m: string) => `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`;
  const rows: Cell[][] = months.map((m) => {
    const now = input.current.filter((r) => monthOf(r) === m);
    const ago = input.lastYear.filter((r) => monthOf(r) === lastYearMonth(m));
    return [`${m.slice(5)}/${m.slice(0, 4)}`, now.length, spontaneous(now).length, workersOf(now), ago.length, workersOf(ago)];
  });
  return {
    id: "theo-thang",
    title: both("3. Theo tháng, so với cùng tháng năm trước", "3. Month by month, against the same month a year earlier"),
    columns: [
      col("month", "Tháng", "Month", "text"),
      col("incidents", "Số vụ", "Incidents", "int"),
      col("spontaneous", "Tự phát", "Spontaneous", "int"),
      col("workers", "Số người tham gia", "Workers involved", "int"),
      col("incidents_ly", "Số vụ cùng tháng năm trước", "Incidents a year earlier", "int"),
      col("workers_ly", "Số người cùng tháng năm trước", "Workers a year earlier", "int"),
    ],
    rows,
    chart: { valueKey: "incidents" },
  };
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/** One line per value of a registry attribute: incidents, spontaneous, workers, enterprises, share of incidents. */
function breakdown(
  input: ReportInput,
  lang: Lang,
  id: string,
  title: Text,
  header: Text,
  key: (r: ReportIncidentRow) => string,
  label: (code: string) => Text,
  rowsIn: readonly ReportIncidentRow[] = input.current,
  note?: Text,
): ReportTable {
  const total = rowsIn.length;
  const rows: Cell[][] = byCountDesc(groupBy(rowsIn, key)).map(([code, rows]) => [
    label(code)[lang],
    rows.length,
    spontaneous(rows).length,
    workersOf(rows),
    enterprisesOf(rows),
    share(rows.length, total),
  ]);
  return {
    id,
    title,
    ...(note ? { note } : {}),
    columns: [
      col("group", header.vi, header.en, "text"),
      col("incidents", "Số vụ", "Incidents", "int"),
      col("spontaneous", "Tự phát", "Spontaneous", "int"),
      col("workers", "Số người tham gia", "Workers involved", "int"),
      col("enterprises", "Số doanh nghiệp", "Enterprises", "int"),
      col("share", "Tỷ lệ số vụ", "Share of incidents", "percent"),
    ],
    rows,
    chart: { valueKey: "incidents" },
  };
}

function causesTable(input: ReportInput, lang: Lang): ReportTable {
  const total = input.current.length;
  const counts = new Map<string, { incidents: number; workers: number }>();
  for (const r of input.current) {
    for (const c of new Set(r.causes)) {
      const e = counts.get(c) ?? { incidents: 0, workers: 0 };
      e.incidents += 1;
      e.workers += r.workers_involved;
      counts.set(c, e);
    }
  }
  const rows: Cell[][] = [...counts.entries()]
    .sort((a, b) => b[1].incidents - a[1].incidents || a[0].localeCompare(b[0]))
    .map(([c, e]) => [named(CATEGORY_NAMES, c)[lang], e.incidents, e.workers, share(e.incidents, total)]);
  return {
    id: "nguyen-nhan",
    title: both("8. Nguyên nhân", "8. Causes"),
    note: both(
      "Một vụ có thể có nhiều nguyên nhân, nên tổng các dòng có thể lớn hơn số vụ.",
      "An incident may have several causes, so the lines may add up to more than the number of incidents.",
    ),
    columns: [
      col("cause", "Nguyên nhân", "Cause", "text"),
      col("incidents", "Số vụ nêu nguyên nhân này", "Incidents citing it", "int"),
      col("workers", "Số người tham gia", "Workers involved", "int"),
      col("share", "Tỷ lệ trên tổng số vụ", "Share of incidents", "percent"),
    ],
    rows,
    chart: { valueKey: "incidents" },
  };
}

function interventionsTable(input: ReportInput, lang: Lang): ReportTable {
  const byKind = new Map(input.actions.map((a) => [a.action, a]));
  const known = CASE_ACTION_KINDS.filter((k) => byKind.has(k));
  const other = input.actions.filter((a) => !(CASE_ACTION_KINDS as readonly string[]).includes(a.action)).map((a) => a.action);
  const rows: Cell[][] = [...known, ...other].map((k) => {
    const v = CASE_ACTION_VOCABULARY[k as keyof typeof CASE_ACTION_VOCABULARY];
    const a = byKind.get(k)!;
    const name = v ? (lang === "vi" ? v.vi : v.en) : k;
    return [name, v?.outcome ? (lang === "vi" ? "Kết quả" : "Outcome") : lang === "vi" ? "Hoạt động" : "Action", a.actions, a.enterprises];
  });
  return {
    id: "can-thiep",
    title: both("9. Can thiệp của công đoàn và kết quả", "9. Union interventions and their outcomes"),
    note: both(
      "Các hoạt động và kết quả các đơn vị công đoàn đã ghi nhận trong hồ sơ vụ việc trong kỳ (theo ngày thực hiện), mỗi hoạt động một lần.",
      "The actions and outcomes union units recorded on cases in the period (by the day they happened), each once.",
    ),
    columns: [
      col("action", "Hoạt động", "Action", "text"),
      col("kind", "Loại", "Kind", "text"),
      col("actions", "Số lần", "Times", "int"),
      col("enterprises", "Số doanh nghiệp", "Enterprises", "int"),
    ],
    rows,
  };
}

function levelsTable(input: ReportInput, lang: Lang): ReportTable {
  const order = ["critical", "high", "watch", "low", ""];
  const extra = input.levels.map((r) => r.level).filter((l) => !order.includes(l));
  const rows: Cell[][] = [...order, ...extra]
    .map((level) => input.levels.find((r) => r.level === level))
    .filter((r): r is ReportLevelRow => r !== undefined)
    .map((r) => [named(LEVEL_NAMES, r.level)[lang], r.enterprises, r.workers, r.without_union, r.workers_without_union]);
  const total = input.levels.reduce(
    (s, r) => [s[0]! + r.enterprises, s[1]! + r.workers, s[2]! + r.without_union, s[3]! + r.workers_without_union],
    [0, 0, 0, 0],
  );
  rows.push([TOTAL[lang], ...total]);
  return {
    id: "muc-rui-ro",
    title: both("10. Doanh nghiệp theo mức rủi ro hiện tại", "10. Enterprises by current risk level"),
    note: both(
      `Mức rủi ro mới nhất của mỗi doanh nghiệp khi lập báo cáo (${input.generatedAt}); các mức: ${LEVELS.map((l) => named(LEVEL_NAMES, l)[lang]).join(", ")}.`,
      `Each enterprise's latest level when the report was made (${input.generatedAt}); levels: ${LEVELS.map((l) => named(LEVEL_NAMES, l).en).join(", ")}.`,
    ),
    columns: [
      col("level", "Mức rủi ro", "Risk level", "text"),
      col("enterprises", "Số doanh nghiệp", "Enterprises", "int"),
      col("workers", "Số lao động", "Workers", "int"),
      col("without_union", "Chưa có công đoàn cơ sở", "Without a grassroots union", "int"),
      col("workers_without_union", "Lao động ở nơi chưa có CĐCS", "Workers where there is none", "int"),
    ],
    rows,
  };
}

function coverageTable(input: ReportInput, lang: Lang): ReportTable {
  const areaName = (code: string) => input.areaNames.get(code) ?? code;
  const rows: Cell[][] = input.coverage.map((r) => [
    areaName(r.area_code),
    r.enterprises,
    r.with_union,
    share(r.with_union, r.enterprises),
    r.workers,
    r.workers_without_union,
  ]);
  const t = input.coverage.reduce(
    (s, r) => ({
      enterprises: s.enterprises + r.enterprises,
      with_union: s.with_union + r.with_union,
      workers: s.workers + r.workers,
      without: s.without + r.workers_without_union,
    }),
    { enterprises: 0, with_union: 0, workers: 0, without: 0 },
  );
  rows.push([TOTAL[lang], t.enterprises, t.with_union, share(t.with_union, t.enterprises), t.workers, t.without]);
  return {
    id: "bao-phu",
    title: both("11. Khoảng trống tổ chức công đoàn", "11. The union-coverage gap"),
    note: both(
      "Doanh nghiệp đang có lao động (số lao động > 0) theo đăng ký mới nhất.",
      "Enterprises with workers (workforce > 0) in the latest registry entry.",
    ),
    columns: [
      col("area", "Địa bàn", "Area", "text"),
      col("enterprises", "Số doanh nghiệp", "Enterprises", "int"),
      col("with_union", "Đã có CĐCS", "With a grassroots union", "int"),
      col("coverage", "Tỷ lệ có CĐCS", "Share with one", "percent"),
      col("workers", "Số lao động", "Workers", "int"),
      col("workers_without_union", "Lao động ở nơi chưa có CĐCS", "Workers where there is none", "int"),
    ],
    rows,
    chart: { valueKey: "workers_without_union" },
  };
}

function alertsTable(input: ReportInput, lang: Lang): ReportTable {
  const rows: Cell[][] = ["critical", "high", ...input.alerts.map((r) => r.level).filter((l) => l !== "critical" && l !== "high")]
    .map((level) => input.alerts.find((r) => r.level === level))
    .filter((r): r is ReportAlertRow => r !== undefined)
    .map((r) => [named(LEVEL_NAMES, r.level)[lang], r.alerts, r.enterprises, r.sent, r.acted]);
  return {
    id: "canh-bao",
    title: both("12. Cảnh báo đã phát và việc xử lý", "12. Alerts raised and acted on"),
    note: both(
      'Cảnh báo lên mức Cao hoặc Nghiêm trọng trong kỳ (không tính cảnh báo giảm mức); "đã gửi thư": có ít nhất một thư đã gửi; "đã xử lý": đơn vị công đoàn đã ghi nhận ít nhất một hoạt động trong hồ sơ vụ việc (kể cả xác nhận đã tiếp nhận) từ ngày cảnh báo.',
      'Alerts raised to High or Critical in the period (lowered ones not counted); "e-mailed": at least one e-mail sent; "acted on": the union recorded at least one action on the case (acknowledging included) on or after the alert\'s day.',
    ),
    columns: [
      col("level", "Mức", "Level", "text"),
      col("alerts", "Số cảnh báo", "Alerts", "int"),
      col("enterprises", "Số doanh nghiệp", "Enterprises", "int"),
      col("sent", "Đã gửi thư", "E-mailed", "int"),
      col("acted", "Đã xử lý", "Acted on", "int"),
    ],
    rows,
  };
}

function listTable(input: ReportInput, lang: Lang): ReportTable {
  const areaName = (code: string) => input.areaNames.get(code) ?? code;
  return {
    id: "danh-sach",
    title: both("13. Danh sách các vụ trong kỳ", "13. The incidents of the period"),
    columns: [
      col("start", "Ngày bắt đầu", "Started", "date"),
      col("end", "Ngày kết thúc", "Ended", "date"),
      col("enterprise", "Doanh nghiệp", "Enterprise", "text"),
      col("enterprise_id", "Mã số thuế", "Tax code", "text"),
      col("area", "Địa bàn", "Area", "text"),
      col("sector", "Ngành", "Sector", "text"),
      col("ownership", "Loại hình", "Ownership", "text"),
      col("kind", "Hình thức", "Kind", "text"),
      col("lawful", "Tính chất", "Lawfulness", "text"),
      col("workers", "Số người tham gia", "Workers involved", "int"),
      col("causes", "Nguyên nhân", "Causes", "text"),
    ],
    rows: input.current.map((r) => [
      r.start_day,
      r.end_day === "" ? null : r.end_day,
      r.name === "" ? r.enterprise_id : r.name,
      r.enterprise_id,
      areaName(r.area_code),
      named(SECTOR_NAMES, r.sector)[lang],
      named(OWNERSHIP_NAMES, r.ownership)[lang],
      named(INCIDENT_KIND_NAMES, r.kind)[lang],
      named(LAWFUL_NAMES, String(r.lawful))[lang],
      r.workers_involved,
      r.causes.map((c) => named(CATEGORY_NAMES, c)[lang]).join(", "),
    ]),
  };
}

/** The whole report; cells are written in `lang` (titles, notes and column labels carry both languages). */
export function buildReport(input: ReportInput, lang: Lang = "vi"): Report {
  const areaName = (code: string): Text => {
    const n = input.areaNames.get(code);
    return n ? both(n, n) : both(code === "" ? "Chưa có trong đăng ký" : code, code === "" ? "Not in the registry" : code);
  };
  const fdi = input.current.filter((r) => r.ownership === "fdi");
  const tables: ReportTable[] = [
    summaryTable(input, lang),
    kindTable(input, lang),
    monthTable(input, lang),
    breakdown(
      input,
      lang,
      "so-huu",
      both("4. Theo loại hình doanh nghiệp", "4. By ownership"),
      both("Loại hình", "Ownership"),
      (r) => r.ownership,
      (c) => named(OWNERSHIP_NAMES, c),
    ),
    breakdown(
      input,
      lang,
      "nganh",
      both("5. Theo ngành", "5. By sector"),
      both("Ngành", "Sector"),
      (r) => r.sector,
      (c) => named(SECTOR_NAMES, c),
    ),
    breakdown(input, lang, "dia-ban", both("6. Theo địa bàn", "6. By area"), both("Địa bàn", "Area"), (r) => r.area_code, areaName),
    breakdown(
      input,
      lang,
      "nha-dau-tu",
      both("7. Doanh nghiệp FDI theo quốc gia nhà đầu tư", "7. Foreign-invested enterprises by investor country"),
      both("Quốc gia, vùng lãnh thổ", "Country or territory"),
      (r) => r.investor_country,
      (c) => named(COUNTRY_NAMES, c),
      fdi,
      both(
        "Chỉ các vụ ở doanh nghiệp có vốn đầu tư nước ngoài; quốc gia theo trường investor_country của đăng ký doanh nghiệp.",
        "Only incidents at foreign-invested enterprises; the country as the registry's investor_country gives it.",
      ),
    ),
    causesTable(input, lang),
    interventionsTable(input, lang),
    levelsTable(input, lang),
    coverageTable(input, lang),
    alertsTable(input, lang),
    listTable(input, lang),
  ];
  return {
    title: both(`Báo cáo tình hình quan hệ lao động ${input.period.label[lang]}`, `Labour-relations report, ${input.period.label.en}`),
    period: input.period,
    coverage: input.covers,
    generatedAt: input.generatedAt,
    tables,
  };
}
