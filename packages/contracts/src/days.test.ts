import { describe, expect, it } from "vitest";
import { addDays, dateRange, daysBetween, isDate, vietnamDate, vietnamTime } from "./days.ts";

describe("calendar", () => {
  it("does day arithmetic across months and leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2025-07-01", "2026-07-01")).toBe(365);
    expect(dateRange("2026-01-30", "2026-02-02")).toEqual(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"]);
    expect(dateRange("2026-01-01", "2026-01-15", 7)).toEqual(["2026-01-01", "2026-01-08", "2026-01-15"]);
    expect(isDate("2026-02-30")).toBe(false);
    expect(() => addDays("26-1-1", 1)).toThrow(RangeError);
  });

  it("counts days between dates", () => {
    expect(daysBetween("2026-11-01", "2026-11-24")).toBe(23);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
  });
});

describe("vietnamDate", () => {
  it("is today in Vietnam (UTC+7)", () => {
    expect(vietnamDate(new Date("2026-11-23T16:59:59Z"))).toBe("2026-11-23");
    expect(vietnamDate(new Date("2026-11-23T17:00:00Z"))).toBe("2026-11-24");
  });

  it("writes Vietnam wall-clock time with its offset, the same instant", () => {
    const t = vietnamTime(new Date("2026-11-23T17:30:00.000Z"));
    expect(t).toBe("2026-11-24T00:30:00.000+07:00");
    expect(Date.parse(t)).toBe(Date.parse("2026-11-23T17:30:00.000Z"));
  });
});
