import { describe, expect, it } from "vitest";
import { BadInputError } from "@lrew/errors";
import { formatUtc, periodToDate, toUtcText } from "./time.ts";

describe("toUtcText", () => {
  it("converts offsets to UTC in the DateTime64(3) insert format", () => {
    expect(toUtcText("2026-11-23T08:30:00+07:00")).toBe("2026-11-23 01:30:00.000");
    expect(toUtcText("2026-01-01T03:00:00+07:00")).toBe("2025-12-31 20:00:00.000");
    expect(toUtcText("2026-11-23T08:30:00Z")).toBe("2026-11-23 08:30:00.000");
    expect(toUtcText("2026-11-23T08:30:00-05:30")).toBe("2026-11-23 14:00:00.000");
    expect(toUtcText("2026-11-23T08:30+07:00")).toBe("2026-11-23 01:30:00.000");
  });

  it("keeps milliseconds and truncates finer fractions", () => {
    expect(toUtcText("2026-11-23T08:30:00.5+07:00")).toBe("2026-11-23 01:30:00.500");
    expect(toUtcText("2026-11-23T08:30:00.123456789Z")).toBe("2026-11-23 08:30:00.123");
  });

  it("refuses what is not an instant with offset, or cannot be stored", () => {
    expect(() => toUtcText("2026-11-23T08:30:00")).toThrow(BadInputError);
    expect(() => toUtcText("2026-02-30T08:30:00Z")).toThrow(BadInputError);
    expect(() => toUtcText("23/11/2026")).toThrow(BadInputError);
    expect(() => toUtcText("1800-01-01T00:00:00Z")).toThrow(/storable range/);
  });

  it("formats epoch milliseconds", () => {
    expect(formatUtc(Date.UTC(2026, 10, 23, 1, 2, 3, 4))).toBe("2026-11-23 01:02:03.004");
  });
});

describe("periodToDate", () => {
  it("maps YYYY-MM to the first of the month", () => {
    expect(periodToDate("2026-10")).toBe("2026-10-01");
    expect(() => periodToDate("2026-13")).toThrow(BadInputError);
    expect(() => periodToDate("1969-12")).toThrow(BadInputError);
  });
});
