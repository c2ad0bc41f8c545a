// The daily aggregate tables behind the features (migration 0003_daily_aggregates.sql): one
// AggregatingMergeTree table per fact stream, filled by a materialized view as the sink inserts
// events. Every reader of them is here: the rebuild, the incidents by start day (backtest outcomes),
// the last day with data, and the feature query (its text is scoring's: the model's definition).
import { FatalError } from "@lrew/errors";
import { createLogger } from "@lrew/telemetry";
import { onCluster, type Warehouse } from "../client.ts";
import { runCommand, selectRows } from "../query.ts";

const log = createLogger("warehouse.aggregates");

/** Materialized view → the table it fills. */
export const DAILY_AGGREGATES: Readonly<Record<string, string>> = {
  enterprise_daily_mv: "enterprise_daily",
  grievance_daily_mv: "grievance_daily",
  grievance_lifecycle_mv: "grievance_lifecycle",
  wage_arrears_daily_mv: "wage_arrears_daily",
  insurance_daily_mv: "insurance_daily",
  incident_daily_mv: "incident_daily",
  union_fee_daily_mv: "union_fee_daily",
};

/**
 * Re-derives every daily aggregate from the event tables. A view only sees rows inserted after it
 * exists: this fills the tables from the events already there (after restoring a backup, after
 * adding a view). It reuses each view's own SELECT (system.tables.as_select), so there is one
 * definition of every aggregate. All states are idempotent (uniqExact, argMax, min), so rows counted
 * by a view and again by a rebuild are never counted twice: no need to stop the sink. With truncate,
 * empties the tables first (only when nothing is being ingested). Returns the rows of each table.
 */
export async function rebuildDailyAggregates(wh: Warehouse, opts: { truncate?: boolean } = {}): Promise<Record<string, number>> {
  const views = await selectRows<{ name: string; as_select: string }>(
    wh,
    `SELECT name, as_select FROM system.tables WHERE database = {db:String} AND name IN {names:Array(String)}`,
    { db: wh.database, names: Object.keys(DAILY_AGGREGATES) },
    "cannot read the materialized views",
  );
  const missing = Object.keys(DAILY_AGGREGATES).filter((n) => !views.some((v) => v.name === n));
  if (missing.length) throw new FatalError(`materialized views missing (run the migrations): ${missing.join(", ")}`);
  const counts: Record<string, number> = {};
  for (const v of views) {
    const table = DAILY_AGGREGATES[v.name]!;
    if (!v.as_select.trim()) throw new FatalError(`materialized view ${v.name} has no query`);
    const context = `cannot rebuild ${wh.database}.${table}`;
    if (opts.truncate) await runCommand(wh, `TRUNCATE TABLE {{db}}.${table}${onCluster(wh.cluster)}`, context);
    await runCommand(wh, `INSERT INTO {{db}}.${table} ${v.as_select}`, context, { insert_deduplicate: 0 });
    const [r] = await selectRows<{ n: number }>(wh, `SELECT count() AS n FROM {{db}}.${table}`, {}, context);
    counts[table] = r?.n ?? 0;
  }
  log.info({ counts }, "daily aggregates rebuilt");
  return counts;
}

/**
 * Runs the feature query over the daily aggregates. Its text is built by @lrew/scoring (featureSql:
 * the model's definition of every factor), which names the tables `${db}.table`.
 */
export function selectFeatureAggregates<T>(
  wh: Warehouse,
  featureSql: (db: string) => string,
  params: Record<string, unknown>,
): Promise<T[]> {
  return selectRows<T>(wh, featureSql(wh.database), params, "cannot compute the features");
}

/**
 * Every enterprise the registry knew by the end of asOf (known day <= asOf), in id order: what a full
 * scoring run splits into chunks (one feature query per chunk bounds ClickHouse's memory).
 */
export async function selectKnownEnterpriseIds(wh: Warehouse, opts: { asOf: string }): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    wh,
    `SELECT DISTINCT enterprise_id AS id FROM {{db}}.enterprise_daily WHERE known_day <= {as_of:Date} ORDER BY id`,
    { as_of: opts.asOf },
    "cannot read the enterprises known to the registry",
  );
  return rows.map((r) => r.id);
}

/** Incidents by the enterprise and the day they started (Vietnam time): each incident once, in its latest version (incidents_latest). */
export interface IncidentStart {
  enterprise_id: string;
  /** YYYY-MM-DD */
  started_day: string;
  incidents: number;
}

