import { describe, expect, it } from "vitest";
import { parseUnionUnits, renderCaseListEmail, renderDigestEmail, type CaseEntry } from "@lrew/alerts";
import { Responsibility } from "@lrew/reference";
import type { OpenEnterpriseRow } from "@lrew/warehouse";
import { caseListUnits, digestId, digestsByUnit, openEnterprises, spellStart } from "./digest.ts";

describe("digest ids", () => {
  it("is deterministic per unit and day", () => {
    expect(digestId("LDLD-DB", "2026-11-23")).toBe("digest:LDLD-DB:2026-11-23");
  });
  it("finds the start of the current spell at a level", () => {
    const h = [
      { as_of: "2026-01-01", level: "high" },
      { as_of: "2026-01-08", level: "watch" },
      { as_of: "2026-01-15", level: "high" },
      { as_of: "2026-01-22", level: "high" },
    ];
    expect(spellStart(h, "high", "x")).toBe("2026-01-15");
    expect(spellStart([], "high", "2026-02-01")).toBe("2026-02-01");
  });
});

describe("composing the digests", () => {
  const units = parseUnionUnits([
    {
      id: "LDLD-DB",
      name: "Liên đoàn Lao động tỉnh Điện Biên",
      area_code: "DB",
      email: "fed@example.vn",
      delivery: "immediate",
      level: "province",
    },
    {
      id: "LDLD-MC",
      name: "Liên đoàn Lao động huyện Mường Chà",
      area_code: "DB-MC",
      email: "mc@example.vn",
      delivery: "digest",
      level: "district",
      parent: "LDLD-DB",
    },
  ]);
  const row = (over: Partial<OpenEnterpriseRow>): OpenEnterpriseRow => ({
    enterprise_id: "5600000002",
    name: "HTX Nông nghiệp Mường Chà",
    area_code: "DB-MC",
    union_unit_id: "LDLD-MC",
    level: "high",
    score: 0.05,
    as_of: "2026-11-23",
    model_version: "test-1",
    sector: "garment",
    workforce: 450,
    ownership: "fdi",
    contributions: [
      { feature: "workforce", value: 450, contribution: 1.5 },
      { feature: "ownership_fdi", value: 1, contribution: 0.6 },
      { feature: "insurance_arrears_months", value: 4, contribution: 0.9 },
    ],
    ...over,
  });

  it("lists each enterprise with its spell start and dashboard link; one missing from the registry goes to the federation", () => {
    const history = new Map([
      [
        "5600000002",
        [
          { as_of: "2026-11-09", level: "high" },
          { as_of: "2026-11-16", level: "high" },
          { as_of: "2026-11-23", level: "high" },
        ],
      ],
    ]);
    const open = openEnterprises([row({}), row({ enterprise_id: "5600000009", name: "", union_unit_id: "", level: "critical" })], history, {
      dashboardUrl: "http://127.0.0.1:8080/",
      federationUnitId: "LDLD-DB",
    });
    expect(open[0]).toEqual({
      union_unit_id: "LDLD-MC",
      open: {
        enterprise_id: "5600000002",
        enterprise_name: "HTX Nông nghiệp Mường Chà",
        area_code: "DB-MC",
        level: "high",
        score: 0.05,
        since: "2026-11-09",
        dashboard_url: "http://127.0.0.1:8080/enterprises/5600000002",
        context: {
          vi: "Một doanh nghiệp may mặc lớn có vốn đầu tư nước ngoài (450 lao động).",
          en: "A large foreign-invested garment plant (450 workers).",
        },
        reasons: [{ vi: "Nợ BHXH 4 tháng liên tiếp", en: "4 consecutive months of social-insurance arrears" }],
      },
    });
    expect(open[1]).toMatchObject({ union_unit_id: "LDLD-DB", open: { enterprise_name: "5600000009", since: "2026-11-23" } });
  });

  it("states signals only: an enterprise high on structure alone is listed with no reason", () => {
    const structural = row({ contributions: [{ feature: "workforce", value: 450, contribution: 2.5 }] });
    const [o] = openEnterprises([structural], new Map(), { dashboardUrl: "http://x", federationUnitId: "LDLD-DB" });
    expect(o!.open.reasons).toEqual([]);
    const mail = renderDigestEmail({ id: "LDLD-MC", name: "LĐLĐ Mường Chà" }, [], "vi", "2026-11-23", [o!.open]);
    expect(mail.text).toContain("Một doanh nghiệp may mặc lớn có vốn đầu tư nước ngoài (450 lao động).");
    expect(mail.text).toContain("Không có tín hiệu nổi bật: nguy cơ chủ yếu do đặc điểm của doanh nghiệp.");
    expect(mail.text).not.toContain("Quy mô");
  });

  it("groups by the unit that receives them, only for units that take digests", () => {
    const open = openEnterprises(
      [row({}), row({ enterprise_id: "5600000005", level: "critical" }), row({ enterprise_id: "5600000001", union_unit_id: "LDLD-DB" })],
      new Map(),
      { dashboardUrl: "http://x", federationUnitId: "LDLD-DB" },
    );
    const byUnit = digestsByUnit(open, units, "LDLD-DB");
    expect([...byUnit.keys()]).toEqual(["LDLD-MC"]);
    expect(byUnit.get("LDLD-MC")!.entries.map((e) => e.enterprise_id)).toEqual(["5600000002", "5600000005"]);
    expect(byUnit.get("LDLD-MC")!.route.recipients).toEqual(["mc@example.vn"]);
  });

  it("on the digest's day, groups by the unit responsible then: the district's before 1 July 2025, the commune union's after", () => {
    const withCommune = parseUnionUnits([
      ...[...units.values()].map(({ emails, ...u }) => ({ ...u, emails })),
      {
        id: "CD-DB-X-MC",
        name: "Công đoàn xã Mường Chà",
        area_code: "DB-X-MC",
        email: "cd.muongcha@example.vn",
        delivery: "digest",
        level: "commune",
        parent: "LDLD-DB",
      },
    ]);
    const responsibility = Responsibility.parse({
      areas: [
        { code: "DB", name: "Tỉnh Điện Biên", kind: "province" },
        { code: "DB-MC", name: "Huyện Mường Chà", kind: "district", parent: "DB", valid_to: "2025-07-01" },
        { code: "DB-X-MC", name: "Xã Mường Chà", kind: "commune", parent: "DB-MC", valid_from: "2025-07-01" },
      ],
      units: [
        { id: "LDLD-DB", kind: "province" },
        { id: "LDLD-MC", kind: "district", parent: "LDLD-DB", valid_to: "2025-07-01" },
        { id: "CD-DB-X-MC", kind: "commune", parent: "LDLD-DB", valid_from: "2025-07-01" },
      ],
      area_units: [
        { area: "DB-MC", unit: "LDLD-MC", valid_to: "2025-07-01" },
        { area: "DB-X-MC", unit: "CD-DB-X-MC", valid_from: "2025-07-01" },
      ],
      enterprise_areas: [{ enterprise_id: "5600000002", area: "DB-X-MC", valid_from: "2025-07-01" }],
    });
    const open = openEnterprises([row({})], new Map(), { dashboardUrl: "http://x", federationUnitId: "LDLD-DB" });
    expect([...digestsByUnit(open, withCommune, "LDLD-DB", { responsibility, date: "2025-06-30" }).keys()]).toEqual(["LDLD-MC"]);
    const today = digestsByUnit(open, withCommune, "LDLD-DB", { responsibility, date: "2026-11-23" });
    expect([...today.keys()]).toEqual(["CD-DB-X-MC"]);
    expect(today.get("CD-DB-X-MC")!.route.recipients).toEqual(["cd.muongcha@example.vn"]);
  });
});

