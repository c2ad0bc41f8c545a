// The dashboard's pipeline-health page: ingest rate and data freshness from what the sink stored
// (_ingested_at). The scoring runs it lists come from selectRecentScoringRuns (tables/scoring-runs.ts);
// Kafka figures (consumer lag, dead letters) come from the broker, not from here.
import { STREAM_NAMES } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import { tableOf } from "../rows.ts";

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

/** The column that says when a stream's data was reported (a case action has its day only). */
const REPORTED_COLUMN: Partial<Record<(typeof STREAM_NAMES)[number], string>> = {
  enterprises: "updated_at",
  "case-actions": "toTimeZone(toDateTime64(occurred_on, 3, 'Asia/Ho_Chi_Minh'), 'UTC')",
};

/** Every event table, in stream order, with the column that says when its data was reported. */
const EVENT_TABLES = STREAM_NAMES.map((stream) => ({
  table: tableOf(stream),
  reported: REPORTED_COLUMN[stream] ?? "reported_at",
}));

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

export async function ingestRate(wh: Warehouse): Promise<IngestMinute[]> {
  return selectRows<IngestMinute>(wh, ingestSql, {}, "cannot read the ingest rate");
}

export async function freshness(wh: Warehouse): Promise<Freshness[]> {
  const r = await selectRows<Freshness>(wh, freshnessSql, {}, "cannot read the data freshness");
  const order = EVENT_TABLES.map((t) => t.table);
  return r.sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
}
