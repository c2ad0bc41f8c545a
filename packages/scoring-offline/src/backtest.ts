// Backtest: replays daily scoring over a period with point-in-time features (each day sees only
// what was reported by its end), applies the levels with hysteresis day after day, and measures the
// high / critical flags against the incidents recorded in the warehouse, next to two baselines:
//   - the insurance rule of the Chinese wage-arrears platforms: 3 or more months of insurance arrears;
//   - grievance counts alone: k or more new grievances in 30 days (k matched to the model's flag volume).
import { median, quantile } from "simple-statistics";
import { addDays, dateRange, dayNumber, isDate } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { isFlagged, nextLevel, signalStrength, type Level, type LevelThresholds } from "@lrew/risk";
import { scoreRow, type Model } from "@lrew/scoring";
import type { TruthRecord } from "@lrew/simulator";
import { createLogger } from "@lrew/telemetry";
import {
  selectEventDaysByArrival,
  selectIncidentStarts,
  selectInterventionDays,
  type EventArrival,
  type IncidentStart,
  type Warehouse,
} from "@lrew/warehouse";
import { featureBatches } from "./dataset.ts";

const log = createLogger("scoring.backtest");

export interface BacktestOptions {
  from: string;
  to: string;
  /** Default: the model's horizon. */
  horizonDays?: number;
  /** Simulator ground truth: adds hidden-state figures and recall over unreported incidents. */
  truth?: readonly TruthRecord[];
  /** Insurance rule: months of arrears (default 3). */
  insuranceMonths?: number;
  /** Grievance rule: grievances in 30 days; default: the smallest k whose flag volume is at most the model's. */
  grievanceK?: number;
  enterpriseIds?: readonly string[];
  /** Points of the precision–recall curve (default 40). */
  curvePoints?: number;
  /** The matched-threshold diagnostics and the precision–recall curve (default true); off when only the verdict is needed. */
  diagnostics?: boolean;
  /**
   * The union unit an alert starting on `day` (YYYY-MM-DD) would be sent to: false alarms are then also
   * counted per receiving unit (the 2021 district federations before 1 July 2025, the commune unions
   * after), beside the per-area figures, which stay as they were. From @lrew/reference's responsibleUnit.
   */
  receivingUnit?: (enterpriseId: string, area: string, day: string) => string;
  /**
   * The days union offices intervened at an enterprise (case actions but acknowledgements and
   * outcomes; backtest() reads them from case_actions). When any are given, each method also counts
   * the alerts followed by an intervention and no incident, and the incidents that followed an
   * intervention; the headline figures (false alarms, precision, recall) stay as they are.
   */
  interventions?: ReadonlyArray<{ enterprise_id: string; day: string }>;
}

export interface MethodResult {
  name: string;
  description: string;
  /** Share of scored enterprise-days flagged. */
  flaggedShare: number;
  flaggedDays: number;
  /** Alerts: runs of consecutive flagged days per enterprise. */
  alerts: number;
  /** Alerts judged (started at least one horizon before the end of the period). */
  alertsJudged: number;
  /** Judged alerts with no incident at the enterprise while flagged or within the horizon after. */
  falseAlarms: number;
  falseAlarmsPerAreaMonth: number;
  /** The worst area's false alarms per month. */
  falseAlarmsPerAreaMonthMax: number;
  /** Judged alerts followed by an incident. */
  alertPrecision: number | null;
  /** Flagged enterprise-days followed by an incident within the horizon. */
  dayPrecision: number | null;
  incidents: number;
  caught: number;
  /** Incidents with a flag on some day within the horizon before them. */
  recall: number | null;
  /** Days from the first flag (start of the alert that covered the horizon before the incident) to the incident. */
  leadTimes: number[];
  /** The caught incidents with their lead times, to compare methods incident by incident (absent in older reports). */
  caughtIncidents?: CaughtIncident[];
  leadTimeMedian: number | null;
  leadTimeQuartiles: [number, number] | null;
  /** Days from the first flagged day within the horizon before the incident (at most the horizon). */
  leadTimeWithinHorizonMedian: number | null;
  falseAlarmsByArea: Record<string, number>;
  /** With receivingUnit: judged false alarms (counts over the judged period) per unit they would be sent to. */
  falseAlarmsByReceivingUnit?: Record<string, number>;
  /**
   * With interventions: judged alerts with an intervention at the enterprise from the alert's first day
   * to the end of its window (last flagged day + horizon) and no incident — a category of their own,
   * still counted among `falseAlarms` (the headline definition is unchanged).
   */
  alertsInterventionNoIncident?: number;
  /** With interventions: incidents in the period with an intervention at the enterprise in the horizon before them (counted in `incidents` as ever). */
  incidentsAfterIntervention?: number;
  /** With simulator truth: share of flagged enterprise-days by hidden state. */
  flaggedByState?: Record<string, number>;
  /** With simulator truth: recall over every incident, reported or not. */
  recallAllIncidents?: number | null;
  threshold?: { enter: number; exit: number };
}

