// insurance_contributions: the social-insurance agency's monthly position per scheme. Arrears are
// derived in queries (amount_due_vnd - amount_paid_vnd; both Int64 so the difference can go negative).
import type { InsuranceContribution } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { periodToDate, toUtcText } from "../time.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";
import { selectRows } from "../query.ts";

export const INSURANCE_CONTRIBUTIONS_TABLE = "insurance_contributions";

export const INSURANCE_CONTRIBUTION_COLUMNS = [
  "event_id",
  "enterprise_id",
  "period",
  "scheme",
  "amount_due_vnd",
  "amount_paid_vnd",
  "insured_workers",
  "reported_at",
] as const;

export interface InsuranceContributionRow extends MetaColumns {
  event_id: string;
  enterprise_id: string;
  /** 'YYYY-MM-01' */
  period: string;
  scheme: InsuranceContribution["scheme"];
  amount_due_vnd: number;
  amount_paid_vnd: number;
  insured_workers: number;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  reported_at: string;
}

export function toInsuranceContributionRow(e: InsuranceContribution, meta: SourceMeta): InsuranceContributionRow {
  return {
    event_id: e.event_id,
    enterprise_id: e.enterprise_id,
    period: periodToDate(e.period),
    scheme: e.scheme,
    amount_due_vnd: e.amount_due_vnd,
    amount_paid_vnd: e.amount_paid_vnd,
    insured_workers: e.insured_workers,
    reported_at: toUtcText(e.reported_at, "reported_at"),
    ...metaColumns(meta, e.received_at),
  };
}

export interface StoredInsuranceContribution {
  event_id: string;
  enterprise_id: string;
  period: string;
  scheme: string;
  amount_due_vnd: number;
  amount_paid_vnd: number;
  insured_workers: number;
  reported_at: string;
}

/** An enterprise's contribution positions, by period and scheme, one row per event_id. */
export function selectInsuranceContributions(wh: Warehouse, enterpriseId: string): Promise<StoredInsuranceContribution[]> {
  return selectRows<StoredInsuranceContribution>(
    wh,
    `SELECT ${INSURANCE_CONTRIBUTION_COLUMNS.join(", ")} FROM {{db}}.${INSURANCE_CONTRIBUTIONS_TABLE} FINAL
     WHERE enterprise_id = {enterprise_id:String} ORDER BY period, scheme, reported_at, event_id`,
    { enterprise_id: enterpriseId },
  );
}
