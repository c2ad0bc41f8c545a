// What the periodic labour-relations report (./lrew report) reads: the incidents of a span of days
// with their enterprise's registry entry, enterprises by risk level and union coverage, and the
// alerts of the period. Rows, not tables: @lrew/report aggregates them (a province has hundreds of
// incidents a year, so the counting is pure code that a test can check against ClickHouse).
// Days are Vietnam calendar days; `to` is exclusive. Nothing here narrows to an office: a report of
// one office's units reads through a scoped warehouse (@lrew/report/read), where ClickHouse applies
// the office's scope to every table these queries read, as on every dashboard page.
import { VIETNAM_TIME_ZONE } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import { LATEST_SCORES } from "./latest-scores.ts";

export interface ReportIncidentRow {
  event_id: string;
  enterprise_id: string;
  /** '' when the registry has no entry for the enterprise. */
  name: string;
  area_code: string;
  sector: string;
  ownership: string;
  investor_country: string;
  union_unit_id: string;
  has_union: boolean;
  /** Vietnam day the incident started, YYYY-MM-DD. */
  start_day: string;
  /** Vietnam day it ended, '' when not reported. */
  end_day: string;
  kind: string;
  lawful: boolean;
  workers_involved: number;
  causes: string[];
}

export interface ReportLevelRow {
  /** '' for an enterprise never scored. */
  level: string;
  enterprises: number;
  workers: number;
  without_union: number;
  workers_without_union: number;
}

export interface ReportCoverageRow {
  area_code: string;
  enterprises: number;
  with_union: number;
  workers: number;
  workers_without_union: number;
}

export interface ReportAlertRow {
  level: string;
  alerts: number;
  enterprises: number;
  /** Alerts with at least one e-mail recorded as sent. */
  sent: number;
  /** Alerts after which the union recorded an action on the enterprise's case (acknowledging included). */
  acted: number;
}

/** Union actions recorded in the period, by the vocabulary of lrew.case-actions.v1. */
export interface ReportActionRow {
  action: string;
  actions: number;
  enterprises: number;
}

const VN = `'${VIETNAM_TIME_ZONE}'`;

const IN_RANGE = `toDate(started_at, ${VN}) >= {from:Date} AND toDate(started_at, ${VN}) < {to:Date}`;

const incidentsSql = (where = IN_RANGE) => `SELECT toString(i.event_id) AS event_id, i.enterprise_id AS enterprise_id,
  ifNull(e.name, '') AS name, toString(ifNull(e.area_code, '')) AS area_code, toString(ifNull(e.sector, '')) AS sector,
  toString(ifNull(e.ownership, '')) AS ownership, toString(ifNull(e.investor_country, '')) AS investor_country,
  toString(ifNull(e.union_unit_id, '')) AS union_unit_id, ifNull(e.has_union, false) AS has_union,
  toString(toDate(i.started_at, ${VN})) AS start_day,
  if(isNull(i.ended_at), '', toString(toDate(assumeNotNull(i.ended_at), ${VN}))) AS end_day,
  toString(i.kind) AS kind, i.lawful AS lawful, i.workers_involved AS workers_involved, arrayMap(c -> toString(c), i.causes) AS causes
FROM (
  SELECT event_id, enterprise_id, started_at, ended_at, kind, lawful, workers_involved, causes FROM {{db}}.incidents_latest
  WHERE ${where}
) AS i
LEFT JOIN (SELECT * FROM {{db}}.enterprises_latest) AS e ON e.enterprise_id = i.enterprise_id
SETTINGS join_use_nulls = 1`;

const LEVELS_SQL = `SELECT toString(ifNull(s.level, '')) AS level, toUInt32(count()) AS enterprises,
  toUInt64(sum(e.workforce)) AS workers, toUInt32(countIf(NOT e.has_union)) AS without_union,
  toUInt64(sumIf(e.workforce, NOT e.has_union)) AS workers_without_union
FROM {{db}}.enterprises_latest AS e LEFT JOIN ${LATEST_SCORES} AS s ON s.enterprise_id = e.enterprise_id
GROUP BY level ORDER BY level
SETTINGS join_use_nulls = 1`;

const COVERAGE_SQL = `SELECT toString(area_code) AS area_code, toUInt32(count()) AS enterprises,
  toUInt32(countIf(has_union)) AS with_union, toUInt64(sum(workforce)) AS workers,
  toUInt64(sumIf(workforce, NOT has_union)) AS workers_without_union
FROM {{db}}.enterprises_latest AS e WHERE e.workforce > 0
GROUP BY area_code ORDER BY area_code`;

