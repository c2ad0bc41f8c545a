// The scoring suite's worker, run as its own process (child_process.fork) because embedded ClickHouse
// (chDB) binds one data directory per process: loads a simulated world of `enterprises` × `days`
// into a fresh directory, then times one full scoring run (features + scores for every enterprise
// as of the last day, `runScoring`) and the naive reference: a few features computed straight from
// the raw event tables, without the daily aggregates.
//
// Protocol: the parent sends one ScoringWorldRequest; the child answers with one ScoringWorldResult and exits.
import { computeFeatures, loadModel, loadSimulatedWorld, runScoring } from "@lrew/scoring";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";

export interface ScoringWorldRequest {
  /** Embedded ClickHouse data directory (fresh). */
  dir: string;
  enterprises: number;
  days: number;
  seed: string;
}

export interface ScoringWorldResult {
  ok: boolean;
  error?: string;
  events: number;
  loadMs: number;
  asOf: string;
  scored: number;
  scoringMs: number;
  /** computeFeatures alone (the aggregate-based feature query, all factors). */
  featuresMs: number;
  naiveRows: number;
  naiveMs: number;
}

/**
 * The naive reference: as of the end of `asOf` (Vietnam time), per enterprise, the 30-day grievance
 * count, insurance arrears months (periods whose latest report shows a shortfall) and wage arrears
 * owed (latest report per pay period of the last 24 months, not paid), all straight from the raw
 * event tables. Pure: returns the SQL.
 */
export function naiveFeatureSql(db: string, asOf: string): string {
  const end = `toDateTime64('${asOf} 23:59:59.999', 3, 'Asia/Ho_Chi_Minh')`;
  return `
WITH g AS (
  SELECT enterprise_id, uniqExact(grievance_id) AS grievances_30d
  FROM ${db}.grievances
  WHERE reported_at <= ${end} AND reported_at > ${end} - INTERVAL 30 DAY
  GROUP BY enterprise_id
), i AS (
  SELECT enterprise_id, uniqExactIf(period, shortfall > 0) AS insurance_arrears_months, sum(shortfall) AS insurance_owed_vnd
  FROM (
    SELECT enterprise_id, period, scheme, argMax(amount_due_vnd - amount_paid_vnd, reported_at) AS shortfall
    FROM ${db}.insurance_contributions
    WHERE reported_at <= ${end}
    GROUP BY enterprise_id, period, scheme
  )
  GROUP BY enterprise_id
), w AS (
  SELECT enterprise_id, countIf(status != 'paid') AS wage_arrears_periods, sumIf(owed, status != 'paid') AS wage_arrears_vnd
  FROM (
    SELECT enterprise_id, period, argMax(amount_owed_vnd, reported_at) AS owed, argMax(status, reported_at) AS status
    FROM ${db}.wage_arrears
    WHERE reported_at <= ${end} AND period > toDate('${asOf}') - INTERVAL 24 MONTH
    GROUP BY enterprise_id, period
  )
  GROUP BY enterprise_id
), e AS (
  SELECT DISTINCT enterprise_id FROM ${db}.enterprises WHERE updated_at <= ${end}
)
SELECT e.enterprise_id AS enterprise_id, g.grievances_30d, i.insurance_arrears_months, i.insurance_owed_vnd, w.wage_arrears_periods, w.wage_arrears_vnd
FROM e
LEFT JOIN g ON g.enterprise_id = e.enterprise_id
LEFT JOIN i ON i.enterprise_id = e.enterprise_id
LEFT JOIN w ON w.enterprise_id = e.enterprise_id
SETTINGS join_use_nulls = 0`;
}

async function naive(wh: Warehouse, asOf: string): Promise<number> {
  const rs = await wh.client.query({ query: naiveFeatureSql(wh.database, asOf), format: "JSONEachRow" });
  return (await rs.json<object>()).length;
}

export async function runScoringWorld(req: ScoringWorldRequest): Promise<ScoringWorldResult> {
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: req.dir });
  try {
    await migrate(wh);
    const t0 = performance.now();
    const world = await loadSimulatedWorld(wh, { seed: req.seed, enterprises: req.enterprises, start: "2025-07-01", days: req.days });
    const loadMs = performance.now() - t0;
    const events = Object.values(world.events).reduce((s, v) => s + v, 0);
    const model = loadModel();
    const t1 = performance.now();
    const run = await runScoring(wh, model, { asOf: world.end });
    const scoringMs = performance.now() - t1;
    const tf = performance.now();
    await computeFeatures(wh, { asOf: world.end });
    const featuresMs = performance.now() - tf;
    const t2 = performance.now();
    const naiveRows = await naive(wh, world.end);
    const naiveMs = performance.now() - t2;
    return { ok: true, events, loadMs, asOf: world.end, scored: run.scored, scoringMs, featuresMs, naiveRows, naiveMs };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { ok: false, error, events: 0, loadMs: 0, asOf: "", scored: 0, scoringMs: 0, featuresMs: 0, naiveRows: 0, naiveMs: 0 };
  } finally {
    await wh.close();
  }
}

if (import.meta.main && process.send) {
  process.once("message", (req: ScoringWorldRequest) => {
    void runScoringWorld(req).then((result) => process.send!(result, () => process.exit(0)));
  });
}
