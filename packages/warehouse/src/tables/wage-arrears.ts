// wage_arrears: nợ lương reports, one row per report about one pay period.
import type { WageArrears } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { periodToDate, toUtcText } from "../time.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";
import { selectRows } from "../query.ts";

export const WAGE_ARREARS_TABLE = "wage_arrears";

export const WAGE_ARREARS_COLUMNS = [
  "event_id",
  "enterprise_id",
  "reported_at",
  "period",
  "amount_owed_vnd",
  "workers_affected",
  "status",
  "source",
] as const;

export interface WageArrearsRow extends MetaColumns {
  event_id: string;
  enterprise_id: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  reported_at: string;
  /** 'YYYY-MM-01' */
  period: string;
  amount_owed_vnd: number;
  workers_affected: number;
  status: WageArrears["status"];
  source: WageArrears["source"];
}

export function toWageArrearsRow(e: WageArrears, meta: SourceMeta): WageArrearsRow {
  return {
    event_id: e.event_id,
    enterprise_id: e.enterprise_id,
    reported_at: toUtcText(e.reported_at, "reported_at"),
    period: periodToDate(e.period),
    amount_owed_vnd: e.amount_owed_vnd,
    workers_affected: e.workers_affected,
    status: e.status,
    source: e.source,
    ...metaColumns(meta, e.received_at),
  };
}

export interface StoredWageArrears {
  event_id: string;
  enterprise_id: string;
  reported_at: string;
  period: string;
  amount_owed_vnd: number;
  workers_affected: number;
  status: string;
  source: string;
}

/** An enterprise's wage-arrears reports, oldest first, one row per event_id. */
export function selectWageArrears(wh: Warehouse, enterpriseId: string): Promise<StoredWageArrears[]> {
  return selectRows<StoredWageArrears>(
    wh,
    `SELECT ${WAGE_ARREARS_COLUMNS.join(", ")} FROM {{db}}.${WAGE_ARREARS_TABLE} FINAL
     WHERE enterprise_id = {enterprise_id:String} ORDER BY reported_at, event_id`,
    { enterprise_id: enterpriseId },
  );
}
