// The like-for-like comparison end to end on two small simulated provinces (one to choose each
// method's threshold on, one to judge): replayed from ClickHouse, every method (the oracle from the
// simulator's truth) through the one alert policy, the report and charts written. How good the
// figures are is the README's job; this checks that the pieces agree with each other.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel, scoreHorizonDays } from "@lrew/scoring";
import { migrate, openWarehouse } from "@lrew/warehouse";
import { evaluateLikeForLike, writeLikeForLike } from "./like-for-like-report.ts";
import { METHODS } from "./like-for-like.ts";
import { backtestSimulatedSeeds } from "./multi-seed.ts";

describe("like-for-like backtest on simulated provinces", () => {
  it("chooses every method's threshold on one province and judges all of them, the oracle included, on another", async () => {
    const root = mkdtempSync(join(tmpdir(), "lrew-lfl-"));
    const open = async (database: string) => {
      const wh = await openWarehouse({ username: "default", password: "", database, embeddedPath: join(root, "chdb") });
      await migrate(wh);
      return wh;
    };
    const model = loadModel();
    const world = { enterprises: 300 };
    const [selection] = await backtestSimulatedSeeds(model, ["lfl-select"], { open, world });
    const [evaluation] = await backtestSimulatedSeeds(model, ["lfl-judge"], { open, world });
    const r = evaluateLikeForLike([selection!.methods], [evaluation!.methods], {
      budget: 1,
      modelLabelHorizonDays: scoreHorizonDays(model),
    });

    expect(r.inSample).toBe(false);
    expect(r.methods.map((m) => m.method)).toEqual([...METHODS]);
    for (const m of r.methods) {
      // The same incidents for every method: those the run-based report counts.
      expect(m.evaluation.incidents).toBe(evaluation!.report.incidentsInPeriod);
      expect(m.evaluation.caught).toBeLessThanOrEqual(m.evaluation.incidents);
      expect(m.evaluation.falseEmails).toBeLessThanOrEqual(m.evaluation.emails);
      if (m.evaluation.leadMedian !== null) expect(m.evaluation.leadMedian).toBeLessThanOrEqual(60);
      expect(m.selection).not.toBeNull();
      expect(m.curve.length).toBeGreaterThan(3);
      // Lower thresholds send more e-mails.
      const byThreshold = [...m.curve].sort((a, b) => b.threshold - a.threshold);
      expect(byThreshold[0]!.emailsPerAreaMonth).toBeLessThanOrEqual(byThreshold[byThreshold.length - 1]!.emailsPerAreaMonth);
    }
    // The oracle's scores come from the truth: it is not blind.
    const oracle = r.methods.find((m) => m.method === "oracle")!;
    expect(Math.max(...oracle.curve.map((p) => p.recall))).toBeGreaterThan(0);
    expect(r.calibration.model.pairs).toBeGreaterThan(0);
    expect(r.calibration.modelAtHorizon.horizonDays).toBe(60);
    expect(r.calibration.oracle?.pairs).toBeGreaterThan(0);

    const dir = join(root, "report");
    const md = await writeLikeForLike(r, dir);
    expect(md).toContain("oracle (the simulator's own hazard)");
    expect(md).toContain("## Calibration");
    for (const f of ["like-for-like.md", "like-for-like.json", "recall-curve.svg", "reliability.svg"])
      expect(existsSync(join(dir, f))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "like-for-like.json"), "utf8")).evaluationSeeds).toEqual(["lfl-judge"]);
  }, 600_000);
});
