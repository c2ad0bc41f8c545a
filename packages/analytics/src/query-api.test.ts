import { describe, expect, it } from "vitest";
import { QuerySlots } from "./query-api.ts";

describe("QuerySlots", () => {
  it("admits up to the limit, refuses one more, admits again after a release", () => {
    const slots = new QuerySlots(2);
    expect([slots.tryTake(), slots.tryTake(), slots.tryTake()]).toEqual([true, true, false]);
    slots.release();
    expect(slots.busy).toBe(1);
    expect(slots.tryTake()).toBe(true);
  });
  it("always admits one query, and never counts below zero", () => {
    const slots = new QuerySlots(0);
    expect([slots.tryTake(), slots.tryTake()]).toEqual([true, false]);
    slots.release();
    slots.release();
    expect(slots.busy).toBe(0);
  });
});
