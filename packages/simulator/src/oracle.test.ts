// The oracle's input: every month's incident hazard in the truth output. Writing it must not move a
// single event of any existing seed, and it must be the hazard the incident draw used.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateWorld, type WorldRecord } from "./generate.ts";
import { parseParams, type SimulationParamsInput } from "./params.ts";
import type { TruthRecord } from "./world.ts";

function eventHash(records: Iterable<WorldRecord>): string {
  const h = createHash("sha256");
  for (const r of records) if (r.kind === "event") h.update(`${r.deliverAt}|${r.stream}|${r.duplicate}|${r.json}\n`);
  return h.digest("hex");
}

type StateTruth = Extract<TruthRecord, { type: "state" }>;

describe("event streams of existing seeds", () => {
  // Hashes taken before the hazard was added to the truth output (commit abea86a): the event draws
  // are unchanged byte for byte, delivery times and duplicates included.
  it.each([
    [{ seed: 7, enterprises: 60, days: 400, start: "2025-07-01" }, "e8832d8afb0c93f1d39321b4e66aca7fc398d2af411201fc2dcca6c0f6ca6e01"],
    [{ seed: "J", enterprises: 150, days: 365 }, "da48823a3d97d957742d5bc89864feffe96f41f15b4386b8f28f035c381bc324"],
    [{ enterprises: 300, days: 730 }, "946481e7bb8b4adff00ba5d6264af0d72f8f4f0fcbd9f6ec56cd3f8fec483e2f"],
  ] as Array<[SimulationParamsInput, string]>)("%j keeps its events", (params, hash) => {
    expect(eventHash(generateWorld(params))).toBe(hash);
  });
});

describe("the monthly incident hazard in the truth output", () => {
  const params: SimulationParamsInput = { seed: 31, enterprises: 400, days: 730 };
  const truths = [...generateWorld(params)].flatMap((r) => (r.kind === "truth" ? [r.truth] : []));
  const states = truths.filter((t): t is StateTruth => t.type === "state");
  const incidents = truths.filter((t) => t.type === "incident");

  it("is on every state record, 0 exactly when closed", () => {
    expect(states.length).toBe(400 * 24);
    for (const s of states) {
      expect(Number.isFinite(s.hazard)).toBe(true);
      if (s.state === "closed") expect(s.hazard).toBe(0);
      else expect(s.hazard).toBeGreaterThan(0);
    }
  });

  it("is the state's hazard times the enterprise's fixed multipliers, Tết and contagion", () => {
    const p = parseParams(params);
    const inc = p.incidents;
    // Per enterprise, hazard / monthlyHazard[state] is its structure (fixed) × Tết × contagion (>= 1,
    // <= contagionMax): outside Tết it never falls below the structure factor's minimum over months.
    const ratios = new Map<string, number[]>();
    for (const s of states) {
      if (s.state === "closed") continue;
      const r = s.hazard / inc.monthlyHazard[s.state];
      ratios.set(s.enterprise_id, [...(ratios.get(s.enterprise_id) ?? []), r]);
    }
    for (const rs of ratios.values()) {
      const base = Math.min(...rs);
      for (const r of rs) expect(r / base).toBeLessThanOrEqual(inc.tetMultiplier * inc.contagionMax + 1e-9);
    }
  });

  it("predicts the number of incidents drawn (sum of monthly chances)", () => {
    const expected = states.reduce((n, s) => n + 1 - Math.exp(-s.hazard), 0);
    // Poisson-binomial: variance at most the mean; four standard deviations.
    expect(Math.abs(incidents.length - expected)).toBeLessThan(4 * Math.sqrt(expected) + 1);
    expect(incidents.length).toBeGreaterThan(5);
  });

  it("is higher in the months incidents started than on average", () => {
    const byKey = new Map(states.map((s) => [`${s.enterprise_id}|${s.month}`, s.hazard]));
    const atIncidents = incidents.map((t) => (t.type === "incident" ? byKey.get(`${t.enterprise_id}|${t.started_at.slice(0, 7)}`)! : 0));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(atIncidents)).toBeGreaterThan(5 * mean(states.map((s) => s.hazard)));
  });
});
