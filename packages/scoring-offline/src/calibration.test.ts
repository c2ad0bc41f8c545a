import { describe, expect, it } from "vitest";
import {
  addPair,
  addSums,
  applyPlatt,
  binOf,
  CALIBRATION_EDGES,
  emptySums,
  fitPlatt,
  reliabilitySvg,
  summariseCalibration,
} from "./calibration.ts";
import { seededRandom } from "./pooled.ts";

describe("Brier score and skill", () => {
  it("is the mean squared error; the reference is p(1 − p) of the base rate", () => {
    const s = emptySums();
    addPair(s, 0.1, 0);
    addPair(s, 0.1, 0);
    addPair(s, 0.1, 1);
    addPair(s, 0.5, 1);
    const c = summariseCalibration(s, 60);
    expect(c.pairs).toBe(4);
    expect(c.baseRate).toBe(0.5);
    expect(c.brier).toBeCloseTo((0.01 + 0.01 + 0.81 + 0.25) / 4, 12);
    expect(c.brierReference).toBe(0.25);
    expect(c.skill).toBeCloseTo(1 - c.brier / 0.25, 12);
    expect(c.meanScoreOverRate).toBeCloseTo(0.8 / 2, 12);
  });

  it("forecasting the base rate itself has skill 0; a perfect forecast skill 1", () => {
    const base = emptySums();
    const perfect = emptySums();
    for (let i = 0; i < 100; i++) {
      const y = i < 10 ? 1 : 0;
      addPair(base, 0.1, y);
      addPair(perfect, y, y);
    }
    expect(summariseCalibration(base, 60).skill).toBeCloseTo(0, 12);
    expect(summariseCalibration(perfect, 60).skill).toBe(1);
  });

  it("bins by fixed edges, so provinces pool by adding", () => {
    expect(binOf(0)).toBe(0);
    expect(binOf(0.003)).toBe(1);
    expect(binOf(1)).toBe(CALIBRATION_EDGES.length - 2);
    const a = emptySums();
    const b = emptySums();
    addPair(a, 0.03, 1);
    addPair(b, 0.03, 0);
    const c = summariseCalibration(addSums(a, b), 60);
    const bin = c.bins[binOf(0.03)]!;
    expect(bin.n).toBe(2);
    expect(bin.observed).toBe(0.5);
    expect(bin.meanScore).toBeCloseTo(0.03, 12);
  });
});

describe("Platt scaling", () => {
  it("recovers a known miscalibration: true p = sigmoid(2·logit(s) − 1)", () => {
    const rnd = seededRandom(7);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const s = 0.001 + 0.3 * rnd();
      const z = Math.log(s / (1 - s));
      const p = 1 / (1 + Math.exp(-(2 * z - 1)));
      xs.push(s);
      ys.push(rnd() < p ? 1 : 0);
    }
    const fit = fitPlatt(xs, ys);
    expect(fit.a).toBeGreaterThan(1.8);
    expect(fit.a).toBeLessThan(2.2);
    expect(fit.b).toBeGreaterThan(-1.4);
    expect(fit.b).toBeLessThan(-0.6);
    const before = emptySums();
    const after = emptySums();
    xs.forEach((x, i) => {
      addPair(before, x, ys[i] as 0 | 1);
      addPair(after, applyPlatt(fit, x), ys[i] as 0 | 1);
    });
    expect(summariseCalibration(after, 60).brier).toBeLessThan(summariseCalibration(before, 60).brier);
  });
});

describe("reliability diagram", () => {
  it("draws one point per non-empty bin and the diagonal", () => {
    const s = emptySums();
    addPair(s, 0.01, 0);
    addPair(s, 0.2, 1);
    const out = reliabilitySvg("R", [{ name: "m", color: "#000", calibration: summariseCalibration(s, 60) }]);
    expect(out.startsWith("<?xml")).toBe(true);
    expect(out.match(/<circle /g)).toHaveLength(2);
    expect(out).toContain("stroke-dasharray");
  });
});

describe("Platt scaling on awkward data", () => {
  it("stays finite with few distinct scores, and with no positive outcome at all", () => {
    const xs = [...Array(500).fill(0.005), ...Array(50).fill(0.06)];
    const ys = [
      ...Array(500)
        .fill(0)
        .map((_, i) => (i % 5 === 0 ? 1 : 0)),
      ...Array(50)
        .fill(0)
        .map((_, i) => (i % 5 === 0 ? 1 : 0)),
    ];
    const fit = fitPlatt(xs, ys);
    expect(Number.isFinite(fit.a) && Number.isFinite(fit.b)).toBe(true);
    // Both groups have a 20 % rate: the calibrated scores say about that.
    expect(applyPlatt(fit, 0.005)).toBeGreaterThan(0.15);
    expect(applyPlatt(fit, 0.005)).toBeLessThan(0.25);
    const none = fitPlatt([0.01, 0.02, 0.03], [0, 0, 0]);
    expect(Number.isFinite(none.a) && Number.isFinite(none.b)).toBe(true);
    expect(applyPlatt(none, 0.02)).toBeLessThan(0.02);
  });
});
