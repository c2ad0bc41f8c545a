// Scoring runs: features as of a date, scores with contributions, levels with hysteresis from the
// previous completed score, written to `scores` under the run's id; the run is recorded in
// `scoring_runs` and only completed runs are visible in scores_final / scores_latest.
import { randomUUID } from "node:crypto";
import { BadInputError } from "@lrew/errors";
import { counter, createLogger, histogram } from "@lrew/telemetry";
import { toLrewError, type Warehouse } from "@lrew/warehouse";
import { isDate } from "./calendar.ts";
import { computeFeatures } from "./features.ts";
import { isLevel, nextLevel, type Level } from "./levels.ts";
import { scoreRow, topReasons, type Contribution, type Model } from "./model.ts";

const log = createLogger("scoring");
const scoredTotal = counter("lrew_scoring_enterprises_scored_total", "Enterprises scored", []);
const changesTotal = counter("lrew_scoring_level_changes_total", "Level changes found by scoring runs", ["to"]);
const runSeconds = histogram("lrew_scoring_run_seconds", "Duration of one scoring run", []);

export interface LevelChange {
  enterprise_id: string;
  as_of: string;
  /** null for an enterprise scored for the first time. */
  from: Level | null;
  to: Level;
  score: number;
  area_code: string;
  sector: string;
  model_version: string;
  /** Every contribution, model order. */
  contributions: Contribution[];
  /** The largest positive contributions (the reasons), at most 3. */
  reasons: Contribution[];
}

export interface ScoreAllOptions {
  asOf: string;
  enterpriseIds?: readonly string[];
  runId: string;
}

/** Rows inserted per INSERT into scores. */
export const SCORE_INSERT_CHUNK = 5_000;

const fmt = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

/** The level of each enterprise's latest completed score before asOf (same model version preferred). */
export async function previousLevels(
  wh: Warehouse,
  opts: { asOf: string; modelVersion: string; enterpriseIds?: readonly string[] },
): Promise<Map<string, Level>> {
  const rs = await wh.client.query({
    query: `SELECT enterprise_id, argMax(level, (as_of, model_version = {mv:String}, scored_at)) AS level
            FROM ${wh.database}.scores_final
            WHERE as_of < {as_of:Date} AND (empty({ids:Array(String)}) OR enterprise_id IN {ids:Array(String)})
            GROUP BY enterprise_id`,
    query_params: { as_of: opts.asOf, mv: opts.modelVersion, ids: opts.enterpriseIds ?? [] },
    format: "JSONEachRow",
  });
  const out = new Map<string, Level>();
  for (const r of await rs.json<{ enterprise_id: string; level: string }>()) if (isLevel(r.level)) out.set(r.enterprise_id, r.level);
  return out;
}

/**
 * Scores every enterprise (or the given ones) as of asOf and writes the rows under runId. Idempotent:
 * the same run id (a retry) replaces its own rows; a new run for the same (asOf, model version)
 * supersedes older runs once it is recorded as completed. Levels follow the latest earlier completed
 * score, so the changes returned are the same on a rerun. Does not record the run (see runScoring).
 */
