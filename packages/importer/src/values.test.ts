import { describe, expect, it } from "vitest";
import {
  excelSerialToDate,
  isBlank,
  matchWord,
  parseBoolean,
  parseInteger,
  parseList,
  parsePeriod,
  parseTimestamp,
  wordMap,
} from "./values.ts";

const value = <T>(r: { ok: true; value: T } | { ok: false; message: { vi: string; en: string } }) => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message.en}`);
  return r.value;
};
const error = (r: { ok: boolean; message?: { vi: string; en: string } }) => {
  if (r.ok) throw new Error("expected an error");
  return r.message!;
};

describe("parseInteger", () => {
  it.each([
    ["1.234.567", 1234567],
    ["1.234.567 ₫", 1234567],
    ["1.234.567₫", 1234567],
    ["1.234.567 đ", 1234567],
    ["1.234.567 đồng", 1234567],
    ["1.234.567 VND", 1234567],
    ["1.234.567 VNĐ", 1234567],
    ["₫ 1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["1 234 567", 1234567],
    ["1\u00a0234\u00a0567", 1234567],
    ["1\u202f234\u202f567", 1234567],
    ["1234567", 1234567],
    ["  1234567  ", 1234567],
    ["1.234.567,00", 1234567],
    ["1,234,567.00", 1234567],
    ["1234567,0", 1234567],
    ["0", 0],
    ["1.000", 1000],
    ["1,000", 1000],
    ["496.800.000", 496800000],
    ["-5.000", -5000],
    ["(5.000)", -5000],
    ["−5.000", -5000],
    ["+12", 12],
    ["9.007.199.254.740.991", Number.MAX_SAFE_INTEGER],
  ])("money %j → %d", (input, expected) => {
    expect(value(parseInteger(input, { money: true }))).toBe(expected);
  });

  it.each([
    ["120", 120],
    ["120 người", 120],
    ["1.200", 1200],
    ["1.200 lao động", 1200],
  ])("count %j → %d", (input, expected) => {
    expect(value(parseInteger(input))).toBe(expected);
  });

  it("takes numbers from spreadsheet cells as they are, and refuses fractions", () => {
    expect(value(parseInteger(1234567, { money: true }))).toBe(1234567);
    expect(error(parseInteger(1234.5, { money: true })).vi).toBe(
      'số tiền VND phải là số nguyên (không có phần lẻ): "1234.5"; dấu chấm ngăn cách hàng nghìn, ví dụ 1.234.567',
    );
    expect(error(parseInteger(2 ** 60)).en).toMatch(/^number too large/);
    expect(error(parseInteger(Number.NaN)).en).toMatch(/^not a number/);
  });

  it("refuses decimals in VND with a reason, ambiguous or not", () => {
    expect(error(parseInteger("1.234,5", { money: true })).vi).toBe(
      'số tiền VND phải là số nguyên (không có phần lẻ): "1.234,5"; dấu chấm ngăn cách hàng nghìn, ví dụ 1.234.567',
    );
    expect(error(parseInteger("1,234.5", { money: true })).en).toMatch(/^VND amounts must be whole numbers/);
    expect(error(parseInteger("12,5", { money: true })).en).toMatch(/^VND amounts must be whole numbers/);
    expect(error(parseInteger("12.5")).en).toBe('must be a whole number: "12.5"');
    expect(error(parseInteger("1.23.456")).en).toBe('must be a whole number: "1.23.456"');
  });

  it("refuses scientific notation (Excel lost the digits) and words", () => {
    expect(error(parseInteger("1,23E+09", { money: true })).en).toBe(
      "amount in scientific notation (1,23E+09) has lost digits: format the column as a number (not General) in Excel and save again",
    );
    expect(error(parseInteger("1.23e9")).vi).toMatch(/^số ở dạng khoa học/);
    expect(error(parseInteger("một trăm", { money: true })).vi).toBe('không phải là số tiền: "một trăm"');
    expect(error(parseInteger("12 USD", { money: true })).en).toBe('not an amount: "12 USD"');
    expect(error(parseInteger(true)).en).toBe('not a number: "true"');
    expect(error(parseInteger(new Date(0))).en).toBe('not a number: "1970-01-01T00:00:00.000Z"');
  });
});

describe("parseTimestamp", () => {
  it.each([
    ["23/11/2026", "2026-11-23T00:00:00+07:00"],
    ["3/1/2026", "2026-01-03T00:00:00+07:00"],
    ["23/11/2026 08:30", "2026-11-23T08:30:00+07:00"],
    ["23/11/2026 8:30:15", "2026-11-23T08:30:15+07:00"],
    ["23/11/2026 8h30", "2026-11-23T08:30:00+07:00"],
    ["23/11/2026, 08:30", "2026-11-23T08:30:00+07:00"],
    ["23/11/2026 lúc 08:30", "2026-11-23T08:30:00+07:00"],
    ["08:30 23/11/2026", "2026-11-23T08:30:00+07:00"],
    ["08:30 ngày 23/11/2026", "2026-11-23T08:30:00+07:00"],
    ["23-11-2026", "2026-11-23T00:00:00+07:00"],
    ["23.11.2026", "2026-11-23T00:00:00+07:00"],
    ["29/02/2028", "2028-02-29T00:00:00+07:00"],
    ["2026-11-23", "2026-11-23T00:00:00+07:00"],
    ["2026-11-23 08:30", "2026-11-23T08:30:00+07:00"],
    ["2026-11-23T08:30:00", "2026-11-23T08:30:00+07:00"],
    ["2026-11-23T08:30:00.250", "2026-11-23T08:30:00.250+07:00"],
    ["2026-11-23T08:30:00+07:00", "2026-11-23T08:30:00+07:00"],
    ["2026-11-23T01:30:00Z", "2026-11-23T01:30:00Z"],
    ["2026-11-23T01:30:00z", "2026-11-23T01:30:00Z"],
    ["2026-11-23T08:30:00+0700", "2026-11-23T08:30:00+07:00"],
  ])("%j → %s", (input, expected) => {
    expect(value(parseTimestamp(input))).toBe(expected);
  });

  it("applies the given timezone to times written without an offset", () => {
    expect(value(parseTimestamp("23/11/2026 08:30", "Z"))).toBe("2026-11-23T08:30:00Z");
    expect(value(parseTimestamp("2026-11-23T08:30:00+07:00", "Z"))).toBe("2026-11-23T08:30:00+07:00");
  });

  it("reads Excel date cells (UTC fields = wall clock) and serial numbers in the import's timezone", () => {
    // exceljs gives a date-only cell 23/11/2026 as 2026-11-23T00:00:00.000Z
    expect(value(parseTimestamp(new Date(Date.UTC(2026, 10, 23))))).toBe("2026-11-23T00:00:00+07:00");
    expect(value(parseTimestamp(new Date(Date.UTC(2026, 10, 23, 8, 30))))).toBe("2026-11-23T08:30:00+07:00");
    expect(value(parseTimestamp(46349))).toBe("2026-11-23T00:00:00+07:00");
    expect(value(parseTimestamp(46349.354166666664))).toBe("2026-11-23T08:30:00+07:00");
    expect(excelSerialToDate(46349).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(error(parseTimestamp(new Date(Number.NaN))).en).toBe("invalid date cell");
    expect(error(parseTimestamp(-3)).en).toBe('not a date: "-3"');
  });

  it("names days that do not exist and other mistakes", () => {
    expect(error(parseTimestamp("31/02/2026")).vi).toBe('ngày không tồn tại: "31/02/2026" (tháng 2/2026 có 28 ngày)');
    expect(error(parseTimestamp("31/02/2026")).en).toBe('no such day: "31/02/2026" (2026-02 has 28 days)');
    expect(error(parseTimestamp("29/02/2026")).en).toMatch(/^no such day/);
    expect(error(parseTimestamp("12/13/2026")).en).toBe('invalid month (13) in "12/13/2026"');
    expect(error(parseTimestamp("23/11/2026 24:00")).en).toBe('invalid time of day in "23/11/2026 24:00"');
    expect(error(parseTimestamp("23/11/26")).en).toBe('the year needs 4 digits: "23/11/26"');
    expect(error(parseTimestamp("hôm qua")).vi).toBe(
      'không đọc được thời điểm "hôm qua": cần ngày dạng 23/11/2026 hoặc 23/11/2026 08:30, hoặc ISO-8601 như 2026-11-23T08:30:00+07:00',
    );
    expect(error(parseTimestamp("2026-11-23T08:30:00+25:00")).en).toBe('invalid offset in "2026-11-23T08:30:00+25:00"');
  });
});

describe("parsePeriod", () => {
  it.each([
    ["10/2026", "2026-10"],
    ["1/2026", "2026-01"],
    ["T10/2026", "2026-10"],
    ["T 10/2026", "2026-10"],
    ["tháng 10/2026", "2026-10"],
    ["Tháng 10 năm 2026", "2026-10"],
    ["thang 10/2026", "2026-10"],
    ["Kỳ 10/2026", "2026-10"],
    ["10-2026", "2026-10"],
    ["10.2026", "2026-10"],
    ["2026-10", "2026-10"],
    ["2026/10", "2026-10"],
    ["01/10/2026", "2026-10"],
    ["2026-10-01", "2026-10"],
  ])("%j → %s", (input, expected) => {
    expect(value(parsePeriod(input))).toBe(expected);
  });

  it("reads Excel date cells and serials as their month", () => {
    expect(value(parsePeriod(new Date(Date.UTC(2026, 9, 1))))).toBe("2026-10");
    expect(value(parsePeriod(46296))).toBe("2026-10");
  });

  it("refuses what is not a month", () => {
    expect(error(parsePeriod("13/2026")).en).toBe('invalid month (13) in the period "13/2026"');
    expect(error(parsePeriod("0/2026")).en).toBe('invalid month (0) in the period "0/2026"');
    expect(error(parsePeriod("31/02/2026")).en).toMatch(/^no such day/);
    expect(error(parsePeriod("quý 3")).vi).toBe('không đọc được kỳ "quý 3": cần kỳ dạng 10/2026, T10/2026, tháng 10/2026 hoặc 2026-10');
    expect(error(parsePeriod(2026)).en).toMatch(/^cannot read the period "2026"/);
  });
});

describe("parseBoolean", () => {
  it.each([
    ["Có", true],
    ["có", true],
    ["co", true],
    ["x", true],
    ["X", true],
    ["1", true],
    ["true", true],
    ["TRUE", true],
    ["yes", true],
    ["Không", false],
    ["không", false],
    ["khong", false],
    ["0", false],
    ["false", false],
    ["Chưa có", false],
  ])("%j → %s", (input, expected) => {
    expect(value(parseBoolean(input))).toBe(expected);
  });

  it("takes spreadsheet booleans and 0/1, and field words", () => {
    expect(value(parseBoolean(true))).toBe(true);
    expect(value(parseBoolean(0))).toBe(false);
    expect(value(parseBoolean("Trái luật", wordMap({ "Trái luật": false })))).toBe(false);
    expect(error(parseBoolean("có lẽ")).vi).toBe('không phải là có/không: "có lẽ" (dùng Có/Không, x, 1/0)');
    expect(error(parseBoolean(2)).en).toMatch(/^not a yes\/no value/);
  });
});

describe("parseList, matchWord, isBlank", () => {
  it("splits on | ; or ,", () => {
    expect(parseList("Nợ lương | BHXH | Thưởng Tết")).toEqual(["Nợ lương", "BHXH", "Thưởng Tết"]);
    expect(parseList("wages;bonus")).toEqual(["wages", "bonus"]);
    expect(parseList("wages, bonus,")).toEqual(["wages", "bonus"]);
    expect(parseList("wages")).toEqual(["wages"]);
    expect(parseList("  ")).toEqual([]);
    expect(parseList(null)).toEqual([]);
  });

  it("matches enum values in any spelling, then words", () => {
    const words = wordMap({ "Đã giải quyết": "resolved" });
    const options = ["open", "in_progress", "resolved"];
    expect(matchWord("In progress", options, words)).toBe("in_progress");
    expect(matchWord("in-progress", options, words)).toBe("in_progress");
    expect(matchWord("OPEN", options, words)).toBe("open");
    expect(matchWord("đã giải quyết", options, words)).toBe("resolved");
    expect(matchWord("Da giai quyet", options, words)).toBe("resolved");
    expect(matchWord("closed", options, words)).toBeUndefined();
  });

  it("knows blank cells", () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(" \t")).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
  });
});

describe("date cells outside what ISO-8601 writes (found by fast-check)", () => {
  it("an invalid date cell is refused, never thrown", () => {
    expect(parseTimestamp(new Date(Number.NaN)).ok).toBe(false);
    expect(parsePeriod(new Date(Number.NaN)).ok).toBe(false);
  });
  it("a date cell before year 0 or after 9999 is refused", () => {
    expect(parseTimestamp(new Date("-000001-12-31T23:59:59.999Z")).ok).toBe(false);
    expect(parseTimestamp(new Date("+010000-01-01T00:00:00Z")).ok).toBe(false);
  });
});
