import { describe, expect, it } from "vitest";
import type { BacktestReport, MethodResult } from "./backtest.ts";
import { criterionParts, keyBeats, operatingPointVerdict, parseSeeds, poolBacktests, seededRandom } from "./pooled.ts";
import { fitSeedsOf, selectionSeedsOf, simulatorSeed } from "./multi-seed.ts";
import { renderPooledMarkdown, pooledLeadTimeSvg, pooledSeedsSvg } from "./pooled-report.ts";

function method(
  name: string,
  o: { incidents: number; caught: number; falseAlarms: number; leads: number[]; ids?: string[] },
): MethodResult {
  const sorted = [...o.leads].sort((a, b) => a - b);
  return {
    name,
    description: name,
    flaggedShare: 0.05,
    flaggedDays: 500,
    alerts: o.falseAlarms + o.caught,
    alertsJudged: o.falseAlarms + o.caught,
    falseAlarms: o.falseAlarms,
    falseAlarmsPerAreaMonth: o.falseAlarms / 20,
    falseAlarmsPerAreaMonthMax: o.falseAlarms / 10,
    alertPrecision: o.caught / (o.caught + o.falseAlarms),
    dayPrecision: 0.01,
    incidents: o.incidents,
    caught: o.caught,
    recall: o.caught / o.incidents,
    leadTimes: sorted,
    caughtIncidents: o.leads.map((leadDays, i) => ({ enterpriseId: o.ids?.[i] ?? `${name}-${i}`, startedDay: "2026-01-15", leadDays })),
    leadTimeMedian: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : null,
    leadTimeQuartiles: null,
    leadTimeWithinHorizonMedian: null,
    falseAlarmsByArea: {},
  };
}

function report(methods: MethodResult[], matched: MethodResult[] = []): BacktestReport {
  return {
    generatedAt: "2026-12-01T00:00:00Z",
    period: { from: "2025-09-01", to: "2026-06-30", days: 303, judgedUntil: "2026-05-01", judgedMonths: 10 },
    horizonDays: 60,
    model: {
      version: "t",
      createdAt: "2026-01-01",
      thresholds: { watch: { enter: 0.1, exit: 0.1 }, high: { enter: 0.2, exit: 0.2 }, critical: { enter: 0.3, exit: 0.3 } },
    },
    enterprises: 100,
    enterpriseDays: 10_000,
    areas: ["X", "Y"],
    incidentsInPeriod: methods[0]!.incidents,
    grievanceK: 2,
    insuranceMonths: 3,
    methods,
    matched: matched.map((m) => ({ baseline: "insurance_rule", model: m })),
    prCurve: [],
    timings: { featuresMs: 0, totalMs: 0 },
  };
}

// Two seeds with 2 areas × 10 judged months = 20 area-months each.
const seedB = report(
  [
    method("model", { incidents: 10, caught: 6, falseAlarms: 10, leads: [100, 120, 40], ids: ["e1", "e2", "e3"] }),
    method("insurance_rule", { incidents: 10, caught: 4, falseAlarms: 20, leads: [150, 90], ids: ["e1", "e2"] }),
    method("grievance_rule", { incidents: 10, caught: 3, falseAlarms: 40, leads: [20] }),
  ],
  [method("model_matched_insurance_rule", { incidents: 10, caught: 7, falseAlarms: 19, leads: [130] })],
);
const seedC = report(
  [
    method("model", { incidents: 20, caught: 10, falseAlarms: 10, leads: [80, 110, 60], ids: ["e1", "e4", "e5"] }),
    method("insurance_rule", { incidents: 20, caught: 8, falseAlarms: 30, leads: [140, 70, 60], ids: ["e9", "e4", "e5"] }),
    method("grievance_rule", { incidents: 20, caught: 5, falseAlarms: 50, leads: [30, 50] }),
  ],
  [method("model_matched_insurance_rule", { incidents: 20, caught: 12, falseAlarms: 29, leads: [100] })],
);

