// Scoring runs: features as of a date, scores with contributions, and each enterprise's state decided
// by the alert policy (@lrew/risk policy.ts: levels with hysteresis, closed / silent, each area's
// follow-up capacity, the immediate e-mail decisions) from the previous completed run's states. Scores
// and states are written under the run's id; the run is recorded in `scoring_runs` and only completed
// runs are visible in scores_final / scores_latest and read back as states.
import { randomUUID } from "node:crypto";
import { daysBetween, isDate } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import {
  applyPolicy,
  DEFAULT_FOLLOW_UP_CAPACITY,
  DEFAULT_POLICY,
  INITIAL_STATE,
  signalReasons,
  signalStrength,
  type AlertDecision,
  type AlertPolicyConfig,
  type Contribution,
  type EnterpriseState,
  type GroupLoad,
  type ScoredEnterprise,
} from "@lrew/risk";
import { counter, createLogger, faultPoint, histogram } from "@lrew/telemetry";
import {
  formatUtc,
  insertPolicyStates,
  insertScores,
  insertScoringRun,
  policyStateRow,
  publishCurrentScores,
  selectLastEventDays,
  selectLatestEnterprises,
  selectPolicyStates,
  selectPreviousLevels,
  type RunStatus,
  type ScoreRow,
  type Warehouse,
} from "@lrew/warehouse";
import { featureChunks } from "./features.ts";
import { scoreRow, type Model } from "./model.ts";

const log = createLogger("scoring");
const scoredTotal = counter("lrew_scoring_enterprises_scored_total", "Enterprises scored", []);
const changesTotal = counter("lrew_scoring_level_changes_total", "State changes found by scoring runs", ["to"]);
const emailsTotal = counter("lrew_scoring_email_decisions_total", "Immediate e-mail decisions of the alert policy", ["kind"]);
const runSeconds = histogram("lrew_scoring_run_seconds", "Duration of one scoring run", []);

