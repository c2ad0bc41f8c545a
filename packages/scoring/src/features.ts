// Features per enterprise as of a date: ClickHouse aggregates the daily tables (point in time:
// only days <= as_of, i.e. what was reported by the end of that day), Node turns each row of
// aggregates into the named feature values with small pure formulas (deriveFeatures).
import { BadInputError } from "@lrew/errors";
import type { Warehouse } from "@lrew/warehouse";
import { daysBetween, isDate, tetSeason } from "./calendar.ts";
import { minimumWage } from "./wage-regions.ts";

export type FeatureFamily = "grievances" | "wage_arrears" | "insurance" | "structure" | "calendar" | "contagion";

/** How the model transforms a value before standardising it. */
export type Transform = "identity" | "log1p" | "log";

export interface FeatureSpec {
  name: string;
  family: FeatureFamily;
  /** Short label for tables and alerts. */
  label: { vi: string; en: string };
  description: { vi: string; en: string };
  unit: string;
  transform: Transform;
  /** Expected sign of the weight: +1 raises risk, −1 lowers it, 0 either. Fitting drops features whose fitted sign contradicts it. */
  direction: 1 | -1 | 0;
}

const f = (
  name: string,
  family: FeatureFamily,
  unit: string,
  transform: Transform,
  label: { vi: string; en: string },
  description: { vi: string; en: string },
  direction: 1 | -1 | 0 = 1,
): FeatureSpec => ({ name, family, label, description, unit, transform, direction });

