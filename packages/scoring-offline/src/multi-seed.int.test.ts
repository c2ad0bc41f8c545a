// Multi-seed backtest end to end: two small simulated provinces, each in its own embedded database,
// backtested one after the other and pooled. Checks that pooling adds up the seeds' own figures and
// that the pooled report is written; how good the figures are is the README's job.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, openWarehouse } from "@lrew/warehouse";
import { loadModel } from "@lrew/scoring";
import { backtestSimulatedSeeds, fitSeedsOf, selectionSeedsOf } from "./multi-seed.ts";
import { poolBacktests } from "./pooled.ts";
import { writePooledReport } from "./pooled-report.ts";

describe("backtest over several simulated seeds, pooled", () => {
  it("backtests each seed in its own database and pools their figures", async () => {
    const root = mkdtempSync(join(tmpdir(), "lrew-multi-seed-"));
    const opened: string[] = [];
    const open = async (database: string) => {
      opened.push(database);
      const wh = await openWarehouse({ username: "default", password: "", database, embeddedPath: join(root, "chdb") });
      await migrate(wh);
      return wh;
    };
    const model = loadModel();
    const seen: string[] = [];
    const runs = await backtestSimulatedSeeds(model, ["it-1", "it-2"], {
      open,
      world: { enterprises: 300 },
      onSeed: (seed) => {
        seen.push(seed);
      },
    });
    expect(seen).toEqual(["it-1", "it-2"]);
    expect(opened).toEqual(["lrew_backtest_it_1", "lrew_backtest_it_2"]);
    // Different seeds, different worlds.
    expect(runs[0]!.report.enterpriseDays).not.toBe(runs[1]!.report.enterpriseDays);

    const pooled = poolBacktests(runs, { fitSeeds: fitSeedsOf(model), resamples: 200 });
    for (const name of ["model", "insurance_rule", "grievance_rule"]) {
      const p = pooled.methods.find((m) => m.name === name)!;
      const per = runs.map((r) => r.report.methods.find((m) => m.name === name)!);
      expect(p.incidents).toBe(per[0]!.incidents + per[1]!.incidents);
      expect(p.caught).toBe(per[0]!.caught + per[1]!.caught);
      expect(p.falseAlarms).toBe(per[0]!.falseAlarms + per[1]!.falseAlarms);
      expect(p.leadTimes).toHaveLength(p.caught);
      expect(p.perSeed.map((s) => s.caught)).toEqual(per.map((m) => m.caught));
      for (const m of per) expect(m.caughtIncidents).toHaveLength(m.caught);
    }
    const both = pooled.bothCaught.find((b) => b.baseline === "insurance_rule")!;
    expect(both.modelEarlier + both.same + both.modelLater).toBe(both.incidents);
    expect(both.incidents).toBeLessThanOrEqual(
      Math.min(...["model", "insurance_rule"].map((n) => pooled.methods.find((m) => m.name === n)!.caught)),
    );
    expect(pooled.incidentsInPeriod).toBe(runs[0]!.report.incidentsInPeriod + runs[1]!.report.incidentsInPeriod);

    const dir = join(root, "report");
    const files = await writePooledReport(pooled, dir);
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(["backtest.json", "backtest.md", "lead-time.svg", "seeds.svg"]);
    for (const f of files) expect(existsSync(f)).toBe(true);
    expect(readFileSync(join(dir, "backtest.md"), "utf8")).toContain("## Acceptance criterion");
    expect(JSON.parse(readFileSync(join(dir, "backtest.json"), "utf8")).seeds).toEqual(["it-1", "it-2"]);
  }, 300_000);

  it("refuses to evaluate on a seed the model was fitted on, or whose levels were chosen on", () => {
    const model = loadModel();
    const fit = fitSeedsOf(model);
    expect(fit.length).toBeGreaterThan(0);
    expect(() => poolBacktests([{ seed: fit[0]!, report: {} as never }], { fitSeeds: fit })).toThrow(/also fit seeds/);
    const chosenOn = selectionSeedsOf(model);
    expect(chosenOn.length).toBeGreaterThan(0);
    expect(() => poolBacktests([{ seed: chosenOn[0]!, report: {} as never }], { fitSeeds: fit, selectionSeeds: chosenOn })).toThrow(
      /also selection seeds/,
    );
  });
});
