// Factor contributions in words: one sentence per feature of the catalogue (FEATURES), Vietnamese and
// English, with the figure behind it ("Nợ BHXH 4 tháng liên tiếp (khoảng 1,8 lần mức đóng hằng tháng)").
// Grievance counts of one enterprise below the minimum cell size are never shown: "dưới 3" / "fewer
// than 3" instead (the brief's anonymity rule), and a rate that would give the count away is not shown
// either. Pure.
import type { Lang } from "@lrew/contracts";
import { DEFAULT_POLICY, featureSpec, signalReasons } from "@lrew/risk";
import { formatNumber, formatPercent, formatVnd } from "./format.ts";

/** Default minimum cell size: grievance counts below it are suppressed. */
export const DEFAULT_MIN_CELL_SIZE = 3;

/** Features whose value is a count of one enterprise's grievances (suppressed below the minimum cell size). */
export const GRIEVANCE_COUNT_FEATURES: ReadonlySet<string> = new Set(["grievance_collective_90d", "grievance_unresolved_30d"]);

export interface SentenceContext {
  /** Every feature value of the score, so a sentence can cite a related figure (e.g. months with the ratio). */
  values?: Readonly<Record<string, number>>;
  /** Wage arrears in VND, when known: cited by the wage-arrears sentence. */
  wageArrearsVnd?: number;
  /** Minimum cell size for grievance counts (default 3). */
  minCellSize?: number;
}

/** Grievances in the last 30 days implied by the rate per 100 workers and the workforce (as scoring derived it). */
export function impliedGrievances30d(values: Readonly<Record<string, number>>): number | undefined {
  const rate = values["grievance_rate_30d"];
  if (rate === undefined) return undefined;
  const workforce = Math.max(1, values["workforce"] ?? 1);
  return Math.round((rate * workforce) / 100);
}

/**
 * The value of a feature as it may be shown or carried in an alert: null when it is (or reveals) a
 * grievance count below the minimum cell size for the enterprise. The rate per 100 workers is
 * suppressed when the count it implies is small (workforce × rate / 100 gives the count back).
 */
export function shownValue(feature: string, value: number, ctx: SentenceContext = {}): number | null {
  const min = ctx.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  if (GRIEVANCE_COUNT_FEATURES.has(feature)) return Math.round(value) < min ? null : value;
  if (feature === "grievance_rate_30d") {
    const n = impliedGrievances30d({ ...(ctx.values ?? {}), grievance_rate_30d: value });
    return n === undefined || n < min ? null : value;
  }
  return value;
}

/** "dưới 3" / "fewer than 3". */
export function fewerThan(min: number, lang: Lang): string {
  return lang === "vi" ? `dưới ${formatNumber(min, "vi")}` : `fewer than ${formatNumber(min, "en")}`;
}

const plural = (n: number, one: string, many: string) => (Math.round(n) === 1 ? one : many);
const int = (n: number, lang: Lang) => formatNumber(Math.round(n), lang, 0);
const num = (n: number, lang: Lang) => formatNumber(n, lang, 1);

type Render = (v: number, lang: Lang, ctx: SentenceContext) => string;

/** A grievance count sentence: the exact number, or "fewer than N" below the minimum cell size. */
const grievanceCount =
  (vi: (n: string) => string, en: (n: string, many: boolean) => string): Render =>
  (v, lang, ctx) => {
    const min = ctx.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
    const shown = Math.round(v) < min ? fewerThan(min, lang) : int(v, lang);
    return lang === "vi" ? vi(shown) : en(shown, Math.round(v) !== 1);
  };

const flag =
  (on: { vi: string; en: string }, off: { vi: string; en: string }): Render =>
  (v, lang) =>
    (v >= 0.5 ? on : off)[lang];

