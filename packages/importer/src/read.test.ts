import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { BadInputError } from "@lrew/errors";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeWindows1258, FIXTURE_DIR, HEADER, ARREARS_ROWS, TITLE_ROWS, TOTALS_ROW } from "./fixtures/office-files.ts";
import { detectDelimiter, readCsv, splitHead, type CsvLayout, type RawRow } from "./read-csv.ts";
import { cellValue, isDateFormat, readXlsx } from "./read-xlsx.ts";
import { copyInReadingOrder, readingPlan } from "./workbook-order.ts";
import { checkZip, type DirectoryLocation, locateDirectory, parseDirectory, ZipDamage, type ZipEntry } from "./zip-check.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lrew-read-"));
});

async function all(rows: AsyncIterable<RawRow>): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe("detectDelimiter", () => {
  it("without a header dictionary: the candidate that splits the most rows, then the most cells, outside quotes", () => {
    expect(detectDelimiter("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectDelimiter("a,b,c\n")).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("a\tb\n1,5\t2\n")).toBe("\t");
    expect(detectDelimiter('"Số tiền, đồng";MST\n')).toBe(";");
    expect(detectDelimiter("\nBÁO CÁO\nMST;Tháng\n")).toBe(";");
    expect(detectDelimiter("MST")).toBe(",");
  });

  // The reported file: a title row with commas above a `;` table; the first line with any candidate
  // decided, and the header was read as one cell.
  const titled = [
    "BẢO HIỂM XÃ HỘI TỈNH ĐIỆN BIÊN",
    "DANH SÁCH ĐƠN VỊ NỢ BHXH, BHYT, BHTN, BHTNLĐ-BNN, LÃI CHẬM ĐÓNG",
    "",
    "STT;Mã số thuế;Kỳ;Số phải đóng",
    '1;5600123456;10/2026;"1,5"',
  ].join("\r\n");
  const known = new Set(["mã số thuế", "kỳ", "số phải đóng"]);
  const score = (cells: readonly string[]) => cells.filter((c) => known.has(c.toLowerCase())).length;

  it("with a header dictionary: the candidate that makes the best header row, whatever the title rows hold", () => {
    expect(detectDelimiter(titled, score)).toBe(";");
    expect(detectDelimiter(titled.replace(/;/g, ","), score)).toBe(",");
    expect(detectDelimiter(titled.replace(/;/g, "\t"), score)).toBe("\t");
    // a known header row (a mapping's header_row) is the only row scored
    expect(detectDelimiter(titled, score, 4)).toBe(";");
    expect(detectDelimiter(titled, score, 2)).toBe(",");
  });

  it("splits the head as the CSV reader does: quotes, doubled quotes, line breaks inside quotes, row numbers", () => {
    expect(splitHead('a;"b;c"\r\n\r\n"x\r\ny";"say ""hi"""\n"open', ";", 10)).toEqual([
      { rowNumber: 1, cells: ["a", "b;c"] },
      { rowNumber: 2, cells: [""] },
      { rowNumber: 3, cells: ["x\r\ny", 'say "hi"'] },
    ]);
    expect(splitHead("a;b\nc;d\ne", ";", 2)).toHaveLength(2);
    expect(splitHead("a;b\nc", ";", 10)).toEqual([
      { rowNumber: 1, cells: ["a", "b"] },
      { rowNumber: 2, cells: ["c"] },
    ]);
  });
});

/** The fixture's table as read: every row padded to the table's width (or not), the blank row as Excel writes it. */
function expectedRows(pad: boolean): RawRow[] {
  const table: string[][] = [...TITLE_ROWS, HEADER, ...ARREARS_ROWS, TOTALS_ROW].map((r) => [...r]);
  return table.map((r, i) => ({ rowNumber: i + 1, values: pad ? [...r, ...Array<string>(9 - r.length).fill("")] : r.length ? r : [""] }));
}

describe("readCsv: files as Excel on a Vietnamese Windows writes them", () => {
  const read = async (file: string, options: Parameters<typeof readCsv>[1] = {}) => {
    let layout: CsvLayout | undefined;
    const rows = await all(readCsv(join(FIXTURE_DIR, file), { ...options, onLayout: (l) => (layout = l) }));
    return { rows, layout };
  };

  it('"CSV (Comma delimited)": Windows-1258 with tone marks after their letters, decoded and NFC-normalised', async () => {
    const bytes = await readFile(join(FIXTURE_DIR, "bhxh-no-dong-10-2026.windows-1258.csv"));
    // the file really is as Windows writes it: "Mường" is M ư ơ + grave (0xCC), lines end in CRLF
    expect(bytes.includes(Buffer.from([0x4d, 0xfd, 0xf5, 0xcc, 0x6e, 0x67]))).toBe(true);
    expect(bytes.includes(Buffer.from(";;;;;;;;\r\nSTT;M"))).toBe(true);
    const { rows, layout } = await read("bhxh-no-dong-10-2026.windows-1258.csv");
    expect(layout).toEqual({ encoding: "windows-1258", delimiter: ";" });
    expect(rows).toEqual(expectedRows(true));
    for (const r of rows) for (const v of r.values) expect(v, String(v)).toBe(String(v).normalize("NFC"));
    expect(rows[4]!.values[2]).toBe("Công ty TNHH May mặc Điện Biên Phủ");
    expect(rows[5]!.values[2]).toBe("Công ty Cổ phần Gỗ Mường Thanh");
    expect(rows[7]!.values[2]).toBe('Hợp tác xã Dệt thổ cẩm "Bản Phủ"');
    expect(rows[10]!.values[2]).toBe("Công ty TNHH Dược liệu Mỹ Hưng Quỳnh Nhai; Kỷ Nguyên");
    expect(rows[0]!.values[0]).toBe("BẢO HIỂM XÃ HỘI TỈNH ĐIỆN BIÊN");
  });

  it('"CSV UTF-8" with a BOM and title rows holding commas: `;` found from the header row', async () => {
    const known = new Set(HEADER.map((h) => h.toLowerCase()));
    const { rows, layout } = await read("bhxh-no-dong-10-2026.utf-8-bom.csv", {
      scoreHeader: (cells) => cells.filter((c) => known.has(c.toLowerCase())).length,
    });
    expect(layout).toEqual({ encoding: "utf-8", delimiter: ";" });
    expect(rows).toEqual(expectedRows(false));
  });

  it('"Unicode Text": UTF-16LE with a BOM, tab-separated', async () => {
    const { rows, layout } = await read("bhxh-no-dong-10-2026.unicode.txt");
    expect(layout).toEqual({ encoding: "utf-16le", delimiter: "\t" });
    expect(rows).toEqual(expectedRows(true));
  });

  it("refuses TCVN3 and VNI files, naming the encoding and how to convert", async () => {
    await expect(read("bhxh-no-dong.tcvn3.csv")).rejects.toThrow(/bảng mã TCVN3 \(ABC\).*Unikey/);
    await expect(read("bhxh-no-dong.vni.csv", { lang: "en" })).rejects.toThrow(/the VNI Windows encoding.*Unikey/);
  });

  it("reads what it is told to: --encoding windows-1258 for a file whose first 64 KiB are ASCII", async () => {
    const file = join(dir, "ascii-head.csv");
    const ascii = Array.from({ length: 3000 }, (_, i) => `${5600000000 + i};Cong ty so ${i}`).join("\r\n");
    await writeFile(file, Buffer.concat([Buffer.from(`MST;Ten\r\n${ascii}\r\n`), encodeWindows1258("5600999999;Công ty Điện Biên\r\n")]));
    await expect(all(readCsv(file, { lang: "en" }))).rejects.toThrow(/line 3002 is not UTF-8.*--encoding windows-1258/);
    const rows = await all(readCsv(file, { encoding: "windows-1258" }));
    expect(rows.at(-1)).toEqual({ rowNumber: 3002, values: ["5600999999", "Công ty Điện Biên"] });
  });

  it("normalises decomposed UTF-8 (as some Mac programs write it) to NFC", async () => {
    const file = join(dir, "nfd.csv");
    await writeFile(file, "MST;Tên\n5600123456;Mường Thanh\n".normalize("NFD"));
    expect((await all(readCsv(file)))[1]!.values[1]).toBe("Mường Thanh".normalize("NFC"));
  });
});

describe("readCsv", () => {
  it("strips the BOM, finds ; and keeps quoted newlines and Excel's row numbers", async () => {
    const file = join(dir, "bom.csv");
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('MST;Nội dung\r\n5600123456;"dòng 1\r\ndòng 2"\r\n\r\n5600123457;Điện Biên\r\n', "utf8"),
      ]),
    );
    expect(await all(readCsv(file))).toEqual([
      { rowNumber: 1, values: ["MST", "Nội dung"] },
      { rowNumber: 2, values: ["5600123456", "dòng 1\r\ndòng 2"] },
      { rowNumber: 3, values: [""] },
      { rowNumber: 4, values: ["5600123457", "Điện Biên"] },
    ]);
  });

  it("reads comma and tab files, without a BOM, with mixed line endings and no final newline", async () => {
    const comma = join(dir, "comma.csv");
    await writeFile(comma, "a,b\n1,2\r\n3,4");
    expect((await all(readCsv(comma))).map((r) => r.values)).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
    ]);
    const tab = join(dir, "tab.tsv");
    await writeFile(tab, "a\tb\n1,5\t2\n");
    expect((await all(readCsv(tab))).map((r) => r.values)).toEqual([
      ["a", "b"],
      ["1,5", "2"],
    ]);
  });

  it("reads a file larger than one chunk, with multi-byte characters across chunk boundaries", async () => {
    const file = join(dir, "big.csv");
    const lines = ["MST;Tên"];
    for (let i = 0; i < 20_000; i++) lines.push(`${5600000000 + i};Công ty Điện Biên số ${i} – ưởng`);
    await writeFile(file, lines.join("\n"));
    let bytes = 0;
    let total = 0;
    const rows = await all(readCsv(file, { onBytes: (b, t) => ([bytes, total] = [b, t]) }));
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]).toEqual({ rowNumber: 20_001, values: ["5600019999", "Công ty Điện Biên số 19999 – ưởng"] });
    expect(bytes).toBe(total);
    expect(total).toBe(Buffer.byteLength(lines.join("\n")));
  });

  it("refuses invalid UTF-8 naming the line", async () => {
    const file = join(dir, "latin.csv");
    // "Điện" in Windows-1258-ish bytes on line 3
    await writeFile(
      file,
      Buffer.concat([Buffer.from("MST;Tên\n5600123456;ok\n5600123457;", "utf8"), Buffer.from([0xd0, 0x69, 0xea, 0x6e]), Buffer.from("\n")]),
    );
    await expect(all(readCsv(file, { lang: "en" }))).rejects.toThrow(
      new BadInputError(
        `${file}: line 3 is not UTF-8. Save the file as UTF-8: in Excel, "Save as" → "CSV UTF-8 (Comma delimited)" (if the whole file is in Windows-1258, run again with --encoding windows-1258)`,
      ),
    );
    await expect(all(readCsv(file))).rejects.toThrow(/dòng 3 không phải UTF-8/);
  });

  it("explains a broken quote", async () => {
    const file = join(dir, "quote.csv");
    await writeFile(file, 'a;b\n1;"open\n');
    await expect(all(readCsv(file, { lang: "en" }))).rejects.toThrow(/cannot read the CSV/);
  });
});