export interface CaughtIncident {
  enterpriseId: string;
  /** Day the incident started (YYYY-MM-DD). */
  startedDay: string;
  leadDays: number;
}

export interface CurvePoint {
  threshold: number;
  recall: number;
  dayPrecision: number;
  flaggedShare: number;
}

export interface BacktestReport {
  generatedAt: string;
  period: { from: string; to: string; days: number; judgedUntil: string; judgedMonths: number };
  horizonDays: number;
  model: { version: string; thresholds: LevelThresholds; createdAt: string };
  enterprises: number;
  enterpriseDays: number;
  areas: string[];
  incidentsInPeriod: number;
  grievanceK: number;
  insuranceMonths: number;
  methods: MethodResult[];
  /** The model with its high threshold moved so that its false alarms do not exceed each baseline's. */
  matched: Array<{ baseline: string; model: MethodResult }>;
  prCurve: CurvePoint[];
  truth?: { incidents: number; unreported: number };
  timings: { featuresMs: number; totalMs: number };
}

interface EnterpriseSeries {
  id: string;
  area: string;
  present: Uint8Array;
  score: Float32Array;
  insMonths: Float32Array;
  g30: Float32Array;
  /** The largest signal contribution (signalStrength): the alert policy's "not on structure alone" (replaySeries fills it). */
  signal?: Float32Array;
  workforce?: Float32Array;
  /** Days since the last event lrew had by each day (+Infinity before any): the alert policy's `silent`. */
  daysSinceEvent?: Float32Array;
}

/** Runs of consecutive 1s: [start, end] inclusive. Pure. */
export function runsOf(flags: ArrayLike<number>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= flags.length; i++) {
    const on = i < flags.length && flags[i]! > 0;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  }
  return out;
}

/** Model flags (high or critical) with hysteresis over present days. Pure. */
export function hysteresisFlags(scores: ArrayLike<number>, present: ArrayLike<number>, t: LevelThresholds): Uint8Array {
  const out = new Uint8Array(scores.length);
  let prev: Level | undefined;
  for (let i = 0; i < scores.length; i++) {
    if (!present[i]) {
      prev = undefined;
      continue;
    }
    prev = nextLevel(prev, scores[i]!, t);
    out[i] = isFlagged(prev) ? 1 : 0;
  }
  return out;
}

interface EvalContext {
  series: EnterpriseSeries[];
  dates: readonly string[];
  nDays: number;
  horizon: number;
  judgedEnd: number;
  judgedMonths: number;
  areas: string[];
  /** Incident start day indexes (relative to from; may exceed the period) per enterprise id. */
  incidents: Map<string, number[]>;
  incidentsInPeriod: number;
  stateOf?: (id: string, day: number) => string | undefined;
  truthIncidents?: Map<string, number[]>;
  receivingUnit?: (enterpriseId: string, area: string, day: string) => string;
  /** Intervention day indexes (relative to from; may be outside the period) per enterprise id; absent: none recorded. */
  interventions?: Map<string, number[]>;
}

