// Multi-seed evaluation: one backtest per unseen simulated province, pooled. A median lead time
// resting on the 7–17 incidents one seed catches moves by weeks between seeds, so the acceptance
// figures are pooled over every incident of every evaluation seed (same metric definitions as one
// backtest: sums of caught incidents, false alarms and area-months, all lead times together), with
// the per-seed figures, their min–max and a bootstrap interval that resamples whole seeds (the
// incidents of one province are not independent of each other).
import { median, quantile, sampleWithReplacement } from "simple-statistics";
import { BadInputError } from "@lrew/errors";
import { mulberry32 } from "@lrew/simulator";
import type { BacktestReport, MethodResult } from "./backtest.ts";

export interface SeedBacktest {
  seed: string;
  report: BacktestReport;
}

export interface SeedFigures {
  seed: string;
  incidents: number;
  caught: number;
  recall: number | null;
  falseAlarms: number;
  falseAlarmsPerAreaMonth: number;
  leadTimeMedian: number | null;
}

export type Interval = [number, number];

export interface PooledMethod {
  name: string;
  description: string;
  /** Diagnostic rows (threshold chosen on each evaluation seed) never decide the criterion. */
  diagnostic: boolean;
  incidents: number;
  caught: number;
  recall: number | null;
  alertsJudged: number;
  falseAlarms: number;
  areaMonths: number;
  falseAlarmsPerAreaMonth: number;
  alertPrecision: number | null;
  flaggedDays: number;
  flaggedShare: number;
  /** Every caught incident's lead time, all seeds, sorted. */
  leadTimes: number[];
  leadTimeMedian: number | null;
  leadTimeQuartiles: Interval | null;
  perSeed: SeedFigures[];
  /** Per-seed min–max. */
  range: { recall: Interval | null; falseAlarmsPerAreaMonth: Interval; leadTimeMedian: Interval | null };
  /** 95 % bootstrap intervals of the pooled figures, resampling seeds. */
  interval: { recall: Interval | null; falseAlarmsPerAreaMonth: Interval | null; leadTimeMedian: Interval | null };
}

export interface CriterionCheck {
  baseline: string;
  recallHigher: boolean;
  falseAlarmsNotHigher: boolean;
  leadTimeLonger: boolean;
  met: boolean;
  /** Share of seed-bootstrap resamples in which each part holds (how firm the verdict is). */
  support: { recallHigher: number; falseAlarmsNotHigher: number; leadTimeLonger: number; met: number };
}

/** The model against a baseline on the incidents both caught: the same incidents, so a like-for-like lead. */
export interface BothCaught {
  baseline: string;
  incidents: number;
  modelLeadMedian: number | null;
  baselineLeadMedian: number | null;
  /** Incidents the model flagged earlier than the baseline, as early, later. */
  modelEarlier: number;
  same: number;
  modelLater: number;
}

export interface PooledReport {
  generatedAt: string;
  seeds: string[];
  fitSeeds: string[];
  /** Seeds the model's levels were chosen on (never evaluated either). */
  selectionSeeds: string[];
  model: BacktestReport["model"];
  horizonDays: number;
  period: { from: string; to: string; days: number; judgedMonths: number };
  enterpriseDays: number;
  incidentsInPeriod: number;
  methods: PooledMethod[];
  criterion: CriterionCheck[];
  /** Beside the criterion, not instead of it: lead times on the incidents both the model and a baseline caught. */
  bothCaught: BothCaught[];
  bootstrap: { resamples: number; seed: number };
}

/** Pairs the caught incidents of the model and a baseline, seed by seed (an incident: enterprise, start day, k-th of that day). Pure. */
export function bothCaught(runs: readonly SeedBacktest[], baseline: string): BothCaught {
  const pairs: Array<[number, number]> = [];
  for (const { report } of runs) {
    const find = (n: string) => report.methods.find((m) => m.name === n)?.caughtIncidents ?? [];
    const keyed = (list: ReturnType<typeof find>) => {
      const seen = new Map<string, number>();
      return new Map(
        list.map((c) => {
          const base = `${c.enterpriseId}|${c.startedDay}`;
          const k = (seen.get(base) ?? 0) + 1;
          seen.set(base, k);
          return [`${base}|${k}`, c.leadDays] as const;
        }),
      );
    };
    const b = keyed(find(baseline));
    for (const [key, lead] of keyed(find("model"))) {
      const other = b.get(key);
      if (other !== undefined) pairs.push([lead, other]);
    }
  }
  return {
    baseline,
    incidents: pairs.length,
    modelLeadMedian: pairs.length ? median(pairs.map((p) => p[0])) : null,
    baselineLeadMedian: pairs.length ? median(pairs.map((p) => p[1])) : null,
    modelEarlier: pairs.filter(([m, b]) => m > b).length,
    same: pairs.filter(([m, b]) => m === b).length,
    modelLater: pairs.filter(([m, b]) => m < b).length,
  };
}

