import { describe, expect, it } from "vitest";
import { lastDay } from "./world-load.ts";

describe("lastDay", () => {
  it("is the last of `days` days from the start, across month and leap-year ends", () => {
    expect(lastDay("2025-07-01", 365)).toBe("2026-06-30");
    expect(lastDay("2024-02-28", 2)).toBe("2024-02-29");
    expect(lastDay("2025-01-01", 1)).toBe("2025-01-01");
  });
});