function evaluate(ctx: EvalContext, name: string, description: string, flagsOf: (s: EnterpriseSeries) => Uint8Array): MethodResult {
  const { nDays, horizon: h, judgedEnd } = ctx;
  let flaggedDays = 0;
  let presentDays = 0;
  let judgedFlagged = 0;
  let judgedTrue = 0;
  let alerts = 0;
  let alertsJudged = 0;
  let falseAlarms = 0;
  let interventionNoIncident = 0;
  let incidentsAfterIntervention = 0;
  let caught = 0;
  let incidents = 0;
  let caughtAll = 0;
  let incidentsAll = 0;
  const leads: number[] = [];
  const leadsWithin: number[] = [];
  const caughtIncidents: CaughtIncident[] = [];
  const falseByArea: Record<string, number> = Object.fromEntries(ctx.areas.map((a) => [a, 0]));
  const falseByUnit: Record<string, number> = {};
  const byState: Record<string, number> = {};
  for (const s of ctx.series) {
    const flags = flagsOf(s);
    const inc = ctx.incidents.get(s.id) ?? [];
    const acted = ctx.interventions?.get(s.id) ?? [];
    for (const x of inc) if (x >= 1 && x < nDays && acted.some((y) => y >= x - h && y < x)) incidentsAfterIntervention++;
    for (let d = 0; d < nDays; d++) {
      if (s.present[d]) presentDays++;
      if (!flags[d]) continue;
      flaggedDays++;
      if (ctx.stateOf) {
        const st = ctx.stateOf(s.id, d) ?? "unknown";
        byState[st] = (byState[st] ?? 0) + 1;
      }
      if (d <= judgedEnd) {
        judgedFlagged++;
        if (inc.some((x) => x > d && x <= d + h)) judgedTrue++;
      }
    }
    const runs = runsOf(flags);
    alerts += runs.length;
    for (const [a, b] of runs) {
      if (a > judgedEnd) continue;
      alertsJudged++;
      if (!inc.some((x) => x > a && x <= b + h)) {
        falseAlarms++;
        if (acted.some((y) => y >= a && y <= b + h)) interventionNoIncident++;
        falseByArea[s.area] = (falseByArea[s.area] ?? 0) + 1;
        if (ctx.receivingUnit) {
          const unit = ctx.receivingUnit(s.id, s.area, ctx.dates[a]!);
          falseByUnit[unit] = (falseByUnit[unit] ?? 0) + 1;
        }
      }
    }
    const caughtIn = (days: readonly number[]) => {
      let c = 0;
      let n = 0;
      for (const x of days) {
        if (x < 1 || x >= nDays) continue;
        n++;
        let first = -1;
        for (let d = Math.max(0, x - h); d < x; d++) {
          if (flags[d]) {
            first = d;
            break;
          }
        }
        if (first < 0) continue;
        c++;
        if (days === inc) {
          let start = first;
          while (start > 0 && flags[start - 1]) start--;
          leads.push(x - start);
          leadsWithin.push(x - first);
          caughtIncidents.push({ enterpriseId: s.id, startedDay: ctx.dates[x]!, leadDays: x - start });
        }
      }
      return [c, n] as const;
    };
    const [c, n] = caughtIn(inc);
    caught += c;
    incidents += n;
    if (ctx.truthIncidents) {
      const [ca, na] = caughtIn(ctx.truthIncidents.get(s.id) ?? []);
      caughtAll += ca;
      incidentsAll += na;
    }
  }
  // Incidents at enterprises never scored count as missed.
  const scored = new Set(ctx.series.map((s) => s.id));
  for (const [id, days] of ctx.incidents) if (!scored.has(id)) incidents += days.filter((x) => x >= 1 && x < nDays).length;
  const areaMonths = ctx.areas.length * ctx.judgedMonths;
  const perArea = Object.fromEntries(Object.entries(falseByArea).map(([a, n]) => [a, ctx.judgedMonths > 0 ? n / ctx.judgedMonths : 0]));
  const sortedLeads = [...leads].sort((a, b) => a - b);
  const result: MethodResult = {
    name,
    description,
    flaggedShare: presentDays ? flaggedDays / presentDays : 0,
    flaggedDays,
    alerts,
    alertsJudged,
    falseAlarms,
    falseAlarmsPerAreaMonth: areaMonths > 0 ? falseAlarms / areaMonths : 0,
    falseAlarmsPerAreaMonthMax: Math.max(0, ...Object.values(perArea)),
    alertPrecision: alertsJudged ? (alertsJudged - falseAlarms) / alertsJudged : null,
    dayPrecision: judgedFlagged ? judgedTrue / judgedFlagged : null,
    incidents,
    caught,
    recall: incidents ? caught / incidents : null,
    leadTimes: sortedLeads,
    caughtIncidents,
    leadTimeMedian: leads.length ? median(leads) : null,
    leadTimeQuartiles: leads.length ? [quantile(sortedLeads, 0.25), quantile(sortedLeads, 0.75)] : null,
    leadTimeWithinHorizonMedian: leadsWithin.length ? median(leadsWithin) : null,
    falseAlarmsByArea: perArea,
  };
  if (ctx.stateOf) {
    result.flaggedByState = Object.fromEntries(Object.entries(byState).map(([k, v]) => [k, flaggedDays ? v / flaggedDays : 0]));
  }
  if (ctx.truthIncidents) result.recallAllIncidents = incidentsAll ? caughtAll / incidentsAll : null;
  if (ctx.receivingUnit) result.falseAlarmsByReceivingUnit = falseByUnit;
  if (ctx.interventions) {
    result.alertsInterventionNoIncident = interventionNoIncident;
    result.incidentsAfterIntervention = incidentsAfterIntervention;
  }
  return result;
}

