// The delivery log in ClickHouse (migration 0005_alert_deliveries.sql): read the latest state of
// (alert_id, recipient) pairs, write a new state. Writes are synchronous inserts: when one resolves,
// the next read sees it.
import type { Warehouse } from "@lrew/warehouse";
import type { DeliveryKind, DeliveryState, DeliveryStatus } from "./decide.ts";

export interface DeliveryRow extends DeliveryState {
  alert_id: string;
  recipient: string;
  unit_id: string;
  kind: DeliveryKind;
  updated_at: Date;
}

export function deliveryKey(alertId: string, recipient: string): string {
  return `${alertId}\u0000${recipient}`;
}

/** ClickHouse DateTime64(3) text in UTC: 2026-11-23 01:02:03.456 */
function chTime(d: Date): string {
  return d.toISOString().replace("T", " ").replace("Z", "");
}

/** Latest state of each (alert_id, recipient) of these alerts, keyed by deliveryKey. */
export async function readDeliveries(wh: Warehouse, alertIds: readonly string[]): Promise<Map<string, DeliveryRow>> {
  const out = new Map<string, DeliveryRow>();
  if (alertIds.length === 0) return out;
  const rs = await wh.client.query({
    query: `SELECT alert_id, recipient, unit_id, kind, status, attempts, error, message_id, toString(updated_at) AS updated_at
            FROM ${wh.database}.alert_deliveries FINAL WHERE alert_id IN {ids:Array(String)}`,
    query_params: { ids: [...new Set(alertIds)] },
    format: "JSONEachRow",
  });
  const rows = (await rs.json()) as Array<Omit<DeliveryRow, "updated_at" | "attempts"> & { attempts: number | string; updated_at: string }>;
  for (const r of rows) {
    out.set(deliveryKey(r.alert_id, r.recipient), {
      ...r,
      attempts: Number(r.attempts),
      status: r.status as DeliveryStatus,
      updated_at: new Date(`${r.updated_at.replace(" ", "T")}Z`),
    });
  }
  return out;
}

export async function writeDeliveries(wh: Warehouse, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await wh.client.insert({
    table: `${wh.database}.alert_deliveries`,
    values: rows.map((r) => ({
      alert_id: r.alert_id,
      recipient: r.recipient,
      unit_id: r.unit_id,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      error: r.error,
      message_id: r.message_id,
      updated_at: chTime(r.updated_at),
    })),
    format: "JSONEachRow",
    clickhouse_settings: { async_insert: 0 },
  });
}

/** Rows of one unit waiting for its digest. */
export async function pendingDigestRows(wh: Warehouse, unitId: string): Promise<DeliveryRow[]> {
  const rs = await wh.client.query({
    query: `SELECT alert_id, recipient, unit_id, kind, status, attempts, error, message_id, toString(updated_at) AS updated_at
            FROM ${wh.database}.alert_deliveries FINAL WHERE unit_id = {unit:String} AND status = 'pending_digest'`,
    query_params: { unit: unitId },
    format: "JSONEachRow",
  });
  const rows = (await rs.json()) as Array<Omit<DeliveryRow, "updated_at" | "attempts"> & { attempts: number | string; updated_at: string }>;
  return rows.map((r) => ({
    ...r,
    attempts: Number(r.attempts),
    status: r.status as DeliveryStatus,
    updated_at: new Date(`${r.updated_at.replace(" ", "T")}Z`),
  }));
}
