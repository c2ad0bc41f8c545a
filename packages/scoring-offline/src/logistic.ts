// L2-regularised logistic regression by Newton's method (iteratively reweighted least squares) and
// the metrics used to judge it. Small dense problems: n rows x p (~20) features. Pure.
import { sigmoid } from "@lrew/scoring";

export interface LogisticFit {
  intercept: number;
  weights: number[];
  iterations: number;
  converged: boolean;
  /** Penalised negative log-likelihood at the solution. */
  loss: number;
}

/** Solves A x = b for symmetric positive-definite A (Cholesky). */
export function choleskySolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (s <= 0) throw new RangeError("matrix is not positive definite");
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/**
 * Minimises  Σ logloss(y_i, b + w·x_i) + Σ_j (l2_j / 2)·w_j²  (the intercept b is not penalised).
 * X rows are (already standardised) feature vectors; y is 0/1. `l2` is one penalty for every weight
 * or one per weight.
 */
export function fitLogistic(
  X: ReadonlyArray<ArrayLike<number>>,
  y: ArrayLike<number>,
  opts: { l2?: number | readonly number[]; maxIterations?: number; tolerance?: number } = {},
): LogisticFit {
  const n = X.length;
  if (n === 0) throw new RangeError("no training rows");
  const p = X[0]!.length;
  const penalty = opts.l2 ?? 1;
  const l2s = typeof penalty === "number" ? new Array<number>(p).fill(penalty) : [...penalty];
  if (l2s.length !== p) throw new RangeError(`${l2s.length} penalties for ${p} weights`);
  const maxIt = opts.maxIterations ?? 50;
  const tol = opts.tolerance ?? 1e-8;
  const m = p + 1; // index 0 = intercept
  let beta = new Array<number>(m).fill(0);
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i]!;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, pos / n));
  beta[0] = Math.log(rate / (1 - rate));
  let loss = Number.POSITIVE_INFINITY;
  let it = 0;
  let converged = false;
  const lossOf = (b: number[]): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const xi = X[i]!;
      let z = b[0]!;
      for (let j = 0; j < p; j++) z += b[j + 1]! * xi[j]!;
      // log(1 + e^z) - y z, stably
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i]! * z;
    }
    for (let j = 1; j < m; j++) s += (l2s[j - 1]! / 2) * b[j]! ** 2;
    return s;
  };
  loss = lossOf(beta);
  for (it = 1; it <= maxIt; it++) {
    const g = new Array<number>(m).fill(0);
    const h: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    const xa = new Array<number>(m);
    for (let i = 0; i < n; i++) {
      const xi = X[i]!;
      xa[0] = 1;
      for (let j = 0; j < p; j++) xa[j + 1] = xi[j]!;
      let z = 0;
      for (let j = 0; j < m; j++) z += beta[j]! * xa[j]!;
      const mu = sigmoid(z);
      const r = mu - y[i]!;
      const w = Math.max(mu * (1 - mu), 1e-12);
      for (let j = 0; j < m; j++) {
        g[j]! += r * xa[j]!;
        const wj = w * xa[j]!;
        const row = h[j]!;
        for (let k = 0; k <= j; k++) row[k]! += wj * xa[k]!;
      }
    }
    for (let j = 0; j < m; j++) for (let k = 0; k < j; k++) h[k]![j] = h[j]![k]!;
    for (let j = 1; j < m; j++) {
      g[j]! += l2s[j - 1]! * beta[j]!;
      h[j]![j]! += l2s[j - 1]!;
    }
    h[0]![0]! += 1e-9;
    const step = choleskySolve(h, g);
    // Damped Newton: halve the step until the loss does not increase.
    let t = 1;
    let next = beta;
    let nextLoss = loss;
    for (let k = 0; k < 30; k++) {
      const cand = beta.map((b, j) => b - t * step[j]!);
      const cl = lossOf(cand);
      if (cl <= loss + 1e-12) {
        next = cand;
        nextLoss = cl;
        break;
      }
      t /= 2;
    }
    const change = Math.max(...next.map((b, j) => Math.abs(b - beta[j]!)));
    beta = next;
    const improvement = loss - nextLoss;
    loss = nextLoss;
    if (change < tol || improvement < tol * Math.max(1, Math.abs(loss))) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, weights: beta.slice(1), iterations: Math.min(it, maxIt), converged, loss };
}

/** Area under the ROC curve (Mann–Whitney, ties counted half). */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]!]) {
        pos++;
        rankSum += avgRank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean log-loss of probabilities against 0/1 labels. */
export function logLoss(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < probs.length; i++) {
    const q = Math.min(1 - 1e-12, Math.max(1e-12, probs[i]!));
    s -= labels[i] ? Math.log(q) : Math.log(1 - q);
  }
  return s / Math.max(1, probs.length);
}
