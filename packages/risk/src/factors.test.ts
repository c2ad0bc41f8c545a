import { describe, expect, it } from "vitest";
import { FEATURE_NAMES, FEATURES } from "./factors.ts";

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
    expect([...families].sort()).toEqual(["calendar", "contagion", "grievances", "insurance", "structure", "wage_arrears"]);
  });
});
