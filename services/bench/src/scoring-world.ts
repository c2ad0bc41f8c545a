// The scoring suite's worker, run as its own process (child_process.fork) because embedded ClickHouse
// (chDB) binds one data directory per process. Step `load`: loads a simulated world of `enterprises`
// × `days` into a fresh directory. Step `score`, in a process of its own (so its peak memory is the
// scoring's, not the world generation's): times one full scoring run (features + scores for every
// enterprise as of the last day, `runScoring`), then the frequent run (new events at 1 % of the
// enterprises, found and rescored as the scorer's 15-minute run does); then, in another process (so
// the runs' peak memory is theirs alone), the aggregate feature query alone and the naive reference:
// the same features from the raw event tables (naive-features.ts), checked value by value.
//
// Protocol: the parent sends one ScoringWorldRequest; the child answers with one ScoringWorldResult and exits.
import { mkdirSync } from "node:fs";
import { computeFeatures, loadModel, runScoring } from "@lrew/scoring";
import { DAILY_AGGREGATES, enterprisesWithEventsSince, migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { compareFeatures, computeNaiveFeatures, readAggregateSelects, type FeatureComparison } from "./naive-features.ts";
import { loadBenchWorld } from "./world-load.ts";

export interface ScoringWorldRequest {
  /** load: a fresh world into `dir`; score: the timings on the world `load` left there. */
  step: "load" | "score";
  /** Embedded ClickHouse data directory (fresh); the world's NDJSON files go next to it. */
  dir: string;
  enterprises: number;
  days: number;
  seed: string;
  /** Each feature path is timed this many times, alternating; the best time counts (default 2). */
  repeats?: number;
  /** A dense world: each insurance report and grievance repeated this many times a day (world-load.ts). */
  dense?: number;
  /** score: the last simulated day (the load step's asOf). */
  asOf?: string;
  /** score: time the full and the frequent scoring runs (false: the feature paths only). */
  runs?: boolean;
  /** score: time the feature paths, aggregate and naive (false: the runs only, so a process's peak memory is the runs'). */
  paths?: boolean;
}

/** The frequent run: new events at FREQUENT_SHARE of the enterprises since the full run, then rescored. */
export const FREQUENT_SHARE = 0.01;

export interface ScoringWorldResult {
  ok: boolean;
  error?: string;
  events: number;
  /** Enterprises simulated, and how many copies of them were stored (world-load.ts). */
  simulated: number;
  copies: number;
  generateMs: number;
  insertMs: number;
  asOf: string;
  scored: number;
  scoringMs: number;
  /** The full run's phases (ms): features, previous states, policy, scores insert, states insert. */
  phases: Record<string, number>;
  /** The frequent run: enterprises given new events, enterprises it found and scored, ms to find them and in all. */
  frequent: { changed: number; found: number; scored: number; findMs: number; ms: number };
  /** computeFeatures alone: the feature SQL over the daily aggregates, then the per-row formulas. */
  featuresMs: number;
  /** The same code with the daily aggregates inlined as their SELECTs over the raw events. */
  naiveMs: number;
  comparison: FeatureComparison;
  /** Rows stored in the raw event tables and in the daily aggregate tables (active parts). */
  rawRows: number;
  aggregateRows: number;
}

const FAILED: Omit<ScoringWorldResult, "ok" | "error"> = {
  events: 0,
  simulated: 0,
  copies: 0,
  generateMs: 0,
  insertMs: 0,
  asOf: "",
  scored: 0,
  scoringMs: 0,
  phases: {},
  frequent: { changed: 0, found: 0, scored: 0, findMs: 0, ms: 0 },
  featuresMs: 0,
  naiveMs: 0,
  comparison: { rows: 0, values: 0, differences: [], differing: 0 },
  rawRows: 0,
  aggregateRows: 0,
};

const RAW_TABLES = ["enterprises", "grievances", "wage_arrears", "insurance_contributions", "incidents"];

async function storedRows(wh: Warehouse, tables: readonly string[]): Promise<number> {
  const rs = await wh.client.query({
    query: "SELECT sum(rows) AS n FROM system.parts WHERE active AND database = {db:String} AND table IN {tables:Array(String)}",
    query_params: { db: wh.database, tables },
    format: "JSONEachRow",
  });
  return Number((await rs.json<{ n: string | number }>())[0]?.n ?? 0);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * New events at `share` of the enterprises (at least one), received now: each one's latest registry
 * entry reported again (a new event id and ingestion time, the same values). Returns how many enterprises.
 */
async function touchEnterprises(wh: Warehouse, share: number): Promise<number> {
  const db = wh.database;
  const count = async (sql: string) => {
    const rs = await wh.client.query({ query: sql, format: "JSONEachRow" });
    return Number((await rs.json<{ n: string | number }>())[0]?.n ?? 0);
  };
  const k = Math.max(1, Math.round((await count(`SELECT uniqExact(enterprise_id) AS n FROM ${db}.enterprises`)) * share));
  await wh.client.command({
    query: `INSERT INTO ${db}.enterprises
      SELECT * REPLACE (generateUUIDv4() AS event_id, now64(3, 'UTC') AS _ingested_at, 'bench-frequent' AS _topic)
      FROM ${db}.enterprises
      WHERE enterprise_id IN (SELECT enterprise_id FROM ${db}.enterprises GROUP BY enterprise_id ORDER BY cityHash64(enterprise_id) LIMIT ${k})
      ORDER BY enterprise_id, updated_at DESC
      LIMIT 1 BY enterprise_id`,
  });
  return count(`SELECT uniqExact(enterprise_id) AS n FROM ${db}.enterprises WHERE _topic = 'bench-frequent'`);
}

async function loadStep(req: ScoringWorldRequest, wh: Warehouse): Promise<ScoringWorldResult> {
  await migrate(wh);
  const world = await loadBenchWorld(
    wh,
    { seed: req.seed, enterprises: req.enterprises, start: "2025-07-01", days: req.days },
    req.dir,
    req.dense ? { dense: req.dense } : {},
  );
  return {
    ...FAILED,
    ok: true,
    events: Object.values(world.events).reduce((s, v) => s + v, 0),
    simulated: world.simulated,
    copies: world.copies,
    generateMs: world.generateMs,
    insertMs: world.insertMs,
    asOf: world.end,
  };
}

async function scoreStep(req: ScoringWorldRequest, wh: Warehouse): Promise<ScoringWorldResult> {
  const asOf = req.asOf!;
  const out: ScoringWorldResult = { ...FAILED, ok: true, asOf };
  if (req.runs ?? true) {
    const model = loadModel();
    const run = await timed(() => runScoring(wh, model, { asOf }));
    out.scored = run.value.scored;
    out.scoringMs = run.ms;
    out.phases = run.value.phases;
    // The scorer's 15-minute run: the enterprises with events stored since the last completed run
    // started, rescored as of the same day.
    const since = new Date(run.value.startedAt);
    const changed = await touchEnterprises(wh, FREQUENT_SHARE);
    const frequent = await timed(async () => {
      const found = await timed(() => enterprisesWithEventsSince(wh, since));
      const r = await runScoring(wh, model, { asOf, enterpriseIds: found.value });
      return { found: found.value.length, findMs: found.ms, scored: r.scored };
    });
    out.frequent = { changed, ...frequent.value, ms: frequent.ms };
  }
  if (req.paths === false) return out;
  const selects = await readAggregateSelects(wh);
  let featuresMs = Number.POSITIVE_INFINITY;
  let naiveMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < Math.max(1, req.repeats ?? 2); i++) {
    const agg = await timed(() => computeFeatures(wh, { asOf }));
    const naive = await timed(() => computeNaiveFeatures(wh, [asOf], selects));
    featuresMs = Math.min(featuresMs, agg.ms);
    naiveMs = Math.min(naiveMs, naive.ms);
    out.comparison = compareFeatures(agg.value, naive.value);
  }
  out.featuresMs = featuresMs;
  out.naiveMs = naiveMs;
  out.rawRows = await storedRows(wh, RAW_TABLES);
  out.aggregateRows = await storedRows(wh, Object.values(DAILY_AGGREGATES));
  return out;
}

export async function runScoringWorld(req: ScoringWorldRequest): Promise<ScoringWorldResult> {
  mkdirSync(req.dir, { recursive: true });
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: `${req.dir}/clickhouse` });
  try {
    return req.step === "load" ? await loadStep(req, wh) : await scoreStep(req, wh);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), ...FAILED };
  } finally {
    await wh.close();
  }
}

if (import.meta.main && process.send) {
  process.once("message", (req: ScoringWorldRequest) => {
    void runScoringWorld(req).then((result) => process.send!(result, () => process.exit(0)));
  });
}
