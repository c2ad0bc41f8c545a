import { describe, expect, it } from "vitest";
import { mulberry32 } from "@lrew/simulator";
import { sigmoid } from "@lrew/scoring";
import { auc, choleskySolve, fitLogistic, logLoss } from "./logistic.ts";

/** Deterministic pseudo-random numbers: the same seed, the same rows. */
const rng = mulberry32;

describe("logistic regression", () => {
  it("solves linear systems", () => {
    const x = choleskySolve(
      [
        [4, 2],
        [2, 3],
      ],
      [2, 1],
    );
    expect(4 * x[0]! + 2 * x[1]!).toBeCloseTo(2);
    expect(2 * x[0]! + 3 * x[1]!).toBeCloseTo(1);
  });

  it("recovers the signs and rough sizes of known weights", () => {
    const r = rng(7);
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = [r() * 2 - 1, r() * 2 - 1, r() * 2 - 1].map((v) => v * 1.7);
      const z = -2 + 1.5 * x[0]! - 1.0 * x[1]! + 0 * x[2]!;
      X.push(x);
      y.push(r() < sigmoid(z) ? 1 : 0);
    }
    const fit = fitLogistic(X, y, { l2: 1 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-2, 0);
    expect(fit.weights[0]).toBeCloseTo(1.5, 0);
    expect(fit.weights[1]).toBeCloseTo(-1, 0);
    expect(Math.abs(fit.weights[2]!)).toBeLessThan(0.1);
  });

  it("stays finite on separable data thanks to the L2 penalty, and shrinks more with a larger one", () => {
    const X = [[-2], [-1], [-0.5], [0.5], [1], [2]];
    const y = [0, 0, 0, 1, 1, 1];
    const small = fitLogistic(X, y, { l2: 0.1 });
    const large = fitLogistic(X, y, { l2: 10 });
    expect(Number.isFinite(small.weights[0]!)).toBe(true);
    expect(small.weights[0]!).toBeGreaterThan(large.weights[0]!);
    expect(large.weights[0]!).toBeGreaterThan(0);
    const p = X.map((x) => sigmoid(small.intercept + small.weights[0]! * x[0]!));
    expect(auc(p, y)).toBe(1);
  });

  it("computes AUC with ties and log loss", () => {
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBeCloseTo(0.5);
    expect(Number.isNaN(auc([0.1, 0.2], [0, 0]))).toBe(true);
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.log(2));
  });
});