describe("pooling backtests over seeds", () => {
  const p = poolBacktests(
    [
      { seed: "B", report: seedB },
      { seed: "C", report: seedC },
    ],
    { fitSeeds: ["A"], resamples: 300 },
  );
  const get = (n: string) => p.methods.find((m) => m.name === n)!;

  it("sums incidents, caught incidents, false alarms and area-months; pools every lead time", () => {
    const m = get("model");
    expect(m.incidents).toBe(30);
    expect(m.caught).toBe(16);
    expect(m.recall).toBeCloseTo(16 / 30);
    expect(m.falseAlarms).toBe(20);
    expect(m.areaMonths).toBe(40);
    expect(m.falseAlarmsPerAreaMonth).toBeCloseTo(0.5);
    expect(m.leadTimes).toEqual([40, 60, 80, 100, 110, 120]);
    expect(m.leadTimeMedian).toBe(90);
    expect(p.incidentsInPeriod).toBe(30);
    expect(p.seeds).toEqual(["B", "C"]);
  });

  it("keeps per-seed figures with their min–max and a bootstrap interval around the pooled figure", () => {
    const ins = get("insurance_rule");
    expect(ins.perSeed.map((s) => s.seed)).toEqual(["B", "C"]);
    expect(ins.range.recall).toEqual([0.4, 0.4]);
    expect(ins.range.falseAlarmsPerAreaMonth).toEqual([1, 1.5]);
    const [lo, hi] = ins.interval.leadTimeMedian!;
    expect(lo).toBeLessThanOrEqual(ins.leadTimeMedian!);
    expect(hi).toBeGreaterThanOrEqual(ins.leadTimeMedian!);
  });

  it("judges the criterion on the model at its own levels, not on thresholds matched per seed", () => {
    expect(get("model_matched_insurance_rule").diagnostic).toBe(true);
    const vsIns = p.criterion.find((c) => c.baseline === "insurance_rule")!;
    // Recall 53 % vs 40 %, false alarms 0.5 vs 1.25, median lead 90 vs 90: not longer.
    expect(vsIns.recallHigher).toBe(true);
    expect(vsIns.falseAlarmsNotHigher).toBe(true);
    expect(vsIns.leadTimeLonger).toBe(false);
    expect(vsIns.met).toBe(false);
    const vsGr = p.criterion.find((c) => c.baseline === "grievance_rule")!;
    expect(vsGr.met).toBe(true);
    expect(vsGr.support.met).toBeGreaterThan(0.5);
  });

  it("compares lead times on the incidents both caught, seed by seed", () => {
    const b = p.bothCaught.find((x) => x.baseline === "insurance_rule")!;
    // Seed B: e1 100 vs 150, e2 120 vs 90; seed C: e4 110 vs 70, e5 60 vs 60 (e1 of C is another province's e1: unmatched).
    expect(b.incidents).toBe(4);
    expect([b.modelEarlier, b.same, b.modelLater]).toEqual([2, 1, 1]);
    expect(b.modelLeadMedian).toBe(105);
    expect(b.baselineLeadMedian).toBe(80);
    expect(p.bothCaught.find((x) => x.baseline === "grievance_rule")!.incidents).toBe(0);
    expect(renderPooledMarkdown(p)).toContain("Incidents both caught");
  });

  it("judges an operating point on the seeds it is chosen on: admissible, then support, lead margin, recall", () => {
    const v = operatingPointVerdict(p);
    // Model: recall 53 % > 40 % and 27 %, false alarms 0.5 ≤ 1.25, same flagged share; lead 90 vs 90.
    expect(v.admissible).toBe(true);
    expect(v.leadMargin).toBe(0);
    // Support: the weaker baseline's share of resamples meeting the whole criterion (here the insurance rule's).
    const supports = p.criterion.map((c) => c.support.met);
    expect(v.support).toBe(Math.min(...supports));
    expect(v.support).toBeLessThan(Math.max(...supports));
    expect(v.key).toEqual([1, v.support, 0, 16 / 30]);
    // 0.5 false alarms against the rule's 1.25: inside a budget of 40 % of them, outside 30 %.
    expect(operatingPointVerdict(p, 0.4).admissible).toBe(true);
    expect(operatingPointVerdict(p, 0.3).admissible).toBe(false);
    expect(keyBeats([1, 5, 0.1], [1, 0, 0.5])).toBe(true);
    expect(keyBeats([0, 0.9, 0.9], [1, -50, 0.1])).toBe(false);
    expect(keyBeats([1, 0, 0.5], [1, 0, 0.5])).toBe(false);
    expect(keyBeats([1, 0, 0.5], undefined)).toBe(true);
  });

  it("refuses evaluation seeds that were fit or selection seeds, and mixed models", () => {
    expect(() => poolBacktests([{ seed: "A", report: seedB }], { fitSeeds: ["A"] })).toThrow(/also fit seeds/);
    expect(() => poolBacktests([{ seed: "B", report: seedB }], { selectionSeeds: ["B"] })).toThrow(/also selection seeds/);
    const other = { ...seedC, model: { ...seedC.model, version: "u" } };
    expect(() =>
      poolBacktests([
        { seed: "B", report: seedB },
        { seed: "C", report: other },
      ]),
    ).toThrow(/another model/);
  });

  it("renders Markdown and charts of the pooled figures", () => {
    const md = renderPooledMarkdown(p);
    expect(md).toContain("| B ");
    expect(md).toMatch(/53\.3 %/);
    expect(pooledLeadTimeSvg(p)).toContain("<rect");
    expect(pooledSeedsSvg(p)).toContain("<circle");
  });
});

