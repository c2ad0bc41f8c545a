// The factor catalogue: one entry per risk factor, in the order scores list them, with its family,
// unit, the model's transform and its words in Vietnamese and English. Scoring computes the values
// (@lrew/scoring), alerts and the dashboard name them from here. Pure data.

export type FeatureFamily = "grievances" | "wage_arrears" | "insurance" | "union_fees" | "structure" | "calendar" | "contagion";

/**
 * What a factor is to a union: a `signal` is changeable and checkable (arrears, grievances, no
 * grassroots union, incidents nearby) and may be stated as a reason; `context` is the enterprise's
 * structure or the season (size, sector, ownership, past incidents, the Tết season, a blind spot in
 * the insurance data): it sets the baseline and is worded as a context phrase, never as a reason.
 */
export type FactorRole = "signal" | "context";

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
  /** Signal (a reason a union can act on) or context (structure, season). */
  role: FactorRole;
}

/** The context factors; every other factor is a signal. */
const CONTEXT_FACTORS = new Set([
  "workforce",
  "strike_prone_sector",
  "ownership_fdi",
  "ownership_private",
  "past_incidents_365d",
  "tet_season",
  "insurance_unreported",
]);

const f = (
  name: string,
  family: FeatureFamily,
  unit: string,
  transform: Transform,
  label: { vi: string; en: string },
  description: { vi: string; en: string },
  direction: 1 | -1 | 0 = 1,
): FeatureSpec => ({
  name,
  family,
  label,
  description,
  unit,
  transform,
  direction,
  role: CONTEXT_FACTORS.has(name) ? "context" : "signal",
});

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
    "union_fee_arrears_months",
    "union_fees",
    "months",
    "log1p",
    { vi: "Số tháng nợ kinh phí công đoàn", en: "Months of union-fee arrears" },
    {
      vi: "Số tháng (trong 24 tháng gần nhất) doanh nghiệp còn nợ kinh phí công đoàn theo sổ của liên đoàn; tháng đang được tạm hoãn đóng không tính là nợ.",
      en: "Months (of the last 24) for which the enterprise still owes the union fee by the federation's ledger; a month under a deferral still running is not arrears.",
    },
  ),
  f(
    "union_fee_arrears_ratio",
    "union_fees",
    "months of fees",
    "log1p",
    { vi: "Nợ kinh phí công đoàn so với số phải đóng một tháng", en: "Union-fee arrears relative to the monthly fee" },
    {
      vi: "Tổng kinh phí công đoàn còn nợ (không tính tháng đang tạm hoãn) chia cho số phải đóng của tháng gần nhất.",
      en: "Union fees owed in total (months under a running deferral excluded) divided by the latest month's fee due.",
    },
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

/** True for a signal factor (a reason a union can act on); false for context and unknown names. */
export function isSignalFactor(name: string): boolean {
  return BY_NAME.get(name)?.role === "signal";
}

/**
 * The largest contribution of a signal factor (logit points), 0 when none is positive: how far the
 * enterprise's changeable signals alone push its risk above an average enterprise's. What the alert
 * policy compares with its `minSignalContribution`.
 */
export function signalStrength(contributions: ReadonlyArray<{ feature: string; contribution: number }>): number {
  let best = 0;
  for (const c of contributions) if (c.contribution > best && isSignalFactor(c.feature)) best = c.contribution;
  return best;
}

/** The signal contributions of at least `min` (logit points), largest first, at most `k`: the reasons an alert may state. */
export function signalReasons<C extends { feature: string; contribution: number }>(contributions: readonly C[], min: number, k = 3): C[] {
  return contributions
    .filter((c) => c.contribution >= min && c.contribution > 0 && isSignalFactor(c.feature))
    .sort((a, b) => b.contribution - a.contribution || a.feature.localeCompare(b.feature))
    .slice(0, k);
}

/**
 * 1 for each signal factor among `names` (a model's feature order), 0 for context: for a backtest
 * that holds contributions in typed arrays, the signal strength of a row is the largest
 * contribution whose mask is 1 (0 when none is positive), as signalStrength computes it.
 */
export function signalMask(names: readonly string[]): Uint8Array {
  return Uint8Array.from(names, (n) => (isSignalFactor(n) ? 1 : 0));
}
