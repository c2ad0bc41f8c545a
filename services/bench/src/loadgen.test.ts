import { describe, expect, it } from "vitest";
import { scheduledStartMs } from "./loadgen.ts";

describe("scheduledStartMs", () => {
  it("spaces requests so that the offered load is eventsPerSecond", () => {
    expect(scheduledStartMs(0, 20, 200)).toBe(0);
    expect(scheduledStartMs(1, 20, 200)).toBe(100);
    expect(scheduledStartMs(10, 20, 200)).toBe(1000);
    expect(scheduledStartMs(3, 1, 1000)).toBe(3);
  });
});
