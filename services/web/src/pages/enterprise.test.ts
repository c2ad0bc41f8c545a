import { describe, expect, it } from "vitest";
import { grievancePivot, statedReasons, topContributions } from "./enterprise.ts";

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

describe("statedReasons", () => {
  const contributions = [
    { feature: "workforce", value: 1200, contribution: 1.6 },
    { feature: "ownership_private", value: 1, contribution: 0.9 },
    { feature: "insurance_arrears_months", value: 4, contribution: 0.8 },
    { feature: "grievance_collective_90d", value: 2, contribution: 0.3 },
    { feature: "no_union", value: 1, contribution: 0.1 },
  ];

  it("states signals only, each with its figure, never size or ownership", () => {
    const { reasons, changes } = statedReasons(contributions, undefined, "vi");
    expect(reasons).toEqual(["Nợ BHXH 4 tháng liên tiếp", "Dưới 3 khiếu nại tập thể trong 90 ngày qua"]);
    expect(reasons.join(" ")).not.toMatch(/Quy mô|tư nhân|lao động/);
    expect(changes).toEqual([]);
  });

  it("says what changed since the last alert", () => {
    const last = {
      reasons: [
        { feature: "insurance_arrears_months", value: 3 },
        { feature: "wage_arrears_payroll", value: 0.5 },
      ],
    };
    const { changes } = statedReasons(contributions, last, "en");
    expect(changes[0]).toBe("Months of insurance arrears: 3 → 4");
    expect(changes.some((c) => c.includes("(new)"))).toBe(true);
    expect(changes.some((c) => c.startsWith("Wage arrears relative to payroll") && c.includes("no longer a main reason"))).toBe(true);
  });
});
