import { describe, expect, it } from "vitest";
import { cellText, displayWidth, renderTable } from "./table.ts";

describe("displayWidth", () => {
  it("counts a decomposed Vietnamese letter as one cell", () => {
    const nfc = "Nguyễn Thị Ngọc";
    const nfd = nfc.normalize("NFD");
    expect(nfd.length).toBeGreaterThan(nfc.length);
    expect(displayWidth(nfd)).toBe(15);
    expect(displayWidth(nfc)).toBe(15);
  });
  it("counts wide characters as two cells", () => {
    expect(displayWidth("工会")).toBe(4);
  });
});

describe("cellText", () => {
  it("writes numbers and dates the Vietnamese way, English on request", () => {
    expect(cellText("1234567", "Int64", "vi")).toBe("1.234.567");
    expect(cellText(1234567, "UInt32", "en")).toBe("1,234,567");
    expect(cellText("2026-11-23", "Date", "vi")).toBe("23/11/2026");
    expect(cellText("2026-11-23 08:05:00.000", "DateTime64(3, 'UTC')", "vi")).toBe("23/11/2026 08:05");
    expect(cellText(null, "Nullable(UInt64)", "vi")).toBe("NULL");
    expect(cellText(true, "Bool", "vi")).toBe("có");
  });
});

describe("renderTable", () => {
  it("aligns columns by what the terminal shows, numbers to the right", () => {
    const out = renderTable(
      {
        meta: [
          { name: "tên", type: "String" },
          { name: "nợ", type: "Int64" },
        ],
        data: [
          { tên: "Công ty May Điện Biên".normalize("NFD"), nợ: "1234567" },
          { tên: "Xí nghiệp Gỗ", nợ: "5" },
        ],
        rows: 2,
      },
      "vi",
    );
    const lines = out.split("\n");
    expect(lines[0]!.startsWith("tên")).toBe(true);
    const widths = lines.slice(0, 4).map(displayWidth);
    expect(new Set(widths).size).toBe(1);
    expect(lines[3]!.endsWith("  5")).toBe(true);
    expect(out).toContain("(2 dòng)");
  });
});