const RENDER: Record<string, Render> = {
  grievance_rate_30d: (v, lang, ctx) => {
    if (shownValue("grievance_rate_30d", v, ctx) === null) {
      const less = fewerThan(ctx.minCellSize ?? DEFAULT_MIN_CELL_SIZE, lang);
      return lang === "vi" ? `Có ${less} khiếu nại trong 30 ngày qua` : `${cap(less)} grievances in the last 30 days`;
    }
    const n = ctx.values ? impliedGrievances30d({ ...ctx.values, grievance_rate_30d: v }) : undefined;
    if (lang === "vi")
      return `${num(v, lang)} khiếu nại trên 100 lao động trong 30 ngày qua${n !== undefined ? ` (${int(n, lang)} khiếu nại)` : ""}`;
    return `${num(v, lang)} grievances per 100 workers in the last 30 days${n !== undefined ? ` (${int(n, lang)} ${plural(n, "grievance", "grievances")})` : ""}`;
  },
  grievance_surprise_own: (v, lang) =>
    lang === "vi"
      ? `Khiếu nại 30 ngày qua gấp khoảng ${num(v, lang)} lần mức thường lệ của doanh nghiệp`
      : `Grievances in the last 30 days at about ${num(v, lang)}× the enterprise's usual level`,
  grievance_surprise_sector: (v, lang) =>
    lang === "vi"
      ? `Khiếu nại 30 ngày qua gấp khoảng ${num(v, lang)} lần mức thường gặp trong ngành`
      : `Grievances in the last 30 days at about ${num(v, lang)}× what the sector's rate predicts`,
  grievance_pay_share_90d: (v, lang) =>
    lang === "vi"
      ? `Khoảng ${formatPercent(v, lang)} khiếu nại 90 ngày qua là về tiền lương, nợ lương, BHXH hoặc tiền thưởng`
      : `About ${formatPercent(v, lang)} of grievances in the last 90 days concern wages, wage arrears, social insurance or bonuses`,
  grievance_collective_90d: grievanceCount(
    (n) => `${cap(n)} khiếu nại tập thể trong 90 ngày qua`,
    (n, many) => `${cap(n)} collective ${many ? "grievances" : "grievance"} in the last 90 days`,
  ),
  grievance_unresolved_30d: grievanceCount(
    (n) => `${cap(n)} khiếu nại tồn đọng quá 30 ngày chưa được giải quyết`,
    (n, many) => `${cap(n)} ${many ? "grievances" : "grievance"} unresolved for over 30 days`,
  ),
  wage_arrears_payroll: (v, lang, ctx) => {
    const vnd = ctx.wageArrearsVnd !== undefined && ctx.wageArrearsVnd > 0 ? ` (${formatVnd(ctx.wageArrearsVnd, lang)})` : "";
    return lang === "vi"
      ? `Nợ lương tương đương ${num(v, lang)} tháng quỹ lương tối thiểu${vnd}`
      : `Wage arrears equal to ${num(v, lang)} months of minimum-wage payroll${vnd}`;
  },
  wage_arrears_months: (v, lang) =>
    lang === "vi"
      ? `Nợ lương ${int(v, lang)} kỳ (tháng) chưa trả`
      : `${int(v, lang)} ${plural(v, "pay period", "pay periods")} owed and not paid`,
  wage_arrears_workers_share: (v, lang) =>
    lang === "vi" ? `${formatPercent(v, lang)} lao động bị nợ lương` : `${formatPercent(v, lang)} of the workforce owed wages`,
  wage_arrears_growth_90d: (v, lang) => {
    if (lang === "vi") return `Nợ lương ${v >= 0 ? "tăng" : "giảm"} ${num(Math.abs(v), lang)} tháng quỹ lương tối thiểu trong 90 ngày qua`;
    return `Wage arrears ${v >= 0 ? "grew" : "fell"} by ${num(Math.abs(v), lang)} months of minimum-wage payroll in the last 90 days`;
  },
  insurance_arrears_months: (v, lang, ctx) => {
    const ratio = ctx.values?.["insurance_arrears_ratio"];
    const withRatio = ratio !== undefined && ratio > 0;
    if (lang === "vi")
      return `Nợ BHXH ${int(v, lang)} tháng liên tiếp${withRatio ? ` (khoảng ${num(ratio, lang)} lần mức đóng hằng tháng)` : ""}`;
    return `${int(v, lang)} consecutive ${plural(v, "month", "months")} of social-insurance arrears${
      withRatio ? ` (about ${num(ratio, lang)}× the monthly contribution)` : ""
    }`;
  },
  insurance_arrears_3m: (v, lang) => {
    if (v >= 3)
      return lang === "vi"
        ? "Nợ BHXH từ 3 tháng trở lên (ngưỡng của quy tắc 3 tháng)"
        : "Social-insurance arrears of 3 months or more (the three-month rule's threshold)";
    return lang === "vi"
      ? `Nợ BHXH ${int(v, lang)} tháng, gần tới ngưỡng 3 tháng`
      : `${int(v, lang)} ${plural(v, "month", "months")} of social-insurance arrears, nearing the three-month threshold`;
  },
  insurance_arrears_worker_months: (v, lang) =>
    lang === "vi"
      ? `Khoảng ${int(v, lang)} người-tháng chưa được đóng đủ BHXH (số tháng nợ × số lao động)`
      : `About ${int(v, lang)} worker-months without full social-insurance contributions (months of arrears × workforce)`,
  insurance_arrears_ratio: (v, lang) =>
    lang === "vi"
      ? `Nợ BHXH khoảng ${num(v, lang)} lần mức đóng hằng tháng`
      : `Social-insurance arrears of about ${num(v, lang)}× the monthly contribution`,
  insurance_arrears_growth_3m: (v, lang) => {
    if (lang === "vi") return `Nợ BHXH ${v >= 0 ? "tăng" : "giảm"} ${num(Math.abs(v), lang)} lần mức đóng hằng tháng trong 3 kỳ gần nhất`;
    return `Social-insurance arrears ${v >= 0 ? "grew" : "fell"} by ${num(Math.abs(v), lang)}× the monthly contribution over the last 3 periods`;
  },
  insurance_unreported: flag(
    {
      vi: "Cơ quan BHXH không có số liệu đóng của doanh nghiệp trong 4 tháng gần nhất",
      en: "No social-insurance contributions reported for the last 4 months",
    },
    { vi: "Có số liệu đóng BHXH gần đây", en: "Social-insurance contributions reported recently" },
  ),
  union_fee_arrears_months: (v, lang, ctx) => {
    const ratio = ctx.values?.["union_fee_arrears_ratio"];
    const withRatio = ratio !== undefined && ratio > 0;
    if (lang === "vi")
      return `Nợ kinh phí công đoàn ${int(v, lang)} tháng${withRatio ? ` (khoảng ${num(ratio, lang)} lần mức đóng hằng tháng)` : ""}`;
    return `${int(v, lang)} ${plural(v, "month", "months")} of union-fee arrears${withRatio ? ` (about ${num(ratio, lang)}× the monthly fee)` : ""}`;
  },
  union_fee_arrears_ratio: (v, lang) =>
    lang === "vi"
      ? `Nợ kinh phí công đoàn khoảng ${num(v, lang)} lần mức đóng hằng tháng`
      : `Union-fee arrears of about ${num(v, lang)}× the monthly fee`,
  no_union: flag(
    { vi: "Doanh nghiệp chưa có công đoàn cơ sở", en: "No grassroots union at the enterprise" },
    { vi: "Doanh nghiệp đã có công đoàn cơ sở", en: "The enterprise has a grassroots union" },
  ),
  workforce: (v, lang) => (lang === "vi" ? `Quy mô ${int(v, lang)} lao động` : `${int(v, lang)} ${plural(v, "worker", "workers")}`),
  strike_prone_sector: flag(
    {
      vi: "Thuộc ngành hay xảy ra ngừng việc (dệt may, da giày, điện tử, chế biến gỗ)",
      en: "In a strike-prone sector (garment, footwear, electronics, wood processing)",
    },
    { vi: "Không thuộc ngành hay xảy ra ngừng việc", en: "Not in a strike-prone sector" },
  ),
  ownership_fdi: flag(
    { vi: "Doanh nghiệp có vốn đầu tư nước ngoài", en: "Foreign-invested enterprise" },
    { vi: "Không phải doanh nghiệp có vốn đầu tư nước ngoài", en: "Not foreign-invested" },
  ),
  ownership_private: flag(
    { vi: "Doanh nghiệp tư nhân trong nước", en: "Domestic private enterprise" },
    { vi: "Không phải doanh nghiệp tư nhân trong nước", en: "Not a domestic private enterprise" },
  ),
  past_incidents_365d: (v, lang) =>
    lang === "vi"
      ? `${int(v, lang)} vụ ngừng việc, tranh chấp tập thể hoặc đơn tập thể trong 12 tháng qua`
      : `${int(v, lang)} ${plural(v, "strike, stoppage, collective dispute or mass petition", "strikes, stoppages, collective disputes or mass petitions")} in the past 12 months`,
  tet_season: (v, lang) =>
    lang === "vi"
      ? `${formatPercent(v, lang)} của 60 ngày tới rơi vào mùa Tết`
      : `${formatPercent(v, lang)} of the next 60 days fall in the Tết season`,
  nearby_incidents_90d: (v, lang) =>
    lang === "vi"
      ? `${int(v, lang)} sự cố tại doanh nghiệp khác cùng địa bàn, cùng ngành trong 90 ngày qua`
      : `${int(v, lang)} ${plural(v, "incident", "incidents")} at other enterprises in the same area and sector in the last 90 days`,
};

