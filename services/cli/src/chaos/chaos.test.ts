import { describe, expect, it } from "vitest";
import { BOUNDS, faultPlan, SCENARIOS } from "./schedule.ts";
import { passed, verdictTable, type ScenarioResult } from "./verdict.ts";

describe("faultPlan", () => {
  it("is the same for the same seed, differs for another, and stays inside its bounds", () => {
    for (const s of SCENARIOS) {
      expect(faultPlan(s, 6, 42)).toEqual(faultPlan(s, 6, 42));
      expect(faultPlan(s, 6, 42)).not.toEqual(faultPlan(s, 6, 43));
      for (const step of faultPlan(s, 50, 7)) {
        expect(step.afterMs).toBeGreaterThanOrEqual(BOUNDS.afterMs[0]);
        expect(step.afterMs).toBeLessThanOrEqual(BOUNDS.afterMs[1]);
        const stopsBroker = ["broker-restart", "notifier-broker-stop", "scorer-broker-stop", "leader-kill"].includes(s);
        const [lo, hi] = stopsBroker ? BOUNDS.brokerDownMs : s === "clickhouse-outage" ? BOUNDS.clickhouseDownMs : [0, 0];
        expect(step.downMs).toBeGreaterThanOrEqual(lo);
        expect(step.downMs).toBeLessThanOrEqual(hi);
      }
    }
    expect(faultPlan("sink-kill", 4, 1).map((s) => s.atInsert !== undefined)).toEqual([false, true, false, true]);
    expect(faultPlan("notifier-kill", 50, 3).every((s) => s.atInsert! >= 1 && s.atInsert! <= 4)).toBe(true);
    expect(new Set(faultPlan("scorer-kill", 50, 3).map((s) => s.atPoint))).toEqual(new Set([0, 1, 2]));
  });
});

describe("verdict", () => {
  const check = { acknowledged: 100, rows: 100, unique: 100, missing: 0, partial: 0, unsent: 0, unknown: 0, notIntact: 0, differences: [] };
  const result = (over: Partial<typeof check> = {}, error?: string): ScenarioResult => ({
    scenario: "sink-kill",
    faults: "2 kills",
    check: { ...check, ...over },
    ...(error ? { error } : {}),
  });

  it("passes only when nothing is lost, doubled, unknown or altered, and the scenario itself ran", () => {
    expect(passed(result())).toBe(true);
    expect(passed(result({ missing: 1, rows: 99, unique: 99 }))).toBe(false);
    expect(passed(result({ rows: 101 }))).toBe(false);
    expect(passed(result({ unknown: 1 }))).toBe(false);
    expect(passed(result({ notIntact: 1 }))).toBe(false);
    expect(passed(result({ partial: 1 }))).toBe(false);
    expect(passed(result({ unsent: 2 }))).toBe(true); // held for an operator, neither lost nor doubled
    expect(passed(result({}, "timed out"))).toBe(false);
    expect(passed({ scenario: "x", faults: "", check: undefined })).toBe(false);
  });

  it("renders one row per scenario with the figures and the verdict, in Vietnamese or English", () => {
    const table = verdictTable([result(), result({ rows: 1234, unique: 1000, acknowledged: 1000 })], "vi");
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^kịch bản/);
    expect(lines[2]).toMatch(/ĐẠT$/);
    expect(lines[3]).toContain("1.234");
    expect(lines[3]).toContain("234");
    expect(lines[3]).toMatch(/KHÔNG ĐẠT$/);
    expect(verdictTable([result()], "en").split("\n")[2]).toMatch(/PASS$/);
  });
});
