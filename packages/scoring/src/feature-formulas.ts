// The feature values of one enterprise as of a date, from the aggregates the feature query returns
// (feature-sql.ts): small formulas, one per factor of the catalogue (@lrew/risk). Pure.
import { daysBetween } from "@lrew/contracts";
import { minimumWage } from "@lrew/risk";
import { tetSeason } from "./calendar.ts";

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
  /** Union-fee months in arrears known by as_of (last 24 months; a month under a running deferral is not). */
  uf_months: number;
  /** Union fees outstanding over those months (VND). */
  uf_arrears: number;
  /** The latest month's union fee due (VND); 0 when none known. */
  uf_due_last: number;
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
    union_fee_arrears_months: Math.max(0, r.uf_months),
    union_fee_arrears_ratio: r.uf_due_last > 0 ? Math.max(0, r.uf_arrears) / r.uf_due_last : 0,
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
