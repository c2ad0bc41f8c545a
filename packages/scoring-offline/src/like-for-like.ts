// Every method judged like for like: its daily scores go through the product's alert decision
// (alert-policy.ts) and only the immediate e-mails that come out are judged, at one horizon (60 days):
//   - an e-mail is true when an incident starts at that enterprise within the horizon after it;
//   - an incident is caught when an e-mail was sent for its enterprise within the horizon before it;
//     its lead is the incident's start minus the first such e-mail (at most the horizon);
//   - false e-mails per area per month, and beside them the open load: enterprise-days at high or critical.
// Each method's operating point (high's entry score) is chosen on selection seeds only, at an e-mail
// budget (false e-mails per area per month); the evaluation seeds judge it. Pure.
import { median, quantile } from "simple-statistics";
import { dayNumber } from "@lrew/contracts";
import type { LevelThresholds } from "@lrew/risk";
import type { TruthRecord } from "@lrew/simulator";
import type { IncidentStart } from "@lrew/warehouse";
import {
  CRITICAL_RATIO,
  DEFAULT_CAPACITY,
  EXIT_RATIO,
  policyThresholds,
  runAlertPolicy,
  type PolicyEnterprise,
  type PolicyOptions,
  type PolicyRun,
} from "./alert-policy.ts";
import type { BacktestSeries } from "./backtest.ts";

export const METHODS = ["model", "insurance_rule", "grievance_rule", "oracle"] as const;
export type MethodName = (typeof METHODS)[number];

export const METHOD_LABELS: Record<MethodName, string> = {
  model: "lrew model",
  insurance_rule: "insurance rule (months of arrears)",
  grievance_rule: "grievance rule (grievances in 30 days)",
  oracle: "oracle (the simulator's own hazard)",
};

/** The horizon every method is judged at. */
export const HORIZON_DAYS = 60;
/** Days per month, for rates per month. */
const MONTH = 30.4375;

/** A count rule's value mapped to 0..1, increasing: x / (x + 1) (3 months → 0.75). Pure. */
export function ruleScore(x: number): number {
  return x > 0 ? x / (x + 1) : 0;
}

/** The oracle's score: the chance of an incident within `days` if the month's hazard held. Pure. */
export function oracleScore(monthlyHazard: number, days = HORIZON_DAYS): number {
  return 1 - Math.exp((-monthlyHazard * days) / MONTH);
}

export interface MethodEnterprise {
  id: string;
  area: string;
  present: Uint8Array;
  scores: Partial<Record<MethodName, Float32Array>>;
  /** The model's largest signal contribution per day (the rules and the oracle have no split). */
  signal?: Float32Array;
  workforce?: Float32Array;
  daysSinceEvent?: Float32Array;
}

/** One province's daily scores per method and its incidents: everything the judging needs. */
export interface SeedMethods {
  seed: string;
  dates: string[];
  enterprises: MethodEnterprise[];
  /** Incident start days (index into dates; may lie beyond the period) by enterprise id. */
  incidents: Map<string, number[]>;
}

/** Monthly hazards from the simulator's truth, by `enterprise|YYYY-MM`. Pure. */
export function hazardsOf(truth: readonly TruthRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of truth) if (t.type === "state" && typeof t.hazard === "number") out.set(`${t.enterprise_id}|${t.month}`, t.hazard);
  return out;
}

/**
 * Each method's scores over a replayed period: the model's, the two rules' counts mapped by
 * `ruleScore`, and with the simulator's truth the oracle's. Pure.
 */
export function seedMethods(
  seed: string,
  replay: BacktestSeries,
  incidentRows: readonly IncidentStart[],
  truth?: readonly TruthRecord[],
): SeedMethods {
  const day0 = dayNumber(replay.from);
  const n = replay.dates.length;
  const hazards = truth ? hazardsOf(truth) : undefined;
  const months = replay.dates.map((d) => d.slice(0, 7));
  const enterprises = replay.series.map((s): MethodEnterprise => {
    const insurance = new Float32Array(n);
    const grievance = new Float32Array(n);
    const oracle = hazards ? new Float32Array(n) : undefined;
    for (let d = 0; d < n; d++) {
      if (!s.present[d]) continue;
      insurance[d] = ruleScore(s.insMonths[d]!);
      grievance[d] = ruleScore(s.g30[d]!);
      if (oracle) oracle[d] = oracleScore(hazards!.get(`${s.id}|${months[d]}`) ?? 0);
    }
    return {
      id: s.id,
      area: s.area,
      present: s.present,
      ...(s.signal ? { signal: s.signal } : {}),
      ...(s.workforce ? { workforce: s.workforce } : {}),
      ...(s.daysSinceEvent ? { daysSinceEvent: s.daysSinceEvent } : {}),
      scores: { model: s.score, insurance_rule: insurance, grievance_rule: grievance, ...(oracle ? { oracle } : {}) },
    };
  });
  const incidents = new Map<string, number[]>();
  for (const i of incidentRows) {
    const x = dayNumber(i.started_day) - day0;
    const list = incidents.get(i.enterprise_id) ?? [];
    for (let k = 0; k < i.incidents; k++) list.push(x);
    incidents.set(i.enterprise_id, list);
  }
  return { seed, dates: replay.dates, enterprises, incidents };
}

