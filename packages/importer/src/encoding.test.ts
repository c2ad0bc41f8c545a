import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyEightBit, nonAsciiLines, parseEncoding, refusal, sniffEncoding } from "./encoding.ts";
import { encodeTcvn3, encodeVni, encodeWindows1258, FIXTURE_DIR } from "./fixtures/office-files.ts";

const fixture = (file: string) => readFile(join(FIXTURE_DIR, file));

describe("parseEncoding", () => {
  it("knows the encodings by their names and the usual other names", () => {
    expect(parseEncoding("auto")).toBe("auto");
    expect(parseEncoding("UTF-8")).toBe("utf-8");
    expect(parseEncoding("utf8")).toBe("utf-8");
    expect(parseEncoding("cp1258")).toBe("windows-1258");
    expect(parseEncoding("Windows-1258")).toBe("windows-1258");
    expect(parseEncoding("unicode")).toBe("utf-16le");
    expect(parseEncoding("UTF-16BE")).toBe("utf-16be");
    expect(parseEncoding("tcvn3")).toBeUndefined();
    expect(parseEncoding("latin1")).toBeUndefined();
  });
});

describe("sniffEncoding", () => {
  it("reads the byte-order marks", () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), true)).toEqual({ kind: "read", encoding: "utf-8", bom: 3 });
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x41, 0]), true)).toEqual({ kind: "read", encoding: "utf-16le", bom: 2 });
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0, 0x41]), true)).toEqual({ kind: "read", encoding: "utf-16be", bom: 2 });
  });

  it("takes ASCII and UTF-8 for UTF-8, also cut inside a character at the end of the head", () => {
    expect(sniffEncoding(Buffer.from("MST;Thang\r\n", "ascii"), true)).toEqual({ kind: "read", encoding: "utf-8", bom: 0 });
    const utf8 = Buffer.from("Mã số thuế;Tên đơn vị\r\nĐiện", "utf8");
    expect(sniffEncoding(utf8, true)).toEqual({ kind: "read", encoding: "utf-8", bom: 0 });
    expect(sniffEncoding(utf8.subarray(0, utf8.length - 1), false)).toEqual({ kind: "read", encoding: "utf-8", bom: 0 });
  });

  it("takes a UTF-8 file with a damaged line for UTF-8 (the reader names the line), and a Windows-1258 one for Windows-1258", () => {
    const mixed = Buffer.concat([Buffer.from("MST;Tên\n1;Điện Biên\n2;", "utf8"), encodeWindows1258("Điện Biên\n")]);
    expect(nonAsciiLines(mixed, true)).toEqual({ utf8: 2, other: 1 });
    expect(sniffEncoding(mixed, true)).toMatchObject({ encoding: "utf-8" });
    const cp1258 = encodeWindows1258("MST;Tên đơn vị\r\n1;Điện Biên\r\n2;Mường Thanh\r\n");
    expect(sniffEncoding(cp1258, true)).toEqual({ kind: "read", encoding: "windows-1258", bom: 0 });
  });

  it("refuses TCVN3 and VNI, naming them", async () => {
    expect(sniffEncoding(await fixture("bhxh-no-dong.tcvn3.csv"), true)).toEqual({ kind: "refused", suspected: "tcvn3" });
    expect(sniffEncoding(await fixture("bhxh-no-dong.vni.csv"), true)).toEqual({ kind: "refused", suspected: "vni" });
  });
});

describe("classifyEightBit", () => {
  it("reads Excel's Windows-1258, whether tones are written whole or as marks", async () => {
    expect(classifyEightBit(await fixture("bhxh-no-dong-10-2026.windows-1258.csv"))).toBe("windows-1258");
    // every tone as a separate mark, "á" as a + 0xEC too
    expect(classifyEightBit(Buffer.from([0x43, 0x61, 0xec, 0x20, 0x6d, 0x61, 0xcc, 0x75, 0x20, 0xd0, 0xf4, 0xcc, 0x6e, 0x67]))).toBe(
      "windows-1258",
    );
  });

  it("tells TCVN3 and VNI apart on a single header line", () => {
    const header = "STT;Mã số thuế;Tên đơn vị;Kỳ;Loại bảo hiểm;Số phải đóng;Số đã đóng\r\n";
    expect(classifyEightBit(encodeTcvn3(header))).toBe("tcvn3");
    expect(classifyEightBit(encodeVni(header))).toBe("vni");
    expect(classifyEightBit(encodeWindows1258(header))).toBe("windows-1258");
  });

  it("keeps a Windows-1258 file with a few foreign letters (an investor's name), and refuses bytes that are no Vietnamese", () => {
    const vietnamese = "Công ty TNHH Điện tử Mường Thanh, Nậm Pồ, Tủa Chùa, Quỳnh Nhai; ".repeat(4);
    expect(classifyEightBit(Buffer.concat([encodeWindows1258(vietnamese), Buffer.from("Müller GmbH", "latin1")]))).toBe("windows-1258");
    expect(classifyEightBit(Buffer.from([0x80, 0x81, 0x8d, 0x8e, 0x8f, 0x90, 0x9d]))).toBe("unknown");
  });
});

describe("refusal", () => {
  it("says which encoding was suspected and how to convert, in both languages", () => {
    expect(refusal("a.csv", "tcvn3").vi).toContain("bảng mã TCVN3 (ABC)");
    expect(refusal("a.csv", "tcvn3").vi).toContain('Unikey (Ctrl+Shift+F6, nguồn "TCVN3 (ABC)", đích "Unicode")');
    expect(refusal("a.csv", "vni").en).toContain("the VNI Windows encoding");
    expect(refusal("a.csv", "vni").en).toContain("--encoding (utf-8, windows-1258, utf-16le, utf-16be)");
    expect(refusal("a.csv", "unknown").en).toMatch(/^a\.csv: the file is not UTF-8 and does not read as Windows-1258/);
  });
});