/** The incidents that started between from and to (inclusive; default: all), by start day then enterprise. */
export function selectIncidentStarts(wh: Warehouse, opts: { from?: string; to?: string } = {}): Promise<IncidentStart[]> {
  return selectRows<IncidentStart>(
    wh,
    `SELECT enterprise_id, toString(sd) AS started_day, n AS incidents FROM (
       SELECT enterprise_id, toDate(started_at, 'Asia/Ho_Chi_Minh') AS sd, toUInt32(count()) AS n
       FROM {{db}}.incidents_latest
       WHERE sd >= {from:Date} AND sd <= {to:Date}
       GROUP BY enterprise_id, sd)
     ORDER BY sd, enterprise_id`,
    { from: opts.from ?? "1970-01-01", to: opts.to ?? "2149-01-01" },
    "cannot read the incidents",
  );
}

/** The last day any data was reported (grievances, insurance, wage arrears, incidents, registry), or undefined when none. */
export async function selectLastDataDay(wh: Warehouse): Promise<string | undefined> {
  const [r] = await selectRows<{ d: string }>(
    wh,
    `SELECT toString(max(d)) AS d FROM (
       SELECT max(day) AS d FROM {{db}}.grievance_daily UNION ALL SELECT max(day) FROM {{db}}.insurance_daily
       UNION ALL SELECT max(day) FROM {{db}}.wage_arrears_daily UNION ALL SELECT max(reported_day) FROM {{db}}.incident_daily
       UNION ALL SELECT max(day) FROM {{db}}.enterprise_daily)`,
    {},
    "cannot read the last day with data",
  );
  return r && r.d !== "1970-01-01" ? r.d : undefined;
}

/**
 * Every stream's events (registry, grievances, wage arrears, insurance, union fees, incidents) as
 * (enterprise_id, day reported, known_day: when lrew had it), for the `silent` state: one definition
 * for the scorer (selectLastEventDays) and the backtest (selectEventDaysByArrival).
 */
const EVENT_DAYS = `
  SELECT enterprise_id, day, known_day FROM {{db}}.enterprise_daily
  UNION ALL SELECT enterprise_id, day, known_day FROM {{db}}.grievance_daily
  UNION ALL SELECT enterprise_id, day, known_day FROM {{db}}.wage_arrears_daily
  UNION ALL SELECT enterprise_id, day, known_day FROM {{db}}.insurance_daily
  UNION ALL SELECT enterprise_id, day, known_day FROM {{db}}.union_fee_daily
  UNION ALL SELECT enterprise_id, reported_day AS day, known_day FROM {{db}}.incident_daily`;

/**
 * Each enterprise's last day with an event of any stream that lrew had by asOf (known day <= asOf:
 * a late batch does not wake an enterprise before it arrived), for the given enterprises (all when
 * none given). What the alert policy's `silent` state is decided on.
 */
export async function selectLastEventDays(
  wh: Warehouse,
  opts: { asOf: string; enterpriseIds?: readonly string[] },
): Promise<Map<string, string>> {
  const rows = await selectRows<{ enterprise_id: string; d: string }>(
    wh,
    `SELECT enterprise_id, toString(max(day)) AS d FROM (${EVENT_DAYS})
     WHERE known_day <= {as_of:Date} AND (empty({ids:Array(String)}) OR enterprise_id IN {ids:Array(String)})
     GROUP BY enterprise_id`,
    { as_of: opts.asOf, ids: opts.enterpriseIds ?? [] },
    "cannot read the last event days",
  );
  return new Map(rows.map((r) => [r.enterprise_id, r.d]));
}

/** One enterprise's events that became known on one day: the latest day they were reported for. */
export interface EventArrival {
  enterprise_id: string;
  known_day: string;
  last_day: string;
}

/**
 * For every enterprise and day on which lrew learned of its events (up to `to`), the latest day those
 * events were reported for, ordered by enterprise and known day: what a replay sweeps to know each
 * day's last event day exactly as selectLastEventDays would have answered on it.
 */
export async function selectEventDaysByArrival(wh: Warehouse, opts: { to: string }): Promise<EventArrival[]> {
  return selectRows<EventArrival>(
    wh,
    `SELECT enterprise_id, toString(known) AS known_day, toString(max(day)) AS last_day
     FROM (SELECT enterprise_id, day, known_day AS known FROM (${EVENT_DAYS}) WHERE known_day <= {to:Date})
     GROUP BY enterprise_id, known ORDER BY enterprise_id, known`,
    { to: opts.to },
    "cannot read the event days by arrival",
  );
}
