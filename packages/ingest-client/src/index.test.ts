import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./index.ts";

describe("retryDelayMs", () => {
  it("honours Retry-After in seconds, capped at a minute", () => {
    expect(retryDelayMs(0, "3")).toBe(3000);
    expect(retryDelayMs(5, "600")).toBe(60_000);
  });
  it("backs off exponentially without it", () => {
    expect(retryDelayMs(0, null)).toBe(250);
    expect(retryDelayMs(2, "soon")).toBe(1000);
    expect(retryDelayMs(20, null)).toBe(15_000);
  });
});
