// Calibration: does a score of 5 % mean that one enterprise-day in twenty is followed by an incident
// within the horizon the score states? Reliability bins (fixed edges, so that provinces pool by
// adding), the Brier score and its skill against always forecasting the base rate, and a Platt
// recalibration fitted on selection seeds. Pure, except the SVG writer's caller.
import type { SeedMethods, MethodName } from "./like-for-like.ts";
import { axes, esc, FRAME, legend, svg } from "./report.ts";

/** Bin edges of the reliability diagram: scores are skewed to small values, so log-like steps. */
export const CALIBRATION_EDGES = [0, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1] as const;

/** Sums per bin: provinces pool by adding. */
export interface CalibrationSums {
  n: number[];
  sumScore: number[];
  sumLabel: number[];
  /** Σ (score − label)². */
  sumSquaredError: number;
}

export function emptySums(): CalibrationSums {
  const z = () => CALIBRATION_EDGES.slice(1).map(() => 0);
  return { n: z(), sumScore: z(), sumLabel: z(), sumSquaredError: 0 };
}

export function binOf(score: number): number {
  for (let i = 1; i < CALIBRATION_EDGES.length; i++) if (score < CALIBRATION_EDGES[i]!) return i - 1;
  return CALIBRATION_EDGES.length - 2;
}

export function addPair(s: CalibrationSums, score: number, label: 0 | 1): void {
  const b = binOf(score);
  s.n[b]!++;
  s.sumScore[b]! += score;
  s.sumLabel[b]! += label;
  s.sumSquaredError += (score - label) ** 2;
}

export function addSums(a: CalibrationSums, b: CalibrationSums): CalibrationSums {
  return {
    n: a.n.map((x, i) => x + b.n[i]!),
    sumScore: a.sumScore.map((x, i) => x + b.sumScore[i]!),
    sumLabel: a.sumLabel.map((x, i) => x + b.sumLabel[i]!),
    sumSquaredError: a.sumSquaredError + b.sumSquaredError,
  };
}

export interface Calibration {
  /** Days the score is a probability about (the label it states). */
  horizonDays: number;
  pairs: number;
  baseRate: number;
  brier: number;
  /** Brier score of always forecasting the base rate: p (1 − p). */
  brierReference: number;
  /** 1 − brier / reference: > 0 beats the base rate, 1 is perfect. */
  skill: number;
  /** Mean score over mean outcome: 1 when calibrated on average, > 1 when the scores overstate the risk. */
  meanScoreOverRate: number;
  bins: Array<{ from: number; to: number; n: number; meanScore: number | null; observed: number | null }>;
}

/** Brier score, its reference and skill, and the reliability bins. Pure. */
export function summariseCalibration(s: CalibrationSums, horizonDays: number): Calibration {
  const pairs = s.n.reduce((a, b) => a + b, 0);
  const positives = s.sumLabel.reduce((a, b) => a + b, 0);
  const scoreSum = s.sumScore.reduce((a, b) => a + b, 0);
  const baseRate = pairs ? positives / pairs : 0;
  const brier = pairs ? s.sumSquaredError / pairs : 0;
  const brierReference = baseRate * (1 - baseRate);
  return {
    horizonDays,
    pairs,
    baseRate,
    brier,
    brierReference,
    skill: brierReference > 0 ? 1 - brier / brierReference : 0,
    meanScoreOverRate: positives > 0 ? scoreSum / positives : 0,
    bins: s.n.map((n, i) => ({
      from: CALIBRATION_EDGES[i]!,
      to: CALIBRATION_EDGES[i + 1]!,
      n,
      meanScore: n ? s.sumScore[i]! / n : null,
      observed: n ? s.sumLabel[i]! / n : null,
    })),
  };
}

/**
 * Every judged (score, outcome) pair of a method on one province: enterprise-days at least one
 * `horizonDays` before the period's end, outcome 1 when an incident starts at the enterprise within
 * (day, day + horizonDays]. `map` transforms the score first (a recalibration). Pure.
 */
export function forEachPair(
  seed: SeedMethods,
  method: MethodName,
  horizonDays: number,
  fn: (score: number, label: 0 | 1) => void,
  map: (score: number) => number = (x) => x,
): void {
  const n = seed.dates.length;
  const last = n - 1 - horizonDays;
  for (const e of seed.enterprises) {
    const sc = e.scores[method];
    if (!sc) continue;
    const inc = seed.incidents.get(e.id) ?? [];
    for (let d = 0; d <= last; d++) {
      if (!e.present[d]) continue;
      fn(map(sc[d]!), inc.some((x) => x > d && x <= d + horizonDays) ? 1 : 0);
    }
  }
}

