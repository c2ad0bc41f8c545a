// Cases (migration 0051): case_alerts, the notifier's record of each alert's case decision, and the
// `cases` view derived from it and case_actions. Cases are never written; an office's actions arrive
// as events (case_actions) and the view follows.
import { LEVELS } from "@lrew/risk";
import { z } from "zod";
import type { Warehouse } from "../client.ts";
import { checkRows, insertInto, selectRows } from "../query.ts";
import { UTC_TEXT } from "../time.ts";

export const CASE_ALERTS_TABLE = "case_alerts";
export const CASES_VIEW = "cases";

export const CASE_DECISIONS = ["opened", "update", "suppressed"] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];

export const caseAlertRowSchema = z.strictObject({
  alert_id: z.string().min(1),
  enterprise_id: z.string().min(1),
  as_of: z.iso.date(),
  level: z.enum(LEVELS),
  score: z.number().min(0).max(1),
  owner_unit_id: z.string().min(1),
  area_code: z.string(),
  decision: z.enum(CASE_DECISIONS),
  recorded_at: UTC_TEXT,
});
export type CaseAlertRow = z.infer<typeof caseAlertRowSchema>;

/** Records an alert's case decision (idempotent: the same alert again is folded by ReplacingMergeTree). */
export async function insertCaseAlert(wh: Warehouse, row: CaseAlertRow): Promise<void> {
  await insertInto(wh, CASE_ALERTS_TABLE, checkRows(caseAlertRowSchema, [row], CASE_ALERTS_TABLE), { deduplicate: false });
}

/** The decision already recorded for an alert (a redelivered alert keeps its first decision). */
export async function selectCaseDecision(wh: Warehouse, alertId: string): Promise<CaseDecision | undefined> {
  const [row] = await selectRows<{ decision: CaseDecision }>(
    wh,
    `SELECT decision FROM {{db}}.${CASE_ALERTS_TABLE} FINAL WHERE alert_id = {id:String} LIMIT 1`,
    { id: alertId },
    "cannot read the case decision",
  );
  return row?.decision;
}

export const CASE_STATES = ["open", "acknowledged", "in_progress", "closed"] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** One row of the cases view. Days are 'YYYY-MM-DD'. */
export interface CaseRow {
  case_id: string;
  enterprise_id: string;
  case_seq: number;
  opened_on: string;
  last_alert_on: string;
  owner_unit_id: string;
  area_code: string;
  level: string;
  score: number;
  critical_since: string | null;
  sent_level: string;
  sent_score: number;
  alerts: number;
  suppressed_alerts: number;
  acknowledged_on: string | null;
  first_action_on: string | null;
  closed_on: string | null;
  last_action_on: string | null;
  actions: number;
  state: CaseState;
  days_to_acknowledge: number | null;
  days_to_first_action: number | null;
}

const CASE_COLUMNS = `case_id, enterprise_id, case_seq, toString(opened_on) AS opened_on, toString(last_alert_on) AS last_alert_on,
  owner_unit_id, area_code, level, score, if(critical_since IS NULL, NULL, toString(critical_since)) AS critical_since, sent_level, sent_score,
  alerts, suppressed_alerts, if(acknowledged_on IS NULL, NULL, toString(acknowledged_on)) AS acknowledged_on,
  if(first_action_on IS NULL, NULL, toString(first_action_on)) AS first_action_on, if(closed_on IS NULL, NULL, toString(closed_on)) AS closed_on,
  if(last_action_on IS NULL, NULL, toString(last_action_on)) AS last_action_on, actions, state, days_to_acknowledge, days_to_first_action`;

/** The enterprise's case that is not closed, if any (there is at most one: the latest). */
export async function selectOpenCase(wh: Warehouse, enterpriseId: string): Promise<CaseRow | undefined> {
  const [row] = await selectRows<CaseRow>(
    wh,
    `SELECT ${CASE_COLUMNS} FROM {{db}}.${CASES_VIEW} WHERE enterprise_id = {id:String} AND state != 'closed'
     ORDER BY case_seq DESC LIMIT 1`,
    { id: enterpriseId },
    "cannot read the open case",
  );
  return row;
}

/** Every case of one enterprise, newest first. */
export function selectEnterpriseCases(wh: Warehouse, enterpriseId: string): Promise<CaseRow[]> {
  return selectRows<CaseRow>(
    wh,
    `SELECT ${CASE_COLUMNS} FROM {{db}}.${CASES_VIEW} WHERE enterprise_id = {id:String} ORDER BY case_seq DESC`,
    { id: enterpriseId },
    "cannot read the enterprise's cases",
  );
}

/** Cases not closed (open, acknowledged, in progress), oldest first: what escalation and the digest look at. */
export function selectUnclosedCases(wh: Warehouse): Promise<CaseRow[]> {
  return selectRows<CaseRow>(
    wh,
    `SELECT ${CASE_COLUMNS} FROM {{db}}.${CASES_VIEW} WHERE state != 'closed' ORDER BY opened_on, enterprise_id`,
    {},
    "cannot read the unclosed cases",
  );
}

/** Cases by area: counts by state and the median days to acknowledgement and to first action. */
export interface CasesByArea {
  area_code: string;
  cases: number;
  open: number;
  acknowledged: number;
  in_progress: number;
  closed: number;
  median_days_to_acknowledge: number | null;
  median_days_to_first_action: number | null;
}

export function selectCasesByArea(wh: Warehouse, opts: { since: string }): Promise<CasesByArea[]> {
  return selectRows<CasesByArea>(
    wh,
    `SELECT area_code, count() AS cases, countIf(state = 'open') AS open, countIf(state = 'acknowledged') AS acknowledged,
            countIf(state = 'in_progress') AS in_progress, countIf(state = 'closed') AS closed,
            if(countIf(days_to_acknowledge IS NOT NULL) = 0, NULL, medianExactIf(assumeNotNull(days_to_acknowledge), days_to_acknowledge IS NOT NULL)) AS median_days_to_acknowledge,
            if(countIf(days_to_first_action IS NOT NULL) = 0, NULL, medianExactIf(assumeNotNull(days_to_first_action), days_to_first_action IS NOT NULL)) AS median_days_to_first_action
     FROM {{db}}.${CASES_VIEW} WHERE opened_on >= {since:Date} OR state != 'closed'
     GROUP BY area_code ORDER BY area_code`,
    { since: opts.since },
    "cannot read cases by area",
  );
}