/** Deterministic uniform [0, 1) generator (mulberry32): the same reports give the same intervals. */
export const seededRandom = mulberry32;

interface Part {
  m: MethodResult;
  areaMonths: number;
  presentDays: number;
}

function methodsOf(r: BacktestReport): MethodResult[] {
  return [...r.methods, ...r.matched.map((x) => x.model)];
}

function totals(parts: readonly Part[]) {
  let incidents = 0;
  let caught = 0;
  let falseAlarms = 0;
  let areaMonths = 0;
  const leads: number[] = [];
  for (const p of parts) {
    incidents += p.m.incidents;
    caught += p.m.caught;
    falseAlarms += p.m.falseAlarms;
    areaMonths += p.areaMonths;
    for (const l of p.m.leadTimes) leads.push(l);
  }
  return {
    incidents,
    caught,
    falseAlarms,
    areaMonths,
    leads,
    recall: incidents ? caught / incidents : null,
    fa: areaMonths > 0 ? falseAlarms / areaMonths : 0,
    lead: leads.length ? median(leads) : null,
  };
}

const range = (xs: ReadonlyArray<number | null>): Interval | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? [Math.min(...v), Math.max(...v)] : null;
};
const ci = (xs: readonly number[]): Interval | null => (xs.length ? [quantile([...xs], 0.025), quantile([...xs], 0.975)] : null);

/** The criterion on pooled figures: recall higher, false alarms not higher, median lead longer. Pure. */
export function criterionParts(
  model: { recall: number | null; fa: number; lead: number | null },
  base: { recall: number | null; fa: number; lead: number | null },
): { recallHigher: boolean; falseAlarmsNotHigher: boolean; leadTimeLonger: boolean } {
  return {
    recallHigher: model.recall !== null && (base.recall === null || model.recall > base.recall),
    falseAlarmsNotHigher: model.fa <= base.fa + 1e-12,
    leadTimeLonger: model.lead !== null && (base.lead === null || model.lead > base.lead),
  };
}

/**
 * Pools backtests of several seeds (same model, same period, same horizon). Methods are matched by
 * name; the criterion compares the model at its own levels (set on the fit seeds) with each
 * baseline. Pure.
 */
