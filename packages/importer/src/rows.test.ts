import { deterministicUuid, validateRecord } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { describe, expect, it } from "vitest";
import { parseMapping } from "./mapping.ts";
import { columnLetter, createConverter, deriveEventId, looksLikeHeader, headerIndex, rowToRecord, type RowResult } from "./rows.ts";

const record = (r: RowResult) => {
  if (r.kind !== "record") throw new Error(`expected a record, got ${JSON.stringify(r)}`);
  return r.record;
};
const errors = (r: RowResult) => {
  if (r.kind !== "rejected") throw new Error(`expected errors, got ${JSON.stringify(r)}`);
  return r.errors;
};

describe("rowToRecord", () => {
  it("turns a Vietnamese wage-arrears row into a valid contract record", () => {
    const r = rowToRecord("wage-arrears", {
      rowNumber: 2,
      cells: {
        STT: "1",
        "Mã số thuế": "5600123456-001",
        "Tên doanh nghiệp": "Công ty TNHH May mặc Điện Biên Phủ",
        "Ngày báo cáo": "25/11/2026 14:00",
        "Kỳ lương": "T10/2026",
        "Số tiền nợ (đồng)": "496.800.000",
        "Số lao động bị nợ": "120",
        "Trạng thái": "Chưa trả",
        Nguồn: "Thanh tra lao động",
      },
    });
    const rec = record(r);
    expect(rec).toEqual({
      event_id: deriveEventId("wage-arrears", { ...rec }),
      enterprise_id: "5600123456-001",
      reported_at: "2026-11-25T14:00:00+07:00",
      period: "2026-10",
      amount_owed_vnd: 496800000,
      workers_affected: 120,
      status: "outstanding",
      source: "labour_inspectorate",
    });
    expect(validateRecord("wage-arrears", rec).ok).toBe(true);
  });

  it("accepts headers without diacritics and in English, and enum values in English", () => {
    const rec = record(
      rowToRecord("insurance-contributions", {
        rowNumber: 5,
        cells: {
          "ma so thue": "5600123456",
          KY: "10/2026",
          "loai bao hiem": "BHYT",
          amount_due_vnd: "1,083,750,000",
          "So da dong": "0",
          "insured workers": 850,
          "Ngày báo cáo": "10/11/2026",
        },
      }),
    );
    expect(rec).toMatchObject({
      enterprise_id: "5600123456",
      period: "2026-10",
      scheme: "health",
      amount_due_vnd: 1083750000,
      amount_paid_vnd: 0,
      insured_workers: 850,
      reported_at: "2026-11-10T00:00:00+07:00",
    });
    expect(validateRecord("insurance-contributions", rec).ok).toBe(true);
  });

  it("reports every unreadable cell of a row at once, naming field and column", () => {
    const r = rowToRecord(
      "wage-arrears",
      {
        rowNumber: 7,
        cells: {
          MST: "5600123456",
          "Ngày báo cáo": "31/02/2026",
          Tháng: "10/2026",
          "Số tiền nợ": "1.234,5",
          "Số lao động bị nợ": "12",
          "Trạng thái": "Đã xong",
          Nguồn: "Công đoàn",
          "Ghi chú": "gọi lại",
        },
      },
      undefined,
      "en",
    );
    expect(errors(r)).toEqual([
      { row: 7, field: "reported_at", column: "Ngày báo cáo", message: 'no such day: "31/02/2026" (2026-02 has 28 days)' },
      {
        row: 7,
        field: "amount_owed_vnd",
        column: "Số tiền nợ",
        message: 'VND amounts must be whole numbers (no fraction): "1.234,5"; thousands are separated by dots, e.g. 1.234.567',
      },
      {
        row: 7,
        field: "status",
        column: "Trạng thái",
        message:
          'invalid value: "Đã xong"; expected one of: outstanding, partially_paid, paid (or the Vietnamese word for it, see the README)',
      },
      {
        row: 7,
        field: "Ghi chú",
        column: "Ghi chú",
        message: 'column not in the wage-arrears contract: "Ghi chú" (rename it, or declare it in a mapping file, "ignore" to skip it)',
      },
    ]);
  });

  it("leaves a negative amount for the contract to refuse, in its own words", () => {
    const rec = record(
      rowToRecord("wage-arrears", {
        rowNumber: 3,
        cells: {
          MST: "5600123456",
          "Ngày báo cáo": "25/11/2026",
          Tháng: "10/2026",
          "Số tiền nợ": "-5.000.000",
          "Số lao động bị nợ": "3",
          "Trạng thái": "Đã trả một phần",
          Nguồn: "NLĐ",
        },
      }),
    );
    expect(rec.amount_owed_vnd).toBe(-5000000);
    expect(validateRecord("wage-arrears", rec, "vi")).toEqual({
      ok: false,
      errors: [{ path: "amount_owed_vnd", message: "số tiền phải là số nguyên VND không âm" }],
    });
  });

  it("ignores an unknown column where it is empty, and leaves empty optional fields out", () => {
    const rec = record(
      rowToRecord("grievances", {
        rowNumber: 2,
        cells: {
          "Số hồ sơ": "KN-2026-000123",
          "Mã số thuế": "5600123456",
          "Thời điểm": "23/11/2026 08:30",
          Kênh: "Đường dây nóng",
          "Nhóm khiếu nại": "Thưởng Tết",
          "Mức độ": "Cao",
          "Số người": "120",
          "Trạng thái": "Mới",
          "Nội dung": "  Chưa được thông báo thưởng Tết.  ",
          "Người khiếu nại": "",
          "Ghi chú": "",
        },
      }),
    );
    expect(rec).toEqual({
      event_id: rec.event_id,
      grievance_id: "KN-2026-000123",
      enterprise_id: "5600123456",
      occurred_at: "2026-11-23T08:30:00+07:00",
      channel: "hotline",
      category: "bonus",
      severity: 3,
      workers_involved: 120,
      status: "open",
      summary: "Chưa được thông báo thưởng Tết.",
    });
    expect(validateRecord("grievances", rec).ok).toBe(true);
  });

  it("reads incident causes as a list, each word checked, with the list index in the path", () => {
    const base = {
      MST: "5600123456",
      "Ngày bắt đầu": "18/01/2027 07:00",
      "Ngày kết thúc": "20/01/2027 16:30",
      "Hình thức": "Đình công",
      "Đúng luật": "Không",
      "Số người tham gia": "470",
    };
    const rec = record(rowToRecord("incidents", { rowNumber: 2, cells: { ...base, "Nguyên nhân": "Nợ lương | Nợ BHXH | Thưởng Tết" } }));
    expect(rec).toMatchObject({
      kind: "strike",
      lawful: false,
      workers_involved: 470,
      causes: ["wage_arrears", "social_insurance", "bonus"],
      ended_at: "2027-01-20T16:30:00+07:00",
    });
    expect(validateRecord("incidents", rec).ok).toBe(true);
    expect(record(rowToRecord("incidents", { rowNumber: 2, cells: { ...base, "Nguyên nhân": "" } })).causes).toEqual([]);
    expect(
      errors(rowToRecord("incidents", { rowNumber: 4, cells: { ...base, "Nguyên nhân": "wages; tiền ăn" } }, undefined, "en")),
    ).toEqual([
      {
        row: 4,
        field: "causes.1",
        column: "Nguyên nhân",
        message: expect.stringMatching(/^invalid value: "tiền ăn"; expected one of: wages, wage_arrears/),
      },
    ]);
  });

  it("reads enterprises: booleans, ownership words, and the contract's own event_id", () => {
    const rec = record(
      rowToRecord("enterprises", {
        rowNumber: 2,
        cells: {
          "Mã số thuế": 100109106, // Excel turned the code into a number and dropped its leading zero
          "Tên doanh nghiệp": "Công ty TNHH May mặc Điện Biên Phủ",
          "Mã địa bàn": "dien-bien-phu",
          Ngành: "Dệt may",
          "Loại hình sở hữu": "Có vốn đầu tư nước ngoài",
          "Số lao động": 850,
          "Có công đoàn": "x",
          "Mã công đoàn": "CĐCS-May-mặc-ĐBP",
          "Ngày cập nhật": new Date(Date.UTC(2026, 10, 20, 9, 0)),
        },
      }),
    );
    expect(rec).toEqual({
      event_id: deterministicUuid("enterprises|0100109106|2026-11-20T09:00:00+07:00"),
      enterprise_id: "0100109106",
      name: "Công ty TNHH May mặc Điện Biên Phủ",
      area_code: "dien-bien-phu",
      sector: "garment",
      ownership: "fdi",
      workforce: 850,
      has_union: true,
      union_unit_id: "CĐCS-May-mặc-ĐBP",
      updated_at: "2026-11-20T09:00:00+07:00",
    });
    // the same id the ingest API derives for an enterprise record sent without event_id
    const { event_id, ...withoutId } = rec;
    const v = validateRecord("enterprises", withoutId);
    expect(v.ok && v.event.event_id).toBe(event_id);
  });

  it("keeps an event_id column as given", () => {
    const rec = record(
      rowToRecord("wage-arrears", {
        rowNumber: 2,
        cells: {
          "Event ID": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
          MST: "5600123456",
          "Ngày báo cáo": "25/11/2026",
          Tháng: "10/2026",
          "Số tiền nợ": "0",
          "Số lao động bị nợ": "0",
          "Trạng thái": "Đã trả",
          Nguồn: "DN",
        },
      }),
    );
    expect(rec.event_id).toBe("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
  });

  it("skips totals rows", () => {
    const conv = createConverter("wage-arrears", [
      "STT",
      "MST",
      "Ngày báo cáo",
      "Tháng",
      "Số tiền nợ",
      "Số lao động bị nợ",
      "Trạng thái",
      "Nguồn",
    ]);
    expect(conv.convert(9, ["Tổng cộng", null, null, null, "1.000.000", "12", null, null])).toEqual({
      kind: "skipped",
      row: 9,
      reason: 'dòng tổng cộng ("Tổng cộng")',
    });
  });

  it("reports values beyond the header, by column letter", () => {
    const conv = createConverter(
      "wage-arrears",
      ["MST", "Ngày báo cáo", "Tháng", "Số tiền nợ", "Số lao động bị nợ", "Trạng thái", "Nguồn"],
      undefined,
      "en",
    );
    const r = conv.convert(3, ["5600123456", "25/11/2026", "10/2026", "0", "0", "paid", "court", "extra"]);
    expect(errors(r)).toEqual([
      { row: 3, field: "H", column: "H", message: expect.stringMatching(/^column not in the wage-arrears contract: "H"/) },
    ]);
  });
});

describe("derived event ids", () => {
  const cells = {
    MST: "5600123456",
    "Ngày báo cáo": "25/11/2026 14:00",
    Tháng: "10/2026",
    "Số tiền nợ": "496.800.000",
    "Số lao động bị nợ": "120",
    "Trạng thái": "Chưa trả",
    Nguồn: "Thanh tra",
  };
  const id = (c: Record<string, string | number>) => record(rowToRecord("wage-arrears", { rowNumber: 2, cells: c })).event_id;

  it("are the same for the same content however it is written, and different for other content", () => {
    const a = id(cells);
    expect(id({ ...cells })).toBe(a);
    expect(id({ ...cells, "Số tiền nợ": "496,800,000 VND", Tháng: "tháng 10/2026", "Trạng thái": "outstanding" })).toBe(a);
    expect(id({ ...cells, "Ngày báo cáo": "2026-11-25T07:00:00Z" })).toBe(a); // same instant
    expect(id({ ...cells, "Số tiền nợ": "496.800.001" })).not.toBe(a);
    expect(id({ ...cells, "Ngày báo cáo": "26/11/2026 14:00" })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("do not depend on column order", () => {
    const reversed = Object.fromEntries(Object.entries(cells).reverse());
    expect(id(reversed)).toBe(id(cells));
  });

  it("differ between streams", () => {
    expect(deriveEventId("wage-arrears", { a: 1 })).not.toBe(deriveEventId("grievances", { a: 1 }));
  });
});

describe("layout problems stop the import before anything is sent", () => {
  it("two columns for one field", () => {
    expect(() =>
      createConverter(
        "wage-arrears",
        ["MST", "Mã số thuế", "Ngày báo cáo", "Tháng", "Số tiền nợ", "Số lao động bị nợ", "Trạng thái", "Nguồn"],
        undefined,
        "en",
      ),
    ).toThrow(
      new BadInputError('columns "MST", "Mã số thuế" all give the field enterprise_id: map the extra ones to "ignore" in a mapping file'),
    );
  });

  it("a required field with neither column nor default", () => {
    expect(() =>
      createConverter("wage-arrears", ["MST", "Ngày báo cáo", "Tháng", "Số tiền nợ", "Số lao động bị nợ", "Trạng thái"], undefined, "en"),
    ).toThrow(/^no column for the required field source \(accepted headers: "source", "Nguồn", "Nguồn tin"/);
  });

  it("a default that is not a valid value", () => {
    const mapping = parseMapping({ defaults: { reported_at: "31/02/2026" } }, "wage-arrears");
    expect(() =>
      createConverter("wage-arrears", ["MST", "Tháng", "Số tiền nợ", "Số lao động bị nợ", "Trạng thái", "Nguồn"], mapping, "en"),
    ).toThrow('default of reported_at: no such day: "31/02/2026" (2026-02 has 28 days)');
  });
});

describe("a mapping for another layout", () => {
  it("renames columns, adds words and defaults, ignores columns, and sets the timezone", () => {
    const mapping = parseMapping(
      {
        stream: "insurance-contributions",
        columns: {
          "Mã ĐV": "enterprise_id",
          "Quỹ BH": "scheme",
          "Phải thu": "amount_due_vnd",
          "Đã thu": "amount_paid_vnd",
          "Số LĐ": "insured_workers",
          "Ghi chú": "ignore",
        },
        values: { scheme: { XH: "social", YT: "health" } },
        defaults: { reported_at: "10/11/2026", period: "10/2026" },
        timezone: "Z",
      },
      "insurance-contributions",
    );
    const conv = createConverter("insurance-contributions", ["Mã ĐV", "Quỹ BH", "Phải thu", "Đã thu", "Số LĐ", "Ghi chú"], mapping);
    const rec = record(conv.convert(4, ["5600123456", "XH", "1.083.750.000", "0", "850", "nợ 3 tháng"]));
    expect(rec).toMatchObject({
      enterprise_id: "5600123456",
      scheme: "social",
      amount_due_vnd: 1083750000,
      amount_paid_vnd: 0,
      insured_workers: 850,
      reported_at: "2026-11-10T00:00:00Z",
      period: "2026-10",
    });
    expect(validateRecord("insurance-contributions", rec).ok).toBe(true);
  });
});

describe("header detection", () => {
  const idx = headerIndex("wage-arrears");
  it("finds the header under title rows", () => {
    expect(looksLikeHeader(["BÁO CÁO TÌNH HÌNH NỢ LƯƠNG THÁNG 10/2026", null], idx)).toBe(false);
    expect(looksLikeHeader(["Đơn vị: đồng"], idx)).toBe(false);
    expect(looksLikeHeader(["STT", "MST", "Tên doanh nghiệp", "Kỳ lương", "Ghi chú"], idx)).toBe(true);
    expect(looksLikeHeader(["MST"], idx)).toBe(true);
    expect(looksLikeHeader(["5600123456", "25/11/2026", "10/2026"], idx)).toBe(false);
  });

  it("names columns by letter", () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});
