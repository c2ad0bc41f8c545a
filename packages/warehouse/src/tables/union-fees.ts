// union_fees: the federation's ledger of the trade-union fee per enterprise and month. Arrears are
// derived in union_fees_monthly (migration 0096): the latest position of each month, outstanding =
// due − paid, not counted while a deferral runs.
import type { UnionFee } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import { periodToDate, toUtcText } from "../time.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";

export const UNION_FEES_TABLE = "union_fees";

export interface UnionFeeRow extends MetaColumns {
  event_id: string;
  enterprise_id: string;
  /** 'YYYY-MM-01' */
  period: string;
  payroll_base_vnd: number;
  amount_due_vnd: number;
  amount_paid_vnd: number;
  /** '' when there is no relief. */
  relief_kind: string;
  relief_from: string | null;
  relief_to: string | null;
  relief_ref: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  reported_at: string;
}

export function toUnionFeeRow(e: UnionFee, meta: SourceMeta): UnionFeeRow {
  return {
    event_id: e.event_id,
    enterprise_id: e.enterprise_id,
    period: periodToDate(e.period),
    payroll_base_vnd: e.payroll_base_vnd,
    amount_due_vnd: e.amount_due_vnd,
    amount_paid_vnd: e.amount_paid_vnd,
    relief_kind: e.relief?.kind ?? "",
    relief_from: e.relief ? periodToDate(e.relief.from) : null,
    relief_to: e.relief ? periodToDate(e.relief.to) : null,
    relief_ref: e.relief?.decision_ref ?? "",
    reported_at: toUtcText(e.reported_at, "reported_at"),
    ...metaColumns(meta, e.received_at),
  };
}

export interface UnionFeeMonth {
  /** 'YYYY-MM-01' */
  period: string;
  payroll_base_vnd: number;
  amount_due_vnd: number;
  amount_paid_vnd: number;
  outstanding_vnd: number;
  relief_kind: string;
  deferred: boolean;
  in_arrears: boolean;
}

/** An enterprise's union fee month by month (the ledger's latest position of each), newest first. */
export function selectUnionFeeMonths(wh: Warehouse, enterpriseId: string, limit = 24): Promise<UnionFeeMonth[]> {
  return selectRows<UnionFeeMonth>(
    wh,
    `SELECT toString(period) AS period, payroll_base_vnd, amount_due_vnd, amount_paid_vnd, outstanding_vnd,
       toString(relief_kind) AS relief_kind, deferred, in_arrears
     FROM {{db}}.union_fees_monthly WHERE enterprise_id = {enterprise_id:String}
     ORDER BY period DESC LIMIT {limit:UInt32}`,
    { enterprise_id: enterpriseId, limit },
    "cannot read the union fees",
  );
}