// An alert is acted on when the union recorded any action on that enterprise on or after the alert's day.
const ALERTS_SQL = `SELECT toString(a.level) AS level, toUInt32(count()) AS alerts,
  toUInt32(uniqExact(a.enterprise_id)) AS enterprises, toUInt32(countIf(d.sent > 0)) AS sent,
  toUInt32(countIf(ifNull(c.last_action, toDate('1970-01-01')) >= a.as_of)) AS acted
FROM (SELECT alert_id, enterprise_id, level, union_unit_id, as_of FROM {{db}}.alerts FINAL
      WHERE as_of >= {from:Date} AND as_of < {to:Date} AND kind != 'lowered') AS a
LEFT JOIN (SELECT alert_id, countIf(status = 'sent') AS sent FROM {{db}}.alert_deliveries FINAL GROUP BY alert_id) AS d
  ON d.alert_id = a.alert_id
LEFT JOIN (SELECT enterprise_id, max(occurred_on) AS last_action FROM {{db}}.case_actions GROUP BY enterprise_id) AS c
  ON c.enterprise_id = a.enterprise_id
GROUP BY level ORDER BY level
SETTINGS join_use_nulls = 1`;

const ACTIONS_SQL = `SELECT toString(x.action) AS action, toUInt32(count()) AS actions,
  toUInt32(uniqExact(x.enterprise_id)) AS enterprises
FROM (SELECT enterprise_id, action FROM {{db}}.case_actions
      WHERE occurred_on >= {from:Date} AND occurred_on < {to:Date}
      ORDER BY event_id LIMIT 1 BY event_id) AS x
GROUP BY action ORDER BY actions DESC, action`;

/** Incidents that started in [from, to), one row per incident_id (its latest correction), with the enterprise's registry entry. */
export async function selectReportIncidents(wh: Warehouse, range: { from: string; to: string }): Promise<ReportIncidentRow[]> {
  const rows = await selectRows<ReportIncidentRow>(
    wh,
    incidentsSql(),
    { from: range.from, to: range.to },
    "cannot read the incidents for the report",
  );
  return rows.sort((a, b) => (a.start_day === b.start_day ? a.event_id.localeCompare(b.event_id) : a.start_day < b.start_day ? -1 : 1));
}

/** Every enterprise in the registry by its latest level ('' when never scored), with its workers and union coverage. */
export function selectReportLevels(wh: Warehouse): Promise<ReportLevelRow[]> {
  return selectRows<ReportLevelRow>(wh, LEVELS_SQL, {}, "cannot read the risk levels for the report");
}

/** Union coverage by area: enterprises with workers, those with a grassroots union, workers without one. */
export function selectReportCoverage(wh: Warehouse): Promise<ReportCoverageRow[]> {
  return selectRows<ReportCoverageRow>(wh, COVERAGE_SQL, {}, "cannot read union coverage for the report");
}

/** Alerts raised in [from, to) by level (lowered ones not counted) and how many were e-mailed. */
export function selectReportAlerts(wh: Warehouse, range: { from: string; to: string }): Promise<ReportAlertRow[]> {
  return selectRows<ReportAlertRow>(wh, ALERTS_SQL, { from: range.from, to: range.to }, "cannot read the alerts for the report");
}

export interface ReportIncidentAlertRow {
  alert_id: string;
  as_of: string;
  level: string;
  score: number;
  union_unit_id: string;
  /** E-mails recorded as sent for this alert. */
  sent: number;
}

/** One incident by its incident_id (or the event_id of any of its records), latest correction; undefined when unknown. */
export async function selectReportIncident(wh: Warehouse, eventId: string): Promise<ReportIncidentRow | undefined> {
  const rows = await selectRows<ReportIncidentRow>(
    wh,
    incidentsSql(
      "incident_id = {id:String} OR incident_id IN (SELECT incident_id FROM {{db}}.incidents WHERE event_id = toUUIDOrZero({id:String}))",
    ),
    { id: eventId },
    "cannot read the incident",
  );
  return rows[0];
}

/** The alerts raised for an enterprise in [from, to), oldest first, with how many e-mails were sent. */
export function selectReportIncidentAlerts(
  wh: Warehouse,
  enterpriseId: string,
  range: { from: string; to: string },
): Promise<ReportIncidentAlertRow[]> {
  return selectRows<ReportIncidentAlertRow>(
    wh,
    `SELECT toString(a.alert_id) AS alert_id, toString(a.as_of) AS as_of, toString(a.level) AS level, a.score AS score,
       toString(a.union_unit_id) AS union_unit_id, toUInt32(ifNull(d.sent, 0)) AS sent
     FROM (SELECT alert_id, as_of, level, score, union_unit_id FROM {{db}}.alerts FINAL
           WHERE enterprise_id = {e:String} AND as_of >= {from:Date} AND as_of < {to:Date} AND kind != 'lowered') AS a
     LEFT JOIN (SELECT alert_id, countIf(status = 'sent') AS sent FROM {{db}}.alert_deliveries FINAL GROUP BY alert_id) AS d
       ON d.alert_id = a.alert_id
     ORDER BY a.as_of, a.alert_id`,
    { e: enterpriseId, from: range.from, to: range.to },
    "cannot read the incident's alerts",
  );
}

/** Union actions on cases recorded in [from, to), by kind (each action once), with the enterprises they concern. */
export function selectReportActions(wh: Warehouse, range: { from: string; to: string }): Promise<ReportActionRow[]> {
  return selectRows<ReportActionRow>(wh, ACTIONS_SQL, { from: range.from, to: range.to }, "cannot read the union actions for the report");
}
