// Scoring runs: features as of a date, scores with contributions, levels with hysteresis from the
// previous completed score, written to `scores` under the run's id; the run is recorded in
// `scoring_runs` and only completed runs are visible in scores_final / scores_latest.
import { randomUUID } from "node:crypto";
import { isDate } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { nextLevel, type LevelChange } from "@lrew/risk";
import { counter, createLogger, faultPoint, histogram } from "@lrew/telemetry";
import {
  formatUtc,
  insertScores,
  insertScoringRun,
  selectPreviousLevels,
  type RunStatus,
  type ScoreRow,
  type Warehouse,
} from "@lrew/warehouse";
import { computeFeatures } from "./features.ts";
import { scoreRow, topReasons, type Model } from "./model.ts";

const log = createLogger("scoring");
const scoredTotal = counter("lrew_scoring_enterprises_scored_total", "Enterprises scored", []);
const changesTotal = counter("lrew_scoring_level_changes_total", "Level changes found by scoring runs", ["to"]);
const runSeconds = histogram("lrew_scoring_run_seconds", "Duration of one scoring run", []);

export interface ScoreAllOptions {
  asOf: string;
  enterpriseIds?: readonly string[];
  runId: string;
}

/** Rows inserted per INSERT into scores. */
export const SCORE_INSERT_CHUNK = 5_000;

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
  const previous = await selectPreviousLevels(wh, {
    asOf: opts.asOf,
    modelVersion: model.version,
    ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}),
  });
  // Fault point (LREW_FAULT, tests and `./lrew chaos`): killed with the features read, nothing written.
  faultPoint("scoring.after-features");
  const scoredAt = formatUtc(new Date());
  const changes: LevelChange[] = [];
  const out: ScoreRow[] = [];
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
    await insertScores(wh, out.slice(i, i + SCORE_INSERT_CHUNK), {
      dedupToken: `${opts.runId}/${model.version}/${opts.asOf}/${i}/${scoredAt}`,
    });
  }
  // Fault point: killed with the scores written under a run still marked `running` (never final).
  faultPoint("scoring.after-insert");
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
  status?: RunStatus;
}

const instant = (d: Date | string) => (typeof d === "string" ? new Date(d) : d);

/** Records (or updates) a scoring run. Status: `failed` with an error, else `completed` (unless given). */
export async function recordRun(wh: Warehouse, run: RunRecord): Promise<void> {
  await insertScoringRun(wh, {
    run_id: run.runId,
    as_of: run.asOf ?? "1970-01-01",
    model_version: run.modelVersion,
    status: run.status ?? (run.error ? "failed" : "completed"),
    started_at: formatUtc(instant(run.startedAt)),
    ended_at: run.endedAt ? formatUtc(instant(run.endedAt)) : null,
    enterprises_scored: run.enterprisesScored,
    level_changes: run.levelChanges ?? 0,
    error: run.error ?? null,
    updated_at: formatUtc(new Date()),
  });
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

export interface RunScoringOptions {
  asOf: string;
  enterpriseIds?: readonly string[];
  runId?: string;
  /**
   * Called with the run's level changes once its scores are written and before the run is recorded
   * as completed (the scorer publishes its alerts here). A failure or a crash in it leaves the run
   * incomplete, so the next run finds the same changes again and nothing is lost; whatever it did
   * must therefore be harmless to repeat (alert ids are deterministic).
   */
  beforeComplete?: (changes: readonly LevelChange[]) => Promise<void>;
}

/**
 * One complete scoring run: records it as running, scores, hands the changes to `beforeComplete`,
 * records it as completed (or failed, then rethrows). What the scorer service calls once per day.
 */
export async function runScoring(wh: Warehouse, model: Model, opts: RunScoringOptions): Promise<ScoringRunResult> {
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
    await opts.beforeComplete?.(changes);
    // Fault point: killed after the changes were handed on (alerts published), before completion.
    faultPoint("scoring.before-complete");
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
