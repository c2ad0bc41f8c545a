import { describe, expect, it } from "vitest";
import { grievancePivot, topContributions } from "./enterprise.ts";

describe("grievancePivot", () => {
  it("makes months × categories with month totals", () => {
    const p = grievancePivot([
      { month: "2026-02-01", category: "wages", grievances: 2 },
      { month: "2026-01-01", category: "wages", grievances: 4 },
      { month: "2026-02-01", category: "bonus", grievances: 1 },
    ]);
    expect(p.months).toEqual(["2026-01-01", "2026-02-01"]);
    expect(p.categories).toEqual(["bonus", "wages"]);
    expect(p.count("2026-02-01")).toBe(3);
    expect(p.count("2026-01-01", "bonus")).toBe(0);
  });
});

describe("topContributions", () => {
  it("keeps the largest effects either way, dropping negligible ones", () => {
    const c = [
      { feature: "a", value: 1, contribution: 0.2 },
      { feature: "b", value: 1, contribution: -0.9 },
      { feature: "c", value: 1, contribution: 0.001 },
      { feature: "d", value: 1, contribution: 0.5 },
    ];
    expect(topContributions(c, 2).map((x) => x.feature)).toEqual(["b", "d"]);
    expect(topContributions(c).map((x) => x.feature)).toEqual(["b", "d", "a"]);
  });
});