function cap(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi-VN") + s.slice(1);
}

/** The features that have a sentence of their own (every feature of the catalogue; a test keeps it so). */
export const SENTENCE_FEATURES: readonly string[] = Object.keys(RENDER);

/** One factor as a sentence with its figure, in one language. Unknown features get "label: value unit". */
export function sentence(feature: string, value: number, lang: Lang, ctx: SentenceContext = {}): string {
  const render = RENDER[feature];
  if (render) return render(value, lang, ctx);
  const spec = featureSpec(feature);
  const shown = shownValue(feature, value, ctx);
  const figure = shown === null ? fewerThan(ctx.minCellSize ?? DEFAULT_MIN_CELL_SIZE, lang) : num(value, lang);
  return `${spec ? spec.label[lang] : feature}: ${figure}${spec && lang === "en" ? ` ${spec.unit}` : ""}`;
}

/** The sentence in both languages. */
export function sentences(feature: string, value: number, ctx: SentenceContext = {}): { vi: string; en: string } {
  return { vi: sentence(feature, value, "vi", ctx), en: sentence(feature, value, "en", ctx) };
}

/** The short label of a feature (FEATURES), or its name when unknown. */
export function featureLabel(feature: string): { vi: string; en: string } {
  return featureSpec(feature)?.label ?? { vi: feature, en: feature };
}

