// scoring_runs: one row per scoring run, the latest state wins (ReplacingMergeTree by updated_at;
// read with FINAL). A run is recorded as running, then completed or failed; the score views only
// show scores of completed runs (migration 0004).
import { z } from "zod";
import type { Warehouse } from "../client.ts";
import { checkRows, insertInto, selectRows } from "../query.ts";
import { parseUtc, UTC_TEXT } from "../time.ts";

export const SCORING_RUNS_TABLE = "scoring_runs";
export const RUN_STATUSES = ["running", "completed", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const scoringRunRowSchema = z.strictObject({
  run_id: z.string().min(1),
  /** YYYY-MM-DD; 1970-01-01 when the run has no as-of date. */
  as_of: z.iso.date(),
  model_version: z.string().min(1),
  status: z.enum(RUN_STATUSES),
  started_at: UTC_TEXT,
  ended_at: UTC_TEXT.nullable(),
  enterprises_scored: z.int().min(0),
  level_changes: z.int().min(0),
  error: z.string().nullable(),
  updated_at: UTC_TEXT,
});
export type ScoringRunRow = z.infer<typeof scoringRunRowSchema>;
export const SCORING_RUN_COLUMNS = scoringRunRowSchema.keyof().options;

/** Records a new state of a run (every state is a new row; the latest updated_at wins). */
export async function insertScoringRun(wh: Warehouse, row: ScoringRunRow): Promise<void> {
  await insertInto(wh, SCORING_RUNS_TABLE, checkRows(scoringRunRowSchema, [row], SCORING_RUNS_TABLE), { deduplicate: false });
}

/** When the latest completed scoring run started, or undefined before the first one. */
export async function selectLastCompletedRunStart(wh: Warehouse): Promise<Date | undefined> {
  const [row] = await selectRows<{ started: string | null }>(
    wh,
    `SELECT max(started_at) AS started FROM {{db}}.${SCORING_RUNS_TABLE} FINAL WHERE status = 'completed'`,
    {},
    "cannot read the latest scoring run",
  );
  if (!row?.started || row.started.startsWith("1970-01-01")) return undefined;
  return parseUtc(row.started);
}

/** A run as the pipeline-health page lists it. */
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

/** The latest runs, newest first. */
export function selectRecentScoringRuns(wh: Warehouse, limit = 10): Promise<ScoringRun[]> {
  return selectRows<ScoringRun>(
    wh,
    `SELECT run_id, toString(as_of) AS as_of, toString(model_version) AS model_version, toString(status) AS status,
       toString(started_at) AS started_at, if(isNull(ended_at), NULL, toString(ended_at)) AS ended_at, enterprises_scored, level_changes
     FROM {{db}}.${SCORING_RUNS_TABLE} FINAL ORDER BY started_at DESC LIMIT {limit:UInt32}`,
    { limit },
    "cannot read the scoring runs",
  );
}
