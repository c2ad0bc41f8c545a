// Queries of the pipeline-health page: ingest rate and data freshness from what the sink stored
// (_ingested_at), and the scoring runs. Kafka figures (consumer lag, dead letters) come from the
// broker, through the optional `kafka` source of the app.
import type { Warehouse } from "@lrew/warehouse";
import { rows } from "./run.ts";

export interface IngestMinute {
  minute: string;
  events: number;
}

export interface Freshness {
  table: string;
  events: number;
  last_ingested: string;
  last_reported: string;
}

export interface ScoringRun {
  run_id: string;
  as_of: string;
  model_version: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  enterprises_scored: number;
  level_changes: number;
}

export const EVENT_TABLES = [
  { table: "enterprises", reported: "updated_at" },
  { table: "grievances", reported: "reported_at" },
  { table: "wage_arrears", reported: "reported_at" },
  { table: "insurance_contributions", reported: "reported_at" },
  { table: "incidents", reported: "reported_at" },
] as const;

// Every minute of the hour appears (WITH FILL), so a quiet minute shows as 0, not as a gap.
const ingestSql = `SELECT toString(m) AS minute, toUInt32(n) AS events FROM (
  SELECT toStartOfMinute(t) AS m, count() AS n FROM (
${EVENT_TABLES.map((t) => `    SELECT _ingested_at AS t FROM {{db}}.${t.table} WHERE _ingested_at >= toStartOfMinute(now() - INTERVAL 59 MINUTE)`).join("\n    UNION ALL\n")}
  ) GROUP BY m
  ORDER BY m WITH FILL FROM toStartOfMinute(now() - INTERVAL 59 MINUTE) TO toStartOfMinute(now()) + INTERVAL 1 MINUTE STEP INTERVAL 1 MINUTE
)`;

const freshnessSql = EVENT_TABLES.map(
  (t) =>
    `SELECT '${t.table}' AS table, toUInt64(count()) AS events, toString(max(_ingested_at)) AS last_ingested, toString(max(${t.reported})) AS last_reported FROM {{db}}.${t.table}`,
).join("\nUNION ALL\n");

const runsSql = `SELECT run_id, toString(as_of) AS as_of, toString(model_version) AS model_version, toString(status) AS status,
  toString(started_at) AS started_at, if(isNull(ended_at), NULL, toString(ended_at)) AS ended_at, enterprises_scored, level_changes
FROM {{db}}.scoring_runs FINAL ORDER BY started_at DESC LIMIT {limit:UInt32}`;

export async function ingestRate(wh: Warehouse): Promise<IngestMinute[]> {
  return rows<IngestMinute>(wh, ingestSql);
}

export async function freshness(wh: Warehouse): Promise<Freshness[]> {
  const r = await rows<Freshness>(wh, freshnessSql);
  const order = EVENT_TABLES.map((t) => t.table as string);
  return r.sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
}

export async function scoringRuns(wh: Warehouse, limit = 10): Promise<ScoringRun[]> {
  return rows<ScoringRun>(wh, runsSql, { limit });
}
