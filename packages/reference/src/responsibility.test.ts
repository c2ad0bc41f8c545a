import { describe, expect, it } from "vitest";
import { buildReorganisation, communeUnitId, type CommuneList } from "./reorganisation.ts";
import { END_OF_TIME, Responsibility } from "./responsibility.ts";

const structure = {
  areas: [
    { code: "DB", name: "Tỉnh Điện Biên" },
    { code: "DB-TGIAO", name: "Huyện Tuần Giáo", parent: "DB" },
    { code: "DB-MCHA", name: "Huyện Mường Chà", parent: "DB" },
  ],
  unionUnits: [
    { id: "LDLD-DB", area_code: "DB", level: "province" },
    { id: "LDLD-DB-TGIAO", area_code: "DB-TGIAO", level: "district", parent: "LDLD-DB" },
    { id: "LDLD-DB-MCHA", area_code: "DB-MCHA", level: "district", parent: "LDLD-DB" },
  ],
};
const list: CommuneList = {
  description: "test",
  reform_date: "2025-07-01",
  province: "DB",
  communes: [
    { code: "DB-X-QUAITO", name: "Xã Quài Tở", kind: "commune", district_2021: "DB-TGIAO", commune_union: true },
    { code: "DB-X-PUNHUNG", name: "Xã Pú Nhung", kind: "commune", district_2021: "DB-TGIAO", commune_union: false },
    { code: "DB-X-MUONGCHA", name: "Xã Mường Chà", kind: "commune", district_2021: "DB-MCHA", commune_union: true },
  ],
};
const enterprises = Array.from({ length: 40 }, (_, i) => ({
  enterprise_id: `56000000${String(i).padStart(2, "0")}`,
  area_code: i % 2 === 0 ? "DB-TGIAO" : "DB-MCHA",
  grassroots_unit_id: i % 5 === 0 ? `CDCS-${i}` : undefined,
}));
const reorg = buildReorganisation(structure, list, enterprises, { federationId: "LDLD-DB", emailDomain: "example.vn" });
const r = Responsibility.parse(JSON.parse(JSON.stringify(reorg.responsibility)));