export function calibrationOf(
  seeds: readonly SeedMethods[],
  method: MethodName,
  horizonDays: number,
  map?: (score: number) => number,
): Calibration {
  const s = emptySums();
  for (const seed of seeds) forEachPair(seed, method, horizonDays, (x, y) => addPair(s, x, y), map);
  return summariseCalibration(s, horizonDays);
}

export interface Platt {
  /** calibrated = 1 / (1 + e^−(a · logit(score) + b)) */
  a: number;
  b: number;
}

const EPS = 1e-6;
const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
};

export function applyPlatt(p: Platt, score: number): number {
  return 1 / (1 + Math.exp(-(p.a * logit(score) + p.b)));
}

/**
 * Platt scaling: a logistic regression of the outcome on the score's logit, by Newton's method with
 * step halving (the log-likelihood never gets worse) and a tiny ridge, so that scores with only a few
 * distinct values or no positive outcome cannot run it away. Pure.
 */
export function fitPlatt(xs: ArrayLike<number>, ys: ArrayLike<number>): Platt {
  const ridge = 1e-6 * Math.max(1, xs.length);
  const zs = Float64Array.from({ length: xs.length }, (_, i) => logit(xs[i]!));
  const loss = (a: number, b: number) => {
    let l = 0.5 * ridge * ((a - 1) ** 2 + b ** 2);
    for (let i = 0; i < zs.length; i++) {
      const u = a * zs[i]! + b;
      // −log-likelihood of a logistic model, written to stay finite for large |u|.
      l += (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u))) - ys[i]! * u;
    }
    return l;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  for (let it = 0; it < 100; it++) {
    let ga = ridge * (a - 1);
    let gb = ridge * b;
    let haa = ridge;
    let hab = 0;
    let hbb = ridge;
    for (let i = 0; i < zs.length; i++) {
      const z = zs[i]!;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const r = p - ys[i]!;
      const w = p * (1 - p);
      ga += r * z;
      gb += r;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-6) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const gain = current - next;
    current = next;
    if (gain < 1e-10 * Math.max(1, Math.abs(current))) break;
  }
  return { a, b };
}

/** Platt fitted on the pairs of `seeds` (the selection seeds). */
export function fitPlattOn(seeds: readonly SeedMethods[], method: MethodName, horizonDays: number): Platt {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const seed of seeds)
    forEachPair(seed, method, horizonDays, (x, y) => {
      xs.push(x);
      ys.push(y);
    });
  return fitPlatt(xs, ys);
}

/** Reliability diagram: observed share against mean score per bin (log axes), the diagonal is perfect calibration. */
export function reliabilitySvg(title: string, series: ReadonlyArray<{ name: string; color: string; calibration: Calibration }>): string {
  const f = FRAME;
  const lo = 0.001;
  const hi = 1;
  const lx = (v: number) => (Math.log10(Math.max(lo, Math.min(hi, v))) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  const x = (v: number) => f.left + lx(v) * (f.w - f.left - f.right);
  const y = (v: number) => f.h - f.bottom - lx(v) * (f.h - f.top - f.bottom);
  const ticks: Array<[number, string]> = [0.001, 0.01, 0.1, 1].map((v) => [v, `${v * 100} %`]);
  const body = axes(title, "mean score in the bin (log)", "observed share with an incident (log)", ticks, ticks, f, x, y);
  body.push(`<line x1="${x(lo)}" y1="${y(lo)}" x2="${x(hi)}" y2="${y(hi)}" stroke="#999" stroke-dasharray="5 4"/>`);
  for (const s of series) {
    const pts = s.calibration.bins.filter((b) => b.n > 0 && b.meanScore !== null && b.observed !== null);
    const xy = pts.map((b) => `${x(b.meanScore!).toFixed(1)},${y(Math.max(lo, b.observed!)).toFixed(1)}`);
    if (xy.length > 1) body.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${xy.join(" ")}"/>`);
    for (const b of pts) {
      const r = Math.max(2.5, Math.min(9, Math.log10(b.n + 1) * 1.6));
      body.push(
        `<circle cx="${x(b.meanScore!).toFixed(1)}" cy="${y(Math.max(lo, b.observed!)).toFixed(1)}" r="${r.toFixed(1)}" fill="${s.color}"><title>${esc(`${s.name}: ${b.n} enterprise-days, mean score ${(b.meanScore! * 100).toFixed(2)} %, observed ${(b.observed! * 100).toFixed(2)} %`)}</title></circle>`,
      );
    }
  }
  body.push(
    ...legend(
      series.map((s) => ({
        color: s.color,
        text: `${s.name}: Brier skill ${s.calibration.skill.toFixed(3)} (${s.calibration.horizonDays} d)`,
      })),
      f,
    ),
  );
  return svg(f, title, body);
}