/** The feature catalogue: one entry per factor, in the order scores list them. */
export const FEATURES: readonly FeatureSpec[] = [
  f(
    "grievance_rate_30d",
    "grievances",
    "per 100 workers",
    "log1p",
    { vi: "Khiếu nại 30 ngày / 100 lao động", en: "Grievances in 30 days per 100 workers" },
    {
      vi: "Số khiếu nại, kiến nghị mới được ghi nhận trong 30 ngày qua, tính trên 100 lao động.",
      en: "New grievances reported in the last 30 days per 100 workers.",
    },
  ),
  f(
    "grievance_surprise_own",
    "grievances",
    "ratio",
    "log",
    { vi: "Khiếu nại tăng so với chính doanh nghiệp", en: "Grievances vs the enterprise's own baseline" },
    {
      vi: "Khiếu nại 30 ngày qua so với mức thường lệ của chính doanh nghiệp (11 tháng trước đó, bổ sung bằng mức của ngành khi lịch sử ngắn): (quan sát + 1) / (kỳ vọng + 1).",
      en: "Grievances in the last 30 days against the enterprise's own usual level (the 11 months before, filled in with its sector's level when history is short): (observed + 1) / (expected + 1).",
    },
  ),
  f(
    "grievance_surprise_sector",
    "grievances",
    "ratio",
    "log",
    { vi: "Khiếu nại cao hơn mức của ngành", en: "Grievances vs the sector's rate" },
    {
      vi: "Khiếu nại 30 ngày qua so với mức kỳ vọng theo tỷ lệ khiếu nại của ngành trên quy mô lao động: (quan sát + 1) / (kỳ vọng + 1).",
      en: "Grievances in the last 30 days against what the sector's rate per worker predicts for this workforce: (observed + 1) / (expected + 1).",
    },
  ),
  f(
    "grievance_pay_share_90d",
    "grievances",
    "share",
    "identity",
    { vi: "Tỷ lệ khiếu nại về lương, nợ lương, BHXH, thưởng", en: "Share of pay, arrears, insurance and bonus grievances" },
    {
      vi: "Trong 90 ngày qua: số khiếu nại về tiền lương, nợ lương, bảo hiểm xã hội, tiền thưởng (kể cả thưởng Tết) chia cho (tổng số khiếu nại + 1).",
      en: "Over the last 90 days: grievances about wages, wage arrears, social insurance or bonuses (incl. Tết bonus) divided by (all grievances + 1).",
    },
  ),
  f(
    "grievance_collective_90d",
    "grievances",
    "grievances",
    "log1p",
    { vi: "Khiếu nại tập thể 90 ngày", en: "Collective grievances in 90 days" },
    {
      vi: "Số khiếu nại có từ 2 người lao động trở lên trong 90 ngày qua.",
      en: "Grievances involving two or more workers in the last 90 days.",
    },
  ),
  f(
    "grievance_unresolved_30d",
    "grievances",
    "grievances",
    "log1p",
    { vi: "Khiếu nại tồn đọng trên 30 ngày", en: "Grievances unresolved for over 30 days" },
    {
      vi: "Số khiếu nại đã ghi nhận hơn 30 ngày (trong vòng một năm) mà chưa được giải quyết hoặc rút.",
      en: "Grievances reported more than 30 days ago (within a year) and not yet resolved or withdrawn.",
    },
  ),
  f(
    "wage_arrears_payroll",
    "wage_arrears",
    "months of minimum-wage payroll",
    "log1p",
    { vi: "Nợ lương so với quỹ lương tối thiểu", en: "Wage arrears relative to payroll" },
    {
      vi: "Tổng tiền lương còn nợ (các kỳ chưa trả hết, 24 tháng gần nhất) chia cho quỹ lương một tháng tính theo lương tối thiểu vùng × số lao động.",
      en: "Wages still owed (periods not paid, last 24 months) divided by one month's payroll at the regional minimum wage × workforce.",
    },
  ),
  f(
    "wage_arrears_months",
    "wage_arrears",
    "pay periods",
    "log1p",
    { vi: "Số kỳ lương bị nợ", en: "Pay periods owed" },
    { vi: "Số kỳ lương (tháng) đang bị báo nợ chưa trả.", en: "Pay periods (months) reported as owed and not paid." },
  ),
  f(
    "wage_arrears_workers_share",
    "wage_arrears",
    "share",
    "identity",
    { vi: "Tỷ lệ lao động bị nợ lương", en: "Share of workforce owed wages" },
    {
      vi: "Số người lao động bị nợ lương (kỳ lớn nhất) chia cho tổng số lao động.",
      en: "Workers owed wages (largest period) divided by the workforce.",
    },
  ),
  f(
    "wage_arrears_growth_90d",
    "wage_arrears",
    "months of minimum-wage payroll",
    "identity",
    { vi: "Nợ lương tăng trong 90 ngày", en: "Growth of wage arrears in 90 days" },
    {
      vi: "Nợ lương hôm nay trừ nợ lương đã biết 90 ngày trước, tính theo quỹ lương tối thiểu một tháng.",
      en: "Wage arrears today minus those known 90 days ago, in months of minimum-wage payroll.",
    },
  ),
  f(
    "insurance_arrears_months",
    "insurance",
    "months",
    "log1p",
    { vi: "Số tháng nợ BHXH", en: "Months of insurance arrears" },
    {
      vi: "Số tháng đóng thiếu BHXH, BHYT, BHTN kể từ lần cuối không còn nợ.",
      en: "Months with a contribution shortfall (social, health, unemployment insurance) since the enterprise last owed nothing.",
    },
  ),
  f(
    "insurance_arrears_3m",
    "insurance",
    "months, at most 3",
    "identity",
    { vi: "Nợ BHXH, tính đến 3 tháng", en: "Insurance arrears, counted up to 3 months" },
    {
      vi: "Số tháng nợ BHXH, BHYT, BHTN nhưng chỉ tính tối đa 3: tăng dần từng tháng và đầy đủ từ tháng nợ thứ ba (ngưỡng của quy tắc 3 tháng).",
      en: "Months of insurance arrears counted up to three: rises month by month and is full from the third month (the three-month rule's threshold).",
    },
  ),
  f(
    "insurance_arrears_worker_months",
    "insurance",
    "worker-months",
    "log1p",
    { vi: "Số tháng nợ BHXH × số lao động", en: "Insurance arrears months × workforce" },
    {
      vi: "Số tháng nợ BHXH nhân với số lao động (người-tháng không được đóng đủ bảo hiểm): cùng số tháng nợ, doanh nghiệp đông người nặng hơn.",
      en: "Months of insurance arrears times the workforce (worker-months without full contributions): the same months weigh more at a larger workforce.",
    },
  ),
  f(
    "insurance_arrears_ratio",
    "insurance",
    "months of contributions",
    "log1p",
    { vi: "Nợ BHXH so với số phải đóng một tháng", en: "Insurance arrears relative to monthly due" },
    {
      vi: "Tổng số tiền bảo hiểm còn nợ chia cho số phải đóng của tháng gần nhất.",
      en: "Contributions owed in total divided by the latest month's amount due.",
    },
  ),
  f(
    "insurance_arrears_growth_3m",
    "insurance",
    "months of contributions",
    "identity",
    { vi: "Nợ BHXH tăng trong 3 tháng", en: "Growth of insurance arrears over 3 months" },
    {
      vi: "Nợ bảo hiểm hiện tại trừ nợ của 3 kỳ báo cáo trước, chia cho số phải đóng một tháng.",
      en: "Insurance arrears now minus three reported periods earlier, divided by the monthly amount due.",
    },
  ),
  f(
    "insurance_unreported",
    "insurance",
    "0/1",
    "identity",
    { vi: "Không có số liệu BHXH", en: "No insurance data" },
    {
      vi: "1 khi cơ quan BHXH không có số liệu đóng của doanh nghiệp trong 4 tháng gần nhất (chưa đăng ký: điểm mù).",
      en: "1 when the social-insurance agency reported no contributions for the last 4 months (not registered: a blind spot).",
    },
    0,
  ),
  f(
    "no_union",
    "structure",
    "0/1",
    "identity",
    { vi: "Chưa có công đoàn cơ sở", en: "No grassroots union" },
    { vi: "1 khi doanh nghiệp chưa có công đoàn cơ sở.", en: "1 when the enterprise has no grassroots union." },
  ),
  f(
    "workforce",
    "structure",
    "workers",
    "log1p",
    { vi: "Quy mô lao động", en: "Workforce" },
    {
      vi: "Số lao động theo đăng ký mới nhất (mô hình dùng logarit).",
      en: "Workers in the latest registry entry (the model uses its logarithm).",
    },
  ),
  f(
    "strike_prone_sector",
    "structure",
    "0/1",
    "identity",
    { vi: "Ngành hay xảy ra ngừng việc", en: "Strike-prone sector" },
    {
      vi: "1 với dệt may, da giày, điện tử, chế biến gỗ: các ngành có nhiều cuộc ngừng việc tập thể nhất.",
      en: "1 for garment, footwear, electronics and wood processing: the sectors with the most strikes.",
    },
  ),
  f(
    "ownership_fdi",
    "structure",
    "0/1",
    "identity",
    { vi: "Doanh nghiệp FDI", en: "Foreign-invested" },
    { vi: "1 với doanh nghiệp có vốn đầu tư nước ngoài.", en: "1 for foreign-invested enterprises." },
  ),
  f(
    "ownership_private",
    "structure",
    "0/1",
    "identity",
    { vi: "Doanh nghiệp tư nhân", en: "Private" },
    { vi: "1 với doanh nghiệp tư nhân trong nước (ngoài nhà nước).", en: "1 for domestic private (non-state) enterprises." },
  ),
  f(
    "past_incidents_365d",
    "structure",
    "incidents",
    "log1p",
    { vi: "Sự cố trong 12 tháng qua", en: "Incidents in the past year" },
    {
      vi: "Số vụ ngừng việc, tranh chấp tập thể, đơn tập thể tại doanh nghiệp bắt đầu trong 365 ngày qua.",
      en: "Strikes, stoppages, collective disputes and mass petitions at the enterprise that started in the last 365 days.",
    },
  ),
  f(
    "tet_season",
    "calendar",
    "share of next 60 days",
    "identity",
    { vi: "Mùa Tết", en: "Tết season" },
    {
      vi: "Tỷ lệ của 60 ngày tới rơi vào mùa Tết (8 tuần trước đến 2 tuần sau mùng Một Tết), khi tranh chấp về thưởng Tết tăng.",
      en: "Share of the next 60 days falling in the Tết season (8 weeks before to 2 weeks after the first day of Tết), when bonus disputes cluster.",
    },
  ),
  f(
    "nearby_incidents_90d",
    "contagion",
    "incidents",
    "log1p",
    { vi: "Sự cố gần đây cùng địa bàn, cùng ngành", en: "Recent incidents nearby, same sector" },
    {
      vi: "Số sự cố tại các doanh nghiệp khác cùng địa bàn và cùng ngành bắt đầu trong 90 ngày qua.",
      en: "Incidents at other enterprises in the same area and sector that started in the last 90 days.",
    },
  ),
];

