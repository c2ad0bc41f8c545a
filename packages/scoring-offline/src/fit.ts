// Fitting the model on history with recorded incidents: features as of a grid of dates (point in
// time, from ClickHouse), the label "an incident within the horizon after that date", a time-based
// train / validation split with a purge gap of one horizon, L2-regularised logistic regression on
// standardised features, level thresholds from score quantiles, validation metrics.
import { mean, quantileSorted, standardDeviation } from "simple-statistics";
import { addDays, dateRange, dayNumber, isDate } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { FEATURES, type FeatureSpec, type LevelThresholds } from "@lrew/risk";
import { scoreRow, transformValue, type Model } from "@lrew/scoring";
import { createLogger } from "@lrew/telemetry";
import { selectLastDataDay, type Warehouse } from "@lrew/warehouse";
import { labelledRows, type LabelledRow } from "./dataset.ts";
import { auc, fitLogistic, logLoss } from "./logistic.ts";

const log = createLogger("scoring.fit");

/** Share of enterprise-days at or above each level's enter threshold; exit thresholds sit at 3x these shares. */
export const DEFAULT_LEVEL_RATES = { watch: 0.1, high: 0.03, critical: 0.0075 } as const;
export const DEFAULT_EXIT_RATE_FACTOR = 3;
export const DEFAULT_L2 = 10;
/**
 * Penalty on a family member's own weight: about the curvature of the log-likelihood of a few
 * hundred positive rows, so a member departs from its family's shared weight only where the data
 * clearly say so.
 */
export const DEFAULT_OWN_PENALTY = 1000;

export interface FitOptions {
  /** First and last as-of date of the grid (YYYY-MM-DD). `to` is capped at the last data day − horizon. */
  from: string;
  to?: string;
  /** The model's horizon: what its scores and levels are judged against (default 60). */
  horizonDays?: number;
  /**
   * The training label: an incident within this many days after the as-of date (default: the
   * horizon). A longer label weighs slow, persistent warning signs more, for flags that come earlier.
   */
  labelHorizonDays?: number;
  /** As-of dates from here on validate; training uses dates at least one horizon before it. */
  validationFrom: string;
  /** L2 penalty on the standardised weights (the intercept is free). */
  l2?: number;
  /** Days between as-of dates of the grid. */
  stepDays?: number;
  version?: string;
  /** Shares of enterprise-days at or above watch / high / critical (on train + validation scores). */
  levelRates?: { watch: number; high: number; critical: number };
  exitRateFactor?: number;
  /** Features to use (default: the whole catalogue). */
  features?: readonly string[];
  /**
   * Related signals share a weight (default true): each family of arrears and grievance signals gets
   * one shared weight on the mean of its members beside each member's own, both held to the expected
   * sign (sharedWeightGroups). False: each factor alone, dropped when fitted against its sign.
   */
  shareWeights?: boolean;
  /**
   * L2 penalty on a family member's own weight, its departure from the family's shared weight
   * (default DEFAULT_OWN_PENALTY). Large: the members share the weight nearly equally (one combined
   * factor); the fit's own penalty `l2`: each member nearly alone.
   */
  ownPenalty?: number;
  /** Free text stored in the model (e.g. which world it was fitted on). */
  description?: string;
  /** Extra facts recorded under metrics.training (e.g. seeds). */
  provenance?: Record<string, unknown>;
}

/**
 * The default window of `./lrew model fit` on history ending at `last`: a year back, as-of dates up
 * to one label horizon before the end (every label inside the data), the last third validating.
 * `trainUntil` is where training as-of dates end (the purge gap); at or before `from` a longer label
 * has left nothing to train on. Pure.
 */
export function defaultFitWindow(
  last: string,
  o: { from?: string; to?: string; validationFrom?: string; horizonDays: number; labelHorizonDays: number },
): { from: string; to: string; validationFrom: string; trainUntil: string } {
  const from = o.from ?? addDays(last, -365);
  const to = o.to ?? addDays(last, -Math.max(o.horizonDays, o.labelHorizonDays));
  const span = Math.max(1, dayNumber(to) - dayNumber(from));
  const validationFrom = o.validationFrom ?? addDays(from, Math.round((span * 2) / 3));
  return { from, to, validationFrom, trainUntil: addDays(validationFrom, -o.labelHorizonDays) };
}

/** Families whose signals are close relatives (the same arrears or grievances measured several ways). */
const SHARED_FAMILIES: ReadonlySet<string> = new Set(["grievances", "wage_arrears", "insurance", "union_fees"]);

