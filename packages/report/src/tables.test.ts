import type { ReportIncidentRow } from "@lrew/warehouse";
import { describe, expect, it } from "vitest";
import { buildIncidentReport } from "./incident.ts";
import { parsePeriod } from "./period.ts";
import { buildReport, coveredText, type ReportInput } from "./tables.ts";

const incident = (over: Partial<ReportIncidentRow>): ReportIncidentRow => ({
  event_id: "00000000-0000-4000-8000-000000000001",
  enterprise_id: "5600123456",
  name: "Công ty TNHH May Hàn Việt",
  area_code: "dien-bien-phu",
  sector: "garment",
  ownership: "fdi",
  investor_country: "KR",
  union_unit_id: "CĐCS-1",
  has_union: true,
  start_day: "2026-11-03",
  end_day: "",
  kind: "work_stoppage",
  lawful: false,
  workers_involved: 300,
  causes: ["wage_arrears", "bonus"],
  ...over,
});

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  period: parsePeriod("2026-11"),
  current: [
    incident({}),
    incident({
      event_id: "00000000-0000-4000-8000-000000000002",
      enterprise_id: "5600000002",
      ownership: "private",
      investor_country: "",
      start_day: "2026-11-20",
      kind: "strike",
      lawful: true,
      workers_involved: 50,
      causes: ["wage_arrears"],
    }),
  ],
  previous: [incident({ start_day: "2026-10-10" })],
  lastYear: [],
  levels: [
    { level: "high", enterprises: 3, workers: 900, without_union: 1, workers_without_union: 100 },
    { level: "", enterprises: 10, workers: 100, without_union: 10, workers_without_union: 100 },
  ],
  coverage: [{ area_code: "dien-bien-phu", enterprises: 13, with_union: 2, workers: 1000, workers_without_union: 200 }],
  alerts: [{ level: "critical", alerts: 2, enterprises: 2, sent: 1, acted: 1 }],
  actions: [
    { action: "acknowledged", actions: 3, enterprises: 2 },
    { action: "closed_no_concern", actions: 1, enterprises: 1 },
  ],
  areaNames: new Map([["dien-bien-phu", "Thành phố Điện Biên Phủ"]]),
  covers: coveredText({ kind: "all" }),
  generatedAt: "2026-12-02 09:00",
  ...over,
});

const table = (r: ReturnType<typeof buildReport>, id: string) => r.tables.find((t) => t.id === id)!;

describe("buildReport", () => {
  it("summary against the previous month and last year", () => {
    const r = buildReport(input());
    expect(table(r, "tong-hop").rows[0]).toEqual([expect.stringContaining("Số vụ"), 2, 1, 1, 0, 2]);
    expect(table(r, "tong-hop").rows[2]).toEqual([expect.stringContaining("người lao động"), 350, 300, 50, 0, 350]);
  });

  it("causes count each incident once per cause; shares of all incidents", () => {
    const causes = table(buildReport(input()), "nguyen-nhan").rows;
    expect(causes).toEqual([
      ["Nợ lương", 2, 350, 1],
      ["Tiền thưởng", 1, 300, 0.5],
    ]);
  });

  it("investor countries only over FDI incidents; areas by name", () => {
    const r = buildReport(input());
    expect(table(r, "nha-dau-tu").rows).toEqual([["Hàn Quốc", 1, 1, 300, 1, 1]]);
    expect(table(r, "dia-ban").rows[0]![0]).toBe("Thành phố Điện Biên Phủ");
  });

  it("interventions by the vocabulary's names, outcomes marked; alerts acted on", () => {
    const r = buildReport(input());
    expect(table(r, "can-thiep").rows).toEqual([
      ["Đã tiếp nhận cảnh báo", "Hoạt động", 3, 2],
      ["Đóng hồ sơ", "Kết quả", 1, 1],
    ]);
    expect(table(r, "canh-bao").rows).toEqual([["Nghiêm trọng", 2, 2, 1, 1]]);
    expect(buildReport(input({ actions: [] })).tables.find((t) => t.id === "can-thiep")!.rows).toEqual([]);
  });

  it("writes its cells in English with lang en", () => {
    const r = buildReport(input(), "en");
    expect(r.title.en).toBe("Labour-relations report, November 2026");
    expect(table(r, "theo-loai").rows.at(-1)![0]).toBe("Total");
    expect(table(r, "danh-sach").rows[0]!.slice(5, 9)).toEqual([
      "Garment",
      "FDI (foreign-invested)",
      "Work stoppage",
      "Spontaneous (unlawful)",
    ]);
  });

  it("a month with no incident still has every table, with zero lines", () => {
    const r = buildReport(input({ current: [], previous: [], lastYear: [] }));
    expect(r.tables).toHaveLength(13);
    expect(table(r, "tong-hop").rows[0]!.slice(1)).toEqual([0, 0, 0, 0, 0]);
    expect(table(r, "danh-sach").rows).toEqual([]);
  });
});

describe("coveredText", () => {
  it("names the whole province, an office by its name and units, or the units and areas themselves", () => {
    expect(coveredText({ kind: "all" }).vi).toBe("Toàn tỉnh");
    expect(coveredText({ kind: "units", units: ["CD-DB-X-A"] }, "Công đoàn xã A").vi).toBe("Các địa bàn của Công đoàn xã A (CD-DB-X-A)");
    expect(coveredText({ kind: "units", units: ["CD-DB-X-A", "CD-DB-X-B"] }).en).toBe(
      "The areas of CD-DB-X-A, CD-DB-X-B and of the units below",
    );
    expect(coveredText({ kind: "areas", areas: ["DB-DBP"] }).vi).toBe("Các địa bàn: DB-DBP");
  });
});

describe("buildIncidentReport", () => {
  it("states the incident and how long before it lrew first alerted", () => {
    const r = buildIncidentReport({
      incident: incident({}),
      alerts: [{ alert_id: "a", as_of: "2026-09-20", level: "high", score: 0.2, union_unit_id: "CĐCS-1", sent: 1 }],
      areaNames: new Map(),
      generatedAt: "2026-12-02 09:00",
    });
    expect(r.tables[0]!.rows.find((row) => row[0] === "Ngày bắt đầu")![1]).toBe("03/11/2026");
    expect(r.tables[1]!.note?.vi).toContain("44 ngày trước");
    expect(r.tables[1]!.rows[0]).toEqual(["2026-09-20", "Cao", 44, "CĐCS-1", 1]);
  });
});