export const FEATURE_NAMES: readonly string[] = FEATURES.map((s) => s.name);
const BY_NAME = new Map(FEATURES.map((s) => [s.name, s]));

export function featureSpec(name: string): FeatureSpec | undefined {
  return BY_NAME.get(name);
}

export interface FeatureRow {
  enterprise_id: string;
  /** YYYY-MM-DD */
  as_of: string;
  area_code: string;
  sector: string;
  values: Record<string, number>;
}

/** What ClickHouse returns per (enterprise, as_of): aggregates, before the per-row formulas. */
export interface RawAggregates {
  enterprise_id: string;
  as_of: string;
  area_code: string;
  sector: string;
  ownership: string;
  workforce: number;
  has_union: boolean;
  /** First day the registry knew the enterprise. */
  first_day: string;
  g30: number;
  g90: number;
  /** Grievances reported 31..365 days before as_of: the own baseline. */
  g_base: number;
  g90_pay: number;
  g90_collective: number;
  unresolved_30: number;
  /** The sector's grievances per 100 workers per day over the past year (as of as_of). */
  sector_rate: number;
  wa_outstanding: number;
  wa_periods: number;
  wa_workers: number;
  wa_outstanding_then: number;
  ins_periods: number;
  /** Last reported period, 'YYYY-MM-DD' (first of month); '1970-01-01' when none. */
  ins_last_period: string;
  ins_due_last: number;
  ins_arrears: number;
  ins_arrears_then: number;
  ins_spell_months: number;
  past_365: number;
  nearby_90: number;
}