/** What one method's e-mails did on one or more provinces: sums, so seeds pool by adding. */
export interface EmailCounts {
  emails: number;
  /** E-mails sent at least one horizon before the period's end (their outcome is known). */
  emailsJudged: number;
  trueEmails: number;
  falseEmails: number;
  falseByArea: Record<string, number>;
  incidents: number;
  caught: number;
  /** Per caught incident: its start minus the first e-mail within the horizon before it. */
  leads: number[];
  /** Per caught incident: its start minus the first day of the unbroken high / critical spell that e-mail belonged to (may exceed the horizon). */
  earliest: number[];
  flaggedDays: number;
  presentDays: number;
  /** Area-months over which e-mails are judged, and over the whole period. */
  judgedAreaMonths: number;
  periodAreaMonths: number;
  /** Months judged per area (the same areas in every seed of one province). */
  judgedMonths: number;
  /** The largest open (high + critical) count of any area on any day (a maximum, not a sum). */
  maxOpenPerArea: number;
}

export function emptyCounts(): EmailCounts {
  return {
    emails: 0,
    emailsJudged: 0,
    trueEmails: 0,
    falseEmails: 0,
    falseByArea: {},
    incidents: 0,
    caught: 0,
    leads: [],
    earliest: [],
    flaggedDays: 0,
    presentDays: 0,
    judgedAreaMonths: 0,
    periodAreaMonths: 0,
    judgedMonths: 0,
    maxOpenPerArea: 0,
  };
}

export function addCounts(a: EmailCounts, b: EmailCounts): EmailCounts {
  const falseByArea = { ...a.falseByArea };
  for (const [k, v] of Object.entries(b.falseByArea)) falseByArea[k] = (falseByArea[k] ?? 0) + v;
  return {
    emails: a.emails + b.emails,
    emailsJudged: a.emailsJudged + b.emailsJudged,
    trueEmails: a.trueEmails + b.trueEmails,
    falseEmails: a.falseEmails + b.falseEmails,
    falseByArea,
    incidents: a.incidents + b.incidents,
    caught: a.caught + b.caught,
    leads: [...a.leads, ...b.leads],
    earliest: [...a.earliest, ...b.earliest],
    flaggedDays: a.flaggedDays + b.flaggedDays,
    presentDays: a.presentDays + b.presentDays,
    judgedAreaMonths: a.judgedAreaMonths + b.judgedAreaMonths,
    periodAreaMonths: a.periodAreaMonths + b.periodAreaMonths,
    judgedMonths: a.judgedMonths + b.judgedMonths,
    maxOpenPerArea: Math.max(a.maxOpenPerArea, b.maxOpenPerArea),
  };
}

/**
 * Judges a policy run's e-mails against the incidents (definitions at the top of this file). `areas`:
 * every area of the province, also those without an e-mail. Pure.
 */