export function poolBacktests(
  runs: readonly SeedBacktest[],
  opts: { fitSeeds?: readonly string[]; selectionSeeds?: readonly string[]; resamples?: number; bootstrapSeed?: number } = {},
): PooledReport {
  if (runs.length === 0) throw new BadInputError("no backtests to pool");
  const first = runs[0]!.report;
  const overlap = runs.map((r) => r.seed).filter((s) => (opts.fitSeeds ?? []).includes(s));
  if (overlap.length) throw new BadInputError(`evaluation seeds ${overlap.join(", ")} were also fit seeds`);
  const chosenOn = runs.map((r) => r.seed).filter((s) => (opts.selectionSeeds ?? []).includes(s));
  if (chosenOn.length) throw new BadInputError(`evaluation seeds ${chosenOn.join(", ")} were also selection seeds`);
  for (const r of runs) {
    if (r.report.model.version !== first.model.version || r.report.horizonDays !== first.horizonDays)
      throw new BadInputError(`seed ${r.seed}: backtest of another model or horizon`);
  }
  const resamples = opts.resamples ?? 2000;
  const bootstrapSeed = opts.bootstrapSeed ?? 20261201;
  const names = methodsOf(first).map((m) => m.name);
  const partsOf = (name: string): Part[] =>
    runs.map(({ seed, report }) => {
      const m = methodsOf(report).find((x) => x.name === name);
      if (!m) throw new BadInputError(`seed ${seed}: no method ${name}`);
      return {
        m,
        areaMonths: report.areas.length * report.period.judgedMonths,
        presentDays: m.flaggedShare > 0 ? m.flaggedDays / m.flaggedShare : report.enterpriseDays,
      };
    });
  const parts = new Map(names.map((n) => [n, partsOf(n)]));
  // One set of seed resamples shared by every method, so that comparisons are paired.
  const rand = seededRandom(bootstrapSeed);
  const idx = runs.map((_, i) => i);
  const draws = Array.from({ length: resamples }, () => sampleWithReplacement(idx, idx.length, rand));
  const boot = new Map(names.map((n) => [n, draws.map((d) => totals(d.map((i) => parts.get(n)![i]!)))]));

  const methods: PooledMethod[] = names.map((name) => {
    const ps = parts.get(name)!;
    const t = totals(ps);
    const flaggedDays = ps.reduce((s, p) => s + p.m.flaggedDays, 0);
    const presentDays = ps.reduce((s, p) => s + p.presentDays, 0);
    const alertsJudged = ps.reduce((s, p) => s + p.m.alertsJudged, 0);
    const sorted = [...t.leads].sort((a, b) => a - b);
    const b = boot.get(name)!;
    const perSeed: SeedFigures[] = ps.map((p, i) => ({
      seed: runs[i]!.seed,
      incidents: p.m.incidents,
      caught: p.m.caught,
      recall: p.m.recall,
      falseAlarms: p.m.falseAlarms,
      falseAlarmsPerAreaMonth: p.m.falseAlarmsPerAreaMonth,
      leadTimeMedian: p.m.leadTimeMedian,
    }));
    return {
      name,
      description: ps[0]!.m.description,
      diagnostic: name.startsWith("model_matched_"),
      incidents: t.incidents,
      caught: t.caught,
      recall: t.recall,
      alertsJudged,
      falseAlarms: t.falseAlarms,
      areaMonths: t.areaMonths,
      falseAlarmsPerAreaMonth: t.fa,
      alertPrecision: alertsJudged ? (alertsJudged - t.falseAlarms) / alertsJudged : null,
      flaggedDays,
      flaggedShare: presentDays ? flaggedDays / presentDays : 0,
      leadTimes: sorted,
      leadTimeMedian: t.lead,
      leadTimeQuartiles: sorted.length ? [quantile(sorted, 0.25), quantile(sorted, 0.75)] : null,
      perSeed,
      range: {
        recall: range(perSeed.map((s) => s.recall)),
        falseAlarmsPerAreaMonth: range(perSeed.map((s) => s.falseAlarmsPerAreaMonth)) ?? [0, 0],
        leadTimeMedian: range(perSeed.map((s) => s.leadTimeMedian)),
      },
      interval: {
        recall: ci(b.map((x) => x.recall).filter((x): x is number => x !== null)),
        falseAlarmsPerAreaMonth: ci(b.map((x) => x.fa)),
        leadTimeMedian: ci(b.map((x) => x.lead).filter((x): x is number => x !== null)),
      },
    };
  });

  const criterion: CriterionCheck[] = ["insurance_rule", "grievance_rule"]
    .filter((n) => parts.has(n) && parts.has("model"))
    .map((baseline) => {
      const m = totals(parts.get("model")!);
      const bl = totals(parts.get(baseline)!);
      const c = criterionParts(m, bl);
      const bm = boot.get("model")!;
      const bb = boot.get(baseline)!;
      const share = { recallHigher: 0, falseAlarmsNotHigher: 0, leadTimeLonger: 0, met: 0 };
      for (let i = 0; i < resamples; i++) {
        const x = criterionParts(bm[i]!, bb[i]!);
        share.recallHigher += x.recallHigher ? 1 : 0;
        share.falseAlarmsNotHigher += x.falseAlarmsNotHigher ? 1 : 0;
        share.leadTimeLonger += x.leadTimeLonger ? 1 : 0;
        share.met += x.recallHigher && x.falseAlarmsNotHigher && x.leadTimeLonger ? 1 : 0;
      }
      const support = {
        recallHigher: share.recallHigher / resamples,
        falseAlarmsNotHigher: share.falseAlarmsNotHigher / resamples,
        leadTimeLonger: share.leadTimeLonger / resamples,
        met: share.met / resamples,
      };
      return { baseline, ...c, met: c.recallHigher && c.falseAlarmsNotHigher && c.leadTimeLonger, support };
    });

  return {
    generatedAt: new Date().toISOString(),
    seeds: runs.map((r) => r.seed),
    fitSeeds: [...(opts.fitSeeds ?? [])],
    selectionSeeds: [...(opts.selectionSeeds ?? [])],
    model: first.model,
    horizonDays: first.horizonDays,
    period: { from: first.period.from, to: first.period.to, days: first.period.days, judgedMonths: first.period.judgedMonths },
    enterpriseDays: runs.reduce((s, r) => s + r.report.enterpriseDays, 0),
    incidentsInPeriod: runs.reduce((s, r) => s + r.report.incidentsInPeriod, 0),
    methods,
    criterion,
    bothCaught: ["insurance_rule", "grievance_rule"].filter((n) => parts.has(n) && parts.has("model")).map((n) => bothCaught(runs, n)),
    bootstrap: { resamples, seed: bootstrapSeed },
  };
}