/** Prior weight (in days) of the sector's rate in the enterprise's own grievance baseline. */
export const OWN_BASELINE_PRIOR_DAYS = 90;
const STRIKE_PRONE = new Set(["garment", "footwear", "electronics", "wood_processing"]);

/** Expected grievances in 30 days from the enterprise's own history, shrunk towards its sector. Pure. */
export function ownBaselineExpected30(gBase: number, baselineDays: number, sectorDaily: number): number {
  const days = Math.max(0, baselineDays);
  return (30 * (gBase + sectorDaily * OWN_BASELINE_PRIOR_DAYS)) / (days + OWN_BASELINE_PRIOR_DAYS);
}

/** (observed + 1) / (expected + 1). Pure. */
export function surprise(observed: number, expected: number): number {
  return (observed + 1) / (Math.max(0, expected) + 1);
}

/** Consecutive-shortfall months and arrears from a sequence of (due, paid) per period, oldest first. Pure (the SQL does the same). */
export function insuranceSpell(seq: ReadonlyArray<{ due: number; paid: number }>): {
  months: number;
  arrears: number;
  arrearsThen: number;
  dueLast: number;
} {
  const cum: number[] = [];
  let c = 0;
  for (const p of seq) cum.push((c += p.due - p.paid));
  let lastClear = 0; // 1-based index of the last period after which nothing was owed; 0 = none
  seq.forEach((p, i) => {
    if (cum[i]! <= p.due * 0.01) lastClear = i + 1;
  });
  let months = 0;
  seq.forEach((p, i) => {
    if (i + 1 > lastClear && p.paid < p.due * 0.99) months++;
  });
  const n = seq.length;
  return { months, arrears: n ? cum[n - 1]! : 0, arrearsThen: n > 3 ? cum[n - 4]! : 0, dueLast: n ? seq[n - 1]!.due : 0 };
}

