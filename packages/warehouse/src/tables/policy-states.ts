// policy_states: the alert policy's memory per enterprise and scoring run (migration 0020). Written
// by scoring runs beside their scores; read back as the previous state of the next run. Only rows of
// completed runs are read.
import { LEVELS, POLICY_STATES, isPolicyState, type EnterpriseState, type Level } from "@lrew/risk";
import { z } from "zod";
import type { Warehouse } from "../client.ts";
import { checkRows, insertInto, selectRows } from "../query.ts";
import { UTC_TEXT } from "../time.ts";

export const POLICY_STATES_TABLE = "policy_states";

const levelOrEmpty = z.union([z.enum(LEVELS), z.literal("")]);

export const policyStateRowSchema = z.strictObject({
  enterprise_id: z.string().min(1),
  as_of: z.iso.date(),
  model_version: z.string().min(1),
  run_id: z.string().min(1),
  state: z.enum(POLICY_STATES),
  group_key: z.string(),
  score: z.number().min(0).max(1),
  signal: z.number(),
  emailed_level: levelOrEmpty,
  last_email_as_of: z.iso.date().nullable(),
  last_email_level: levelOrEmpty,
  last_email_score: z.number(),
  updated_at: UTC_TEXT,
});
export type PolicyStateRow = z.infer<typeof policyStateRowSchema>;

/** The row of one enterprise's state after a run. */
export function policyStateRow(
  enterpriseId: string,
  s: EnterpriseState,
  run: { asOf: string; modelVersion: string; runId: string; updatedAt: string },
): PolicyStateRow {
  return {
    enterprise_id: enterpriseId,
    as_of: run.asOf,
    model_version: run.modelVersion,
    run_id: run.runId,
    state: s.state,
    group_key: s.group,
    score: Number.isFinite(s.score) ? Math.min(1, Math.max(0, s.score)) : 0,
    signal: Number.isFinite(s.signal) ? s.signal : 0,
    emailed_level: s.emailedLevel ?? "",
    last_email_as_of: s.lastEmail?.as_of ?? null,
    last_email_level: s.lastEmail?.level ?? "",
    last_email_score: s.lastEmail?.score ?? 0,
    updated_at: run.updatedAt,
  };
}

/** One chunk of a run's states, in one INSERT; a retry with the same token is a no-op. */
export async function insertPolicyStates(wh: Warehouse, rows: readonly PolicyStateRow[], opts: { dedupToken: string }): Promise<void> {
  await insertInto(wh, POLICY_STATES_TABLE, checkRows(policyStateRowSchema, rows, POLICY_STATES_TABLE), opts);
}

type StoredTuple = [string, string, number, number, string, string, string, number];

const stateOf = (t: StoredTuple): EnterpriseState | undefined => {
  const [state, group, score, signal, emailed, lastAsOf, lastLevel, lastScore] = t;
  if (!isPolicyState(state)) return undefined;
  const asLevel = (l: string): Level | null => ((LEVELS as readonly string[]).includes(l) ? (l as Level) : null);
  const last = asLevel(lastLevel);
  return {
    state,
    group,
    score,
    signal,
    emailedLevel: asLevel(emailed),
    lastEmail: last && lastAsOf ? { as_of: lastAsOf, level: last, score: lastScore } : null,
  };
};

/**
 * Each enterprise's state from completed runs: `before` is the latest before asOf (what a run for
 * asOf starts from, so a rerun of the day gives the same answer), `latest` the latest up to asOf
 * included (the state of an enterprise a partial run does not score: an earlier run of the same day
 * may have opened it). The same model version is preferred on the same day.
 */
export async function selectPolicyStates(
  wh: Warehouse,
  opts: { asOf: string; modelVersion: string },
): Promise<Map<string, { before: EnterpriseState | undefined; latest: EnterpriseState }>> {
  const rows = await selectRows<{ enterprise_id: string; has_before: number; before: StoredTuple; latest: StoredTuple }>(
    wh,
    `SELECT enterprise_id, countIf(as_of < {as_of:Date}) > 0 AS has_before,
            argMaxIf(st, k, as_of < {as_of:Date}) AS before, argMax(st, k) AS latest
     FROM (
       SELECT enterprise_id, as_of, (as_of, model_version = {mv:String}, updated_at) AS k,
              tuple(toString(state), toString(group_key), score, signal, toString(emailed_level),
                    ifNull(toString(last_email_as_of), ''), toString(last_email_level), last_email_score) AS st
       FROM {{db}}.${POLICY_STATES_TABLE}
       WHERE as_of <= {as_of:Date}
         AND run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed'))
     GROUP BY enterprise_id`,
    { as_of: opts.asOf, mv: opts.modelVersion },
    "cannot read the alert policy's states",
  );
  const out = new Map<string, { before: EnterpriseState | undefined; latest: EnterpriseState }>();
  for (const r of rows) {
    const latest = stateOf(r.latest);
    if (!latest) continue;
    out.set(r.enterprise_id, { before: r.has_before ? stateOf(r.before) : undefined, latest });
  }
  return out;
}

/**
 * The enterprises the alert policy decided to e-mail on `asOf`, by the completed runs' own record of
 * their states (last_email_as_of = that day). What the alerts table and topic must hold once each:
 * the tests and `./lrew chaos` check lost and doubled alerts against it.
 */
export async function selectEmailedOn(wh: Warehouse, asOf: string): Promise<string[]> {
  const rows = await selectRows<{ enterprise_id: string }>(
    wh,
    `SELECT DISTINCT enterprise_id FROM {{db}}.${POLICY_STATES_TABLE} FINAL
     WHERE as_of = {as_of:Date} AND last_email_as_of = {as_of:Date}
       AND run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
     ORDER BY enterprise_id`,
    { as_of: asOf },
    "cannot read the alert policy's e-mail decisions",
  );
  return rows.map((r) => r.enterprise_id);
}
