// The dashboard's overview page: everything is aggregated in ClickHouse; each query returns a handful of rows.
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import { CURRENT_ENTERPRISES, LATEST_SCORES } from "./latest-scores.ts";

export interface LevelCount {
  level: string;
  enterprises: number;
}

export interface AreaRisk {
  area_code: string;
  enterprises: number;
  high: number;
  critical: number;
}

/** The alert policy's open load of one capacity group (a responsible union unit, or an area) after the latest completed run. */
export interface GroupOpen {
  group_key: string;
  open: number;
}

export interface TrendPoint {
  day: string;
  high: number;
  critical: number;
}

export interface RecentIncident {
  enterprise_id: string;
  name: string;
  area_code: string;
  started_at: string;
  kind: string;
  workers_involved: number;
}

export interface AlertSummary {
  alerts_30d: number;
  critical_30d: number;
  sent: number;
  waiting: number;
  problems: number;
}

export interface RecentAlert {
  alert_id: string;
  enterprise_id: string;
  name: string;
  as_of: string;
  level: string;
  score: number;
  sent: number;
}

export interface CoverageRow {
  level: string;
  enterprises: number;
  without_union: number;
  workers_without_union: number;
}

/** What enterprises of an area owe today: insurance (every scheme, every month) and the union fee (months not deferred). */
export interface AreaArrears {
  area_code: string;
  insurance_enterprises: number;
  insurance_vnd: number;
  union_fee_enterprises: number;
  union_fee_vnd: number;
}

export interface Overview {
  levels: LevelCount[];
  areas: AreaRisk[];
  loads: GroupOpen[];
  trend: TrendPoint[];
  incidents: RecentIncident[];
  alerts: AlertSummary;
  recentAlerts: RecentAlert[];
  coverage: CoverageRow[];
  arrears: AreaArrears[];
}

const levelsSql = `SELECT level, toUInt32(count()) AS enterprises FROM ${LATEST_SCORES} GROUP BY level`;

const areasSql = `SELECT e.area_code AS area_code, toUInt32(count()) AS enterprises,
  toUInt32(countIf(s.level = 'high')) AS high, toUInt32(countIf(s.level = 'critical')) AS critical
FROM ${CURRENT_ENTERPRISES} AS e LEFT JOIN ${LATEST_SCORES} AS s ON s.enterprise_id = e.enterprise_id
GROUP BY area_code ORDER BY area_code`;

// Each enterprise's latest state from completed runs, counted by its capacity group: the load the
// alert policy holds within each group's capacity (policy_states, migration 0020).
const loadsSql = `SELECT g AS group_key, toUInt32(countIf(st IN ('high', 'critical'))) AS open
FROM (
  SELECT enterprise_id, argMax(toString(state), (as_of, updated_at)) AS st, argMax(toString(group_key), (as_of, updated_at)) AS g
  FROM {{db}}.policy_states
  WHERE run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
  GROUP BY enterprise_id
)
GROUP BY g ORDER BY g`;

// One level per enterprise and day (the latest completed run's), counted per day: scores_final's
// meaning, aggregated by hash rather than sorted.
const trendSql = `SELECT toString(d) AS day, toUInt32(countIf(l = 'high')) AS high, toUInt32(countIf(l = 'critical')) AS critical
FROM (
  SELECT enterprise_id, as_of AS d, argMax(level, scored_at) AS l FROM {{db}}.scores
  WHERE as_of >= today() - 400 AND run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
  GROUP BY enterprise_id, d
)
GROUP BY d ORDER BY d`;

const incidentsSql = `SELECT i.enterprise_id AS enterprise_id, e.name AS name, e.area_code AS area_code,
  toString(i.started_at) AS started_at, toString(i.kind) AS kind, i.workers_involved AS workers_involved
FROM (SELECT enterprise_id, started_at, kind, workers_involved FROM {{db}}.incidents_latest
      ORDER BY started_at DESC, incident_id LIMIT {limit:UInt32}) AS i
LEFT JOIN (SELECT enterprise_id, name, area_code FROM ${CURRENT_ENTERPRISES}) AS e ON e.enterprise_id = i.enterprise_id
ORDER BY i.started_at DESC`;