export async function scoreAll(wh: Warehouse, model: Model, opts: ScoreAllOptions): Promise<{ scored: number; changes: LevelChange[] }> {
  if (!isDate(opts.asOf)) throw new BadInputError(`asOf must be YYYY-MM-DD, got ${JSON.stringify(opts.asOf)}`);
  if (!opts.runId) throw new BadInputError("runId is required");
  const rows = await computeFeatures(wh, { asOf: opts.asOf, ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}) });
  const previous = await previousLevels(wh, {
    asOf: opts.asOf,
    modelVersion: model.version,
    ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}),
  });
  const scoredAt = fmt(new Date());
  const changes: LevelChange[] = [];
  const out: object[] = [];
  for (const r of rows) {
    const s = scoreRow(model, r);
    const prev = previous.get(r.enterprise_id);
    const level = nextLevel(prev, s.score, model.thresholds);
    out.push({
      enterprise_id: r.enterprise_id,
      as_of: r.as_of,
      model_version: model.version,
      run_id: opts.runId,
      score: s.score,
      logit: s.logit,
      level,
      previous_level: prev ?? "",
      area_code: r.area_code,
      sector: r.sector,
      contributions: s.contributions.map((c) => ({ feature: c.feature, value: c.value, contribution: c.contribution })),
      scored_at: scoredAt,
    });
    if (level !== (prev ?? "low") || (prev === undefined && level !== "low")) {
      changes.push({
        enterprise_id: r.enterprise_id,
        as_of: r.as_of,
        from: prev ?? null,
        to: level,
        score: s.score,
        area_code: r.area_code,
        sector: r.sector,
        model_version: model.version,
        contributions: s.contributions,
        reasons: topReasons(s.contributions, 3),
      });
    }
  }
  for (let i = 0; i < out.length; i += SCORE_INSERT_CHUNK) {
    const chunk = out.slice(i, i + SCORE_INSERT_CHUNK);
    try {
      await wh.client.insert({
        table: `${wh.database}.scores`,
        values: chunk,
        format: "JSONEachRow",
        clickhouse_settings: {
          insert_deduplicate: 1,
          insert_deduplication_token: `${opts.runId}/${model.version}/${opts.asOf}/${i}/${scoredAt}`,
          async_insert: 0,
          input_format_skip_unknown_fields: 0,
        },
      });
    } catch (err) {
      throw toLrewError(err, `insert of ${chunk.length} scores (run ${opts.runId})`);
    }
  }
  scoredTotal.inc({}, rows.length);
  for (const c of changes) changesTotal.inc({ to: c.to });
  return { scored: rows.length, changes };
}

export interface RunRecord {
  runId: string;
  startedAt: Date | string;
  endedAt?: Date | string | null;
  asOf?: string;
  enterprisesScored: number;
  levelChanges?: number;
  modelVersion: string;
  /** Absent: completed (or running when status says so). */
  error?: string | null;
  status?: "running" | "completed" | "failed";
}

const asText = (d: Date | string) => (typeof d === "string" ? fmt(new Date(d)) : fmt(d));

/** Records (or updates) a scoring run. Status: `failed` with an error, else `completed` (unless given). */
export async function recordRun(wh: Warehouse, run: RunRecord): Promise<void> {
  const status = run.status ?? (run.error ? "failed" : "completed");
  try {
    await wh.client.insert({
      table: `${wh.database}.scoring_runs`,
      values: [
        {
          run_id: run.runId,
          as_of: run.asOf ?? "1970-01-01",
          model_version: run.modelVersion,
          status,
          started_at: asText(run.startedAt),
          ended_at: run.endedAt ? asText(run.endedAt) : null,
          enterprises_scored: run.enterprisesScored,
          level_changes: run.levelChanges ?? 0,
          error: run.error ?? null,
          updated_at: fmt(new Date()),
        },
      ],
      format: "JSONEachRow",
      clickhouse_settings: { async_insert: 0, insert_deduplicate: 0 },
    });
  } catch (err) {
    throw toLrewError(err, `cannot record scoring run ${run.runId}`);
  }
}

export interface ScoringRunResult {
  runId: string;
  asOf: string;
  modelVersion: string;
  scored: number;
  changes: LevelChange[];
  startedAt: string;
  endedAt: string;
}

/**
 * One complete scoring run: records it as running, scores, records it as completed (or failed, then
 * rethrows). What the scorer service calls once per day.
 */