describe("readXlsx", () => {
  it("reads real date cells, numbers, booleans, rich text and formulas from the first sheet", async () => {
    const file = join(dir, "cells.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tháng 10");
    ws.addRow(["MST", "Ngày", "Số tiền", "Có", "Tên", "Công thức"]);
    ws.addRow([
      "5600123456",
      new Date(Date.UTC(2026, 10, 23)),
      496800000,
      true,
      { richText: [{ text: "Điện " }, { text: "Biên" }] },
      { formula: "C2*2", result: 993600000 },
    ]);
    ws.getCell("B2").numFmt = "dd/mm/yyyy";
    ws.addRow([]);
    ws.addRow(["5600123457", new Date(Date.UTC(2026, 10, 23, 8, 30)), null, false, "x", { formula: "B4+1", result: 46350.35416666667 }]);
    ws.getCell("B4").numFmt = "dd/mm/yyyy hh:mm";
    ws.getCell("F4").numFmt = "dd/mm/yyyy hh:mm";
    wb.addWorksheet("Khác").addRow(["không đọc"]);
    await wb.xlsx.writeFile(file);

    const rows = await all(readXlsx(file));
    expect(rows).toEqual([
      { rowNumber: 1, values: ["MST", "Ngày", "Số tiền", "Có", "Tên", "Công thức"] },
      { rowNumber: 2, values: ["5600123456", new Date(Date.UTC(2026, 10, 23)), 496800000, true, "Điện Biên", 993600000] },
      {
        rowNumber: 4,
        values: ["5600123457", new Date(Date.UTC(2026, 10, 23, 8, 30)), null, false, "x", new Date(Date.UTC(2026, 10, 24, 8, 30))],
      },
    ]);
  });

  it("reads the sheet a mapping names, by name or position, and lists the sheets otherwise", async () => {
    const file = join(dir, "sheets.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tổng hợp").addRow(["tổng"]);
    wb.addWorksheet("Chi tiết").addRow(["chi tiết"]);
    await wb.xlsx.writeFile(file);
    expect((await all(readXlsx(file, { sheet: "Chi tiết" })))[0]?.values).toEqual(["chi tiết"]);
    expect((await all(readXlsx(file, { sheet: 2 })))[0]?.values).toEqual(["chi tiết"]);
    expect((await all(readXlsx(file)))[0]?.values).toEqual(["tổng"]);
    await expect(all(readXlsx(file, { sheet: "Tháng 11", lang: "en" }))).rejects.toThrow(
      `${file}: no sheet "Tháng 11"; sheets: "Tổng hợp", "Chi tiết"`,
    );
  });

  it("explains a file that is not a workbook", async () => {
    const file = join(dir, "broken.xlsx");
    await writeFile(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]));
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(BadInputError);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(`${file}: not a complete XLSX file`);
  });

  it("refuses a workbook cut short (an interrupted download) with a clear message", async () => {
    const whole = join(dir, "whole.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tháng 11").addRow(["MST", "Số tiền"]);
    await wb.xlsx.writeFile(whole);
    const bytes = await readFile(whole);
    expect(locateDirectory(bytes, 0)).toBeDefined();
    const cut = join(dir, "cut.xlsx");
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(locateDirectory(await readFile(cut), 0)).toBeUndefined();
    await expect(all(readXlsx(cut))).rejects.toThrow(`${cut}: không phải tệp XLSX hoàn chỉnh`);
  });

  it("knows date formats and cell shapes", () => {
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat("[$-42A]dd/mm/yyyy hh:mm")).toBe(true);
    expect(isDateFormat('#,##0 "đồng"')).toBe(false);
    expect(isDateFormat("#,##0 [$₫-42A]")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
    expect(cellValue({ value: { text: "link", hyperlink: "http://x" } })).toBe("link");
    expect(cellValue({ value: { error: "#N/A" } })).toBe("#N/A");
    expect(cellValue({ value: { formula: "A1", result: { error: "#REF!" } } })).toBe("#REF!");
    expect(cellValue({ value: { formula: "A1" } })).toBeNull();
  });
});

