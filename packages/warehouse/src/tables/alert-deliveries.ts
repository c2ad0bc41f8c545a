// alert_deliveries: the notifier's delivery log (migration 0005_alert_deliveries.sql), one row per
// (alert_id, recipient) whose latest state wins (ReplacingMergeTree by updated_at, read with FINAL).
// Writes are synchronous inserts: when one resolves, the next read sees it.
import type { Warehouse } from "../client.ts";
import { toLrewError } from "../errors.ts";
import { selectRows } from "../query.ts";

export const ALERT_DELIVERIES_TABLE = "alert_deliveries";

/** What happened to one e-mail; the migration's comment says what each means. */
export const DELIVERY_STATUSES = ["sending", "sent", "failed", "parked", "uncertain", "pending_digest"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** immediate: an alert e-mail; digest: a unit's daily digest; escalation: a case escalated to the units above its owner. */
export type DeliveryKind = "immediate" | "digest" | "escalation";

export const ALERT_DELIVERY_COLUMNS = [
  "alert_id",
  "recipient",
  "unit_id",
  "kind",
  "status",
  "attempts",
  "error",
  "message_id",
  "updated_at",
] as const;

export interface DeliveryRow {
  /** The alert's id, or digest:<unit_id>:<YYYY-MM-DD> for a unit's digest of one day. */
  alert_id: string;
  recipient: string;
  unit_id: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  attempts: number;
  error: string | null;
  /** The Message-ID sent (empty before the first attempt). */
  message_id: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC; the latest row of a pair wins. */
  updated_at: string;
}

/** The key of one (alert_id, recipient) pair in the maps readDeliveries returns. */
export function deliveryKey(alertId: string, recipient: string): string {
  return `${alertId}\u0000${recipient}`;
}

const SELECT_COLUMNS = ALERT_DELIVERY_COLUMNS.map((c) => (c === "updated_at" ? "toString(updated_at) AS updated_at" : c)).join(", ");

/** Latest state of each (alert_id, recipient) of these alerts, keyed by deliveryKey. */
export async function readDeliveries(wh: Warehouse, alertIds: readonly string[]): Promise<Map<string, DeliveryRow>> {
  const out = new Map<string, DeliveryRow>();
  if (alertIds.length === 0) return out;
  const rows = await selectRows<DeliveryRow>(
    wh,
    `SELECT ${SELECT_COLUMNS} FROM ${wh.database}.${ALERT_DELIVERIES_TABLE} FINAL WHERE alert_id IN {ids:Array(String)}`,
    { ids: [...new Set(alertIds)] },
  );
  for (const r of rows) out.set(deliveryKey(r.alert_id, r.recipient), r);
  return out;
}

/** The rows of one union unit waiting for its digest. */
export function pendingDigestRows(wh: Warehouse, unitId: string): Promise<DeliveryRow[]> {
  return selectRows<DeliveryRow>(
    wh,
    `SELECT ${SELECT_COLUMNS} FROM ${wh.database}.${ALERT_DELIVERIES_TABLE} FINAL
     WHERE unit_id = {unit:String} AND status = 'pending_digest'`,
    { unit: unitId },
  );
}

/** Records new states. Errors come out as RetryableError / BadInputError / FatalError. */
export async function writeDeliveries(wh: Warehouse, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await wh.client.insert({
      table: `${wh.database}.${ALERT_DELIVERIES_TABLE}`,
      values: rows.map((r) => Object.fromEntries(ALERT_DELIVERY_COLUMNS.map((c) => [c, r[c]]))),
      format: "JSONEachRow",
      // Synchronous: the next read (before the next send) must see this state.
      clickhouse_settings: { async_insert: 0 },
    });
  } catch (err) {
    throw toLrewError(err, `insert of ${rows.length} rows into ${wh.database}.${ALERT_DELIVERIES_TABLE}`);
  }
}

/** A delivery as an operator looks at it: its row, and what the alert was about (empty when the alerts table has no such alert, e.g. a digest). */
export interface DeliveryForOperator extends DeliveryRow {
  enterprise_id: string;
  level: string;
  as_of: string;
}

/** The deliveries in one of these states, newest first, with their alert's enterprise, level and day. */
export function selectDeliveriesByStatus(wh: Warehouse, statuses: readonly DeliveryStatus[]): Promise<DeliveryForOperator[]> {
  return selectRows<DeliveryForOperator>(
    wh,
    `SELECT ${ALERT_DELIVERY_COLUMNS.map((c) => (c === "updated_at" ? "toString(d.updated_at) AS updated_at" : `d.${c} AS ${c}`)).join(", ")},
            ifNull(a.enterprise_id, '') AS enterprise_id, ifNull(toString(a.level), '') AS level, ifNull(toString(a.as_of), '') AS as_of
     FROM (SELECT * FROM ${wh.database}.${ALERT_DELIVERIES_TABLE} FINAL WHERE status IN {statuses:Array(String)}) AS d
     LEFT JOIN (SELECT alert_id, enterprise_id, level, as_of FROM ${wh.database}.alerts FINAL) AS a ON a.alert_id = d.alert_id
     ORDER BY d.updated_at DESC, d.alert_id, d.recipient
     SETTINGS join_use_nulls = 1`,
    { statuses: [...statuses] },
  );
}

/** The latest state of each recipient of one alert within one union unit. */
export function selectUnitDeliveries(wh: Warehouse, alertId: string, unitId: string): Promise<DeliveryRow[]> {
  return selectRows<DeliveryRow>(
    wh,
    `SELECT ${SELECT_COLUMNS} FROM ${wh.database}.${ALERT_DELIVERIES_TABLE} FINAL
     WHERE alert_id = {alert:String} AND unit_id = {unit:String} ORDER BY recipient`,
    { alert: alertId, unit: unitId },
  );
}
