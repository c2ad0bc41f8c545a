import { describe, expect, it } from "vitest";
import { mulberry32 } from "@lrew/simulator";
import { addDays, dateRange } from "@lrew/contracts";
import { FEATURE_NAMES } from "@lrew/risk";
import { sigmoid } from "@lrew/scoring";
import type { LabelledRow } from "./dataset.ts";
import { defaultFitWindow, fitOnRows, thresholdsFromRates } from "./fit.ts";

/** Deterministic pseudo-random numbers: the same seed, the same rows. */
const rng = mulberry32;

/** Rows whose risk is driven by insurance months; wage_arrears_months is a noisy copy that, alone, would get a negative weight. */
function synthetic(): LabelledRow[] {
  const r = rng(11);
  const rows: LabelledRow[] = [];
  for (const as_of of dateRange("2025-01-01", "2026-06-30", 7)) {
    for (let e = 0; e < 300; e++) {
      const months = r() < 0.15 ? Math.floor(r() * 12) : 0;
      const size = Math.floor(5 + r() * 500);
      const values: Record<string, number> = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0]));
      values.insurance_arrears_months = months;
      values.workforce = size;
      values.insurance_arrears_ratio = months * (0.8 + r() * 0.4);
      const z = -6 + 1.2 * Math.log1p(months) + 0.5 * Math.log1p(size) - 0.9 * Math.log1p(values.insurance_arrears_ratio);
      rows.push({ enterprise_id: `e${e}`, as_of, area_code: "A", sector: "garment", values, label: r() < sigmoid(z) ? 1 : 0 });
    }
  }
  return rows;
}