/** The feature values of one row of aggregates. Pure. */
export function deriveFeatures(r: RawAggregates): Record<string, number> {
  const w = Math.max(1, r.workforce);
  const baselineDays = Math.min(335, Math.max(0, daysBetween(r.first_day, r.as_of) + 1 - 30));
  const sectorDaily = Math.max(0, r.sector_rate) * (w / 100);
  const payroll = w * minimumWage(r.area_code, r.as_of);
  const insStale = r.ins_periods === 0 || r.ins_last_period < "1971-01-01" || daysBetween(r.ins_last_period, r.as_of) > 4 * 31 + 30;
  const v: Record<string, number> = {
    grievance_rate_30d: (r.g30 / w) * 100,
    grievance_surprise_own: surprise(r.g30, ownBaselineExpected30(r.g_base, baselineDays, sectorDaily)),
    grievance_surprise_sector: surprise(r.g30, sectorDaily * 30),
    grievance_pay_share_90d: r.g90_pay / (r.g90 + 1),
    grievance_collective_90d: r.g90_collective,
    grievance_unresolved_30d: r.unresolved_30,
    wage_arrears_payroll: Math.max(0, r.wa_outstanding) / payroll,
    wage_arrears_months: r.wa_periods,
    wage_arrears_workers_share: Math.min(1, r.wa_workers / w),
    wage_arrears_growth_90d: (r.wa_outstanding - r.wa_outstanding_then) / payroll,
    insurance_arrears_months: r.ins_spell_months,
    insurance_arrears_3m: Math.min(3, Math.max(0, r.ins_spell_months)),
    insurance_arrears_worker_months: Math.max(0, r.ins_spell_months) * Math.max(0, r.workforce),
    insurance_arrears_ratio: r.ins_due_last > 0 ? Math.max(0, r.ins_arrears) / r.ins_due_last : 0,
    insurance_arrears_growth_3m: r.ins_due_last > 0 ? (r.ins_arrears - r.ins_arrears_then) / r.ins_due_last : 0,
    insurance_unreported: insStale ? 1 : 0,
    no_union: r.has_union ? 0 : 1,
    workforce: r.workforce,
    strike_prone_sector: STRIKE_PRONE.has(r.sector) ? 1 : 0,
    ownership_fdi: r.ownership === "fdi" ? 1 : 0,
    ownership_private: r.ownership === "private" ? 1 : 0,
    past_incidents_365d: r.past_365,
    tet_season: tetSeason(r.as_of),
    nearby_incidents_90d: Math.max(0, r.nearby_90),
  };
  for (const k of Object.keys(v)) if (!Number.isFinite(v[k])) v[k] = 0;
  return v;
}

/**
 * The aggregation query: one row per (enterprise, as_of) for every date of {dates}, enterprises
 * known to the registry by as_of with a workforce > 0. Reads only the daily aggregate tables, only
 * days <= as_of.
 */
