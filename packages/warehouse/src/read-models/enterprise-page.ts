// The dashboard's enterprise page: every query reads a single enterprise (the tables' sort keys
// start with enterprise_id) and returns at most a few dozen rows. Grievances come as counts by
// month and category only: no free text, no complainant reference is ever selected.
import { VIETNAM_TIME_ZONE } from "@lrew/contracts";
import type { Contribution } from "@lrew/risk";
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import { selectLatestEnterprises, type LatestEnterprise } from "../tables/enterprises.ts";
import { selectUnionFeeMonths, type UnionFeeMonth } from "../tables/union-fees.ts";

/** The registry entry the page shows: the latest entry without its event id. */
export type EnterpriseInfo = Omit<LatestEnterprise, "event_id">;

export interface ScorePoint {
  day: string;
  score: number;
  level: string;
}

export interface LatestScore {
  as_of: string;
  score: number;
  level: string;
  previous_level: string;
  model_version: string;
  contributions: Contribution[];
}

export interface GrievanceCell {
  month: string;
  category: string;
  grievances: number;
}

export interface WageArrearsPeriod {
  period: string;
  amount_owed_vnd: number;
  workers_affected: number;
  status: string;
  last_reported_at: string;
}

export interface InsurancePeriod {
  period: string;
  amount_due_vnd: number;
  amount_paid_vnd: number;
  insured_workers: number;
}

export interface IncidentEntry {
  started_at: string;
  ended_at: string | null;
  kind: string;
  lawful: boolean;
  workers_involved: number;
  causes: string[];
}

export interface AlertEntry {
  alert_id: string;
  as_of: string;
  kind: string;
  level: string;
  score: number;
  produced_at: string;
  sent: number;
  recipients: number;
  /** The reasons it stated, with their (suppressed) values. */
  reasons: Array<{ feature: string; value: number | null }>;
}

export interface EnterprisePage {
  info: EnterpriseInfo;
  history: ScorePoint[];
  latest: LatestScore | undefined;
  grievances: GrievanceCell[];
  wageArrears: WageArrearsPeriod[];
  insurance: InsurancePeriod[];
  /** The union fee month by month, newest first (the federation's ledger). */
  unionFees: UnionFeeMonth[];
  incidents: IncidentEntry[];
  alerts: AlertEntry[];
}

const historySql = `SELECT toString(as_of) AS day, score, level FROM {{db}}.scores_final
WHERE enterprise_id = {id:String} AND as_of >= today() - 730 ORDER BY as_of, scored_at DESC LIMIT 1 BY as_of`;

const latestSql = `SELECT toString(as_of) AS as_of, score, level, previous_level, model_version, contributions
FROM {{db}}.scores_latest WHERE enterprise_id = {id:String}`;

// Months in Vietnam time of the report; the latest version of each grievance decides its category.
const grievancesSql = `SELECT toString(toStartOfMonth(toDate(min_reported, '${VIETNAM_TIME_ZONE}'))) AS month, category, toUInt32(count()) AS grievances
FROM (SELECT grievance_id, argMax(category, reported_at) AS category, min(reported_at) AS min_reported
      FROM {{db}}.grievances WHERE enterprise_id = {id:String} GROUP BY grievance_id)
WHERE min_reported >= now() - INTERVAL 13 MONTH
GROUP BY month, category ORDER BY month, category`;

const wageArrearsSql = `SELECT toString(period) AS period, argMax(amount_owed_vnd, reported_at) AS amount_owed_vnd,
  argMax(workers_affected, reported_at) AS workers_affected, toString(argMax(status, reported_at)) AS status,
  toString(max(reported_at)) AS last_reported_at
FROM {{db}}.wage_arrears WHERE enterprise_id = {id:String}
GROUP BY period ORDER BY period DESC LIMIT 24`;

const insuranceSql = `SELECT period, toInt64(sum(due)) AS amount_due_vnd, toInt64(sum(paid)) AS amount_paid_vnd, toUInt32(max(insured)) AS insured_workers
FROM (SELECT toString(period) AS period, scheme, argMax(amount_due_vnd, reported_at) AS due, argMax(amount_paid_vnd, reported_at) AS paid,
        argMax(insured_workers, reported_at) AS insured
      FROM {{db}}.insurance_contributions WHERE enterprise_id = {id:String} GROUP BY period, scheme)
GROUP BY period ORDER BY period DESC LIMIT 24`;

const incidentsSql = `SELECT toString(started_at) AS started_at, if(isNull(ended_at), NULL, toString(ended_at)) AS ended_at,
  toString(kind) AS kind, lawful, workers_involved, arrayMap(x -> toString(x), causes) AS causes
FROM {{db}}.incidents_latest WHERE enterprise_id = {id:String}
ORDER BY started_at DESC, incident_id LIMIT 50`;

const alertsSql = `SELECT a.alert_id AS alert_id, toString(a.as_of) AS as_of, toString(a.kind) AS kind, toString(a.level) AS level,
  a.score AS score, toString(a.produced_at) AS produced_at, toUInt32(ifNull(d.sent, 0)) AS sent, toUInt32(ifNull(d.recipients, 0)) AS recipients,
  a.reasons AS reasons
FROM (SELECT * FROM {{db}}.alerts FINAL WHERE enterprise_id = {id:String}) AS a
LEFT JOIN (SELECT alert_id, countIf(status = 'sent') AS sent, count() AS recipients FROM {{db}}.alert_deliveries FINAL
           WHERE alert_id IN (SELECT alert_id FROM {{db}}.alerts WHERE enterprise_id = {id:String}) GROUP BY alert_id) AS d
  ON d.alert_id = a.alert_id
ORDER BY a.as_of DESC, a.produced_at DESC LIMIT 50`;

/** Everything the enterprise page shows, or undefined when the registry does not know the id. */
export async function enterprisePage(wh: Warehouse, id: string): Promise<EnterprisePage | undefined> {
  const [entry] = await selectLatestEnterprises(wh, { enterpriseId: id });
  if (!entry) return undefined;
  const { event_id: _, ...info } = entry;
  const p = { id };
  const read = <T>(sql: string) => selectRows<T>(wh, sql, p, `cannot read enterprise ${id}`);
  const [history, latest, grievances, wageArrears, insurance, unionFees, incidents, alerts] = await Promise.all([
    read<ScorePoint>(historySql),
    read<LatestScore>(latestSql),
    read<GrievanceCell>(grievancesSql),
    read<WageArrearsPeriod>(wageArrearsSql),
    read<InsurancePeriod>(insuranceSql),
    selectUnionFeeMonths(wh, id),
    read<IncidentEntry>(incidentsSql),
    read<Omit<AlertEntry, "reasons"> & { reasons: Array<AlertEntry["reasons"][number] | [string, number | null]> }>(alertsSql),
  ]);
  // Named tuples come as objects, or as arrays where output_format_json_named_tuples_as_objects is off.
  const withReasons = alerts.map((a) => ({
    ...a,
    reasons: a.reasons.map((r) => (Array.isArray(r) ? { feature: r[0], value: r[1] } : r)),
  }));
  return { info, history, latest: latest[0], grievances, wageArrears, insurance, unionFees, incidents, alerts: withReasons };
}
