import { access, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { MAX_LISTED_REJECTIONS, validateRecord, type StreamName } from "@lrew/contracts";
import { BadInputError, RetryableError } from "@lrew/errors";
import { beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "./fixtures/office-files.ts";
import { importFile, type ImportProgress, type Send, type SendResult } from "./import.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "lrew-import-"));
});

/** Stands in for the ingest API: the contract's validation, accepted records collected. */
function fakeApi(stream: StreamName, lang: "vi" | "en" = "en") {
  const accepted: Array<Record<string, unknown>> = [];
  const batches: number[] = [];
  const send: Send = async (records) => {
    batches.push(records.length);
    const result: SendResult = { accepted: 0, rejected: [], rejected_total: 0 };
    records.forEach((r, index) => {
      const v = validateRecord(stream, r, lang);
      if (v.ok) {
        result.accepted++;
        accepted.push(v.event as Record<string, unknown>);
      } else {
        result.rejected.push({ index, errors: v.errors });
        result.rejected_total++;
      }
    });
    return result;
  };
  return { send, accepted, batches };
}

const BOM = "\uFEFF";
const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

// A wage-arrears report as a district labour office might export it: BOM, semicolons, a title row,
// STT and name columns, Vietnamese headers with and without diacritics, Vietnamese numbers and dates.
const WAGE_CSV = [
  "BÁO CÁO TÌNH HÌNH NỢ LƯƠNG THÁNG 10/2026;;;;;;;;;",
  "STT;MST;Tên doanh nghiệp;Ngay bao cao;Kỳ lương;Số tiền nợ (đồng);So lao dong bi no;Trạng thái;Nguồn;Ghi chú",
  "1;5600123456-001;Công ty TNHH May mặc Điện Biên Phủ;25/11/2026;T10/2026;496.800.000;120;Chưa trả;Thanh tra lao động;",
  "2;5600123457;Công ty CP Gỗ Mường Thanh;31/02/2026;10/2026;-5.000.000;12;Đã xong;Công đoàn;",
  "3;5600123458;HTX Nông nghiệp Tuần Giáo;26/11/2026 09:15;tháng 9/2026;1.234.567 ₫;7;Trả một phần;NLĐ;gọi lại sau",
  "4;5600123456-001;Công ty TNHH May mặc Điện Biên Phủ;25/11/2026;T10/2026;496.800.000;120;Chưa trả;Thanh tra lao động;",
  "5;5600123459;Công ty TNHH Điện tử Mường Ảng;27/11/2026;10/2026;-2.000.000;30;Đã trả một phần;Doanh nghiệp;",
  "6;5600123460;Công ty TNHH Thủy điện Nậm Pồ;27/11/2026;2026-10;0;0;Đã trả;Tòa án;",
  ";Tổng cộng;;;;497.034.567;169;;;",
  "",
].join("\r\n");

const EXPECTED_REPORT_EN = [
  "row,field,reason",
  '4,reported_at,"Ngay bao cao: no such day: ""31/02/2026"" (2026-02 has 28 days)"',
  '4,status,"Trạng thái: invalid value: ""Đã xong""; expected one of: outstanding, partially_paid, paid (or the Vietnamese word for it, see the README)"',
  '5,Ghi chú,"column not in the wage-arrears contract: ""Ghi chú"" (rename it, or declare it in a mapping file, ""ignore"" to skip it)"',
  "7,amount_owed_vnd,Số tiền nợ (đồng): amount must be a non-negative whole number of VND",
  "",
].join("\r\n");