export async function runScoring(
  wh: Warehouse,
  model: Model,
  opts: { asOf: string; enterpriseIds?: readonly string[]; runId?: string },
): Promise<ScoringRunResult> {
  const runId = opts.runId ?? randomUUID();
  const startedAt = new Date();
  const base = { runId, startedAt, asOf: opts.asOf, modelVersion: model.version };
  const stop = runSeconds.startTimer({});
  await recordRun(wh, { ...base, enterprisesScored: 0, status: "running" });
  try {
    const { scored, changes } = await scoreAll(wh, model, {
      asOf: opts.asOf,
      runId,
      ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}),
    });
    const endedAt = new Date();
    await recordRun(wh, { ...base, endedAt, enterprisesScored: scored, levelChanges: changes.length, status: "completed" });
    log.info(
      { runId, asOf: opts.asOf, model: model.version, scored, changes: changes.length, ms: endedAt.getTime() - startedAt.getTime() },
      "scoring run completed",
    );
    return {
      runId,
      asOf: opts.asOf,
      modelVersion: model.version,
      scored,
      changes,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await recordRun(wh, { ...base, endedAt: new Date(), enterprisesScored: 0, error: message, status: "failed" }).catch((e: unknown) =>
      log.error({ runId, err: e instanceof Error ? e.message : String(e) }, "cannot record failed run"),
    );
    throw err;
  } finally {
    stop();
  }
}

export interface StoredScore {
  enterprise_id: string;
  as_of: string;
  model_version: string;
  run_id: string;
  score: number;
  level: Level;
  previous_level: Level | "";
  area_code: string;
  sector: string;
  contributions: Contribution[];
}

/** The latest completed score of every enterprise (scores_latest). */
export async function latestScores(wh: Warehouse, opts: { enterpriseIds?: readonly string[] } = {}): Promise<StoredScore[]> {
  const rs = await wh.client.query({
    query: `SELECT enterprise_id, toString(as_of) AS as_of_text, model_version, run_id, score, level, previous_level, area_code, sector, contributions
            FROM ${wh.database}.scores_latest
            WHERE empty({ids:Array(String)}) OR enterprise_id IN {ids:Array(String)}
            ORDER BY enterprise_id`,
    query_params: { ids: opts.enterpriseIds ?? [] },
    format: "JSONEachRow",
  });
  return (await rs.json<Record<string, unknown>>()).map((r) => ({
    enterprise_id: String(r.enterprise_id),
    as_of: String(r.as_of_text),
    model_version: String(r.model_version),
    run_id: String(r.run_id),
    score: Number(r.score),
    level: r.level as Level,
    previous_level: r.previous_level as Level | "",
    area_code: String(r.area_code),
    sector: String(r.sector),
    contributions: (r.contributions as Array<Record<string, unknown> | unknown[]>).map((c) =>
      Array.isArray(c)
        ? { feature: String(c[0]), value: Number(c[1]), contribution: Number(c[2]) }
        : { feature: String(c.feature), value: Number(c.value), contribution: Number(c.contribution) },
    ),
  }));
}

/**
 * Enterprises with an event stored since `since` (by the sink's `_ingested_at`): what the frequent
 * scoring run re-scores. Reads only the recent parts of each table's `_ingested_at` column.
 */
export async function enterprisesWithNewEvents(wh: Warehouse, since: Date): Promise<string[]> {
  const tables = ["enterprises", "grievances", "wage_arrears", "insurance_contributions", "incidents"];
  const union = tables
    .map((t) => `SELECT enterprise_id FROM ${wh.database}.${t} WHERE _ingested_at > {since:DateTime64(3, 'UTC')}`)
    .join(" UNION DISTINCT ");
  try {
    const rs = await wh.client.query({ query: union, query_params: { since: fmt(since) }, format: "JSONEachRow" });
    return ((await rs.json()) as Array<{ enterprise_id: string }>).map((r) => r.enterprise_id).sort();
  } catch (err) {
    throw toLrewError(err, "cannot list enterprises with new events");
  }
}

/** When the latest completed scoring run started, or undefined before the first one. */
export async function lastCompletedRunStart(wh: Warehouse): Promise<Date | undefined> {
  try {
    const rs = await wh.client.query({
      query: `SELECT max(started_at) AS started FROM ${wh.database}.scoring_runs FINAL WHERE status = 'completed'`,
      format: "JSONEachRow",
    });
    const [row] = (await rs.json()) as Array<{ started: string | null }>;
    if (!row?.started || row.started.startsWith("1970-01-01")) return undefined;
    return new Date(`${row.started.replace(" ", "T")}Z`);
  } catch (err) {
    throw toLrewError(err, "cannot read the latest scoring run");
  }
}