/** Day-level precision and incident recall of "score >= t" (no hysteresis) for a sweep of thresholds. */
function prCurve(ctx: EvalContext, points: number): CurvePoint[] {
  const { nDays, horizon: h, judgedEnd } = ctx;
  const judged: Array<[number, number]> = [];
  const windowMax: number[] = [];
  const all: number[] = [];
  for (const s of ctx.series) {
    const inc = ctx.incidents.get(s.id) ?? [];
    for (let d = 0; d < nDays; d++) {
      if (!s.present[d]) continue;
      all.push(s.score[d]!);
      if (d <= judgedEnd) judged.push([s.score[d]!, inc.some((x) => x > d && x <= d + h) ? 1 : 0]);
    }
    for (const x of inc) {
      if (x < 1 || x >= nDays) continue;
      let m = -1;
      for (let d = Math.max(0, x - h); d < x; d++) if (s.present[d] && s.score[d]! > m) m = s.score[d]!;
      windowMax.push(m);
    }
  }
  const incidents = ctx.incidentsInPeriod;
  if (all.length === 0 || incidents === 0) return [];
  all.sort((a, b) => b - a);
  judged.sort((a, b) => b[0] - a[0]);
  const out: CurvePoint[] = [];
  // Flag shares from 0.1 % to 50 %, log-spaced.
  for (let i = 0; i < points; i++) {
    const share = 0.001 * 500 ** (i / Math.max(1, points - 1));
    const t = all[Math.min(all.length - 1, Math.floor(share * all.length))]!;
    let flagged = 0;
    let tp = 0;
    for (const [sc, l] of judged) {
      if (sc < t) break;
      flagged++;
      tp += l;
    }
    const c = windowMax.filter((m) => m >= t).length;
    out.push({ threshold: t, recall: c / incidents, dayPrecision: flagged ? tp / flagged : 0, flaggedShare: share });
  }
  return out;
}

/** Scores and baseline inputs per enterprise and day: the expensive part of a backtest (ClickHouse). */
export interface BacktestSeries {
  from: string;
  dates: string[];
  series: EnterpriseSeries[];
  featuresMs: number;
}