const alertSummarySql = `SELECT
  toUInt32((SELECT uniqExact(alert_id) FROM {{db}}.alerts WHERE as_of >= today() - 30 AND kind != 'lowered')) AS alerts_30d,
  toUInt32((SELECT uniqExact(alert_id) FROM {{db}}.alerts WHERE as_of >= today() - 30 AND level = 'critical' AND kind != 'lowered')) AS critical_30d,
  toUInt32(countIf(status = 'sent')) AS sent,
  toUInt32(countIf(status IN ('pending_digest', 'sending', 'failed'))) AS waiting,
  toUInt32(countIf(status IN ('parked', 'uncertain'))) AS problems
FROM (SELECT status FROM {{db}}.alert_deliveries FINAL)`;

const recentAlertsSql = `SELECT a.alert_id AS alert_id, a.enterprise_id AS enterprise_id, e.name AS name,
  toString(a.as_of) AS as_of, toString(a.level) AS level, a.score AS score, toUInt32(ifNull(d.sent, 0)) AS sent
FROM (SELECT alert_id, enterprise_id, as_of, level, score, produced_at FROM {{db}}.alerts FINAL
      ORDER BY produced_at DESC, alert_id LIMIT {limit:UInt32}) AS a
LEFT JOIN (SELECT enterprise_id, name FROM ${CURRENT_ENTERPRISES}) AS e ON e.enterprise_id = a.enterprise_id
LEFT JOIN (SELECT alert_id, countIf(status = 'sent') AS sent FROM {{db}}.alert_deliveries FINAL GROUP BY alert_id) AS d
  ON d.alert_id = a.alert_id
ORDER BY a.produced_at DESC, a.alert_id`;

const coverageSql = `SELECT s.level AS level, toUInt32(count()) AS enterprises,
  toUInt32(countIf(NOT e.has_union)) AS without_union,
  toUInt64(sumIf(e.workforce, NOT e.has_union)) AS workers_without_union
FROM ${LATEST_SCORES} AS s INNER JOIN ${CURRENT_ENTERPRISES} AS e ON e.enterprise_id = s.enterprise_id
GROUP BY level`;

// Each (enterprise, month, scheme)'s latest insurance position from the daily aggregate; union fees
// from union_fees_monthly (deferred months are not owed). Amounts above 1 % of what is due count.
const arrearsSql = `SELECT e.area_code AS area_code,
  toUInt32(countIf(ifNull(i.owed, 0) > 0)) AS insurance_enterprises, toInt64(sum(ifNull(i.owed, 0))) AS insurance_vnd,
  toUInt32(countIf(ifNull(f.owed, 0) > 0)) AS union_fee_enterprises, toInt64(sum(ifNull(f.owed, 0))) AS union_fee_vnd
FROM ${CURRENT_ENTERPRISES} AS e
LEFT JOIN (
  SELECT enterprise_id, sumIf(due - paid, due - paid > 0.01 * due) AS owed
  FROM (SELECT enterprise_id, period, scheme, argMaxMerge(amount_due_vnd) AS due, argMaxMerge(amount_paid_vnd) AS paid
        FROM {{db}}.insurance_daily GROUP BY enterprise_id, period, scheme)
  GROUP BY enterprise_id
) AS i ON i.enterprise_id = e.enterprise_id
LEFT JOIN (
  SELECT enterprise_id, sumIf(outstanding_vnd, in_arrears) AS owed FROM {{db}}.union_fees_monthly GROUP BY enterprise_id
) AS f ON f.enterprise_id = e.enterprise_id
GROUP BY area_code ORDER BY area_code
SETTINGS join_use_nulls = 1`;

/** Everything the overview page shows. */
export async function overview(wh: Warehouse): Promise<Overview> {
  const read = <T>(sql: string, params: Record<string, unknown> = {}) => selectRows<T>(wh, sql, params, "cannot read the overview");
  const [levels, areas, loads, trend, incidents, alerts, recentAlerts, coverage, arrears] = await Promise.all([
    read<LevelCount>(levelsSql),
    read<AreaRisk>(areasSql),
    read<GroupOpen>(loadsSql),
    read<TrendPoint>(trendSql),
    read<RecentIncident>(incidentsSql, { limit: 8 }),
    read<AlertSummary>(alertSummarySql),
    read<RecentAlert>(recentAlertsSql, { limit: 8 }),
    read<CoverageRow>(coverageSql),
    read<AreaArrears>(arrearsSql),
  ]);
  return {
    levels,
    areas,
    loads,
    trend,
    incidents,
    alerts: alerts[0] ?? { alerts_30d: 0, critical_30d: 0, sent: 0, waiting: 0, problems: 0 },
    recentAlerts,
    coverage,
    arrears,
  };
}
