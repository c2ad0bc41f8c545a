// grievances: one row per grievance event (a new status is a new event with the same grievance_id).
// summary (masked) and complainant_ref (HMAC) are stored but never leave through grievances_latest.
import type { Grievance } from "@lrew/contracts";
import { FatalError } from "@lrew/errors";
import { onCluster, type Warehouse } from "../client.ts";
import { toUtcText } from "../time.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";
import { runCommand, selectRows } from "../query.ts";

export const GRIEVANCES_TABLE = "grievances";
export const GRIEVANCES_LATEST_VIEW = "grievances_latest";

export const GRIEVANCE_COLUMNS = [
  "event_id",
  "grievance_id",
  "enterprise_id",
  "occurred_at",
  "reported_at",
  "channel",
  "category",
  "severity",
  "workers_involved",
  "status",
  "summary",
  "complainant_ref",
] as const;

export interface GrievanceRow extends MetaColumns {
  event_id: string;
  grievance_id: string;
  enterprise_id: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  occurred_at: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC; occurred_at when the event has none. */
  reported_at: string;
  channel: Grievance["channel"];
  category: Grievance["category"];
  severity: number;
  workers_involved: number;
  status: Grievance["status"];
  summary: string | null;
  complainant_ref: string | null;
}

export function toGrievanceRow(e: Grievance, meta: SourceMeta): GrievanceRow {
  const occurred = toUtcText(e.occurred_at, "occurred_at");
  return {
    event_id: e.event_id,
    grievance_id: e.grievance_id,
    enterprise_id: e.enterprise_id,
    occurred_at: occurred,
    reported_at: e.reported_at !== undefined ? toUtcText(e.reported_at, "reported_at") : occurred,
    channel: e.channel,
    category: e.category,
    severity: e.severity,
    workers_involved: e.workers_involved,
    status: e.status,
    summary: e.summary ?? null,
    complainant_ref: e.complainant_ref ?? null,
    ...metaColumns(meta, e.received_at),
  };
}

export interface LatestGrievance {
  grievance_id: string;
  enterprise_id: string;
  status: string;
  occurred_at: string;
  reported_at: string;
  channel: string;
  category: string;
  severity: number;
  workers_involved: number;
  event_id: string;
}

/** The current status of every grievance (or of one enterprise's), from grievances_latest. No free text. */
export function selectLatestGrievances(wh: Warehouse, filter: { enterpriseId?: string } = {}): Promise<LatestGrievance[]> {
  const where = filter.enterpriseId !== undefined ? "WHERE enterprise_id = {enterprise_id:String}" : "";
  return selectRows<LatestGrievance>(
    wh,
    `SELECT grievance_id, enterprise_id, status, occurred_at, reported_at, channel, category, severity, workers_involved, event_id
     FROM {{db}}.${GRIEVANCES_LATEST_VIEW} ${where} ORDER BY grievance_id`,
    filter.enterpriseId !== undefined ? { enterprise_id: filter.enterpriseId } : {},
  );
}

/** The summary column's TTL for a retention period: cleared (set to NULL) that many days after reported_at. */
export function summaryTtl(days: number): string {
  if (!Number.isInteger(days) || days < 1) throw new FatalError(`summary retention must be a whole number of days ≥ 1, not ${days}`);
  return `toDateTime(reported_at) + toIntervalDay(${days})`;
}

/**
 * Storage limitation: sets the TTL that clears grievance summaries `days` after they were reported
 * (ClickHouse applies it in its merges; OPTIMIZE … FINAL applies it now). Nothing else expires.
 * Changes the table only when the period differs from the one it has.
 */
export async function applySummaryRetention(wh: Warehouse, days: number): Promise<boolean> {
  const ttl = summaryTtl(days);
  const [table] = await selectRows<{ create: string }>(
    wh,
    "SELECT create_table_query AS create FROM system.tables WHERE database = {db:String} AND name = {name:String}",
    { db: wh.database, name: GRIEVANCES_TABLE },
    "cannot read the grievances table",
  );
  if (!table) throw new FatalError(`table ${wh.database}.${GRIEVANCES_TABLE} missing (run the migrations)`);
  if (table.create.includes(`TTL ${ttl}`)) return false;
  await runCommand(
    wh,
    `ALTER TABLE {{db}}.${GRIEVANCES_TABLE}${onCluster(wh.cluster)} MODIFY COLUMN summary Nullable(String)
     COMMENT 'free text, contact details masked at ingest; never exposed to analysts; cleared ${days} days after reported_at'
     TTL ${ttl}`,
    "cannot set the retention of grievance summaries",
    { mutations_sync: 2 },
  );
  return true;
}
