import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatPercent, formatScore, formatVnd } from "./format.ts";

describe("formatting", () => {
  it("formats VND as vi-VN: 1.234.567 ₫ (en: 1,234,567 VND)", () => {
    expect(formatVnd(1_234_567, "vi")).toBe("1.234.567 ₫");
    expect(formatVnd(0, "vi")).toBe("0 ₫");
    expect(formatVnd(1_234_567.4, "vi")).toBe("1.234.567 ₫");
    expect(formatVnd(1_234_567, "en")).toBe("1,234,567 VND");
  });

  it("formats decimals, scores and shares by language", () => {
    expect(formatNumber(1.84, "vi")).toBe("1,8");
    expect(formatNumber(1.84, "en")).toBe("1.8");
    expect(formatNumber(12345, "vi", 0)).toBe("12.345");
    expect(formatScore(0.7, "vi")).toBe("70,0%");
    expect(formatScore(0.0122, "en")).toBe("1.2%");
    expect(formatPercent(0.45, "vi")).toMatch(/^45\s?%$/);
  });

  it("formats dates dd/mm/yyyy in both languages", () => {
    expect(formatDate("2026-11-24")).toBe("24/11/2026");
    expect(formatDate("2026-01-05T08:00:00+07:00")).toBe("05/01/2026");
    expect(() => formatDate("24/11/2026")).toThrow(RangeError);
  });
});