describe("the daily case list", () => {
  const units = parseUnionUnits([
    {
      id: "LDLD-DB",
      name: "Liên đoàn Lao động tỉnh Điện Biên",
      area_code: "DB",
      email: "fed@example.vn",
      delivery: "immediate",
      level: "province",
    },
    {
      id: "LDLD-TG",
      name: "Liên đoàn Lao động huyện Tuần Giáo",
      area_code: "DB-TG",
      email: "tg@example.vn",
      level: "district",
      parent: "LDLD-DB",
    },
    {
      id: "LDLD-MC",
      name: "Liên đoàn Lao động huyện Mường Chà",
      area_code: "DB-MC",
      email: "mc@example.vn",
      delivery: "digest",
      level: "district",
      parent: "LDLD-DB",
    },
    { id: "CDCS-1", name: "Công đoàn cơ sở (không có địa chỉ)", area_code: "DB-TG", level: "grassroots", parent: "LDLD-TG" },
  ]);
  const kase = (owner: string, over: Partial<CaseEntry> = {}) => ({
    owner_unit_id: owner,
    entry: {
      case_id: `A-${owner}`,
      enterprise_id: "5600000001",
      enterprise_name: "Công ty May Tuần Giáo",
      area_code: "DB-TG",
      level: "high" as const,
      owner_name: owner,
      opened_on: "2026-11-23",
      state: "open" as const,
      overdue: false,
      dashboard_url: "http://x/enterprises/5600000001",
      ...over,
    },
  });

  it("goes to every unit owning a case not closed, immediate delivery included, unless its digest already lists them", () => {
    const ids = (us: ReadonlyArray<{ id: string }>) => us.map((u) => u.id);
    // The immediate unit gets a list; the digest unit is in it too when no digest was chosen for it.
    expect(ids(caseListUnits([kase("LDLD-TG"), kase("LDLD-MC")], units, "LDLD-DB", new Set()))).toEqual(["LDLD-MC", "LDLD-TG"]);
    expect(ids(caseListUnits([kase("LDLD-TG"), kase("LDLD-MC")], units, "LDLD-DB", new Set(["LDLD-MC"])))).toEqual(["LDLD-TG"]);
    // A unit without addresses gets nothing; no cases, no list.
    expect(caseListUnits([kase("CDCS-1")], units, "LDLD-DB", new Set())).toEqual([]);
    expect(caseListUnits([], units, "LDLD-DB", new Set())).toEqual([]);
  });

  it("goes to the federation while any case is overdue, listing every overdue one", () => {
    const ids = (us: ReadonlyArray<{ id: string }>) => us.map((u) => u.id);
    expect(ids(caseListUnits([kase("LDLD-TG", { overdue: true })], units, "LDLD-DB", new Set()))).toEqual(["LDLD-DB", "LDLD-TG"]);
    expect(ids(caseListUnits([kase("LDLD-TG")], units, "LDLD-DB", new Set()))).toEqual(["LDLD-TG"]);
  });

  it("is an e-mail of its own, overdue first, in the unit's language, no alert in it", () => {
    const m = renderCaseListEmail(units.get("LDLD-TG")!, "2026-11-27", [
      kase("LDLD-TG", { case_id: "A-1", enterprise_name: "Công ty A", opened_on: "2026-11-25" }).entry,
      kase("LDLD-TG", { case_id: "A-2", enterprise_name: "Công ty B", overdue: true }).entry,
    ]);
    expect(m.subject).toBe("[lrew] Hồ sơ vụ việc ngày 27/11/2026: 2 hồ sơ chưa đóng, 1 quá hạn — Liên đoàn Lao động huyện Tuần Giáo");
    expect(m.text.indexOf("[QUÁ HẠN] Công ty B")).toBeGreaterThan(0);
    expect(m.text.indexOf("[QUÁ HẠN] Công ty B")).toBeLessThan(m.text.indexOf("Công ty A"));
    expect(m.text).not.toMatch(/Cảnh báo mới \(|Không có cảnh báo mới/); // no digest section of new alerts
    expect(m.headers["X-Lrew-Case-List-Unit"]).toBe("LDLD-TG");
    expect(renderCaseListEmail(units.get("LDLD-TG")!, "2026-11-27", [kase("LDLD-TG").entry], "en").subject).toContain("Cases on");
  });
});