describe("fitting", () => {
  const rows = synthetic();
  const model = fitOnRows(rows, { from: "2025-01-01", to: "2026-06-30", validationFrom: "2026-01-01", l2: 1, version: "t1" });

  it("fits positive weights on the risk drivers, never a weight against a feature's expected direction", () => {
    const w = Object.fromEntries(model.features.map((f) => [f.name, f.weight]));
    expect(w.insurance_arrears_months).toBeGreaterThan(0.1);
    expect(w.workforce).toBeGreaterThan(0.2);
    for (const f of model.features) expect(f.weight).toBeGreaterThanOrEqual(0);
  });

  // Two more fits of 23,400 rows: seconds on a quiet machine, more than vitest's default 5 s on a busy one.
  it("with shared weights, a relative that alone would be fitted against its sign keeps a part of its family's weight", {
    timeout: 120_000,
  }, () => {
    // Alone, the ratio (a noisy copy of the months, with a negative partial effect in these rows) is
    // fitted against its sign and dropped to 0 …
    const opts = { from: "2025-01-01", to: "2026-06-30", validationFrom: "2026-01-01", l2: 1 };
    const alone = fitOnRows(rows, { ...opts, version: "t0", shareWeights: false });
    const wa = Object.fromEntries(alone.features.map((f) => [f.name, f.weight]));
    expect(wa.insurance_arrears_ratio).toBe(0);
    expect((alone.metrics!.training as { zeroWeight: string[] }).zeroWeight).toContain("insurance_arrears_ratio");
    // … with the insurance family's shared weight (the default own penalty) it keeps a part: its own
    // weight (never below 0) plus the shared weight ÷ the family's members.
    const shared = fitOnRows(rows, { ...opts, version: "t3" });
    const t = shared.metrics!.training as {
      droppedForSign: string[];
      sharedWeights: Record<string, { weight: number; members: string[] }>;
      zeroWeight: string[];
    };
    const w = Object.fromEntries(shared.features.map((f) => [f.name, f.weight]));
    const ins = t.sharedWeights.insurance!;
    expect(ins.members).toEqual([
      "insurance_arrears_months",
      "insurance_arrears_3m",
      "insurance_arrears_worker_months",
      "insurance_arrears_ratio",
      "insurance_arrears_growth_3m",
    ]);
    expect(ins.weight).toBeGreaterThan(0);
    expect(w.insurance_arrears_ratio).toBeGreaterThanOrEqual(ins.weight / ins.members.length - 1e-12);
    expect(w.insurance_arrears_ratio).toBeGreaterThan(0);
    expect(t.zeroWeight).not.toContain("insurance_arrears_ratio");
    for (const f of shared.features) expect(f.weight).toBeGreaterThanOrEqual(0);
    // Sharing the weight costs nothing in ranking on these rows.
    const auc = (m: typeof shared) => (m.metrics!.validation as { auc: number }).auc;
    expect(auc(shared)).toBeGreaterThan(auc(alone) - 0.005);
    // Context factors never share a weight.
    expect(Object.values(t.sharedWeights).flatMap((g) => g.members)).not.toContain("workforce");
  });

  it("splits by time with a purge gap of one horizon, and reports validation metrics", () => {
    const t = model.metrics?.training as { trainUntil: string; rows: number };
    expect(t.trainUntil).toBe(addDays("2026-01-01", -60));
    expect(t.rows).toBe(rows.filter((r) => r.as_of < t.trainUntil).length);
    const v = model.metrics?.validation as { auc: number; rows: number; high: { precision: number } };
    expect(v.rows).toBe(rows.filter((r) => r.as_of >= "2026-01-01").length);
    expect(v.auc).toBeGreaterThan(0.6);
  });

  it("purges one label horizon when the label reaches further than the model's horizon", () => {
    const longer = fitOnRows(rows, {
      from: "2025-01-01",
      to: "2026-06-30",
      validationFrom: "2026-01-01",
      labelHorizonDays: 180,
      l2: 1,
      version: "t2",
    });
    const t = longer.metrics?.training as { trainUntil: string; horizonDays: number; labelHorizonDays: number };
    expect(t.trainUntil).toBe(addDays("2026-01-01", -180));
    expect(longer.horizonDays).toBe(60); // levels and backtests still judge the 60-day horizon
    expect(t.labelHorizonDays).toBe(180);
    expect((model.metrics!.training as { labelHorizonDays: number }).labelHorizonDays).toBe(60);
  });

  it("opens a year back with the last third validating, and tells when a long label leaves nothing to train on", () => {
    const w60 = defaultFitWindow("2026-11-30", { horizonDays: 60, labelHorizonDays: 60 });
    expect(w60).toEqual({ from: "2025-11-30", to: "2026-10-01", validationFrom: "2026-06-21", trainUntil: "2026-04-22" });
    // One year of history, a 180-day label: as-of dates end in June, and the purge reaches back before the data.
    const w180 = defaultFitWindow("2026-11-30", { horizonDays: 60, labelHorizonDays: 180 });
    expect(w180.to).toBe("2026-06-03");
    expect(w180.trainUntil <= w180.from).toBe(true);
    // Four years of history leave room for it.
    const long = defaultFitWindow("2026-11-30", { from: "2022-12-01", horizonDays: 60, labelHorizonDays: 180 });
    expect(long.trainUntil > long.from).toBe(true);
  });

  it("chooses ordered thresholds with a hysteresis band", () => {
    const t = model.thresholds;
    expect(t.watch.enter).toBeLessThanOrEqual(t.high.enter);
    expect(t.high.enter).toBeLessThanOrEqual(t.critical.enter);
    for (const l of ["watch", "high", "critical"] as const) expect(t[l].exit).toBeLessThanOrEqual(t[l].enter);
    const q = thresholdsFromRates(
      Array.from({ length: 1000 }, (_, i) => i / 1000),
      { watch: 0.1, high: 0.03, critical: 0.01 },
      2,
    );
    expect(q.high.enter).toBeCloseTo(0.97, 2);
    expect(q.high.exit).toBeCloseTo(0.94, 2);
    expect(q.critical.enter).toBeCloseTo(0.99, 2);
  });
});