/**
 * The shared-weight groups among `specs`: per family of SHARED_FAMILIES, its signal factors expected
 * to raise the risk (indices into specs), for families with at least two. Correlated relatives fitted
 * one by one split their signal arbitrarily — one takes it all, another comes out against its sign
 * and is dropped; a shared weight on the family's mean (standardised values) gives every member a
 * part, and each member's own weight (never below 0) adds what it carries beyond the family. Pure.
 */
export function sharedWeightGroups(specs: readonly FeatureSpec[]): Array<{ name: string; members: number[] }> {
  const by = new Map<string, number[]>();
  specs.forEach((s, j) => {
    if (s.role !== "signal" || s.direction !== 1 || !SHARED_FAMILIES.has(s.family)) return;
    let g = by.get(s.family);
    if (!g) by.set(s.family, (g = []));
    g.push(j);
  });
  return [...by].filter(([, m]) => m.length >= 2).map(([name, members]) => ({ name, members }));
}

/**
 * Logistic fit with sign constraints, on standardised columns Z: a weight per factor and, with
 * groups, a shared weight per group on the mean of its members. A weight (own or shared) fitted
 * against its expected direction is dropped and the rest refitted, until none is. Returns each
 * factor's total weight (own + shared ÷ members), the shared weights, and the own weights dropped. Pure.
 */
export function fitSignConstrained(
  Z: ReadonlyArray<readonly number[]>,
  labels: ReadonlyArray<0 | 1>,
  specs: readonly FeatureSpec[],
  groups: ReadonlyArray<{ name: string; members: number[] }>,
  l2: number,
  ownPenalty = l2,
): {
  intercept: number;
  weights: number[];
  shared: Record<string, number>;
  dropped: string[];
  droppedGroups: string[];
  iterations: number;
  converged: boolean;
} {
  // Columns: own columns 0..p-1, then one per group. Direction of a group column: +1.
  const p = specs.length;
  const direction = [...specs.map((s) => s.direction), ...groups.map(() => 1 as const)];
  const columns = (z: readonly number[]) => [...z, ...groups.map((g) => g.members.reduce((a, j) => a + z[j]!, 0) / g.members.length)];
  const X = Z.map(columns);
  const inGroup = new Set(groups.flatMap((g) => g.members));
  const penalties = direction.map((_, j) => (j < p && inGroup.has(j) ? ownPenalty : l2));
  let active = direction.map((_, j) => j);
  const droppedCols: number[] = [];
  let fit = fitLogistic(X, labels, { l2: penalties });
  for (let round = 0; round < direction.length; round++) {
    const against = active.filter((j, k) => direction[j]! * fit.weights[k]! < 0);
    // Own weights first: a relative's own weight against its sign is the artefact of correlation the
    // shared weight is there to absorb; a shared weight is dropped only when still against it after.
    const own = against.filter((j) => j < p);
    const wrong = own.length ? own : against;
    if (wrong.length === 0) break;
    droppedCols.push(...wrong);
    active = active.filter((j) => !wrong.includes(j));
    if (active.length === 0) break;
    fit = fitLogistic(
      X.map((x) => active.map((j) => x[j]!)),
      labels,
      { l2: active.map((j) => penalties[j]!) },
    );
  }
  const coef = direction.map(() => 0);
  for (const [k, j] of active.entries()) coef[j] = fit.weights[k]!;
  const weights = coef.slice(0, p);
  const shared: Record<string, number> = {};
  groups.forEach((g, i) => {
    const s = coef[p + i]!;
    shared[g.name] = s;
    for (const j of g.members) weights[j] = weights[j]! + s / g.members.length;
  });
  return {
    intercept: fit.intercept,
    weights,
    shared,
    dropped: droppedCols.filter((j) => j < p).map((j) => specs[j]!.name),
    droppedGroups: droppedCols.filter((j) => j >= p).map((j) => groups[j - p]!.name),
    iterations: fit.iterations,
    converged: fit.converged,
  };
}

