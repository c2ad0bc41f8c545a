// The committed variant worlds (packages/scoring/params/*.json) that `./lrew backtest --simulate
// --params <file>` judges every method on: each parses, and differs from the default province the
// way its name says.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseParams, type SimulationParamsInput } from "@lrew/simulator";

const DIR = join(import.meta.dirname, "..", "..", "scoring", "params");
const load = (name: string) => parseParams(JSON.parse(readFileSync(join(DIR, name), "utf8")) as SimulationParamsInput);
const base = parseParams({});
const share = (mix: Partial<Record<string, number>>, keys: string[]) => {
  const total = Object.values(mix).reduce((a: number, b) => a + (b ?? 0), 0);
  return keys.reduce((a, k) => a + (mix[k] ?? 0), 0) / total;
};

describe("variant worlds", () => {
  it("are the three documented files, each a valid parameter set", () => {
    expect(readdirSync(DIR).sort()).toEqual(["incident-drivers.json", "industrial.json", "weak-signals.json"]);
    for (const f of readdirSync(DIR)) expect(() => load(f)).not.toThrow();
  });

  it("industrial: garment, footwear and electronics, much FDI", () => {
    const p = load("industrial.json");
    const strikeProne = ["garment", "footwear", "electronics"];
    expect(share(p.structure.sectorMix, strikeProne)).toBeGreaterThan(0.4);
    expect(share(base.structure.sectorMix, strikeProne)).toBeLessThan(0.05);
    expect(share(p.structure.ownershipMix, ["fdi"])).toBeGreaterThan(10 * share(base.structure.ownershipMix, ["fdi"]));
  });

  it("weak signals: fewer registered with social insurance, fewer reports, more late batches", () => {
    const p = load("weak-signals.json");
    expect(p.structure.insuranceRegistration.private!).toBeLessThan(base.structure.insuranceRegistration.private!);
    expect(p.reporting.neverReported.grievances).toBeGreaterThan(base.reporting.neverReported.grievances);
    expect(p.wageArrears.reportProbability.distressed).toBeLessThan(base.wageArrears.reportProbability.distressed);
    expect(p.reporting.lateBatchProbability).toBeGreaterThan(base.reporting.lateBatchProbability);
  });

  it("other incident drivers: Tết and contagion weigh more, distress less", () => {
    const p = load("incident-drivers.json");
    expect(p.incidents.tetMultiplier).toBeGreaterThan(base.incidents.tetMultiplier);
    expect(p.incidents.contagionPerIncident).toBeGreaterThan(base.incidents.contagionPerIncident);
    expect(p.incidents.contagionMax).toBeGreaterThan(base.incidents.contagionMax);
    expect(p.incidents.monthlyHazard.healthy / p.incidents.monthlyHazard.distressed).toBeGreaterThan(
      base.incidents.monthlyHazard.healthy / base.incidents.monthlyHazard.distressed,
    );
  });
});