/** The alert policy as a run applies it: everything but the thresholds (the model's), and each group's follow-up capacity. */
export interface PolicySettings {
  policy: Omit<AlertPolicyConfig, "thresholds">;
  /** The follow-up capacity of a capacity group (a responsible union unit, or an area; see capacityGroupOf). */
  capacityOf: (group: string) => number;
  /**
   * An enterprise's capacity group on the scoring day (@lrew/risk capacityGroupOf of its responsible
   * unit then). Absent: its registry area_code.
   */
  groupOf?: (enterprise: { enterprise_id: string; area_code: string }, asOf: string) => string;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = { policy: DEFAULT_POLICY, capacityOf: () => DEFAULT_FOLLOW_UP_CAPACITY };

export interface ScoreAllOptions {
  asOf: string;
  enterpriseIds?: readonly string[];
  runId: string;
  policy?: PolicySettings;
}

/** Rows inserted per INSERT into scores. */
export const SCORE_INSERT_CHUNK = 5_000;

export interface ScoreAllResult {
  scored: number;
  /** Enterprises whose state changed (level, closed, silent). */
  stateChanges: number;
  /** The policy's immediate e-mail decisions, with the contributions and the signal reasons. */
  emails: AlertDecision[];
  /** Each capacity group's open (high + critical) load against its capacity after the run. */
  load: Map<string, GroupLoad>;
  /** Milliseconds spent in each phase: features, previous states, policy, scores insert, states insert. */
  phases: Record<string, number>;
}

/**
 * Scores every enterprise (or the given ones) as of asOf and writes the rows and the policy's states
 * under runId. Idempotent: the same run id (a retry) replaces its own rows; a new run for the same
 * (asOf, model version) supersedes older runs once it is recorded as completed. Scored enterprises
 * start from their state before asOf, so a rerun of the day gives the same states and e-mails; an
 * enterprise a partial run does not score keeps its latest state and still counts against its
 * area's capacity. An enterprise the run covers that has no features (workforce 0, or gone from the
 * registry) is closed: one row at level `closed` (no score, no contributions) marks it. Does not
 * record the run (see runScoring).
 */
export async function scoreAll(wh: Warehouse, model: Model, opts: ScoreAllOptions): Promise<ScoreAllResult> {
  if (!isDate(opts.asOf)) throw new BadInputError(`asOf must be YYYY-MM-DD, got ${JSON.stringify(opts.asOf)}`);
  if (!opts.runId) throw new BadInputError("runId is required");
  const settings = opts.policy ?? DEFAULT_POLICY_SETTINGS;
  const ids = opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {};
  const phase = phaseTimer();
  const groupOf = settings.groupOf;
  // Features chunk by chunk of enterprises (featureChunks): each row is scored as it comes and kept
  // only as a compact record (typed arrays), so neither ClickHouse nor this process ever holds every
  // enterprise's feature rows, score rows and contribution objects at once.
  const names = model.features.map((f) => f.name);
  const compact = new Map<string, CompactScore>();
  const today: ScoredEnterprise[] = [];
  for await (const chunk of featureChunks(wh, { asOf: opts.asOf, ...ids })) {
    for (const row of chunk) {
      const s = scoreRow(model, row);
      const values = new Float64Array(names.length);
      const contributions = new Float64Array(names.length);
      s.contributions.forEach((c, i) => {
        values[i] = c.value;
        contributions[i] = c.contribution;
      });
      compact.set(row.enterprise_id, {
        as_of: row.as_of,
        area_code: row.area_code,
        sector: row.sector,
        score: s.score,
        logit: s.logit,
        values,
        contributions,
      });
      today.push({
        enterprise_id: row.enterprise_id,
        group: groupOf ? groupOf(row, opts.asOf) : row.area_code,
        score: s.score,
        signal: signalStrength(s.contributions),
        workforce: row.values["workforce"] ?? 0,
        daysSinceEvent: Number.POSITIVE_INFINITY, // set below, from the last event days
      });
    }
  }
  phase("features");
  const stored = await selectPolicyStates(wh, { asOf: opts.asOf, modelVersion: model.version });
  // Installations scored before the policy kept levels only: those are the starting states.
  const legacy = await selectPreviousLevels(wh, { asOf: opts.asOf, modelVersion: model.version, ...ids });
  const lastEvent = await selectLastEventDays(wh, { asOf: opts.asOf, ...ids });
  for (const t of today) {
    const last = lastEvent.get(t.enterprise_id);
    if (last) t.daysSinceEvent = daysBetween(last, opts.asOf);
  }
  const inRun = new Set(opts.enterpriseIds ?? [...stored.keys(), ...legacy.keys(), ...compact.keys()]);

  const previous = new Map<string, EnterpriseState>();
  for (const [id, s] of stored) {
    const p = inRun.has(id) ? s.before : s.latest;
    if (p) previous.set(id, p);
  }
  for (const [id, level] of legacy)
    if (!previous.has(id)) previous.set(id, { ...INITIAL_STATE(compact.get(id)?.area_code ?? ""), state: level });
  // The capacity group is the one in force on asOf: an enterprise carried unscored is regrouped too,
  // so on the day responsibility changes (1 July 2025) no open enterprise holds an old unit's place.
  const carried = groupOf ? [...previous.keys()].filter((id) => !compact.has(id)) : [];
  if (groupOf && carried.length > 0) {
    for (const e of await selectLatestEnterprises(wh, { enterpriseIds: carried })) {
      const prev = previous.get(e.enterprise_id)!;
      previous.set(e.enterprise_id, { ...prev, group: groupOf(e, opts.asOf) });
    }
  }
  phase("previous states");
  // Fault point (LREW_FAULT, tests and `./lrew chaos`): killed with the features read, nothing written.
  faultPoint("scoring.after-features");

  const scoredAt = formatUtc(new Date());
  // Covered by the run, known before, without features: closed.
  const closing: string[] = [];
  for (const id of inRun) {
    const prev = previous.get(id);
    if (compact.has(id) || !prev) continue;
    today.push({ enterprise_id: id, group: prev.group, score: Number.NaN, signal: 0, workforce: 0, daysSinceEvent: 0 });
    if (prev.state !== "closed") closing.push(id);
  }

  const config: AlertPolicyConfig = { ...settings.policy, thresholds: model.thresholds };
  const day = applyPolicy(config, settings.capacityOf, previous, opts.asOf, today);
  phase("policy");

  const contributionsOf = (c: CompactScore): Contribution[] =>
    names.map((feature, i) => ({ feature, value: c.values[i]!, contribution: c.contributions[i]! }));
  // Score rows are built one INSERT at a time (the dedup token names the chunk's offset, as before).
  let out: ScoreRow[] = [];
  let offset = 0;
  const flush = async () => {
    if (out.length === 0) return;
    await insertScores(wh, out, { dedupToken: `${opts.runId}/${model.version}/${opts.asOf}/${offset}/${scoredAt}` });
    offset += out.length;
    out = [];
  };
  for (const [id, c] of compact) {
    out.push({
      enterprise_id: id,
      as_of: c.as_of,
      model_version: model.version,
      run_id: opts.runId,
      score: c.score,
      logit: c.logit,
      level: day.states.get(id)!.state,
      previous_level: previous.get(id)?.state ?? "",
      area_code: c.area_code,
      sector: c.sector,
      contributions: contributionsOf(c),
      scored_at: scoredAt,
    });
    if (out.length >= SCORE_INSERT_CHUNK) await flush();
  }
  if (closing.length > 0) {
    const registry = new Map((await selectLatestEnterprises(wh, { enterpriseIds: closing })).map((e) => [e.enterprise_id, e]));
    for (const id of closing) {
      const prev = previous.get(id)!;
      out.push({
        enterprise_id: id,
        as_of: opts.asOf,
        model_version: model.version,
        run_id: opts.runId,
        score: 0,
        logit: 0,
        level: "closed",
        previous_level: prev.state,
        area_code: registry.get(id)?.area_code ?? prev.group,
        sector: registry.get(id)?.sector ?? "",
        contributions: [],
        scored_at: scoredAt,
      });
      if (out.length >= SCORE_INSERT_CHUNK) await flush();
    }
  }
  await flush();
  phase("scores insert");
  // The states of everything the run covered, and of any carried enterprise whose state moved.
  let states = [];
  let stateOffset = 0;
  let stateChanges = 0;
  for (const [id, st] of day.states) {
    const prev = previous.get(id);
    const moved = (prev?.state ?? "low") !== st.state || (prev === undefined && st.state !== "low");
    if (moved) {
      stateChanges++;
      changesTotal.inc({ to: st.state });
    }
    if (inRun.has(id) || compact.has(id) || moved) {
      states.push(policyStateRow(id, st, { asOf: opts.asOf, modelVersion: model.version, runId: opts.runId, updatedAt: scoredAt }));
      if (states.length >= SCORE_INSERT_CHUNK) {
        await insertPolicyStates(wh, states, {
          dedupToken: `${opts.runId}/${model.version}/${opts.asOf}/states/${stateOffset}/${scoredAt}`,
        });
        stateOffset += states.length;
        states = [];
      }
    }
  }
  if (states.length > 0)
    await insertPolicyStates(wh, states, { dedupToken: `${opts.runId}/${model.version}/${opts.asOf}/states/${stateOffset}/${scoredAt}` });
  phase("states insert");
  const emails: AlertDecision[] = [];
  for (const e of day.emails) {
    const c = compact.get(e.enterprise_id);
    if (!c) continue; // the policy e-mails only enterprises scored today
    const contributions = contributionsOf(c);
    emails.push({
      enterprise_id: e.enterprise_id,
      as_of: c.as_of,
      kind: e.kind,
      from: e.previous,
      to: e.level,
      score: c.score,
      area_code: c.area_code,
      sector: c.sector,
      model_version: model.version,
      contributions,
      reasons: signalReasons(contributions, config.minSignalContribution, 3),
    });
    emailsTotal.inc({ kind: e.kind });
  }
  scoredTotal.inc({}, compact.size);
  // Fault point: killed with the scores and states written under a run still marked `running` (never final).
  faultPoint("scoring.after-insert");
  return { scored: compact.size, stateChanges, emails, load: day.load, phases: phase.done() };
}

/** What a run keeps of one scored enterprise until its row is written: contributions in model order. */
interface CompactScore {
  as_of: string;
  area_code: string;
  sector: string;
  score: number;
  logit: number;
  values: Float64Array;
  contributions: Float64Array;
}

/** Milliseconds per named phase of a run, in order (for the log and the bench). */
function phaseTimer(): ((name: string) => void) & { done(): Record<string, number> } {
  const ms: Record<string, number> = {};
  let t = performance.now();
  const mark = (name: string) => {
    const now = performance.now();
    ms[name] = Math.round(now - t);
    t = now;
  };
  return Object.assign(mark, { done: () => ({ ...ms }) });
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
  /** Enterprises whose state changed. */
  stateChanges: number;
  /** The alert policy's immediate e-mail decisions (what the scorer publishes as alerts). */
  emails: AlertDecision[];
  /** Each capacity group's open (high + critical) load against its follow-up capacity. */
  load: Map<string, GroupLoad>;
  /** Milliseconds per phase of the run (scoreAll's). */
  phases: Record<string, number>;
  startedAt: string;
  endedAt: string;
}

export interface RunScoringOptions {
  asOf: string;
  enterpriseIds?: readonly string[];
  runId?: string;
  policy?: PolicySettings;
  /**
   * Called with the run's e-mail decisions once its scores and states are written and before the run
   * is recorded as completed (the scorer publishes its alerts here). A failure or a crash in it leaves
   * the run incomplete, so the next run decides the same e-mails again from the last completed states
   * and nothing is lost; whatever it did must therefore be harmless to repeat (alert ids are deterministic).
   */
  beforeComplete?: (emails: readonly AlertDecision[]) => Promise<void>;
}

/**
 * One complete scoring run: records it as running, scores, hands the e-mail decisions to
 * `beforeComplete`, records it as completed (or failed, then rethrows). What the scorer service calls
 * once per day.
 */
export async function runScoring(wh: Warehouse, model: Model, opts: RunScoringOptions): Promise<ScoringRunResult> {
  const runId = opts.runId ?? randomUUID();
  const startedAt = new Date();
  const base = { runId, startedAt, asOf: opts.asOf, modelVersion: model.version };
  const stop = runSeconds.startTimer({});
  await recordRun(wh, { ...base, enterprisesScored: 0, status: "running" });
  try {
    const { scored, stateChanges, emails, load, phases } = await scoreAll(wh, model, {
      asOf: opts.asOf,
      runId,
      ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}),
      ...(opts.policy ? { policy: opts.policy } : {}),
    });
    await opts.beforeComplete?.(emails);
    // Fault point: killed after the e-mail decisions were handed on (alerts published), before completion.
    faultPoint("scoring.before-complete");
    const endedAt = new Date();
    await recordRun(wh, { ...base, endedAt, enterprisesScored: scored, levelChanges: stateChanges, status: "completed" });
    // The dashboard's lists read each enterprise's latest score from scores_current, copied only from
    // completed runs. The run stands without it: a failure here is logged, and the next run copies
    // every completed run not yet copied.
    await publishCurrentScores(wh).catch((e: unknown) =>
      log.error(
        { runId, err: e instanceof Error ? e.message : String(e) },
        "cannot publish the run's scores to the lists; the next run will",
      ),
    );
    log.info(
      {
        runId,
        asOf: opts.asOf,
        model: model.version,
        scored,
        stateChanges,
        emails: emails.length,
        ms: endedAt.getTime() - startedAt.getTime(),
        phases,
      },
      "scoring run completed",
    );
    return {
      runId,
      asOf: opts.asOf,
      modelVersion: model.version,
      scored,
      stateChanges,
      emails,
      load,
      phases,
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