/**
 * A feature value alone, formatted for a "before → after" line: counts as integers, shares as
 * percentages, flags as yes / no, null (suppressed) as "fewer than N".
 */
export function formatFeatureValue(feature: string, value: number | null, lang: Lang, minCellSize = DEFAULT_MIN_CELL_SIZE): string {
  if (value === null) return fewerThan(minCellSize, lang);
  const unit = featureSpec(feature)?.unit ?? "";
  if (unit === "0/1") return value >= 0.5 ? (lang === "vi" ? "có" : "yes") : lang === "vi" ? "không" : "no";
  if (unit === "share" || unit === "share of next 60 days") return formatPercent(value, lang);
  if (["grievances", "incidents", "workers", "months", "pay periods"].includes(unit)) return int(value, lang);
  return num(value, lang);
}

/**
 * The reasons an enterprise's contributions give, as sentences: the signal factors contributing at
 * least `min` logit points (the alert policy's minSignalContribution), largest first, at most `k`.
 * Structure and the season are never among them (see context.ts). Empty: high on structure alone.
 */
export function signalSentences(
  contributions: ReadonlyArray<{ feature: string; value: number; contribution: number }>,
  min: number = DEFAULT_POLICY.minSignalContribution,
  k = 3,
  ctx: SentenceContext = {},
): Array<{ vi: string; en: string }> {
  const values = ctx.values ?? Object.fromEntries(contributions.map((c) => [c.feature, c.value]));
  return signalReasons(contributions, min, k).map((c) => sentences(c.feature, c.value, { ...ctx, values }));
}
