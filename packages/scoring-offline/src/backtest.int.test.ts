// Fit and backtest end to end on a small simulated province loaded into embedded ClickHouse. No
// assertion on how good the figures are (that is the README's job, on the default province); this
// checks that the pieces fit together and that the report and charts are written.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectInterventionDays, type Warehouse } from "@lrew/warehouse";
import { backtest, type BacktestReport } from "./backtest.ts";
import { fitModel } from "./fit.ts";
import { levelThresholdsSchema } from "@lrew/risk";
import { loadModel, parseModel, type Model } from "@lrew/scoring";
import { openScratchWarehouse } from "@lrew/scoring/test-world";
import { renderBacktestMarkdown, writeBacktestCharts } from "./report.ts";
import { loadSimulatedWorld, type LoadedWorld } from "./sim-load.ts";

let wh: Warehouse;
let world: LoadedWorld;

beforeAll(async () => {
  wh = await openScratchWarehouse("backtest");
  world = await loadSimulatedWorld(wh, { seed: "integration", enterprises: 800, start: "2025-07-01", days: 365 });
});

afterAll(async () => {
  await wh?.close();
});

describe("fit and backtest on a simulated province", () => {
  let model: Model;
  let report: BacktestReport;

  it("fits a model version with validation metrics", async () => {
    model = await fitModel(wh, { from: "2025-08-01", validationFrom: "2026-02-01", stepDays: 14, version: "it-1" });
    expect(parseModel(model).version).toBe("it-1");
    expect(levelThresholdsSchema.safeParse(model.thresholds).success).toBe(true);
    const v = model.metrics?.validation as { rows: number; auc: number | null };
    expect(v.rows).toBeGreaterThan(0);
    const t = model.metrics?.training as { trainUntil: string; to: string };
    expect(t.trainUntil).toBe("2025-12-03");
    expect(t.to <= "2026-05-01").toBe(true); // capped: last data day − horizon
  });

  it("replays daily scoring and measures the model and both baselines", async () => {
    report = await backtest(wh, loadModel(), { from: "2025-09-01", to: world.end, truth: world.truth });
    expect(report.period.days).toBe(303);
    expect(report.methods.map((m) => m.name)).toEqual(["model", "insurance_rule", "grievance_rule"]);
    for (const m of [...report.methods, ...report.matched.map((x) => x.model)]) {
      expect(m.incidents).toBe(report.incidentsInPeriod);
      if (m.recall !== null) expect(m.recall).toBeGreaterThanOrEqual(0);
      expect(m.recall ?? 0).toBeLessThanOrEqual(1);
      expect(m.caught).toBe(m.leadTimes.length);
      expect(m.falseAlarms).toBeLessThanOrEqual(m.alertsJudged);
      expect(m.flaggedByState).toBeDefined();
    }
    expect(report.enterprises).toBeGreaterThan(700);
    expect(report.prCurve.length).toBeGreaterThan(0);
    expect(report.truth!.incidents).toBeGreaterThanOrEqual(report.incidentsInPeriod - 1);
    // The simulated unions' responses are interventions in case_actions: counted beside the headline.
    expect((await selectInterventionDays(wh, { from: "2025-09-01" })).length).toBeGreaterThan(0);
    for (const m of report.methods) {
      expect(m.alertsInterventionNoIncident).toBeGreaterThanOrEqual(0);
      expect(m.alertsInterventionNoIncident).toBeLessThanOrEqual(m.falseAlarms);
      expect(m.incidentsAfterIntervention).toBeLessThanOrEqual(m.incidents);
    }
  });

  it("writes a Markdown report and two SVG charts", async () => {
    const md = renderBacktestMarkdown(report);
    expect(md).toContain("# Backtest");
    expect(md).toContain("Baseline: insurance arrears rule");
    expect(md).toContain("## Lead time distribution");
    const dir = mkdtempSync(join(tmpdir(), "lrew-charts-"));
    const files = await writeBacktestCharts(report, dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(["lead-time.svg", "precision-recall.svg"]);
    for (const f of files) {
      expect(existsSync(f)).toBe(true);
      expect(readFileSync(f, "utf8")).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*<\/svg>\s*$/);
    }
    expect(JSON.parse(JSON.stringify(report)).methods).toHaveLength(3);
  });
});