export function featureSql(db: string): string {
  return `
WITH
dates AS (SELECT arrayJoin({dates:Array(Date)}) AS as_of),
ent_day AS (
  SELECT enterprise_id, day,
    argMaxMerge(area_code) AS area_code, argMaxMerge(sector) AS sector, argMaxMerge(ownership) AS ownership,
    argMaxMerge(workforce) AS workforce, argMaxMerge(has_union) AS has_union
  FROM ${db}.enterprise_daily WHERE day <= {max_day:Date}
  GROUP BY enterprise_id, day
),
ent AS (
  SELECT enterprise_id, as_of,
    argMax(area_code, day) AS area_code, argMax(sector, day) AS sector, argMax(ownership, day) AS ownership,
    argMax(workforce, day) AS workforce, argMax(has_union, day) AS has_union, min(day) AS first_day
  FROM ent_day CROSS JOIN dates
  WHERE day <= as_of
  GROUP BY enterprise_id, as_of
),
g_day AS (
  SELECT enterprise_id, day,
    uniqExactIfMerge(opened) AS opened, uniqExactIfMerge(opened_pay) AS opened_pay,
    uniqExactIfMerge(opened_collective) AS opened_collective
  FROM ${db}.grievance_daily WHERE day <= {max_day:Date} AND day > {min_day:Date} - 366
  GROUP BY enterprise_id, day
),
g AS (
  SELECT enterprise_id, as_of,
    sumIf(opened, day > as_of - 30) AS g30,
    sumIf(opened, day > as_of - 90) AS g90,
    sum(opened) AS g365,
    sumIf(opened, day <= as_of - 30) AS g_base,
    sumIf(opened_pay, day > as_of - 90) AS g90_pay,
    sumIf(opened_collective, day > as_of - 90) AS g90_collective
  FROM g_day CROSS JOIN dates
  WHERE day <= as_of AND day > as_of - 365
  GROUP BY enterprise_id, as_of
),
sector_rate AS (
  SELECT e.sector AS sector, e.as_of AS as_of,
    sum(g.g365) / greatest(1, sum(e.workforce / 100 * least(365, dateDiff('day', e.first_day, e.as_of) + 1))) AS sector_rate
  FROM ent AS e LEFT JOIN g ON g.enterprise_id = e.enterprise_id AND g.as_of = e.as_of
  WHERE e.workforce > 0
  GROUP BY sector, as_of
),
gl AS (
  SELECT enterprise_id, grievance_id, minMerge(first_day) AS first_day, minIfMerge(closed_day) AS closed_day
  FROM ${db}.grievance_lifecycle
  GROUP BY enterprise_id, grievance_id
  HAVING first_day <= {max_day:Date} - 30 AND first_day > {min_day:Date} - 366
),
unres AS (
  SELECT enterprise_id, as_of, countIf(closed_day = toDate(0) OR closed_day > as_of) AS unresolved_30
  FROM gl CROSS JOIN dates
  WHERE first_day <= as_of - 30 AND first_day > as_of - 365
  GROUP BY enterprise_id, as_of
),
wa_day AS (
  SELECT enterprise_id, period, day,
    argMaxMerge(amount_owed_vnd) AS amount, argMaxMerge(workers_affected) AS workers, argMaxMerge(status) AS status
  FROM ${db}.wage_arrears_daily
  WHERE day <= {max_day:Date} AND period >= addMonths(toStartOfMonth({min_day:Date}), -24)
  GROUP BY enterprise_id, period, day
),
wa_pos AS (
  SELECT enterprise_id, as_of, period,
    argMax(amount, day) AS amount_now, argMax(status, day) AS status_now, argMax(workers, day) AS workers_now,
    argMaxIf(amount, day, day <= as_of - 90) AS amount_then, argMaxIf(status, day, day <= as_of - 90) AS status_then,
    countIf(day <= as_of - 90) > 0 AS known_then
  FROM wa_day CROSS JOIN dates
  WHERE day <= as_of AND period >= addMonths(toStartOfMonth(as_of), -24)
  GROUP BY enterprise_id, as_of, period
),
wa AS (
  SELECT enterprise_id, as_of,
    sumIf(amount_now, status_now != 'paid') AS wa_outstanding,
    countIf(status_now != 'paid' AND amount_now > 0) AS wa_periods,
    maxIf(workers_now, status_now != 'paid' AND amount_now > 0) AS wa_workers,
    sumIf(amount_then, known_then AND status_then != 'paid') AS wa_outstanding_then
  FROM wa_pos
  GROUP BY enterprise_id, as_of
),
ins_day AS (
  SELECT enterprise_id, period, scheme, day,
    argMaxMerge(amount_due_vnd) AS due, argMaxMerge(amount_paid_vnd) AS paid
  FROM ${db}.insurance_daily
  WHERE day <= {max_day:Date} AND period >= addMonths(toStartOfMonth({min_day:Date}), -60)
  GROUP BY enterprise_id, period, scheme, day
),
ins_pos AS (
  SELECT enterprise_id, as_of, period, scheme, argMax(due, day) AS due, argMax(paid, day) AS paid
  FROM ins_day CROSS JOIN dates
  WHERE day <= as_of AND period >= addMonths(toStartOfMonth(as_of), -60)
  GROUP BY enterprise_id, as_of, period, scheme
),
ins_month AS (
  SELECT enterprise_id, as_of, period, toFloat64(sum(due)) AS due, toFloat64(sum(paid)) AS paid
  FROM ins_pos
  GROUP BY enterprise_id, as_of, period
),
ins AS (
  SELECT enterprise_id, as_of,
    arraySort(x -> x.1, groupArray((period, due, paid))) AS seq,
    arrayCumSum(arrayMap(x -> x.2 - x.3, seq)) AS cum,
    length(seq) AS ins_periods,
    seq[ins_periods].1 AS ins_last_period,
    seq[ins_periods].2 AS ins_due_last,
    cum[ins_periods] AS ins_arrears,
    if(ins_periods > 3, cum[ins_periods - 3], 0) AS ins_arrears_then,
    arrayLastIndex((c, x) -> c <= x.2 * 0.01, cum, seq) AS last_clear,
    arrayCount((x, i) -> i > last_clear AND x.3 < x.2 * 0.99, seq, arrayEnumerate(seq)) AS ins_spell_months
  FROM ins_month
  GROUP BY enterprise_id, as_of
),
inc_day AS (
  SELECT enterprise_id, started_day, reported_day, uniqExactMerge(incidents) AS n
  FROM ${db}.incident_daily
  WHERE reported_day <= {max_day:Date} AND started_day > {min_day:Date} - 366
  GROUP BY enterprise_id, started_day, reported_day
),
inc AS (
  SELECT enterprise_id, as_of,
    sumIf(n, started_day > as_of - 365) AS past_365,
    sumIf(n, started_day > as_of - 90) AS recent_90
  FROM inc_day CROSS JOIN dates
  WHERE reported_day <= as_of AND started_day <= as_of AND started_day > as_of - 365
  GROUP BY enterprise_id, as_of
),
nearby AS (
  SELECT e.area_code AS area_code, e.sector AS sector, e.as_of AS as_of, sum(i.recent_90) AS area_sector_90
  FROM inc AS i INNER JOIN ent AS e ON e.enterprise_id = i.enterprise_id AND e.as_of = i.as_of
  GROUP BY area_code, sector, as_of
)
SELECT
  e.enterprise_id AS enterprise_id, toString(e.as_of) AS as_of, toString(e.area_code) AS area_code,
  toString(e.sector) AS sector, toString(e.ownership) AS ownership, e.workforce AS workforce, e.has_union AS has_union,
  toString(e.first_day) AS first_day,
  g.g30 AS g30, g.g90 AS g90, g.g_base AS g_base, g.g90_pay AS g90_pay, g.g90_collective AS g90_collective,
  u.unresolved_30 AS unresolved_30, sr.sector_rate AS sector_rate,
  w.wa_outstanding AS wa_outstanding, w.wa_periods AS wa_periods, w.wa_workers AS wa_workers,
  w.wa_outstanding_then AS wa_outstanding_then,
  ins.ins_periods AS ins_periods, toString(ins.ins_last_period) AS ins_last_period, ins.ins_due_last AS ins_due_last,
  ins.ins_arrears AS ins_arrears, ins.ins_arrears_then AS ins_arrears_then, ins.ins_spell_months AS ins_spell_months,
  i.past_365 AS past_365, toInt64(nb.area_sector_90) - toInt64(i.recent_90) AS nearby_90
FROM ent AS e
LEFT JOIN g ON g.enterprise_id = e.enterprise_id AND g.as_of = e.as_of
LEFT JOIN unres AS u ON u.enterprise_id = e.enterprise_id AND u.as_of = e.as_of
LEFT JOIN sector_rate AS sr ON sr.sector = e.sector AND sr.as_of = e.as_of
LEFT JOIN wa AS w ON w.enterprise_id = e.enterprise_id AND w.as_of = e.as_of
LEFT JOIN ins ON ins.enterprise_id = e.enterprise_id AND ins.as_of = e.as_of
LEFT JOIN inc AS i ON i.enterprise_id = e.enterprise_id AND i.as_of = e.as_of
LEFT JOIN nearby AS nb ON nb.area_code = e.area_code AND nb.sector = e.sector AND nb.as_of = e.as_of
WHERE e.workforce > 0 AND (empty({ids:Array(String)}) OR e.enterprise_id IN {ids:Array(String)})
ORDER BY as_of, enterprise_id
SETTINGS join_use_nulls = 0`;
}

