// alerts: the alerts the scorer decided (also published to <prefix>.alerts.v1 for the notifier),
// read back for the cooldown (migration 0006). alert_id is deterministic, so a rerun after a crash
// writes the same alert again, which ReplacingMergeTree folds (read with FINAL).
import { LEVELS, POLICY_STATES, type Level } from "@lrew/risk";
import { z } from "zod";
import type { Warehouse } from "../client.ts";
import { checkRows, insertInto, selectRows } from "../query.ts";
import { UTC_TEXT } from "../time.ts";

export const ALERTS_TABLE = "alerts";

export const alertRowSchema = z.strictObject({
  alert_id: z.string().min(1),
  enterprise_id: z.string().min(1),
  as_of: z.iso.date(),
  /** raised_high, raised_critical or lowered (@lrew/alerts' ALERT_KINDS). */
  kind: z.string().min(1),
  level: z.enum(LEVELS),
  previous_level: z.union([z.enum(POLICY_STATES), z.literal("")]),
  score: z.number().min(0).max(1),
  model_version: z.string().min(1),
  union_unit_id: z.string(),
  area_code: z.string(),
  /** The top reasons the alert stated; value null where a small count was suppressed. */
  reasons: z.array(z.strictObject({ feature: z.string().min(1), value: z.number().nullable() })),
  /** The alert event as published (JSON). */
  alert: z.string().min(2),
  produced_at: UTC_TEXT,
});
export type AlertRow = z.infer<typeof alertRowSchema>;
export const ALERT_COLUMNS = alertRowSchema.keyof().options;

/** Records published alerts. */
export async function insertAlerts(wh: Warehouse, rows: readonly AlertRow[]): Promise<void> {
  await insertInto(wh, ALERTS_TABLE, checkRows(alertRowSchema, rows, ALERTS_TABLE), { deduplicate: false });
}

/** An earlier alert, as the cooldown needs it. */
export interface AlertHistoryRow {
  alert_id: string;
  enterprise_id: string;
  level: Level;
  score: number;
  as_of: string;
  reasons: Array<{ feature: string; value: number | null }>;
}

/** The alerts of these enterprises since a day (inclusive), oldest first. */
export function selectAlertHistory(wh: Warehouse, opts: { enterpriseIds: readonly string[]; since: string }): Promise<AlertHistoryRow[]> {
  return selectRows<AlertHistoryRow>(
    wh,
    `SELECT alert_id, enterprise_id, level, score, as_of, reasons FROM {{db}}.${ALERTS_TABLE} FINAL
     WHERE enterprise_id IN {ids:Array(String)} AND as_of >= {since:Date} ORDER BY as_of`,
    { ids: opts.enterpriseIds, since: opts.since },
    "cannot read the alert history",
  );
}

/** The alert event as it was published (JSON), or undefined when no alert has this id. */
export async function selectPublishedAlert(wh: Warehouse, alertId: string): Promise<string | undefined> {
  const [r] = await selectRows<{ alert: string }>(
    wh,
    `SELECT alert FROM {{db}}.${ALERTS_TABLE} FINAL WHERE alert_id = {id:String} LIMIT 1`,
    { id: alertId },
    "cannot read the alert",
  );
  return r?.alert;
}
