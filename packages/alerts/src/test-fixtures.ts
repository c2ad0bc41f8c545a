// Shared fixtures of the unit tests: an e-mail decision as scoring reports it, and the options around it.
import { signalReasons, type AlertDecision } from "@lrew/risk";
import type { AlertOptions } from "./alert.ts";

export const ENTERPRISE_ID = "5600123456";

/** Feature values of a garment firm with 4 months of insurance arrears, 200 workers, 10 grievances in 30 days. */
export const VALUES: Record<string, number> = {
  grievance_rate_30d: 5,
  grievance_surprise_own: 3.2,
  grievance_surprise_sector: 2.1,
  grievance_pay_share_90d: 0.6,
  grievance_collective_90d: 2,
  grievance_unresolved_30d: 4,
  wage_arrears_payroll: 0.5,
  wage_arrears_months: 1,
  wage_arrears_workers_share: 0.4,
  wage_arrears_growth_90d: 0.3,
  insurance_arrears_months: 4,
  insurance_arrears_ratio: 1.8,
  insurance_arrears_growth_3m: 1.2,
  insurance_unreported: 0,
  no_union: 1,
  workforce: 200,
  strike_prone_sector: 1,
  ownership_fdi: 0,
  ownership_private: 1,
  past_incidents_365d: 0,
  tet_season: 0.25,
  nearby_incidents_90d: 1,
};

/** A raised_high decision; structure (workforce, private ownership) contributes more than any signal. */
export function levelChange(over: Partial<AlertDecision> = {}, values: Record<string, number> = VALUES): AlertDecision {
  const contributions = Object.entries(values).map(([feature, value], i) => ({
    feature,
    value,
    contribution:
      feature === "insurance_arrears_months"
        ? 0.9
        : feature === "wage_arrears_payroll"
          ? 0.6
          : feature === "no_union"
            ? 0.4
            : feature === "workforce"
              ? 1.4
              : feature === "ownership_private"
                ? 0.7
                : 0.01 * (i % 3) - 0.005,
  }));
  const reasons = signalReasons(contributions, 0.2, 3);
  return {
    enterprise_id: ENTERPRISE_ID,
    as_of: "2026-11-24",
    kind: "raised_high",
    from: "watch",
    to: "high",
    score: 0.62,
    area_code: "DB-DBP",
    sector: "garment",
    model_version: "m-2026.11",
    contributions,
    reasons,
    ...over,
  };
}

export const OPTIONS: AlertOptions = {
  enterprises: new Map([[ENTERPRISE_ID, { name: "Công ty TNHH May mặc Điện Biên Phủ", union_unit_id: "CDCS-5600123456" }]]),
  areaNames: new Map([["DB-DBP", "Thành phố Điện Biên Phủ"]]),
  federationId: "LDLD-DB",
  dashboardBaseUrl: "https://lrew.example.vn/",
};