/** Pure part of fitting, on labelled rows already computed. */
export function fitOnRows(rows: readonly LabelledRow[], opts: Omit<FitOptions, "from" | "to"> & { from: string; to: string }): Model {
  const horizon = opts.horizonDays ?? 60;
  const labelHorizon = opts.labelHorizonDays ?? horizon;
  const l2 = opts.l2 ?? DEFAULT_L2;
  const specs: FeatureSpec[] = opts.features
    ? opts.features.map((n) => {
        const s = FEATURES.find((f) => f.name === n);
        if (!s) throw new BadInputError(`unknown feature ${n}`);
        return s;
      })
    : [...FEATURES];
  const trainEnd = addDays(opts.validationFrom, -labelHorizon); // purge: training labels never see validation days
  const train = rows.filter((r) => r.as_of < trainEnd);
  const valid = rows.filter((r) => r.as_of >= opts.validationFrom);
  const positives = (rs: readonly LabelledRow[]) => rs.reduce((s, r) => s + r.label, 0);
  if (positives(train) < 5)
    throw new BadInputError(`only ${positives(train)} positive training rows before ${trainEnd}: not enough incidents to fit`);
  const transformed = (r: LabelledRow) => specs.map((s) => transformValue(s.transform, r.values[s.name] ?? 0));
  const Xt = train.map(transformed);
  const means = specs.map((_, j) => mean(Xt.map((x) => x[j]!)));
  const stds = specs.map((_, j) => {
    const sd = standardDeviation(Xt.map((x) => x[j]!));
    return sd > 1e-9 ? sd : 1;
  });
  const Z = Xt.map((x) => x.map((v, j) => (v - means[j]!) / stds[j]!));
  const labels = train.map((r) => r.label);
  // Sign constraints: a weight that contradicts its expected direction (e.g. more arrears lowering
  // the risk, an artefact of correlated features) is dropped and the rest refitted; related signals
  // share a weight, so a relative dropped on its own keeps its part of the family's.
  const groups = opts.shareWeights === false ? [] : sharedWeightGroups(specs);
  const ownPenalty = opts.ownPenalty ?? DEFAULT_OWN_PENALTY;
  const fit = fitSignConstrained(Z, labels, specs, groups, l2, ownPenalty);
  const weights = fit.weights;
  const dropped = fit.dropped;
  const createdAt = new Date().toISOString();
  const version = opts.version ?? `m${createdAt.slice(0, 19).replace(/[-:T]/g, "")}`;
  const model: Model = {
    version,
    createdAt,
    horizonDays: horizon,
    intercept: fit.intercept,
    features: specs.map((s, j) => ({ name: s.name, mean: means[j]!, std: stds[j]!, weight: weights[j]! })),
    thresholds: { watch: { enter: 1, exit: 1 }, high: { enter: 1, exit: 1 }, critical: { enter: 1, exit: 1 } },
    ...(opts.description ? { description: opts.description } : {}),
  };
  const allScores = rows.filter((r) => r.as_of < trainEnd || r.as_of >= opts.validationFrom).map((r) => scoreRow(model, r).score);
  model.thresholds = thresholdsFromRates(
    allScores,
    opts.levelRates ?? DEFAULT_LEVEL_RATES,
    opts.exitRateFactor ?? DEFAULT_EXIT_RATE_FACTOR,
  );
  const trainScores = train.map((r) => scoreRow(model, r).score);
  const validScores = valid.map((r) => scoreRow(model, r).score);
  model.metrics = {
    training: {
      from: opts.from,
      to: opts.to,
      stepDays: opts.stepDays ?? 7,
      trainUntil: trainEnd,
      validationFrom: opts.validationFrom,
      horizonDays: horizon,
      labelHorizonDays: labelHorizon,
      l2,
      rows: train.length,
      positives: positives(train),
      iterations: fit.iterations,
      converged: fit.converged,
      droppedForSign: dropped,
      ...(groups.length ? { ownPenalty } : {}),
      sharedWeights: Object.fromEntries(
        groups.map((g) => [g.name, { weight: fit.shared[g.name]!, members: g.members.map((j) => specs[j]!.name) }]),
      ),
      sharedDroppedForSign: fit.droppedGroups,
      zeroWeight: specs.filter((_, j) => weights[j] === 0).map((s) => s.name),
      levelRates: opts.levelRates ?? DEFAULT_LEVEL_RATES,
      exitRateFactor: opts.exitRateFactor ?? DEFAULT_EXIT_RATE_FACTOR,
      ...(opts.provenance ?? {}),
    },
    train: splitMetrics(train, trainScores, model.thresholds, labelHorizon),
    validation: splitMetrics(valid, validScores, model.thresholds, labelHorizon),
  };
  return model;
}

