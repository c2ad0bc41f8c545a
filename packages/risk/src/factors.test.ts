import { describe, expect, it } from "vitest";
import { FEATURE_NAMES, FEATURES, isSignalFactor, signalMask, signalReasons, signalStrength } from "./factors.ts";

describe("feature catalogue", () => {
  it("describes every factor in Vietnamese and English with a unit and a family", () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURES.length);
    for (const f of FEATURES) {
      expect(f.description.vi.length).toBeGreaterThan(20);
      expect(f.description.en.length).toBeGreaterThan(20);
      expect(f.label.vi.trim().length, f.name).toBeGreaterThan(0);
      expect(f.label.en.trim().length, f.name).toBeGreaterThan(0);
      expect(f.unit.trim().length, f.name).toBeGreaterThan(0);
    }
    const families = new Set(FEATURES.map((f) => f.family));
    expect([...families].sort()).toEqual(["calendar", "contagion", "grievances", "insurance", "structure", "union_fees", "wage_arrears"]);
  });
});

describe("signals and context", () => {
  it("classifies structure and the season as context, the changeable factors as signals", () => {
    const context = FEATURES.filter((f) => f.role === "context").map((f) => f.name);
    expect(context.sort()).toEqual(
      [
        "insurance_unreported",
        "ownership_fdi",
        "ownership_private",
        "past_incidents_365d",
        "strike_prone_sector",
        "tet_season",
        "workforce",
      ].sort(),
    );
    for (const f of FEATURES) if (f.family === "structure" && f.name !== "no_union") expect(f.role, f.name).toBe("context");
    for (const name of [
      "insurance_arrears_3m",
      "union_fee_arrears_months",
      "union_fee_arrears_ratio",
      "wage_arrears_growth_90d",
      "grievance_surprise_own",
      "grievance_unresolved_30d",
      "grievance_collective_90d",
      "no_union",
      "nearby_incidents_90d",
    ])
      expect(isSignalFactor(name), name).toBe(true);
    expect(isSignalFactor("no_such_factor")).toBe(false);
  });

  it("reasons are signals only, however large the structure's contributions", () => {
    const cs = FEATURES.map((f, i) => ({ feature: f.name, value: 1, contribution: f.role === "context" ? 5 + i : 0.1 * i }));
    const reasons = signalReasons(cs, 0.2, 3);
    expect(reasons).toHaveLength(3);
    for (const r of reasons) expect(isSignalFactor(r.feature), r.feature).toBe(true);
    expect(signalStrength(cs)).toBe(Math.max(...cs.filter((c) => isSignalFactor(c.feature)).map((c) => c.contribution)));
    // Structure alone: no reason at all, strength 0.
    const structureOnly = cs.map((c) => (isSignalFactor(c.feature) ? { ...c, contribution: -0.3 } : c));
    expect(signalReasons(structureOnly, 0.2)).toEqual([]);
    expect(signalStrength(structureOnly)).toBe(0);
    const mask = signalMask(FEATURE_NAMES);
    expect([...mask].filter((m) => m === 0)).toHaveLength(7);
    expect(mask[FEATURE_NAMES.indexOf("workforce")]).toBe(0);
    expect(mask[FEATURE_NAMES.indexOf("insurance_arrears_3m")]).toBe(1);
  });
});