/**
 * `--seeds`: a comma-separated list ("B,C,D"), or a count n meaning the first n letters after A that
 * are not in `seen` (the seeds a model was fitted or chosen on): "3" → B, C, D; with B…I seen, J, K, L. Pure.
 */
export function parseSeeds(spec: string, seen: readonly string[] = []): string[] {
  const s = spec.trim();
  if (/^\d+$/.test(s)) {
    const letters = Array.from({ length: 25 }, (_, i) => String.fromCharCode(66 + i)).filter((l) => !seen.includes(l));
    const n = Number(s);
    if (n < 1 || n > letters.length) throw new BadInputError(`--seeds: a count from 1 to ${letters.length}, got ${s}`);
    return letters.slice(0, n);
  }
  const list = s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  if (list.length === 0) throw new BadInputError("--seeds: no seed given");
  if (new Set(list).size !== list.length) throw new BadInputError(`--seeds: a seed is repeated in ${s}`);
  return list;
}

export interface OperatingPointVerdict {
  /** False alarms within the budget (a share of the insurance rule's, default all of them), flagged enterprise-days at or below the rule's, recall above both baselines. */
  admissible: boolean;
  /** Share of seed resamples in which the whole criterion holds against both baselines (the smaller of the two). */
  support: number;
  /** Model's pooled median lead minus the longer of the baselines' (days). */
  leadMargin: number;
  /** Compared lexicographically: admissible first, then the support, the lead margin, the recall. */
  key: number[];
}

/**
 * How an operating point does on the seeds it is chosen on (the fit seeds' last year, selection
 * seeds), for choosing one without looking at the evaluation seeds. Flagged enterprise-days are
 * capped at the insurance rule's too, so that a longer lead is not bought by flagging more of the
 * province than the rule does. Among admissible points the most robust wins: the one whose
 * criterion holds in most seed resamples, not the one with the largest margin, which on a few
 * hundred incidents is mostly the luckiest. Pure.
 */
export function operatingPointVerdict(sel: PooledReport, falseAlarmBudget = 1): OperatingPointVerdict {
  const get = (n: string) => {
    const m = sel.methods.find((x) => x.name === n);
    if (!m) throw new BadInputError(`no method ${n} in the report`);
    return m;
  };
  const [mo, ins, gr] = [get("model"), get("insurance_rule"), get("grievance_rule")];
  const admissible =
    mo.falseAlarmsPerAreaMonth <= falseAlarmBudget * ins.falseAlarmsPerAreaMonth &&
    mo.flaggedShare <= ins.flaggedShare &&
    (mo.recall ?? 0) > Math.max(ins.recall ?? 0, gr.recall ?? 0);
  const support = Math.min(1, ...sel.criterion.map((c) => c.support.met));
  const leadMargin = (mo.leadTimeMedian ?? 0) - Math.max(ins.leadTimeMedian ?? 0, gr.leadTimeMedian ?? 0);
  const recall = mo.recall ?? 0;
  return { admissible, support, leadMargin, key: admissible ? [1, support, leadMargin, recall] : [0, recall, 0, 0] };
}

/** True when key a beats key b (lexicographic; ties keep b). Pure. */
export function keyBeats(a: readonly number[], b: readonly number[] | undefined): boolean {
  if (!b) return true;
  const i = a.findIndex((k, j) => k !== b[j]);
  return i >= 0 && a[i]! > b[i]!;
}