export type { EnterpriseSeries };

/**
 * Days since each enterprise's last event on every day of `dates`, as the scorer's
 * selectLastEventDays would have answered that day: only events known by it count; +Infinity before
 * any. `arrivals` ordered by enterprise and known day (selectEventDaysByArrival). Pure.
 */
export function daysSinceEventSeries(arrivals: readonly EventArrival[], dates: readonly string[]): Map<string, Float32Array> {
  const n = dates.length;
  const day0 = n > 0 ? dayNumber(dates[0]!) : 0;
  const out = new Map<string, Float32Array>();
  for (let k = 0; k < arrivals.length; ) {
    const id = arrivals[k]!.enterprise_id;
    const since = new Float32Array(n);
    let last = Number.NEGATIVE_INFINITY;
    for (let d = 0; d < n; d++) {
      for (; k < arrivals.length && arrivals[k]!.enterprise_id === id && dayNumber(arrivals[k]!.known_day) <= day0 + d; k++)
        last = Math.max(last, dayNumber(arrivals[k]!.last_day));
      since[d] = last === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : day0 + d - last;
    }
    while (k < arrivals.length && arrivals[k]!.enterprise_id === id) k++; // known after the last day
    out.set(id, since);
  }
  return out;
}

/** Replays features as of every day from `from` to `to` and scores them with the model. */
export async function replaySeries(
  wh: Warehouse,
  model: Model,
  opts: { from: string; to: string; enterpriseIds?: readonly string[] },
): Promise<BacktestSeries> {
  const started = Date.now();
  if (!isDate(opts.from) || !isDate(opts.to) || opts.to < opts.from)
    throw new BadInputError(`bad backtest period ${opts.from} .. ${opts.to}`);
  const dates = dateRange(opts.from, opts.to);
  const nDays = dates.length;
  const day0 = dayNumber(opts.from);
  const series = new Map<string, EnterpriseSeries>();
  const get = (id: string, area: string): Required<EnterpriseSeries> => {
    let s = series.get(id) as Required<EnterpriseSeries> | undefined;
    if (!s) {
      s = {
        id,
        area,
        present: new Uint8Array(nDays),
        score: new Float32Array(nDays),
        insMonths: new Float32Array(nDays),
        g30: new Float32Array(nDays),
        signal: new Float32Array(nDays),
        workforce: new Float32Array(nDays),
        daysSinceEvent: new Float32Array(nDays).fill(Number.POSITIVE_INFINITY),
      };
      series.set(id, s);
    }
    s.area = area;
    return s;
  };
  for await (const batch of featureBatches(wh, dates, opts.enterpriseIds)) {
    for (const r of batch) {
      const d = dayNumber(r.as_of) - day0;
      const s = get(r.enterprise_id, r.area_code);
      s.present[d] = 1;
      const scored = scoreRow(model, r);
      s.score[d] = scored.score;
      s.signal[d] = signalStrength(scored.contributions);
      s.workforce[d] = r.values.workforce ?? 0;
      s.insMonths[d] = r.values.insurance_arrears_months ?? 0;
      s.g30[d] = Math.round(((r.values.grievance_rate_30d ?? 0) * (r.values.workforce ?? 0)) / 100);
    }
    log.debug({ upTo: batch[batch.length - 1]?.as_of }, "backtest features");
  }
  const since = daysSinceEventSeries(await selectEventDaysByArrival(wh, { to: opts.to }), dates);
  for (const s of series.values()) s.daysSinceEvent = since.get(s.id) ?? s.daysSinceEvent;
  return {
    from: opts.from,
    dates,
    series: [...series.values()].sort((a, b) => a.id.localeCompare(b.id)),
    featuresMs: Date.now() - started,
  };
}

/**
 * Replays daily scoring from `from` to `to` (features as of each day, point in time) and measures the
 * model's high / critical flags and the two baselines against the incidents table.
 */
