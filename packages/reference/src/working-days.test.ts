import { describe, expect, it } from "vitest";
import { readHolidayCalendar } from "./files.ts";
import { dayAfterWorkingDays, holidayCalendar, isWorkingDay, workingDaysBetween } from "./working-days.ts";

const cal = readHolidayCalendar();

describe("the holiday data", () => {
  it("covers 2025, 2026 and 2027, Tết included", () => {
    expect([...cal.years].sort()).toEqual([2025, 2026, 2027]);
    expect(cal.daysOff.has("2025-01-29")).toBe(true); // mùng 1 Tết Ất Tỵ
    expect(cal.daysOff.has("2026-02-17")).toBe(true); // mùng 1 Tết Bính Ngọ
  });

  it("refuses a day that is not of the file's year", () => {
    expect(() =>
      holidayCalendar([
        { name: "holidays-2026.json", content: { year: 2026, days_off: [{ date: "2025-09-02", name: "x" }], working_days: [] } },
      ]),
    ).toThrowError(/holidays-2026.json.*2025-09-02/);
  });
});

describe("working days", () => {
  it("are weekdays, not holidays, and make-up Saturdays", () => {
    expect(isWorkingDay("2026-11-23", cal)).toBe(true); // Monday
    expect(isWorkingDay("2026-11-28", cal)).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-29", cal)).toBe(false); // Sunday
    expect(isWorkingDay("2025-05-02", cal)).toBe(false); // bridged Friday
    expect(isWorkingDay("2025-04-26", cal)).toBe(true); // the Saturday worked for it
  });

  it("count whole working days between two days, weekends excluded", () => {
    // Opened Monday 23/11/2026: Tue, Wed, Thu have passed by Friday.
    expect(workingDaysBetween("2026-11-23", "2026-11-27", cal)).toBe(3);
    // Opened Thursday: Fri, (Sat, Sun), Mon, Tue by Wednesday.
    expect(workingDaysBetween("2026-11-26", "2026-12-02", cal)).toBe(3);
    expect(dayAfterWorkingDays("2026-11-26", 3, cal)).toBe("2026-12-02");
    expect(workingDaysBetween("2026-11-23", "2026-11-23", cal)).toBe(0);
  });

  it("skip Tết: an alert the Friday before Tết Bính Ngọ is due well after it", () => {
    // Fri 13/2/2026; Tết off Mon 16 – Fri 20/2; then Mon 23, Tue 24, Wed 25 are the three working days.
    expect(workingDaysBetween("2026-02-13", "2026-02-23", cal)).toBe(0);
    expect(dayAfterWorkingDays("2026-02-13", 3, cal)).toBe("2026-02-26");
    // Without the holiday data the same alert would be overdue from Thursday 19/2.
    const bare = holidayCalendar([]);
    expect(dayAfterWorkingDays("2026-02-13", 3, bare)).toBe("2026-02-19");
  });

  it("count a make-up Saturday and skip the bridged day", () => {
    // Thu 24/4/2025: Fri 25, Sat 26 (worked), Mon 28 → overdue from Tue 29/4.
    expect(dayAfterWorkingDays("2025-04-24", 3, cal)).toBe("2025-04-29");
    // Tue 29/4/2025: 30/4, 1/5, 2/5 off, weekend → Mon 5, Tue 6, Wed 7 → overdue from Thu 8/5.
    expect(dayAfterWorkingDays("2025-04-29", 3, cal)).toBe("2025-05-08");
  });
});