export function judgeEmails(
  run: PolicyRun,
  enterprises: ReadonlyArray<{ id: string; area: string; present: ArrayLike<number> }>,
  incidents: ReadonlyMap<string, readonly number[]>,
  nDays: number,
  horizon = HORIZON_DAYS,
): EmailCounts {
  const c = emptyCounts();
  c.maxOpenPerArea = run.maxOpenPerArea;
  const judgedEnd = nDays - 1 - horizon;
  const areas = [...new Set(enterprises.map((e) => e.area))];
  for (const a of areas) c.falseByArea[a] = 0;
  c.judgedMonths = Math.max(0, judgedEnd + 1) / MONTH;
  c.judgedAreaMonths = areas.length * c.judgedMonths;
  c.periodAreaMonths = (areas.length * nDays) / MONTH;
  const emailDays: number[][] = enterprises.map(() => []);
  for (const m of run.emails) emailDays[m.enterprise]!.push(m.day);
  enterprises.forEach((e, k) => {
    const flags = run.flagged[k]!;
    for (let d = 0; d < nDays; d++) {
      if (e.present[d]) c.presentDays++;
      if (flags[d]) c.flaggedDays++;
    }
    const inc = incidents.get(e.id) ?? [];
    const days = emailDays[k]!.sort((a, b) => a - b);
    for (const d of days) {
      c.emails++;
      if (d > judgedEnd) continue;
      c.emailsJudged++;
      if (inc.some((x) => x > d && x <= d + horizon)) c.trueEmails++;
      else {
        c.falseEmails++;
        c.falseByArea[e.area] = (c.falseByArea[e.area] ?? 0) + 1;
      }
    }
    for (const x of inc) {
      if (x < 1 || x >= nDays) continue;
      c.incidents++;
      const first = days.find((d) => d >= x - horizon && d < x);
      if (first === undefined) continue;
      c.caught++;
      c.leads.push(x - first);
      let start = first;
      while (start > 0 && flags[start - 1]) start--;
      c.earliest.push(x - start);
    }
  });
  // Incidents at enterprises never scored are missed.
  const known = new Set(enterprises.map((e) => e.id));
  for (const [id, xs] of incidents) if (!known.has(id)) c.incidents += xs.filter((x) => x >= 1 && x < nDays).length;
  return c;
}

/** The figures of a method at one operating point, from its counts. */
export interface MethodFigures {
  threshold: number;
  emails: number;
  emailsPerAreaMonth: number;
  falseEmails: number;
  falsePerAreaMonth: number;
  /** The worst area's false e-mails per month. */
  falsePerAreaMonthMax: number;
  /** Judged e-mails followed by an incident within the horizon. */
  precision: number | null;
  incidents: number;
  caught: number;
  recall: number | null;
  leadMedian: number | null;
  leadQuartiles: [number, number] | null;
  /** Not the headline: from the first day of the open high / critical spell, which may precede the horizon. */
  earliestWarningMedian: number | null;
  /** Share of scored enterprise-days open at high or critical (the load a union carries). */
  flaggedShare: number;
  flaggedDays: number;
  /** The largest open (high + critical) count of any area on any day: never above its follow-up capacity. */
  maxOpenPerArea: number;
}

export function figuresOf(c: EmailCounts, threshold: number): MethodFigures {
  const sorted = [...c.leads].sort((a, b) => a - b);
  const worst = Math.max(0, ...Object.values(c.falseByArea));
  // Every seed has the same areas: an area's months are the total judged months over the seeds.
  return {
    threshold,
    emails: c.emails,
    emailsPerAreaMonth: c.periodAreaMonths > 0 ? c.emails / c.periodAreaMonths : 0,
    falseEmails: c.falseEmails,
    falsePerAreaMonth: c.judgedAreaMonths > 0 ? c.falseEmails / c.judgedAreaMonths : 0,
    falsePerAreaMonthMax: c.judgedMonths > 0 ? worst / c.judgedMonths : 0,
    precision: c.emailsJudged ? c.trueEmails / c.emailsJudged : null,
    incidents: c.incidents,
    caught: c.caught,
    recall: c.incidents ? c.caught / c.incidents : null,
    leadMedian: sorted.length ? median(sorted) : null,
    leadQuartiles: sorted.length ? [quantile(sorted, 0.25), quantile(sorted, 0.75)] : null,
    earliestWarningMedian: c.earliest.length ? median(c.earliest) : null,
    flaggedShare: c.presentDays ? c.flaggedDays / c.presentDays : 0,
    flaggedDays: c.flaggedDays,
    maxOpenPerArea: c.maxOpenPerArea,
  };
}

/** The decision every method goes through (injectable so a test can watch it; never replaced otherwise). */
export type Policy = (
  enterprises: readonly PolicyEnterprise[],
  dates: readonly string[],
  t: LevelThresholds,
  opts?: PolicyOptions,
) => PolicyRun;