export async function backtest(wh: Warehouse, model: Model, opts: BacktestOptions): Promise<BacktestReport> {
  const started = Date.now();
  const replay = await replaySeries(wh, model, opts);
  const incidents = await selectIncidentStarts(wh, { from: addDays(opts.from, 1) });
  // Interventions from the horizon before the period on: those that may precede its first incidents.
  const horizon = opts.horizonDays ?? model.horizonDays;
  const interventions = opts.interventions ?? (await selectInterventionDays(wh, { from: addDays(opts.from, -horizon) }));
  const report = evaluateBacktest(replay, incidents, model, { ...opts, interventions });
  report.timings.totalMs = Date.now() - started;
  log.info({ model: model.version, from: opts.from, to: opts.to, ms: report.timings.totalMs }, "backtest done");
  return report;
}

/** The evaluation part of a backtest, on replayed series and incidents. Pure. */
export function evaluateBacktest(
  replay: BacktestSeries,
  incidentRows: readonly IncidentStart[],
  model: Model,
  opts: BacktestOptions,
): BacktestReport {
  const started = Date.now();
  const h = opts.horizonDays ?? model.horizonDays;
  const insMonths = opts.insuranceMonths ?? 3;
  const dates = replay.dates;
  const nDays = dates.length;
  const day0 = dayNumber(replay.from);
  const series = replay.series;
  const incidents = new Map<string, number[]>();
  let incidentsInPeriod = 0;
  for (const i of incidentRows) {
    const x = dayNumber(i.started_day) - day0;
    if (x < 1) continue;
    const list = incidents.get(i.enterprise_id) ?? [];
    for (let k = 0; k < i.incidents; k++) list.push(x);
    incidents.set(i.enterprise_id, list);
    if (x < nDays) incidentsInPeriod += i.incidents;
  }
  const judgedEnd = nDays - 1 - h;
  const ctx: EvalContext = {
    series,
    dates,
    nDays,
    horizon: h,
    judgedEnd,
    judgedMonths: Math.max(0, judgedEnd + 1) / 30.4375,
    areas: [...new Set(series.map((s) => s.area))].sort(),
    incidents,
    incidentsInPeriod,
    ...(opts.receivingUnit ? { receivingUnit: opts.receivingUnit } : {}),
  };
  if (opts.interventions && opts.interventions.length > 0) {
    const acted = new Map<string, number[]>();
    for (const i of opts.interventions) acted.set(i.enterprise_id, [...(acted.get(i.enterprise_id) ?? []), dayNumber(i.day) - day0]);
    ctx.interventions = acted;
  }
  let truthSummary: BacktestReport["truth"];
  if (opts.truth) {
    const states = new Map<string, string>();
    const truthIncidents = new Map<string, number[]>();
    let all = 0;
    let unreported = 0;
    for (const t of opts.truth) {
      if (t.type === "state") states.set(`${t.enterprise_id}|${t.month}`, t.state);
      if (t.type === "incident") {
        const x = dayNumber(t.started_at.slice(0, 10)) - day0;
        if (x >= 1 && x < nDays) {
          all++;
          if (!t.reported) unreported++;
        }
        truthIncidents.set(t.enterprise_id, [...(truthIncidents.get(t.enterprise_id) ?? []), x]);
      }
    }
    ctx.stateOf = (id, d) => states.get(`${id}|${dates[d]!.slice(0, 7)}`);
    ctx.truthIncidents = truthIncidents;
    truthSummary = { incidents: all, unreported };
  }

  const modelFlags = new Map<string, Uint8Array>();
  const flagsFor = (t: LevelThresholds) => (s: EnterpriseSeries) => hysteresisFlags(s.score, s.present, t);
  const modelResult = evaluate(ctx, "model", `lrew model ${model.version}: level high or critical (with hysteresis)`, (s) => {
    let f = modelFlags.get(s.id);
    if (!f) modelFlags.set(s.id, (f = flagsFor(model.thresholds)(s)));
    return f;
  });
  modelResult.threshold = { ...model.thresholds.high };
  const insurance = evaluate(ctx, "insurance_rule", `${insMonths} or more months of insurance arrears`, (s) => {
    const f = new Uint8Array(nDays);
    for (let d = 0; d < nDays; d++) f[d] = s.present[d] && s.insMonths[d]! >= insMonths ? 1 : 0;
    return f;
  });
  let k = opts.grievanceK;
  if (k === undefined) {
    k = 1;
    for (;;) {
      let n = 0;
      for (const s of ctx.series) for (let d = 0; d < nDays; d++) if (s.present[d] && s.g30[d]! >= k) n++;
      if (n <= modelResult.flaggedDays || k >= 50) break;
      k++;
    }
  }
  const kk = k;
  const grievances = evaluate(ctx, "grievance_rule", `${kk} or more new grievances in 30 days`, (s) => {
    const f = new Uint8Array(nDays);
    for (let d = 0; d < nDays; d++) f[d] = s.present[d] && s.g30[d]! >= kk ? 1 : 0;
    return f;
  });

  // The model at other high thresholds (same exit/enter ratio), to match each baseline's false alarms.
  const diagnostics = opts.diagnostics ?? true;
  const ratio = model.thresholds.high.enter > 0 ? model.thresholds.high.exit / model.thresholds.high.enter : 1;
  const allScores: number[] = [];
  for (const s of ctx.series) for (let d = 0; d < nDays; d++) if (s.present[d]) allScores.push(s.score[d]!);
  allScores.sort((a, b) => b - a);
  const sweep: MethodResult[] = [];
  for (let i = 0; diagnostics && i < 60 && allScores.length > 0; i++) {
    const share = 0.002 * 150 ** (i / 59);
    const enter = allScores[Math.min(allScores.length - 1, Math.floor(share * allScores.length))]!;
    const t: LevelThresholds = {
      watch: { enter, exit: enter * ratio },
      high: { enter, exit: enter * ratio },
      critical: { enter: 1, exit: 1 },
    };
    const r = evaluate(ctx, "model", `model, high at ${enter.toPrecision(3)}`, flagsFor(t));
    r.threshold = { enter, exit: enter * ratio };
    sweep.push(r);
  }
  sweep.push(modelResult);
  const matched = (diagnostics ? [insurance, grievances] : []).map((b) => {
    // The operating point closest to the baseline's false-alarm budget without exceeding it.
    const ok = sweep.filter((r) => r.falseAlarmsPerAreaMonth <= b.falseAlarmsPerAreaMonth + 1e-12);
    ok.sort((x, y) => y.falseAlarmsPerAreaMonth - x.falseAlarmsPerAreaMonth || (y.recall ?? 0) - (x.recall ?? 0));
    const best = ok[0] ?? sweep.reduce((x, y) => (x.falseAlarmsPerAreaMonth <= y.falseAlarmsPerAreaMonth ? x : y));
    return { baseline: b.name, model: { ...best, name: `model_matched_${b.name}` } };
  });

  const report: BacktestReport = {
    generatedAt: new Date().toISOString(),
    period: {
      from: opts.from,
      to: opts.to,
      days: nDays,
      judgedUntil: judgedEnd >= 0 ? dates[judgedEnd]! : "",
      judgedMonths: ctx.judgedMonths,
    },
    horizonDays: h,
    model: { version: model.version, thresholds: model.thresholds, createdAt: model.createdAt },
    enterprises: ctx.series.length,
    enterpriseDays: allScores.length,
    areas: ctx.areas,
    incidentsInPeriod,
    grievanceK: kk,
    insuranceMonths: insMonths,
    methods: [modelResult, insurance, grievances],
    matched,
    prCurve: diagnostics ? prCurve(ctx, opts.curvePoints ?? 40) : [],
    ...(truthSummary ? { truth: truthSummary } : {}),
    timings: { featuresMs: replay.featuresMs, totalMs: replay.featuresMs + Date.now() - started },
  };
  return report;
}