describe("a workbook damaged inside (a whole ZIP with broken parts)", () => {
  async function workbook(name: string): Promise<{ file: string; bytes: Buffer; entries: ZipEntry[] }> {
    const file = join(dir, name);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tháng 11");
    for (let i = 0; i < 500; i++) ws.addRow([`56000${String(i).padStart(5, "0")}`, i * 1000, "Công ty TNHH May Điện Biên"]);
    await wb.xlsx.writeFile(file);
    const bytes = await readFile(file);
    const where = locateDirectory(bytes, 0);
    if (where === undefined || where === "zip64") throw new Error("exceljs wrote no ordinary ZIP directory");
    return { file, bytes, entries: parseDirectory(bytes.subarray(where.offset, where.offset + where.size), where.count) };
  }

  it("reads the directory of an intact workbook, and the workbook passes the check", async () => {
    const { file, bytes, entries } = await workbook("intact.xlsx");
    expect(entries.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    const zip = await checkZip(file, bytes.length);
    const inFile = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
    expect(zip?.entries.map((e) => e.name)).toEqual(inFile.map((e) => e.name));
    expect(await all(readXlsx(file))).toHaveLength(500);
  });

  // Without the check, exceljs' reader stops on some of these without an error or a result, and the
  // test would hang until its timeout instead of getting the message.
  it("refuses damage inside a part's compressed data, naming the part", async () => {
    const { bytes, entries } = await workbook("damaged-data.xlsx");
    const sheet = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const broken = Buffer.from(bytes);
    const middle = sheet.localHeaderOffset + 30 + sheet.name.length + Math.floor(sheet.compressedSize / 2);
    for (let i = middle; i < middle + 20; i++) broken[i] = (broken[i]! * 31 + 7) & 0xff;
    const file = join(dir, "damaged-data-broken.xlsx");
    await writeFile(file, broken);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(BadInputError);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(`${file}: the XLSX file is damaged in "xl/worksheets/sheet1.xml" (`);
    await expect(all(readXlsx(file))).rejects.toThrow(`${file}: tệp XLSX bị hỏng ở phần "xl/worksheets/sheet1.xml" (`);
  });

  it("refuses a part whose local header is damaged (exceljs alone stops there without a word)", async () => {
    const { bytes, entries } = await workbook("damaged-fields.xlsx");
    const first = entries[0]!;
    const broken = Buffer.from(bytes);
    // Time, CRC, sizes and name length of the first part's local header.
    for (let i = first.localHeaderOffset + 10; i < first.localHeaderOffset + 30; i++) broken[i] = (broken[i]! * 31 + 7) & 0xff;
    const file = join(dir, "damaged-fields-broken.xlsx");
    await writeFile(file, broken);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(
      `${file}: the XLSX file is damaged in ${JSON.stringify(first.name)} (`,
    );
  });

  it("refuses a part whose header is not where the directory says", async () => {
    const { bytes, entries } = await workbook("damaged-header.xlsx");
    const first = entries[0]!;
    const broken = Buffer.from(bytes);
    broken[first.localHeaderOffset] = 0; // the local header's signature
    const file = join(dir, "damaged-header-broken.xlsx");
    await writeFile(file, broken);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(
      `${file}: the XLSX file is damaged in ${JSON.stringify(first.name)} (no entry header where the directory says); open it in Excel and save it again`,
    );
  });

  it("refuses parts that overlap (a directory pointing two parts at the same bytes)", async () => {
    const { bytes } = await workbook("overlap.xlsx");
    const where = locateDirectory(bytes, 0) as DirectoryLocation;
    const [first] = parseDirectory(bytes.subarray(where.offset, where.offset + where.size), where.count);
    const broken = Buffer.from(bytes);
    broken.writeUInt32LE(first!.localHeaderOffset, where.offset + first!.record.length + 42); // the second record's offset
    const file = join(dir, "overlap-broken.xlsx");
    await writeFile(file, broken);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow("(its data runs into the next part or out of the file)");
  });

  it("refuses a damaged directory", async () => {
    const { bytes } = await workbook("damaged-directory.xlsx");
    const where = locateDirectory(bytes, 0) as DirectoryLocation;
    const broken = Buffer.from(bytes);
    broken[where.offset] = 0; // the first directory entry's signature
    const file = join(dir, "damaged-directory-broken.xlsx");
    await writeFile(file, broken);
    await expect(all(readXlsx(file, { lang: "en" }))).rejects.toThrow(
      `${file}: the XLSX file is damaged (the ZIP directory is damaged at entry 1)`,
    );
  });

  it("finds the end record the way ZIP readers do", () => {
    const eocd = (comment: Buffer, fields: { count: number; size: number; offset: number }) => {
      const b = Buffer.alloc(22);
      b.writeUInt32LE(0x06054b50, 0);
      b.writeUInt16LE(fields.count, 10);
      b.writeUInt32LE(fields.size, 12);
      b.writeUInt32LE(fields.offset, 16);
      b.writeUInt16LE(comment.length, 20);
      return Buffer.concat([b, comment]);
    };
    const body = Buffer.alloc(100);
    expect(locateDirectory(Buffer.concat([body, eocd(Buffer.alloc(0), { count: 2, size: 40, offset: 60 })]), 0)).toEqual({
      offset: 60,
      size: 40,
      count: 2,
    });
    // A comment holding the signature is not taken for the record.
    const tricky = Buffer.concat([Buffer.from("PK\x05\x06"), Buffer.alloc(30)]);
    expect(locateDirectory(Buffer.concat([body, eocd(tricky, { count: 1, size: 10, offset: 90 })]), 0)).toEqual({
      offset: 90,
      size: 10,
      count: 1,
    });
    expect(locateDirectory(Buffer.concat([body, eocd(Buffer.alloc(0), { count: 0xffff, size: 0, offset: 0 })]), 0)).toBe("zip64");
    expect(locateDirectory(body, 0)).toBeUndefined();
    expect(() => locateDirectory(Buffer.concat([body, eocd(Buffer.alloc(0), { count: 1, size: 80, offset: 60 })]), 0)).toThrow(ZipDamage);
  });
});

describe("workbooks whose parts exceljs cannot stream in their order", () => {
  const entry = (name: string, localHeaderOffset: number): ZipEntry => ({
    name,
    record: Buffer.alloc(46),
    method: 8,
    crc32: 0,
    compressedSize: 0,
    uncompressedSize: 0,
    localHeaderOffset,
  });

  it("plans a reordered copy only when a needed part comes after a sheet, or shared strings are missing", () => {
    const excel = [
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/sharedStrings.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
    ];
    expect(readingPlan(excel.map((n, i) => entry(n, i * 100)))).toBeUndefined();
    const late = [
      "[Content_Types].xml",
      "xl/_rels/workbook.xml.rels",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
      "docProps/app.xml",
      "xl/workbook.xml",
    ];
    const plan = readingPlan(late.map((n, i) => entry(n, i * 100)));
    expect(plan?.order.map((e) => e.name)).toEqual([
      "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "[Content_Types].xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "docProps/app.xml",
    ]);
    expect(plan?.addSharedStrings).toBe(false);
    const noStrings = excel.filter((n) => n !== "xl/sharedStrings.xml");
    expect(readingPlan(noStrings.map((n, i) => entry(n, i * 100)))?.addSharedStrings).toBe(true);
    expect(readingPlan([entry("xl/workbook.xml", 0)])).toBeUndefined(); // no sheet at all
  });

  // exceljs writes the workbook part last; with several sheets its own streaming reader then loses
  // parts ("Cannot read properties of undefined (reading 'sheets')") or throws an uncaught ENOENT.
  it("reads every sheet of a many-sheet workbook that lists its workbook part last", async () => {
    const file = join(dir, "many-sheets.xlsx");
    const wb = new ExcelJS.Workbook();
    for (let s = 1; s <= 6; s++) {
      const ws = wb.addWorksheet(`Tháng ${s}`);
      ws.addRow(["MST", "Tháng", "Ngày báo cáo"]);
      for (let i = 0; i < 30; i++) ws.addRow([`56000${s}${String(i).padStart(4, "0")}`, s, new Date(Date.UTC(2026, s - 1, 1 + (i % 28)))]);
    }
    await wb.xlsx.writeFile(file);
    for (let round = 0; round < 3; round++) {
      for (let s = 1; s <= 6; s++) {
        const rows = await all(readXlsx(file, { sheet: s }));
        expect(rows).toHaveLength(31);
        expect(rows[1]?.values[1]).toBe(s);
        expect(rows[1]?.values[2]).toEqual(new Date(Date.UTC(2026, s - 1, 1))); // a date cell, not a number: styles were read first
      }
    }
  });

  it("reads a workbook without shared strings (inline text) through a copy with an empty shared-strings part", async () => {
    const file = join(dir, "inline-strings.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    for (let s = 1; s <= 3; s++) {
      const ws = writer.addWorksheet(`Trang ${s}`);
      for (let i = 0; i < 20; i++) ws.addRow([`Công ty ${s}-${i}`, i]).commit();
      ws.commit();
    }
    await writer.commit();
    const bytes = await readFile(file);
    const where = locateDirectory(bytes, 0) as DirectoryLocation;
    const names = parseDirectory(bytes.subarray(where.offset, where.offset + where.size), where.count).map((e) => e.name);
    expect(names).not.toContain("xl/sharedStrings.xml");
    const rows = await all(readXlsx(file, { sheet: 3 }));
    expect(rows.map((r) => r.values[0])).toEqual(Array.from({ length: 20 }, (_, i) => `Công ty 3-${i}`));
  });

  it("writes a temporary copy that is itself a sound ZIP with the parts in the planned order, and removes it", async () => {
    const file = join(dir, "to-copy.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").addRow(["a"]);
    wb.addWorksheet("B").addRow(["b"]);
    await wb.xlsx.writeFile(file);
    const bytes = await readFile(file);
    const zip = (await checkZip(file, bytes.length))!;
    const plan = readingPlan(zip.entries)!;
    expect(plan).toBeDefined();
    const copy = await copyInReadingOrder(file, zip, { ...plan, addSharedStrings: true });
    const copied = await readFile(copy.file);
    expect(copy.size).toBe(copied.length);
    const check = (await checkZip(copy.file, copied.length))!;
    expect(check.entries.map((e) => e.name)).toEqual(["xl/sharedStrings.xml", ...plan.order.map((e) => e.name)]);
    await copy.remove();
    await expect(readFile(copy.file)).rejects.toThrow(/ENOENT/);
  });
});