const NUMERIC: ReadonlyArray<keyof RawAggregates> = [
  "workforce",
  "g30",
  "g90",
  "g_base",
  "g90_pay",
  "g90_collective",
  "unresolved_30",
  "sector_rate",
  "wa_outstanding",
  "wa_periods",
  "wa_workers",
  "wa_outstanding_then",
  "ins_periods",
  "ins_due_last",
  "ins_arrears",
  "ins_arrears_then",
  "ins_spell_months",
  "past_365",
  "nearby_90",
];

function toRaw(r: Record<string, unknown>): RawAggregates {
  const out = { ...r } as Record<string, unknown>;
  for (const k of NUMERIC) out[k] = Number(r[k] ?? 0) || 0;
  out.has_union = r.has_union === true || r.has_union === 1 || r.has_union === "true";
  return out as unknown as RawAggregates;
}

/** The aggregates of every enterprise as of each of `dates` (one query). */
export async function computeRawAggregates(
  wh: Warehouse,
  opts: { dates: readonly string[]; enterpriseIds?: readonly string[] },
): Promise<RawAggregates[]> {
  const dates = [...new Set(opts.dates)].sort();
  if (dates.length === 0) return [];
  for (const d of dates) if (!isDate(d)) throw new BadInputError(`as-of date must be YYYY-MM-DD: ${JSON.stringify(d)}`);
  const rs = await wh.client.query({
    query: featureSql(wh.database),
    query_params: { dates, min_day: dates[0], max_day: dates[dates.length - 1], ids: opts.enterpriseIds ?? [] },
    format: "JSONEachRow",
  });
  return (await rs.json<Record<string, unknown>>()).map(toRaw);
}

function toFeatureRow(r: RawAggregates): FeatureRow {
  return { enterprise_id: r.enterprise_id, as_of: r.as_of, area_code: r.area_code, sector: r.sector, values: deriveFeatures(r) };
}

/** Features of every enterprise (or the given ones) as of one date: what was reported by the end of that day. */
export async function computeFeatures(wh: Warehouse, opts: { asOf: string; enterpriseIds?: readonly string[] }): Promise<FeatureRow[]> {
  const raw = await computeRawAggregates(wh, { dates: [opts.asOf], ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}) });
  return raw.map(toFeatureRow);
}

/** Features as of several dates in one query (fitting and backtests); rows ordered by as_of, enterprise_id. */
export async function computeFeaturesForDates(
  wh: Warehouse,
  opts: { dates: readonly string[]; enterpriseIds?: readonly string[] },
): Promise<FeatureRow[]> {
  return (await computeRawAggregates(wh, opts)).map(toFeatureRow);
}
