// The scoring suite's worker, run as its own process (child_process.fork) because embedded ClickHouse
// (chDB) binds one data directory per process: loads a simulated world of `enterprises` × `days`
// into a fresh directory, then times one full scoring run (features + scores for every enterprise
// as of the last day, `runScoring`), the aggregate feature query alone, and the naive reference:
// the same features from the raw event tables (naive-features.ts), checked value by value.
//
// Protocol: the parent sends one ScoringWorldRequest; the child answers with one ScoringWorldResult and exits.
import { mkdirSync } from "node:fs";
import { computeFeatures, loadModel, runScoring } from "@lrew/scoring";
import { DAILY_AGGREGATES, migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { compareFeatures, computeNaiveFeatures, readAggregateSelects, type FeatureComparison } from "./naive-features.ts";
import { loadBenchWorld } from "./world-load.ts";

export interface ScoringWorldRequest {
  /** Embedded ClickHouse data directory (fresh); the world's NDJSON files go next to it. */
  dir: string;
  enterprises: number;
  days: number;
  seed: string;
  /** Each feature path is timed this many times, alternating; the best time counts (default 2). */
  repeats?: number;
}

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

export async function runScoringWorld(req: ScoringWorldRequest): Promise<ScoringWorldResult> {
  mkdirSync(req.dir, { recursive: true });
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: `${req.dir}/clickhouse` });
  try {
    await migrate(wh);
    const world = await loadBenchWorld(wh, { seed: req.seed, enterprises: req.enterprises, start: "2025-07-01", days: req.days }, req.dir);
    const events = Object.values(world.events).reduce((s, v) => s + v, 0);
    const model = loadModel();
    const run = await timed(() => runScoring(wh, model, { asOf: world.end }));
    const selects = await readAggregateSelects(wh);
    let featuresMs = Number.POSITIVE_INFINITY;
    let naiveMs = Number.POSITIVE_INFINITY;
    let comparison = FAILED.comparison;
    for (let i = 0; i < Math.max(1, req.repeats ?? 2); i++) {
      const agg = await timed(() => computeFeatures(wh, { asOf: world.end }));
      const naive = await timed(() => computeNaiveFeatures(wh, [world.end], selects));
      featuresMs = Math.min(featuresMs, agg.ms);
      naiveMs = Math.min(naiveMs, naive.ms);
      comparison = compareFeatures(agg.value, naive.value);
    }
    return {
      ok: true,
      events,
      simulated: world.simulated,
      copies: world.copies,
      generateMs: world.generateMs,
      insertMs: world.insertMs,
      asOf: world.end,
      scored: run.value.scored,
      scoringMs: run.ms,
      featuresMs,
      naiveMs,
      comparison,
      rawRows: await storedRows(wh, RAW_TABLES),
      aggregateRows: await storedRows(wh, Object.values(DAILY_AGGREGATES)),
    };
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