/** Enter thresholds at the (1 − rate) quantiles of the scores; exits at the (1 − rate × factor) quantiles. */
export function thresholdsFromRates(
  scores: readonly number[],
  rates: { watch: number; high: number; critical: number },
  exitFactor: number,
): LevelThresholds {
  if (scores.length === 0) throw new BadInputError("no scores to choose thresholds from");
  const sorted = [...scores].sort((a, b) => a - b);
  const q = (rate: number) => quantileSorted(sorted, Math.min(1, Math.max(0, 1 - rate)));
  const band = (rate: number) => ({ enter: q(rate), exit: Math.min(q(rate), q(Math.min(1, rate * exitFactor))) });
  const t = { watch: band(rates.watch), high: band(rates.high), critical: band(rates.critical) };
  // Keep the bands ordered even with ties in the scores.
  t.high.enter = Math.max(t.high.enter, t.watch.enter);
  t.critical.enter = Math.max(t.critical.enter, t.high.enter);
  t.high.exit = Math.max(t.high.exit, t.watch.exit);
  t.critical.exit = Math.max(t.critical.exit, t.high.exit);
  return t;
}

/** AUC, log loss and precision / recall of rows at or above the high and critical enter thresholds. */
export function splitMetrics(
  rows: readonly LabelledRow[],
  scores: readonly number[],
  t: LevelThresholds,
  horizonDays: number,
): Record<string, unknown> {
  const labels = rows.map((r) => r.label);
  const pos = labels.reduce<number>((s, l) => s + l, 0);
  const at = (threshold: number) => {
    let tp = 0;
    let flagged = 0;
    const caught = new Set<string>();
    const all = new Set<string>();
    rows.forEach((r, i) => {
      if (r.label) all.add(`${r.enterprise_id}`);
      if (scores[i]! >= threshold) {
        flagged++;
        if (r.label) {
          tp++;
          caught.add(r.enterprise_id);
        }
      }
    });
    return {
      threshold,
      flaggedShare: rows.length ? flagged / rows.length : 0,
      precision: flagged ? tp / flagged : null,
      recall: pos ? tp / pos : null,
      enterprisesWithIncidentFlagged: all.size ? caught.size / all.size : null,
    };
  };
  return {
    rows: rows.length,
    positives: pos,
    baseRate: rows.length ? pos / rows.length : 0,
    auc: round(auc(scores, labels)),
    logLoss: round(logLoss(scores, labels)),
    horizonDays,
    high: roundAll(at(t.high.enter)),
    critical: roundAll(at(t.critical.enter)),
  };
}

function round(x: number, digits = 4): number | null {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : null;
}
function roundAll<T extends Record<string, number | null>>(o: T): T {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(o)) out[k] = v === null ? null : k === "threshold" ? Number(v.toPrecision(6)) : round(v);
  return out as T;
}

/**
 * Fits a new model version on the warehouse's history: features as of every `stepDays` from `from`
 * to `to` (capped so that every label's horizon is inside the data), labels from the incidents
 * table. Returns the model (not written: see saveModel).
 */
export async function fitModel(wh: Warehouse, opts: FitOptions): Promise<Model> {
  const horizon = opts.horizonDays ?? 60;
  const labelHorizon = opts.labelHorizonDays ?? horizon;
  const step = opts.stepDays ?? 7;
  for (const [k, v] of [
    ["from", opts.from],
    ["to", opts.to],
    ["validationFrom", opts.validationFrom],
  ] as const) {
    if (v !== undefined && !isDate(v)) throw new BadInputError(`${k} must be YYYY-MM-DD, got ${JSON.stringify(v)}`);
  }
  const last = await selectLastDataDay(wh);
  if (!last) throw new BadInputError("the warehouse holds no data to fit on");
  const cap = addDays(last, -Math.max(horizon, labelHorizon));
  const to = opts.to && opts.to < cap ? opts.to : cap;
  if (dayNumber(to) < dayNumber(opts.from))
    throw new BadInputError(
      `nothing to fit: ${opts.from} is after ${to} (last data day ${last} − horizon ${Math.max(horizon, labelHorizon)})`,
    );
  if (!(opts.validationFrom > opts.from && opts.validationFrom <= to)) {
    throw new BadInputError(`validationFrom ${opts.validationFrom} must lie within (${opts.from}, ${to}]`);
  }
  const dates = dateRange(opts.from, to, step);
  const started = Date.now();
  const rows = await labelledRows(wh, dates, labelHorizon);
  log.info({ dates: dates.length, rows: rows.length, ms: Date.now() - started }, "training rows computed");
  const model = fitOnRows(rows, { ...opts, to, horizonDays: horizon, stepDays: step });
  log.info({ version: model.version, ms: Date.now() - started }, "model fitted");
  return model;
}