describe("criterion parts and seeds", () => {
  it("needs strictly higher recall and lead, and false alarms at most equal", () => {
    expect(criterionParts({ recall: 0.5, fa: 1, lead: 100 }, { recall: 0.4, fa: 1, lead: 99 })).toEqual({
      recallHigher: true,
      falseAlarmsNotHigher: true,
      leadTimeLonger: true,
    });
    expect(criterionParts({ recall: 0.4, fa: 1.1, lead: 99 }, { recall: 0.4, fa: 1, lead: 99 })).toEqual({
      recallHigher: false,
      falseAlarmsNotHigher: false,
      leadTimeLonger: false,
    });
  });

  it("reads a list or a count of seeds (the letters after the fit seed A)", () => {
    expect(parseSeeds("B,C, D")).toEqual(["B", "C", "D"]);
    expect(parseSeeds("3")).toEqual(["B", "C", "D"]);
    expect(() => parseSeeds("B,B")).toThrow(/repeated/);
    expect(() => parseSeeds("0")).toThrow();
  });

  it("skips the seeds a model has seen when given a count", () => {
    expect(parseSeeds("3", ["B", "C", "D", "E"])).toEqual(["F", "G", "H"]);
    expect(parseSeeds("B,C", ["B"])).toEqual(["B", "C"]); // a list is taken as given; the caller refuses seen seeds
    expect(() => parseSeeds("25", ["B"])).toThrow(/from 1 to 24/);
  });

  it("draws the same random numbers from the same seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe("fit seeds recorded in a model file", () => {
  const base = { version: "t", createdAt: "", horizonDays: 60, intercept: 0, features: [], thresholds: seedB.model.thresholds };
  it("reads the list of fit seeds, or the single simulator seed of older files", () => {
    expect(fitSeedsOf({ ...base, metrics: { training: { fitSeeds: ["A", "A2"] } } })).toEqual(["A", "A2"]);
    expect(fitSeedsOf({ ...base, metrics: { training: { simulator: { seed: "A" } } } })).toEqual(["A"]);
    expect(fitSeedsOf(base)).toEqual([]);
  });

  it("reads the seeds the levels were chosen on, without the fit seeds", () => {
    const m = { ...base, metrics: { training: { fitSeeds: ["A"] }, selection: { seeds: ["A", "B", "C"] } } };
    expect(selectionSeedsOf(m)).toEqual(["B", "C"]);
    expect(selectionSeedsOf(base)).toEqual([]);
  });

  it("takes digits as a number seed and anything else as a string seed", () => {
    expect(simulatorSeed("42")).toBe(42);
    expect(simulatorSeed("B")).toBe("B");
  });
});