describe("responsibility by date", () => {
  it("answers with the 2021 district union before the reform and the commune's union (or the federation) after", () => {
    for (const e of enterprises) {
      const district = e.area_code === "DB-TGIAO" ? "LDLD-DB-TGIAO" : "LDLD-DB-MCHA";
      expect(r.responsibleUnit(e, "2021-11-10")).toBe(district);
      expect(r.responsibleUnit(e, "2025-06-30")).toBe(district);
      const commune = r.areaOf(e.enterprise_id, "2025-07-01")!;
      expect(list.communes.find((c) => c.code === commune)!.district_2021).toBe(e.area_code); // enterprises keep their place
      const after = r.responsibleUnit(e, "2025-07-01");
      expect(after).toBe(commune === "DB-X-PUNHUNG" ? "LDLD-DB" : communeUnitId(commune));
      expect(r.responsibleUnit(e, "2026-12-02")).toBe(after);
    }
    // Every commune of a district receives some of its enterprises.
    expect(new Set(enterprises.map((e) => r.areaOf(e.enterprise_id, "2026-01-01"))).size).toBe(3);
  });

  it("walks the hierarchy as it stood on the date", () => {
    expect(r.parentOf("LDLD-DB-TGIAO", "2024-01-01")).toBe("LDLD-DB");
    expect(r.unitExists("LDLD-DB-TGIAO", "2025-07-01")).toBe(false);
    expect(r.unitExists("CD-DB-X-QUAITO", "2025-06-30")).toBe(false);
    expect(r.parentOf("CDCS-0", "2025-06-30")).toBe("LDLD-DB-TGIAO");
    expect(r.parentOf("CDCS-0", "2025-07-01")).toMatch(/^(CD-DB-X-|LDLD-DB$)/);
    const under2024 = r.unitsUnder("LDLD-DB-TGIAO", "2024-01-01");
    expect(under2024[0]).toBe("LDLD-DB-TGIAO");
    expect(under2024).toContain("CDCS-0");
    expect(r.unitsUnder("LDLD-DB-TGIAO", "2026-01-01")).toEqual([]);
    expect(r.unitsUnder("LDLD-DB", "2026-01-01")).toEqual(
      expect.arrayContaining(["LDLD-DB", "CD-DB-X-QUAITO", "CD-DB-X-MUONGCHA", "CDCS-0"]),
    );
    expect(r.areasWithin("DB-TGIAO").sort()).toEqual(["DB-TGIAO", "DB-X-PUNHUNG", "DB-X-QUAITO"]);
  });

  it("names who may act for an enterprise on a date: its responsible unit, then the units above it", () => {
    const e = enterprises.find((x) => r.areaOf(x.enterprise_id, "2026-01-01") === "DB-X-QUAITO")!;
    expect(r.unitsAnswering(e, "2024-01-01")).toEqual(["LDLD-DB-TGIAO", "LDLD-DB"]);
    expect(r.unitsAnswering(e, "2026-01-01")).toEqual(["CD-DB-X-QUAITO", "LDLD-DB"]);
    const direct = enterprises.find((x) => r.areaOf(x.enterprise_id, "2026-01-01") === "DB-X-PUNHUNG")!;
    expect(r.unitsAnswering(direct, "2026-01-01")).toEqual(["LDLD-DB"]); // no commune union: the federation itself
    expect(r.unitsAnswering({ enterprise_id: "0000000000" }, "2026-01-01")).toEqual([]);
  });

  it("gives the closure as effective-dated rows that agree with unitsUnder on every date", () => {
    const rows = r.ancestorRows();
    for (const date of ["2021-01-01", "2025-06-30", "2025-07-01", "2030-01-01"]) {
      for (const top of ["LDLD-DB", "LDLD-DB-TGIAO", "CD-DB-X-QUAITO"]) {
        const fromRows = rows.filter((x) => x.ancestor_id === top && x.valid_from <= date && date < x.valid_to).map((x) => x.unit_id);
        expect(fromRows.sort(), `${top} on ${date}`).toEqual(r.unitsUnder(top, date).sort());
      }
    }
    expect(rows.find((x) => x.unit_id === "LDLD-DB" && x.ancestor_id === "LDLD-DB")).toMatchObject({ depth: 0, valid_to: END_OF_TIME });
  });

  it("a re-organisation is a data change: a commune moved to another union from a later date", () => {
    const data = structuredClone(reorg.responsibility);
    const row = data.area_units.find((a) => a.area === "DB-X-QUAITO")!;
    row.valid_to = "2027-01-01";
    data.area_units.push({ area: "DB-X-QUAITO", unit: "LDLD-DB", valid_from: "2027-01-01" });
    const moved = Responsibility.parse(data);
    const e = enterprises.find((x) => moved.areaOf(x.enterprise_id, "2027-01-01") === "DB-X-QUAITO")!;
    expect(moved.responsibleUnit(e, "2026-12-31")).toBe("CD-DB-X-QUAITO");
    expect(moved.responsibleUnit(e, "2027-01-01")).toBe("LDLD-DB");
  });

  it("refuses overlapping periods, unknown parents, cycles and unsafe codes, naming each", () => {
    const base = { areas: [{ code: "A", name: "A", kind: "district" }], units: [], area_units: [], enterprise_areas: [] };
    expect(() =>
      Responsibility.parse({
        ...base,
        units: [
          { id: "U", kind: "district", valid_to: "2025-07-01" },
          { id: "U", kind: "district", valid_from: "2025-06-01" },
        ],
      }),
    ).toThrow(/unit "U": periods overlap/);
    expect(() => Responsibility.parse({ ...base, units: [{ id: "U", kind: "district", parent: "X" }] })).toThrow(/parent X is not a unit/);
    expect(() =>
      Responsibility.parse({
        ...base,
        units: [
          { id: "U", kind: "district", parent: "V" },
          { id: "V", kind: "district", parent: "U", valid_from: "2030-01-01" },
        ],
      }),
    ).toThrow(/cycle on 2030-01-01/);
    expect(() => Responsibility.parse({ ...base, area_units: [{ area: "A'; DROP", unit: "U" }] })).toThrow(/letters, digits/);
    expect(() =>
      Responsibility.parse({ ...base, units: [{ id: "U", kind: "district", valid_from: "2025-01-01", valid_to: "2025-01-01" }] }),
    ).toThrow(/not before valid_to/);
  });
});
