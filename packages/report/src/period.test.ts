import { describe, expect, it } from "vitest";
import { parsePeriod, rangePeriod, rangeText } from "./period.ts";

describe("parsePeriod", () => {
  it("a month, compared with the month before and the same month last year", () => {
    const p = parsePeriod("2026-01");
    expect([p.kind, p.from, p.to, p.slug]).toEqual(["month", "2026-01-01", "2026-02-01", "2026-01"]);
    expect(p.previous).toEqual({ from: "2025-12-01", to: "2026-01-01" });
    expect(p.lastYear).toEqual({ from: "2025-01-01", to: "2025-02-01" });
    expect(p.label).toEqual({ vi: "tháng 01/2026", en: "January 2026" });
    expect(rangeText(p)).toBe("01/01/2026 – 31/01/2026");
  });

  it("December ends at the next new year", () => {
    const p = parsePeriod("2026-12");
    expect([p.from, p.to]).toEqual(["2026-12-01", "2027-01-01"]);
  });

  it("half-years and years", () => {
    const h1 = parsePeriod("2026-H1");
    expect([h1.from, h1.to, h1.previous.from, h1.previous.to, h1.label.vi]).toEqual([
      "2026-01-01",
      "2026-07-01",
      "2025-07-01",
      "2026-01-01",
      "6 tháng đầu năm 2026",
    ]);
    const h2 = parsePeriod("2026-h2");
    expect([h2.from, h2.to, h2.previous.from, h2.slug]).toEqual(["2026-07-01", "2027-01-01", "2026-01-01", "2026-H2"]);
    const y = parsePeriod("2026");
    expect([y.from, y.to, y.previous.from, y.lastYear.to]).toEqual(["2026-01-01", "2027-01-01", "2025-01-01", "2026-01-01"]);
  });

  it("refuses what is not a period, saying how to write one", () => {
    for (const bad of ["2026-13", "2026-00", "11/2026", "2026-H3", "26", "2026-11-01", ""]) {
      expect(() => parsePeriod(bad)).toThrow(/2026-H1/);
    }
  });
});

describe("rangePeriod", () => {
  it("both days included; the previous range is as long, just before", () => {
    const p = rangePeriod("2026-11-01", "2026-11-15");
    expect([p.from, p.to]).toEqual(["2026-11-01", "2026-11-16"]);
    expect(p.previous).toEqual({ from: "2026-10-17", to: "2026-11-01" });
    expect(p.lastYear).toEqual({ from: "2025-11-01", to: "2025-11-16" });
  });

  it("29 February has a twin a year earlier", () => {
    expect(rangePeriod("2028-02-29", "2028-03-01").lastYear).toEqual({ from: "2027-03-01", to: "2027-03-02" });
  });

  it("refuses a reversed or malformed range", () => {
    expect(() => rangePeriod("2026-11-15", "2026-11-01")).toThrow(/--to/);
    expect(() => rangePeriod("2026-11-31", "2026-12-01")).toThrow(/YYYY-MM-DD/);
  });
});
