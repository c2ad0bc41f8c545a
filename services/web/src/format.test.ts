import { describe, expect, it } from "vitest";
import { areaRiskClass, formatMonth, formatVietnamDateTime, formatVnd, shownCount, shownRowTotal, suppressCount } from "./format.ts";

describe("suppression of small grievance counts", () => {
  it("hides 1 and 2, shows 0 and 3 or more", () => {
    expect([0, 1, 2, 3, 14].map((n) => suppressCount(n))).toEqual([0, null, null, 3, 14]);
    expect(shownCount(2, "vi")).toBe("dưới 3");
    expect(shownCount(2, "en")).toBe("fewer than 3");
    expect(shownCount(1234, "vi")).toBe("1.234");
  });
});

describe("row totals of grievance counts", () => {
  it("are exact only when no cell of the row is hidden, so a hidden count cannot be worked out", () => {
    expect(shownRowTotal([3, 0, 5], "vi")).toBe("8");
    expect(shownRowTotal([3, 1], "vi")).toBe("từ 3 trở lên");
    expect(shownRowTotal([3, 1], "en")).toBe("3 or more");
    expect(shownRowTotal([1, 1], "vi")).toBe("dưới 3");
    expect(shownRowTotal([0, 0], "vi")).toBe("0");
  });
});

describe("formats", () => {
  it("writes VND, dates and months the Vietnamese way", () => {
    expect(formatVnd(1_234_567, "vi")).toBe("1.234.567 ₫");
    expect(formatVietnamDateTime("2026-11-23 17:30:00.000")).toBe("24/11/2026 00:30");
    expect(formatMonth("2026-03-01")).toBe("03/2026");
  });

  it("colours areas by their share of high and critical enterprises", () => {
    expect(areaRiskClass(0, 100)).toBe("risk-0");
    expect(areaRiskClass(1, 100)).toBe("risk-1");
    expect(areaRiskClass(3, 100)).toBe("risk-2");
    expect(areaRiskClass(8, 100)).toBe("risk-3");
    expect(areaRiskClass(0, 0)).toBe("risk-0");
  });
});
