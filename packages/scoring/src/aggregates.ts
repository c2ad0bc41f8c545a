// The daily aggregate tables behind the features, filled by materialized views (migration
// 0003_daily_aggregates.sql). A view only sees rows inserted after it exists: rebuildDailyAggregates
// fills the tables from the event tables already there (after restoring a backup, after adding a view).
// It reuses each view's own SELECT (system.tables.as_select), so there is one definition of every
// aggregate. All states are idempotent (uniqExact, argMax, min), so rows counted by a view and again
// by a rebuild are never counted twice: no need to stop the sink.
import { FatalError } from "@lrew/errors";
import { createLogger } from "@lrew/telemetry";
import { toLrewError, type Warehouse } from "@lrew/warehouse";

const log = createLogger("scoring.aggregates");

/** Materialized view → the table it fills. */
export const DAILY_AGGREGATES: Readonly<Record<string, string>> = {
  enterprise_daily_mv: "enterprise_daily",
  grievance_daily_mv: "grievance_daily",
  grievance_lifecycle_mv: "grievance_lifecycle",
  wage_arrears_daily_mv: "wage_arrears_daily",
  insurance_daily_mv: "insurance_daily",
  incident_daily_mv: "incident_daily",
};

/** Re-derives every daily aggregate from the event tables. With truncate, empties them first (only when nothing is being ingested). */
export async function rebuildDailyAggregates(wh: Warehouse, opts: { truncate?: boolean } = {}): Promise<Record<string, number>> {
  const db = wh.database;
  let views: Array<{ name: string; as_select: string }>;
  try {
    const rs = await wh.client.query({
      query: `SELECT name, as_select FROM system.tables WHERE database = {db:String} AND name IN {names:Array(String)}`,
      query_params: { db, names: Object.keys(DAILY_AGGREGATES) },
      format: "JSONEachRow",
    });
    views = await rs.json<{ name: string; as_select: string }>();
  } catch (err) {
    throw toLrewError(err, "cannot read the materialized views");
  }
  const missing = Object.keys(DAILY_AGGREGATES).filter((n) => !views.some((v) => v.name === n));
  if (missing.length) throw new FatalError(`materialized views missing (run the migrations): ${missing.join(", ")}`);
  const counts: Record<string, number> = {};
  for (const v of views) {
    const table = DAILY_AGGREGATES[v.name]!;
    if (!v.as_select.trim()) throw new FatalError(`materialized view ${v.name} has no query`);
    try {
      if (opts.truncate)
        await wh.client.command({ query: `TRUNCATE TABLE ${db}.${table}${wh.cluster ? ` ON CLUSTER \`${wh.cluster}\`` : ""}` });
      await wh.client.command({ query: `INSERT INTO ${db}.${table} ${v.as_select}`, clickhouse_settings: { insert_deduplicate: 0 } });
      const rs = await wh.client.query({ query: `SELECT count() AS n FROM ${db}.${table}`, format: "JSONEachRow" });
      counts[table] = Number((await rs.json<{ n: string | number }>())[0]?.n ?? 0);
    } catch (err) {
      throw toLrewError(err, `cannot rebuild ${db}.${table}`);
    }
  }
  log.info({ counts }, "daily aggregates rebuilt");
  return counts;
}

/** Merges the aggregate tables' parts (OPTIMIZE FINAL): optional housekeeping, results do not change. */
export async function optimizeDailyAggregates(wh: Warehouse): Promise<void> {
  for (const table of Object.values(DAILY_AGGREGATES)) {
    await wh.client.command({ query: `OPTIMIZE TABLE ${wh.database}.${table} FINAL` });
  }
}
