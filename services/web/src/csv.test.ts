import { describe, expect, it } from "vitest";
import { BOM, csvCell, csvFileName, csvLine } from "./csv.ts";

describe("csv", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvLine(["5600123456", 'Công ty "Hoa Ban", Mường Nhé', 0.0123, true, null])).toBe(
      '5600123456,"Công ty ""Hoa Ban"", Mường Nhé",0.0123,true,\r\n',
    );
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-5)).toBe("-5");
    expect(BOM.charCodeAt(0)).toBe(0xfeff);
    expect(csvFileName("2026-11-23", "vi")).toBe("lrew-rui-ro-2026-11-23.csv");
  });
});