/** One method on one province at one operating point: its scores → the policy → the e-mails judged. Pure. */
export function judgeMethod(
  seed: SeedMethods,
  method: MethodName,
  highEnter: number,
  policy: Policy = runAlertPolicy,
  policyOptions: PolicyOptions = {},
): EmailCounts {
  const input: PolicyEnterprise[] = seed.enterprises.map((e) => ({
    id: e.id,
    area: e.area,
    present: e.present,
    score: e.scores[method] ?? new Float32Array(seed.dates.length),
    ...(method === "model" && e.signal ? { signal: e.signal } : {}),
    ...(e.workforce ? { workforce: e.workforce } : {}),
    ...(e.daysSinceEvent ? { daysSinceEvent: e.daysSinceEvent } : {}),
  }));
  const run = policy(input, seed.dates, policyThresholds(highEnter), policyOptions);
  return judgeEmails(run, input, seed.incidents, seed.dates.length);
}

/** Pooled over provinces. */
export function judgeMethodPooled(
  seeds: readonly SeedMethods[],
  method: MethodName,
  highEnter: number,
  policy?: Policy,
  policyOptions?: PolicyOptions,
): EmailCounts {
  return seeds.map((s) => judgeMethod(s, method, highEnter, policy, policyOptions)).reduce(addCounts, emptyCounts());
}

/**
 * Candidate entry scores of a method: the scores at which the top 0.05 % … 40 % of its scored
 * enterprise-days would be at or above entry (log-spaced), distinct, highest first. Pure.
 */
export function candidateThresholds(seeds: readonly SeedMethods[], method: MethodName, points = 30): number[] {
  const values: number[] = [];
  for (const s of seeds)
    for (const e of s.enterprises) {
      const sc = e.scores[method];
      if (!sc) continue;
      for (let d = 0; d < sc.length; d++) if (e.present[d]) values.push(sc[d]!);
    }
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort().reverse();
  const out = new Set<number>();
  for (let i = 0; i < points; i++) {
    const share = 0.0005 * 800 ** (i / Math.max(1, points - 1));
    const t = sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
    if (t > 0) out.add(t);
  }
  return [...out].sort((a, b) => b - a);
}

export interface CurvePoint {
  threshold: number;
  emailsPerAreaMonth: number;
  falsePerAreaMonth: number;
  recall: number;
  flaggedShare: number;
  leadMedian: number | null;
}

export interface SweepPoint {
  threshold: number;
  counts: EmailCounts;
}

export function sweep(
  seeds: readonly SeedMethods[],
  method: MethodName,
  thresholds: readonly number[],
  policy?: Policy,
  policyOptions?: PolicyOptions,
): SweepPoint[] {
  return thresholds.map((t) => ({ threshold: t, counts: judgeMethodPooled(seeds, method, t, policy, policyOptions) }));
}

export function curveOf(points: readonly SweepPoint[]): CurvePoint[] {
  return points
    .map((p) => {
      const f = figuresOf(p.counts, p.threshold);
      return {
        threshold: p.threshold,
        emailsPerAreaMonth: f.emailsPerAreaMonth,
        falsePerAreaMonth: f.falsePerAreaMonth,
        recall: f.recall ?? 0,
        flaggedShare: f.flaggedShare,
        leadMedian: f.leadMedian,
      };
    })
    .sort((a, b) => a.emailsPerAreaMonth - b.emailsPerAreaMonth);
}

/**
 * The operating point for a budget of false e-mails per area per month: the highest recall within
 * it (ties: fewer e-mails); none within it → the fewest false e-mails. Pure.
 */
export function chooseAtBudget(points: readonly SweepPoint[], budget: number): SweepPoint | undefined {
  const scored = points.map((p) => ({ p, f: figuresOf(p.counts, p.threshold) }));
  const within = scored.filter((x) => x.f.falsePerAreaMonth <= budget + 1e-12);
  if (within.length === 0) return scored.sort((a, b) => a.f.falsePerAreaMonth - b.f.falsePerAreaMonth)[0]?.p;
  within.sort((a, b) => (b.f.recall ?? 0) - (a.f.recall ?? 0) || a.f.emails - b.f.emails);
  return within[0]!.p;
}

export interface MethodComparison {
  method: MethodName;
  label: string;
  /** High's entry score (0..1), chosen on the selection seeds (or, without them, on the evaluation seeds: in-sample). */
  threshold: number;
  selection: MethodFigures | null;
  evaluation: MethodFigures;
  /** Recall against e-mails per area per month on the evaluation seeds, over the method's own thresholds. */
  curve: CurvePoint[];
  /** Diagnostic: the best point within the budget on the evaluation seeds themselves (in-sample). */
  bestWithinBudgetOnEvaluation: MethodFigures | null;
}

