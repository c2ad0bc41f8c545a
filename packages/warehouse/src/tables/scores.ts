// scores: one row per (enterprise, as_of, model version, run), written by scoring runs (migration
// 0004). Only scores of completed runs are visible through the views: scores_final (one row per
// enterprise, as_of and model version: the latest completed run's) and scores_latest (each
// enterprise's latest completed score).
import { POLICY_STATES, isLevel, type Contribution, type Level, type PolicyState } from "@lrew/risk";
import { z } from "zod";
import type { Warehouse } from "../client.ts";
import { checkRows, insertInto, runCommand, selectRows } from "../query.ts";
import { UTC_TEXT } from "../time.ts";

export const SCORES_TABLE = "scores";

export const scoreRowSchema = z.strictObject({
  enterprise_id: z.string().min(1),
  /** YYYY-MM-DD: features use what was reported by the end of this day. */
  as_of: z.iso.date(),
  model_version: z.string().min(1),
  run_id: z.string().min(1),
  /** Risk score (0..1) for an incident within the model's horizon; 0 on a `closed` row (no score). */
  score: z.number().min(0).max(1),
  logit: z.number(),
  /** The alert policy's state: a level, or closed / silent. */
  level: z.enum(POLICY_STATES),
  /** The state of the latest earlier score; "" for the first. */
  previous_level: z.union([z.enum(POLICY_STATES), z.literal("")]),
  area_code: z.string(),
  sector: z.string(),
  /** One per model feature, model order; they sum to logit − intercept. */
  contributions: z.array(z.strictObject({ feature: z.string().min(1), value: z.number(), contribution: z.number() })),
  scored_at: UTC_TEXT,
});
export type ScoreRow = z.infer<typeof scoreRowSchema>;
export const SCORE_COLUMNS = scoreRowSchema.keyof().options;

/** One chunk of a run's scores, in one INSERT; a retry with the same token is a no-op. */
export async function insertScores(wh: Warehouse, rows: readonly ScoreRow[], opts: { dedupToken: string }): Promise<void> {
  await insertInto(wh, SCORES_TABLE, checkRows(scoreRowSchema, rows, SCORES_TABLE), opts);
}

/**
 * Copies the rows of every completed run not yet copied into scores_current (migration 0130: each
 * enterprise's latest completed score, what the dashboard's lists read), then lists those runs as
 * copied. Called once a run is recorded completed, so it also copies a run whose scorer was killed
 * between completing it and copying it. Idempotent: a row copied twice is the same version. Returns
 * the runs copied.
 */
export async function publishCurrentScores(wh: Warehouse): Promise<number> {
  const runs = (
    await selectRows<{ run_id: string }>(
      wh,
      `SELECT run_id FROM {{db}}.scoring_runs FINAL
       WHERE status = 'completed' AND run_id NOT IN (SELECT run_id FROM {{db}}.scores_current_runs)`,
      {},
      "cannot read the runs to publish",
    )
  ).map((r) => r.run_id);
  if (runs.length === 0) return 0;
  await runCommand(
    wh,
    `INSERT INTO {{db}}.scores_current
     SELECT enterprise_id, as_of, model_version, run_id, score, level, previous_level, area_code, sector, scored_at,
            toUInt64(toUInt16(as_of)) * 10000000000000 + toUInt64(toUnixTimestamp64Milli(scored_at)) AS version
     FROM {{db}}.scores WHERE run_id IN {runs:Array(String)}`,
    "cannot publish the latest scores",
    { insert_deduplicate: 0 },
    { runs },
  );
  await runCommand(
    wh,
    `INSERT INTO {{db}}.scores_current_runs SELECT arrayJoin({runs:Array(String)}), now64(3, 'UTC')`,
    "cannot record the published runs",
    { insert_deduplicate: 0 },
    { runs },
  );
  return runs.length;
}

/** The level of each enterprise's latest completed score before asOf (the same model version preferred on the same day). */
export async function selectPreviousLevels(
  wh: Warehouse,
  opts: { asOf: string; modelVersion: string; enterpriseIds?: readonly string[] },
): Promise<Map<string, Level>> {
  const rows = await selectRows<{ enterprise_id: string; level: string }>(
    wh,
    // Straight from scores (completed runs), not through scores_final: the view sorts every score
    // row, contributions included, and the latest by (as_of, same model, scored_at) over all completed
    // rows is the same row as over the view's one row per (enterprise, as_of, model version).
    `SELECT enterprise_id, argMax(level, (as_of, model_version = {mv:String}, scored_at)) AS level
     FROM {{db}}.scores
     WHERE as_of < {as_of:Date} AND (empty({ids:Array(String)}) OR enterprise_id IN {ids:Array(String)})
       AND run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
     GROUP BY enterprise_id`,
    { as_of: opts.asOf, mv: opts.modelVersion, ids: opts.enterpriseIds ?? [] },
    "cannot read the previous levels",
  );
  const out = new Map<string, Level>();
  for (const r of rows) if (isLevel(r.level)) out.set(r.enterprise_id, r.level);
  return out;
}

export interface StoredScore {
  enterprise_id: string;
  as_of: string;
  model_version: string;
  run_id: string;
  score: number;
  level: PolicyState;
  previous_level: PolicyState | "";
  area_code: string;
  sector: string;
  contributions: Contribution[];
}

type StoredContribution = Contribution | [string, number, number];

/** The latest completed score of every enterprise (or of the given ones), from scores_latest. */
export async function selectLatestScores(wh: Warehouse, opts: { enterpriseIds?: readonly string[] } = {}): Promise<StoredScore[]> {
  const rows = await selectRows<Omit<StoredScore, "contributions"> & { contributions: StoredContribution[] }>(
    wh,
    `SELECT enterprise_id, as_of, model_version, run_id, score, level, previous_level, area_code, sector, contributions
     FROM {{db}}.scores_latest
     WHERE empty({ids:Array(String)}) OR enterprise_id IN {ids:Array(String)}
     ORDER BY enterprise_id`,
    { ids: opts.enterpriseIds ?? [] },
    "cannot read the latest scores",
  );
  // Named tuples come as objects (output_format_json_named_tuples_as_objects, on by default), or as arrays where it is off.
  return rows.map((r) => ({
    ...r,
    contributions: r.contributions.map((c) => (Array.isArray(c) ? { feature: c[0], value: c[1], contribution: c[2] } : c)),
  }));
}
