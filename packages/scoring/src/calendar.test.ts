import { describe, expect, it } from "vitest";
import { dateRange } from "@lrew/contracts";
import { TET_DATES, tetSeason } from "./calendar.ts";

describe("calendar", () => {
  it("knows the Tết dates of the brief", () => {
    for (const d of ["2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03"])
      expect(TET_DATES).toContain(d);
  });
});

describe("Tết season feature", () => {
  // Tết 2026: 17 February. Season: 8 weeks before (from 23 December 2025) to 2 weeks after (until 2 March 2026).
  it("is 0 far from Tết and in summer", () => {
    expect(tetSeason("2025-07-15")).toBe(0);
    expect(tetSeason("2025-10-01")).toBe(0);
    expect(tetSeason("2026-03-02")).toBe(0);
    expect(tetSeason("2026-06-01")).toBe(0);
  });

  it("ramps up as the season enters the next 60 days, is 1 when the next 60 days are all in season", () => {
    const a = tetSeason("2025-11-01");
    const b = tetSeason("2025-12-01");
    const c = tetSeason("2025-12-22");
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBe(1); // 23 Dec .. 20 Feb all in season
    // First day of the look-ahead window that touches the season: 23 Dec is day 60 after 24 Oct.
    expect(tetSeason("2025-10-23")).toBe(0);
    expect(tetSeason("2025-10-24")).toBeCloseTo(1 / 60);
  });

  it("falls after Tết and reaches 0 two weeks after it", () => {
    expect(tetSeason("2026-02-16")).toBeCloseTo(14 / 60); // 17 Feb .. 2 Mar
    expect(tetSeason("2026-02-28")).toBeCloseTo(2 / 60);
    expect(tetSeason("2026-03-01")).toBeCloseTo(1 / 60); // 2 March, the last day of the season
    expect(tetSeason("2026-03-02")).toBe(0);
  });

  it("stays within 0..1 every day of a year", () => {
    for (const d of dateRange("2025-01-01", "2026-12-31")) {
      const v = tetSeason(d);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});
