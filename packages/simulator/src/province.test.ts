import { describe, expect, it } from "vitest";
import { parseParams } from "./params.ts";
import { buildProvince, isValidTaxCode, taxCheckDigit } from "./province.ts";

const params = parseParams({ enterprises: 2000, seed: 5 });
const province = buildProvince(params);

describe("areas and union units", () => {
  it("are Điện Biên's ten district-level units under the province", () => {
    const { areas } = province.reference;
    expect(areas[0]).toEqual({ code: "DB", name: "Tỉnh Điện Biên" });
    const districts = areas.filter((a) => a.parent === "DB");
    expect(districts.map((a) => a.name)).toEqual([
      "Thành phố Điện Biên Phủ",
      "Thị xã Mường Lay",
      "Huyện Điện Biên",
      "Huyện Điện Biên Đông",
      "Huyện Mường Ảng",
      "Huyện Mường Chà",
      "Huyện Mường Nhé",
      "Huyện Nậm Pồ",
      "Huyện Tủa Chùa",
      "Huyện Tuần Giáo",
    ]);
    expect(new Set(districts.map((a) => a.code)).size).toBe(10);
    expect(districts.every((a) => /^DB-[A-Z]+$/.test(a.code))).toBe(true);
  });

  it("have the federation as fallback, one upper-level unit per area, and only example / .invalid addresses", () => {
    const units = province.reference.unionUnits;
    expect(units[0]).toMatchObject({ id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", level: "province", language: "vi" });
    const districts = units.filter((u) => u.level === "district");
    expect(districts).toHaveLength(10);
    expect(districts.find((u) => u.area_code === "DB-MNHE")?.email).toBe("ldld.muongnhe@example.vn");
    for (const u of units) {
      expect(u.email).toMatch(/^[a-z0-9.]+@(example\.vn|[a-z0-9.-]+\.invalid)$/);
      if (u.level !== "province") expect(units.some((p) => p.id === u.parent)).toBe(true);
    }
  });

  it("is data: another province is another value of the same shape", () => {
    const other = buildProvince(
      parseParams({
        enterprises: 20,
        province: {
          taxCodePrefix: "62",
          federation: { id: "LDLD-LC", name: "Liên đoàn Lao động tỉnh Lai Châu", email: "ldld.laichau@example.vn", areaCode: "LC" },
          emailDomain: "example.vn",
          areas: [
            { code: "LC", name: "Tỉnh Lai Châu" },
            { code: "LC-TP", name: "Thành phố Lai Châu", parent: "LC", wageRegion: "III" },
          ],
        },
      }),
    );
    expect(other.enterprises.every((e) => e.area_code === "LC-TP")).toBe(true);
    expect(other.enterprises.filter((e) => !e.enterprise_id.includes("-")).every((e) => e.enterprise_id.startsWith("62"))).toBe(true);
  });
});

describe("enterprises", () => {
  const es = province.enterprises;

  it("have tax codes of the right shape: 10 digits with a valid check digit, Điện Biên's starting 56, a few branches", () => {
    // Published codes: 0100107518 (Vietnam Airlines), 0100109106 (Viettel).
    expect(taxCheckDigit("010010751")).toBe(8);
    expect(taxCheckDigit("010010910")).toBe(6);
    const branches = es.filter((e) => e.enterprise_id.includes("-"));
    for (const e of es) {
      expect(e.enterprise_id).toMatch(/^\d{10}(-\d{3})?$/);
      expect(isValidTaxCode(e.enterprise_id)).toBe(true);
      if (!e.enterprise_id.includes("-")) expect(e.enterprise_id.startsWith("56")).toBe(true);
    }
    expect(branches.length / es.length).toBeGreaterThan(0.01);
    expect(branches.length / es.length).toBeLessThan(0.06);
    expect(new Set(es.map((e) => e.enterprise_id)).size).toBe(es.length);
    expect(new Set(es.map((e) => e.name)).size).toBe(es.length);
  });

  it("have Vietnamese names with diacritics", () => {
    expect(es.every((e) => /^(Công ty|Hợp tác xã|Hộ kinh doanh|Chi nhánh)/.test(e.name))).toBe(true);
    expect(es.filter((e) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(e.name)).length / es.length).toBeGreaterThan(
      0.9,
    );
  });

  it("mix sectors, ownerships, sizes and union coverage as parameterised", () => {
    const share = (f: (e: (typeof es)[number]) => boolean) => es.filter(f).length / es.length;
    expect(share((e) => e.ownership === "private")).toBeGreaterThan(0.7);
    expect(share((e) => e.sector === "construction")).toBeGreaterThan(0.18);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    const garment = median(es.filter((e) => e.sector === "garment").map((e) => e.workforce));
    const retail = median(es.filter((e) => e.sector === "retail_trade").map((e) => e.workforce));
    expect(garment).toBeGreaterThan(5 * retail);
    const coverage = (o: string) => share((e) => e.ownership === o && e.has_union) / share((e) => e.ownership === o);
    expect(coverage("state")).toBeGreaterThan(coverage("private"));
    for (const e of es) expect(e.union_unit_id).toBe(e.has_union ? `CDCS-${e.enterprise_id}` : `LDLD-${e.area_code}`);
  });

  it("is deterministic", () => {
    expect(buildProvince(params)).toEqual(province);
  });
});