describe("importFile: a messy wage-arrears CSV", () => {
  it("sends the good rows, reports the bad ones by Excel row, and counts duplicates", async () => {
    const file = join(dir, "no-luong-10-2026.csv");
    await writeFile(file, BOM + WAGE_CSV);
    const api = fakeApi("wage-arrears");
    const progress: ImportProgress[] = [];
    const summary = await importFile({ stream: "wage-arrears", file, send: api.send, lang: "en", onProgress: (p) => progress.push(p) });

    expect(summary).toMatchObject({
      read: 6,
      accepted: 2,
      rejected: 3,
      duplicates: 1,
      skipped: 1,
      reportPath: `${file}.rejected.csv`,
      headerRow: 2,
    });
    expect(summary.columns).toEqual([
      { header: "STT", field: "ignore" },
      { header: "MST", field: "enterprise_id" },
      { header: "Tên doanh nghiệp", field: "ignore" },
      { header: "Ngay bao cao", field: "reported_at" },
      { header: "Kỳ lương", field: "period" },
      { header: "Số tiền nợ (đồng)", field: "amount_owed_vnd" },
      { header: "So lao dong bi no", field: "workers_affected" },
      { header: "Trạng thái", field: "status" },
      { header: "Nguồn", field: "source" },
      { header: "Ghi chú", field: null },
    ]);
    expect(api.accepted.map(({ event_id, ...rest }) => rest)).toEqual([
      {
        enterprise_id: "5600123456-001",
        reported_at: "2026-11-25T00:00:00+07:00",
        period: "2026-10",
        amount_owed_vnd: 496800000,
        workers_affected: 120,
        status: "outstanding",
        source: "labour_inspectorate",
      },
      {
        enterprise_id: "5600123460",
        reported_at: "2026-11-27T00:00:00+07:00",
        period: "2026-10",
        amount_owed_vnd: 0,
        workers_affected: 0,
        status: "paid",
        source: "court",
      },
    ]);
    // the report opens in Excel with its diacritics: UTF-8 with BOM, CRLF
    const report = await readFile(summary.reportPath!, "utf8");
    expect(report).toBe(BOM + EXPECTED_REPORT_EN);
    expect(progress.at(-1)).toEqual({
      rowsRead: 6,
      bytesRead: Buffer.byteLength(BOM + WAGE_CSV),
      totalBytes: Buffer.byteLength(BOM + WAGE_CSV),
      accepted: 2,
      rejected: 3,
      duplicates: 1,
    });
  });

  it("gives the same event ids when the same file is imported again, so nothing is doubled downstream", async () => {
    const file = join(dir, "again.csv");
    await writeFile(file, BOM + WAGE_CSV);
    const first = fakeApi("wage-arrears");
    const second = fakeApi("wage-arrears");
    await importFile({ stream: "wage-arrears", file, send: first.send });
    await importFile({ stream: "wage-arrears", file, send: second.send });
    expect(second.accepted.map((e) => e.event_id)).toEqual(first.accepted.map((e) => e.event_id));
    expect(new Set(first.accepted.map((e) => e.event_id)).size).toBe(2);

    // the same rows in another layout (XLSX, English headers, other spellings) are the same events
    const xlsx = join(dir, "same-rows.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["enterprise_id", "reported_at", "period", "amount_owed_vnd", "workers_affected", "status", "source"]);
    ws.addRow(["5600123456-001", new Date(Date.UTC(2026, 10, 25)), "10/2026", 496800000, 120, "outstanding", "labour_inspectorate"]);
    ws.getCell("B2").numFmt = "dd/mm/yyyy";
    await wb.xlsx.writeFile(xlsx);
    const third = fakeApi("wage-arrears");
    await importFile({ stream: "wage-arrears", file: xlsx, send: third.send });
    expect(third.accepted.map((e) => e.event_id)).toEqual([first.accepted[0]!.event_id]);
  });

  it("writes the report in Vietnamese by default, and removes a stale report after a clean import", async () => {
    const file = join(dir, "vi.csv");
    await writeFile(file, BOM + WAGE_CSV);
    const api = fakeApi("wage-arrears", "vi");
    const summary = await importFile({ stream: "wage-arrears", file, send: api.send });
    const report = await readFile(summary.reportPath!, "utf8");
    expect(report.split("\r\n").slice(0, 3)).toEqual([
      `${BOM}row,field,reason`,
      '4,reported_at,"Ngay bao cao: ngày không tồn tại: ""31/02/2026"" (tháng 2/2026 có 28 ngày)"',
      '4,status,"Trạng thái: giá trị không hợp lệ: ""Đã xong""; cần một trong: outstanding, partially_paid, paid (hoặc từ tiếng Việt tương ứng, xem README)"',
    ]);
    expect(report).toContain("7,amount_owed_vnd,Số tiền nợ (đồng): số tiền phải là số nguyên VND không âm\r\n");

    const fixed = WAGE_CSV.split("\r\n")
      .filter((l) => !/^(2|3|5);/.test(l))
      .join("\r\n");
    await writeFile(file, fixed);
    const clean = await importFile({ stream: "wage-arrears", file, send: fakeApi("wage-arrears").send });
    expect(clean).toMatchObject({ read: 3, accepted: 2, rejected: 0, duplicates: 1, reportPath: null });
    expect(await exists(`${file}.rejected.csv`)).toBe(false);
    expect(await exists(`${file}.rejected.csv.partial`)).toBe(false);
  });

  it("sends in batches and maps the API's rejections back to their rows", async () => {
    const file = join(dir, "batches.csv");
    await writeFile(file, WAGE_CSV);
    const api = fakeApi("wage-arrears");
    const summary = await importFile({ stream: "wage-arrears", file, send: api.send, batchSize: 1, lang: "en" });
    expect(api.batches).toEqual([1, 1, 1]);
    expect(summary).toMatchObject({ read: 6, accepted: 2, rejected: 3, duplicates: 1 });
    expect(await readFile(summary.reportPath!, "utf8")).toBe(BOM + EXPECTED_REPORT_EN);
  });

  it("stops when the API cannot take a batch, leaving no partial report (re-running is safe)", async () => {
    const file = join(dir, "down.csv");
    await writeFile(file, WAGE_CSV);
    const send: Send = async () => {
      throw new RetryableError("Kafka unavailable");
    };
    await expect(importFile({ stream: "wage-arrears", file, send })).rejects.toThrow("Kafka unavailable");
    expect(await exists(`${file}.rejected.csv`)).toBe(false);
    expect(await exists(`${file}.rejected.csv.partial`)).toBe(false);
  });

  it("sends at most as many records per batch as the API lists rejections, so the report names every refused row", async () => {
    const file = join(dir, "bound.csv");
    await writeFile(file, WAGE_CSV);
    const send = fakeApi("wage-arrears").send;
    await expect(importFile({ stream: "wage-arrears", file, send, batchSize: MAX_LISTED_REJECTIONS + 1, lang: "en" })).rejects.toThrow(
      `the batch size must be a whole number from 1 to ${MAX_LISTED_REJECTIONS}`,
    );
    const unlisted: Send = async (r) => ({ accepted: 0, rejected: [], rejected_total: r.length });
    await expect(importFile({ stream: "wage-arrears", file, send: unlisted })).rejects.toThrow(/listed 0 of the \d+ records it refused/);
  });

  it("stops before sending anything when the layout cannot be right", async () => {
    const file = join(dir, "layout.csv");
    await writeFile(file, "MST;Tháng;Số tiền nợ\n5600123456;10/2026;1.000\n");
    let sent = 0;
    const send: Send = async (r) => {
      sent += r.length;
      return { accepted: r.length, rejected: [], rejected_total: 0 };
    };
    await expect(importFile({ stream: "wage-arrears", file, send, lang: "en" })).rejects.toThrow(
      /no column for the required field reported_at/,
    );
    expect(sent).toBe(0);
  });
});

describe("importFile: other layouts and formats", () => {
  it("imports a BHXH XLSX export with real date cells, numbers and Vietnamese text", async () => {
    const file = join(dir, "bhxh-10-2026.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Nợ BHXH");
    ws.addRow(["DANH SÁCH ĐƠN VỊ NỢ BHXH, BHYT, BHTN"]);
    ws.addRow([]);
    ws.addRow([
      "STT",
      "Mã số thuế",
      "Tên đơn vị",
      "Kỳ",
      "Loại bảo hiểm",
      "Số phải đóng",
      "Số đã đóng",
      "Số lao động tham gia",
      "Ngày báo cáo",
    ]);
    ws.addRow([
      1,
      "5600123456",
      "Công ty TNHH May mặc Điện Biên Phủ",
      new Date(Date.UTC(2026, 9, 1)),
      "BHXH",
      1083750000,
      0,
      850,
      new Date(Date.UTC(2026, 10, 10)),
    ]);
    ws.addRow([2, 5600123457, "Công ty CP Gỗ Mường Thanh", "10/2026", "BHYT", "12.750.000", "12.750.000", 50, "10/11/2026"]);
    ws.addRow([3, "5600123458", "HTX Tuần Giáo", "10/2026", "Bảo hiểm hưu trí", 100, 0, 5, new Date(Date.UTC(2026, 10, 10))]);
    for (const r of [4, 6]) {
      ws.getCell(`D${r}`).numFmt = "mm/yyyy";
      ws.getCell(`I${r}`).numFmt = "dd/mm/yyyy";
    }
    ws.getCell("I6").numFmt = "dd/mm/yyyy";
    await wb.xlsx.writeFile(file);

    const api = fakeApi("insurance-contributions");
    const summary = await importFile({ stream: "insurance-contributions", file, send: api.send, lang: "en" });
    expect(summary).toMatchObject({ read: 3, accepted: 2, rejected: 1, duplicates: 0, headerRow: 3 });
    expect(api.accepted.map(({ event_id, ...rest }) => rest)).toEqual([
      {
        enterprise_id: "5600123456",
        period: "2026-10",
        scheme: "social",
        amount_due_vnd: 1083750000,
        amount_paid_vnd: 0,
        insured_workers: 850,
        reported_at: "2026-11-10T00:00:00+07:00",
      },
      {
        enterprise_id: "5600123457",
        period: "2026-10",
        scheme: "health",
        amount_due_vnd: 12750000,
        amount_paid_vnd: 12750000,
        insured_workers: 50,
        reported_at: "2026-11-10T00:00:00+07:00",
      },
    ]);
    expect(await readFile(summary.reportPath!, "utf8")).toBe(
      `${BOM}row,field,reason\r\n6,scheme,"Loại bảo hiểm: invalid value: ""Bảo hiểm hưu trí""; expected one of: social, health, unemployment (or the Vietnamese word for it, see the README)"\r\n`,
    );
  });

  it("uses a mapping file: columns, words, defaults, timezone, sheet and header row", async () => {
    const file = join(dir, "custom.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Ghi chú").addRow(["Bảng này do phòng BHXH huyện lập"]);
    const ws = wb.addWorksheet("T10");
    ws.addRow(["Mã ĐV", "Quỹ", "Phải thu", "Đã thu", "Số LĐ", "Ghi chú"]);
    ws.addRow(["5600123456", "XH", "1.083.750.000", "1.000.000", 850, "nợ 3 tháng"]);
    await wb.xlsx.writeFile(file);
    const mappingFile = join(dir, "mapping.json");
    await writeFile(
      mappingFile,
      JSON.stringify({
        stream: "insurance-contributions",
        columns: {
          "Mã ĐV": "enterprise_id",
          "Phải thu": "amount_due_vnd",
          "Đã thu": "amount_paid_vnd",
          "Số LĐ": "insured_workers",
          "Ghi chú": "ignore",
        },
        values: { scheme: { XH: "social" } },
        defaults: { period: "10/2026", reported_at: "10/11/2026 17:00" },
        timezone: "Z",
        sheet: "T10",
        header_row: 1,
      }),
    );
    const api = fakeApi("insurance-contributions");
    const summary = await importFile({ stream: "insurance-contributions", file, mappingFile, send: api.send });
    expect(summary).toMatchObject({ read: 1, accepted: 1, rejected: 0, reportPath: null });
    expect(api.accepted[0]).toMatchObject({
      enterprise_id: "5600123456",
      scheme: "social",
      amount_due_vnd: 1083750000,
      amount_paid_vnd: 1000000,
      period: "2026-10",
      reported_at: "2026-11-10T17:00:00Z",
    });
  });

  it("imports grievances and incidents from CSV with words for every enum", async () => {
    const g = join(dir, "khieu-nai.csv");
    await writeFile(
      g,
      BOM +
        [
          "Số hồ sơ,Mã số thuế,Thời điểm,Kênh,Nhóm khiếu nại,Mức độ,Số lao động liên quan,Trạng thái,Nội dung,Người khiếu nại",
          'KN-2026-000123,5600123456-001,23/11/2026 08:30,Đường dây nóng,Thưởng Tết,3,120,Mới,"Chưa thông báo thưởng Tết, lương tháng 10 trả chậm 15 ngày.",ĐDN-2026-11-0457',
          "KN-2026-000124,5600123456,24/11/2026,Cán bộ công đoàn,Làm thêm giờ,Khẩn cấp,300,Đang giải quyết,,",
        ].join("\n"),
    );
    const ga = fakeApi("grievances");
    expect(await importFile({ stream: "grievances", file: g, send: ga.send })).toMatchObject({ read: 2, accepted: 2, rejected: 0 });
    expect(ga.accepted.map(({ event_id, ...rest }) => rest)).toEqual([
      {
        grievance_id: "KN-2026-000123",
        enterprise_id: "5600123456-001",
        occurred_at: "2026-11-23T08:30:00+07:00",
        channel: "hotline",
        category: "bonus",
        severity: 3,
        workers_involved: 120,
        status: "open",
        summary: "Chưa thông báo thưởng Tết, lương tháng 10 trả chậm 15 ngày.",
        complainant_ref: "ĐDN-2026-11-0457",
      },
      {
        grievance_id: "KN-2026-000124",
        enterprise_id: "5600123456",
        occurred_at: "2026-11-24T00:00:00+07:00",
        channel: "union_officer",
        category: "overtime",
        severity: 4,
        workers_involved: 300,
        status: "in_progress",
      },
    ]);

    const i = join(dir, "dinh-cong.csv");
    await writeFile(
      i,
      "MST;Ngày bắt đầu;Ngày kết thúc;Hình thức;Đúng luật;Số người tham gia;Nguyên nhân\n5600123456;18/01/2027 07:00;20/01/2027 16:30;Đình công;Không;470;Nợ lương, Nợ BHXH, Thưởng Tết\n",
    );
    const ia = fakeApi("incidents");
    expect(await importFile({ stream: "incidents", file: i, send: ia.send })).toMatchObject({ read: 1, accepted: 1 });
    expect(ia.accepted[0]).toMatchObject({
      kind: "strike",
      lawful: false,
      causes: ["wage_arrears", "social_insurance", "bonus"],
      started_at: "2027-01-18T07:00:00+07:00",
    });
  });

  it("imports the federation's union-fee ledger, a deferral's columns becoming the record's relief", async () => {
    const f = join(dir, "so-kinh-phi-cong-doan.csv");
    await writeFile(
      f,
      BOM +
        [
          "SỔ THEO DÕI KINH PHÍ CÔNG ĐOÀN;;;;;;;;",
          "LĐLĐ tỉnh Điện Biên;;;;;;;;",
          "",
          "Mã số thuế;Kỳ;Quỹ lương đóng BHXH;Phải nộp;Đã nộp;Miễn, giảm, tạm hoãn;Từ kỳ;Đến kỳ;Số quyết định;Ngày ghi sổ",
          "5600123456;10/2026;4.250.000.000;85.000.000;85.000.000;;;;;12/11/2026",
          "5600765432;10/2026;12.000.000.000;240.000.000;0;Tạm hoãn;09/2026;02/2027;125/QĐ-LĐLĐ;12/11/2026",
          "5600765432;11/2026;12.000.000.000;240.000.000;0;Tạm hoãn;09/2026;12/2027;126/QĐ-LĐLĐ;12/12/2026",
        ].join("\n"),
    );
    const api = fakeApi("union-fees");
    const result = await importFile({ stream: "union-fees", file: f, send: api.send });
    expect(result).toMatchObject({ accepted: 2, rejected: 1 });
    expect(api.accepted.map(({ event_id, ...rest }) => rest)).toEqual([
      {
        enterprise_id: "5600123456",
        period: "2026-10",
        payroll_base_vnd: 4_250_000_000,
        amount_due_vnd: 85_000_000,
        amount_paid_vnd: 85_000_000,
        reported_at: "2026-11-12T00:00:00+07:00",
      },
      {
        enterprise_id: "5600765432",
        period: "2026-10",
        payroll_base_vnd: 12_000_000_000,
        amount_due_vnd: 240_000_000,
        amount_paid_vnd: 0,
        relief: { kind: "deferral", from: "2026-09", to: "2027-02", decision_ref: "125/QĐ-LĐLĐ" },
        reported_at: "2026-11-12T00:00:00+07:00",
      },
    ]);
  });

  it("explains files it cannot read", async () => {
    const xls = join(dir, "old.xls");
    await writeFile(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    const send = fakeApi("wage-arrears").send;
    await expect(importFile({ stream: "wage-arrears", file: xls, send, lang: "en" })).rejects.toThrow(
      /the old Excel format \(\.xls\) is not supported/,
    );
    const empty = join(dir, "empty.csv");
    await writeFile(empty, `${BOM}\r\n;;\r\n`);
    await expect(importFile({ stream: "wage-arrears", file: empty, send, lang: "en" })).rejects.toThrow(
      new BadInputError(`${empty}: the file has no data`),
    );
    await expect(importFile({ stream: "wage-arrears", file: join(dir, "missing.csv"), send, lang: "en" })).rejects.toThrow(/^cannot open/);
  });
});

// A social-insurance arrears list as the provincial office sends it (src/fixtures/office-files.ts
// writes the files byte for byte as Excel on a Vietnamese Windows does).
describe("importFile: the arrears list as Excel on a Vietnamese Windows saves it", () => {
  const EXPECTED = [
    ["5600123456", "2026-10", "social", 1083750000, 0, 850],
    ["5600123457", "2026-10", "health", 12750000, 12750000, 50],
    ["5600123458-001", "2026-10", "unemployment", 7770000, 3885000, 37],
    ["5600123459", "2026-09", "social", 15300000, 0, 12],
    ["5600123460", "2026-09", "health", 1850000, 925000, 8],
    ["5600123461", "2026-10", "unemployment", 4410000, 0, 21],
    ["5600123462", "2026-10", "social", 9999000, 1000, 5],
  ].map(([enterprise_id, period, scheme, amount_due_vnd, amount_paid_vnd, insured_workers]) => ({
    enterprise_id,
    period,
    scheme,
    amount_due_vnd,
    amount_paid_vnd,
    insured_workers,
    reported_at: "2026-11-10T00:00:00+07:00",
  }));

  it.each([
    ["bhxh-no-dong-10-2026.windows-1258.csv", "windows-1258", ";"],
    ["bhxh-no-dong-10-2026.utf-8-bom.csv", "utf-8", ";"],
    ["bhxh-no-dong-10-2026.unicode.txt", "utf-16le", "\t"],
  ])("%s: every row, under the title rows, the blank row and above the totals row", async (name, encoding, delimiter) => {
    const file = join(dir, name);
    await writeFile(file, await readFile(join(FIXTURE_DIR, name)));
    const api = fakeApi("insurance-contributions");
    const summary = await importFile({ stream: "insurance-contributions", file, send: api.send, lang: "en" });
    expect(summary).toMatchObject({ read: 7, accepted: 7, rejected: 0, duplicates: 0, skipped: 1, headerRow: 4, reportPath: null });
    expect(summary.csv).toEqual({ encoding, delimiter });
    expect(summary.columns).toEqual([
      { header: "STT", field: "ignore" },
      { header: "Mã số thuế", field: "enterprise_id" },
      { header: "Tên đơn vị", field: "ignore" },
      { header: "Kỳ", field: "period" },
      { header: "Loại bảo hiểm", field: "scheme" },
      { header: "Số lao động tham gia", field: "insured_workers" },
      { header: "Số phải đóng", field: "amount_due_vnd" },
      { header: "Số đã đóng", field: "amount_paid_vnd" },
      { header: "Ngày báo cáo", field: "reported_at" },
    ]);
    expect(api.accepted.map(({ event_id, ...rest }) => rest)).toEqual(EXPECTED);
  });

  it("the same rows are the same events whatever the encoding, so re-sending the list in another form doubles nothing", async () => {
    const ids = [];
    for (const name of [
      "bhxh-no-dong-10-2026.windows-1258.csv",
      "bhxh-no-dong-10-2026.utf-8-bom.csv",
      "bhxh-no-dong-10-2026.unicode.txt",
    ]) {
      const api = fakeApi("insurance-contributions");
      await importFile({
        stream: "insurance-contributions",
        file: join(FIXTURE_DIR, name),
        send: api.send,
        reportPath: join(dir, "r.csv"),
      });
      ids.push(api.accepted.map((e) => e.event_id));
    }
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
  });

  it("refuses TCVN3 and VNI before anything is sent, saying which was suspected and how to convert", async () => {
    let sent = 0;
    const send: Send = async (r) => {
      sent += r.length;
      return { accepted: r.length, rejected: [], rejected_total: 0 };
    };
    for (const [name, suspected] of [
      ["bhxh-no-dong.tcvn3.csv", "TCVN3 (ABC)"],
      ["bhxh-no-dong.vni.csv", "VNI Windows"],
    ] as const) {
      const file = join(FIXTURE_DIR, name);
      const reportPath = join(dir, `${name}.rejected.csv`);
      await expect(importFile({ stream: "insurance-contributions", file, send, reportPath })).rejects.toThrow(
        new RegExp(`bảng mã ${suspected.replace(/[()]/g, "\\$&")}`),
      );
      await expect(importFile({ stream: "insurance-contributions", file, send, reportPath, lang: "en" })).rejects.toThrow(
        /Unikey's converter \(Ctrl\+Shift\+F6/,
      );
    }
    expect(sent).toBe(0);
  });

  it("reads a file the way it is told (encoding), and then a VNI file is just unknown headers", async () => {
    const api = fakeApi("insurance-contributions");
    const file = join(FIXTURE_DIR, "bhxh-no-dong.vni.csv");
    await expect(
      importFile({
        stream: "insurance-contributions",
        file,
        send: api.send,
        encoding: "windows-1258",
        lang: "en",
        reportPath: join(dir, "v.csv"),
      }),
    ).rejects.toThrow(/no column for the required field enterprise_id/);
  });
});

describe("a backlog's received_at (--received-at)", () => {
  const CSV = [
    "MST;Ngày báo cáo;Kỳ lương;Số tiền nợ;Số lao động bị nợ;Trạng thái;Nguồn",
    "5600123456;25/03/2025;T02/2025;100.000.000;40;Chưa trả;Công đoàn",
    "5600123457;26/03/2025 09:15;T02/2025;50.000.000;10;Chưa trả;Công đoàn",
    "",
  ].join("\r\n");
  const importWith = async (receivedAt: string | undefined, csv = CSV) => {
    const file = join(dir, "no-luong.csv");
    await writeFile(file, csv);
    const api = fakeApi("wage-arrears");
    await importFile({ stream: "wage-arrears", file, send: api.send, ...(receivedAt !== undefined ? { receivedAt } : {}) });
    return api.accepted;
  };

  it("leaves it out by default (ingest stamps its receive time)", async () => {
    for (const r of await importWith(undefined)) expect(r.received_at).toBeUndefined();
  });

  it('sets one time for the whole file, or each row\'s own report time with "reported"', async () => {
    const at = await importWith("2025-04-01T08:00:00+07:00");
    expect(at.map((r) => r.received_at)).toEqual(["2025-04-01T08:00:00+07:00", "2025-04-01T08:00:00+07:00"]);
    const reported = await importWith("reported");
    expect(reported.map((r) => r.received_at)).toEqual(reported.map((r) => r.reported_at));
    // received_at is not part of what a row is: the same rows keep their event_ids whatever it says
    expect(reported.map((r) => r.event_id)).toEqual(at.map((r) => r.event_id));
    expect((await importWith(undefined)).map((r) => r.event_id)).toEqual(at.map((r) => r.event_id));
  });

  it("keeps a row's own received_at column", async () => {
    const csv = CSV.replace("Nguồn\r\n", "Nguồn;received_at\r\n").replace(
      "Công đoàn\r\n5600123457",
      "Công đoàn;28/03/2025 10:00\r\n5600123457",
    );
    const rows = await importWith("reported", csv);
    expect(rows.map((r) => r.received_at)).toEqual(["2025-03-28T10:00:00+07:00", rows[1]!.reported_at]);
  });

  it('refuses anything but a time with an offset or "reported", before reading the file', async () => {
    await expect(importWith("31/03/2025")).rejects.toThrow(BadInputError);
    await expect(importWith("yesterday")).rejects.toThrow(/reported/);
  });
});

describe("case actions as a district office keeps them", () => {
  it("reads the Vietnamese headers, the vocabulary's names and Vietnamese dates", async () => {
    const file = join(dir, "hoat-dong.csv");
    await writeFile(
      file,
      [
        "STT;Mã số thuế;Hoạt động;Ngày thực hiện;Cán bộ thực hiện;Đơn vị công đoàn;Ghi chú",
        "1;5600123456;Nắm tình hình, gặp người lao động;24/11/2026;Lò Văn Thắng;LDLD-TG;Gặp tổ may số 3",
        "2;5600123456;Đề nghị đối thoại tại nơi làm việc;26/11/2026;Lò Văn Thắng;LDLD-TG;",
        "3;5600123456;Đóng hồ sơ;2026-12-01;Lò Văn Thắng;LDLD-TG;",
        "4;5600123456;Đi chơi;30/02/2026;Lò Văn Thắng;LDLD-TG;",
      ].join("\r\n"),
    );
    const api = fakeApi("case-actions");
    const summary = await importFile({ stream: "case-actions", file, send: api.send, lang: "en" });
    expect(summary).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
    expect(api.accepted.map((a) => [a.action, a.occurred_on])).toEqual([
      ["fact_finding", "2026-11-24"],
      ["workplace_dialogue", "2026-11-26"],
      ["closed_no_concern", "2026-12-01"],
    ]);
  });
});