export interface LikeForLikeReport {
  horizonDays: number;
  /** False e-mails per area per month at which every method's operating point is chosen. */
  budget: number;
  selectionSeeds: string[];
  evaluationSeeds: string[];
  /** True when no selection seeds were given and thresholds were chosen on the evaluation data. */
  inSample: boolean;
  methods: MethodComparison[];
  /** The insurance rule exactly as defined (3 or more months), through the same policy. */
  insuranceRuleAsDefined: MethodFigures;
  /** The model's recall as a share of the oracle's (evaluation seeds), when the oracle is there. */
  modelShareOfOracle: number | null;
  policy: { exitRatio: number; criticalRatio: number; capacity: string; description: string };
}

export interface LikeForLikeOptions {
  budget?: number;
  curvePoints?: number;
  policy?: Policy;
  /** Follow-up capacity per area (default: DEFAULT_CAPACITY). */
  capacityOf?: (area: string) => number;
}

/** Every method through the one policy, chosen on `selection`, judged on `evaluation`. Pure. */
export function likeForLike(
  selection: readonly SeedMethods[],
  evaluation: readonly SeedMethods[],
  opts: LikeForLikeOptions = {},
): LikeForLikeReport {
  const budget = opts.budget ?? 1;
  const po: PolicyOptions = opts.capacityOf ? { capacityOf: opts.capacityOf } : {};
  const inSample = selection.length === 0;
  const chooseOn = inSample ? evaluation : selection;
  const hasOracle =
    evaluation.every((s) => s.enterprises.some((e) => e.scores.oracle)) &&
    chooseOn.every((s) => s.enterprises.some((e) => e.scores.oracle));
  const methods = METHODS.filter((m) => m !== "oracle" || hasOracle);
  const comparisons: MethodComparison[] = methods.map((method) => {
    const candidates = candidateThresholds([...chooseOn, ...evaluation], method, opts.curvePoints ?? 30);
    const selSweep = sweep(chooseOn, method, candidates, opts.policy, po);
    const chosen = chooseAtBudget(selSweep, budget);
    const threshold = chosen?.threshold ?? 1;
    const evalSweep = inSample ? selSweep : sweep(evaluation, method, candidates, opts.policy, po);
    const atChosen = evalSweep.find((p) => p.threshold === threshold);
    const evalCounts = atChosen?.counts ?? judgeMethodPooled(evaluation, method, threshold, opts.policy, po);
    const best = chooseAtBudget(evalSweep, budget);
    return {
      method,
      label: METHOD_LABELS[method],
      threshold,
      selection: inSample || !chosen ? null : figuresOf(chosen.counts, threshold),
      evaluation: figuresOf(evalCounts, threshold),
      curve: curveOf(evalSweep),
      bestWithinBudgetOnEvaluation: best ? figuresOf(best.counts, best.threshold) : null,
    };
  });
  const rule = Math.fround(ruleScore(3));
  const model = comparisons.find((c) => c.method === "model")?.evaluation.recall;
  const oracle = comparisons.find((c) => c.method === "oracle")?.evaluation.recall;
  return {
    horizonDays: HORIZON_DAYS,
    budget,
    selectionSeeds: selection.map((s) => s.seed),
    evaluationSeeds: evaluation.map((s) => s.seed),
    inSample,
    methods: comparisons,
    insuranceRuleAsDefined: figuresOf(judgeMethodPooled(evaluation, "insurance_rule", rule, opts.policy, po), rule),
    modelShareOfOracle: model != null && oracle ? model / oracle : null,
    policy: {
      exitRatio: EXIT_RATIO,
      criticalRatio: CRITICAL_RATIO,
      capacity: opts.capacityOf ? "per area, as configured" : `${DEFAULT_CAPACITY} per area`,
      description: `the product's alert policy (@lrew/risk policy.ts): levels with hysteresis (high entered at the method's threshold, left below ${EXIT_RATIO} × it; critical entered at ${CRITICAL_RATIO} × it), each area's open high + critical enterprises held within ${opts.capacityOf ? "its configured follow-up capacity" : `a follow-up capacity of ${DEFAULT_CAPACITY}`} (ranked entry), closed enterprises leaving, a 30-day cooldown, the material rise, and no e-mail on structure alone (the model's reasons; the rules and the oracle have no structure part)`,
    },
  };
}
