import { describe, expect, it } from "vitest";
import { formatCell } from "./format.ts";

describe("formatCell", () => {
  it("writes numbers, shares, changes and dates as each language's reader does", () => {
    expect(formatCell(12345, "int", "vi")).toBe("12.345");
    expect(formatCell(12345, "int", "en")).toBe("12,345");
    expect(formatCell(0.125, "percent", "vi")).toBe("12,5 %");
    expect(formatCell(0.125, "percent", "en")).toBe("12.5%");
    expect(formatCell(-3, "change", "vi")).toBe("−3");
    expect(formatCell(1200, "change", "en")).toBe("+1,200");
    expect(formatCell(0, "change", "en")).toBe("0");
    expect(formatCell("2026-11-30", "date", "vi")).toBe("30/11/2026");
    expect(formatCell("2026-11-30", "date", "en")).toBe("2026-11-30");
    expect(formatCell(null, "int", "vi")).toBe("–");
    expect(formatCell("Đình công", "text", "vi")).toBe("Đình công");
  });
});
