import { BadInputError, ConfigError } from "@lrew/errors";
import { describe, expect, it } from "vitest";
import { Responsibility } from "@lrew/reference";
import { parseUnionUnits, route, type UnionUnitInput } from "./routing.ts";

const UNITS: UnionUnitInput[] = [
  {
    id: "LDLD-DB",
    name: "Liên đoàn Lao động tỉnh Điện Biên",
    area_code: "DB",
    email: "ldld@dienbien.example.vn",
    delivery: "digest",
    level: "province",
  },
  {
    id: "LDLD-DB-DBP",
    name: "Liên đoàn Lao động thành phố Điện Biên Phủ",
    area_code: "DB-DBP",
    emails: ["ldld.dbp@dienbien.example.vn", "truc.ban@dienbien.example.vn"],
    level: "district",
    parent: "LDLD-DB",
  },
  { id: "LDLD-DB-TGIAO", name: "Liên đoàn Lao động huyện Tuần Giáo", area_code: "DB-TGIAO", level: "district", parent: "LDLD-DB" },
  {
    id: "LDLD-DB-MANG",
    name: "LĐLĐ huyện Mường Ảng",
    area_code: "DB-MANG",
    email: "mang@dienbien.example.vn",
    language: "en",
    level: "district",
    parent: "LDLD-DB",
  },
  {
    id: "CDCS-5600123456",
    name: "Công đoàn cơ sở Công ty May",
    area_code: "DB-DBP",
    email: "cdcs@dienbien.example.vn",
    level: "grassroots",
    parent: "LDLD-DB-DBP",
  },
  { id: "CDCS-5600222222", name: "Công đoàn cơ sở Công ty Gỗ", area_code: "DB-TGIAO", level: "grassroots", parent: "LDLD-DB-TGIAO" },
];
const units = parseUnionUnits(UNITS);

describe("parseUnionUnits", () => {
  it("reads an array or { unionUnits }, JSON text or values, with defaults", () => {
    expect(parseUnionUnits(JSON.stringify(UNITS)).size).toBe(6);
    expect(parseUnionUnits({ areas: [], unionUnits: UNITS }).size).toBe(6);
    const u = units.get("LDLD-DB-DBP")!;
    expect(u).toMatchObject({
      language: "vi",
      delivery: "immediate",
      emails: ["ldld.dbp@dienbien.example.vn", "truc.ban@dienbien.example.vn"],
    });
    expect(units.get("LDLD-DB-TGIAO")!.emails).toEqual([]);
  });

  it("names every problem clearly", () => {
    const bad = [
      { ...UNITS[0], email: "not an address" },
      { ...UNITS[1], language: "fr" },
      { ...UNITS[2], colour: "red" },
    ];
    expect(() => parseUnionUnits(bad)).toThrow(BadInputError);
    try {
      parseUnionUnits(bad);
    } catch (err) {
      expect((err as Error).message).toMatch(/\[0\]\.email/);
      expect((err as Error).message).toMatch(/\[1\]\.language/);
      expect((err as Error).message).toMatch(/colour/);
    }
    expect(() => parseUnionUnits("{oops")).toThrow(/not JSON/);
    expect(() => parseUnionUnits([UNITS[0], UNITS[0]])).toThrow(/duplicate unit id "LDLD-DB"/);
    expect(() => parseUnionUnits([UNITS[1]])).toThrow(/parent "LDLD-DB" is not a unit/);
    expect(() =>
      parseUnionUnits([
        { id: "A", name: "A", area_code: "X", parent: "B" },
        { id: "B", name: "B", area_code: "X", parent: "A" },
      ]),
    ).toThrow(/cycle/);
    expect(() => parseUnionUnits([{ ...UNITS[0], email: "a@b.vn\r\nBcc: evil@example.com" }])).toThrow(/email/);
  });
});

describe("route", () => {
  it("sends to the upper-level unit responsible for the enterprise, skipping its grassroots union", () => {
    const r = route({ union_unit_id: "CDCS-5600123456" }, units, "LDLD-DB");
    expect(r).toMatchObject({
      via: "unit",
      recipients: ["ldld.dbp@dienbien.example.vn", "truc.ban@dienbien.example.vn"],
      language: "vi",
      delivery: "immediate",
    });
    expect(r.unit.id).toBe("LDLD-DB-DBP");
    expect(r.path).toEqual(["CDCS-5600123456", "LDLD-DB-DBP"]);
    expect(route({ union_unit_id: "CDCS-5600123456" }, units, "LDLD-DB", { skipGrassroots: false }).recipients).toEqual([
      "cdcs@dienbien.example.vn",
    ]);
    expect(route({ union_unit_id: "LDLD-DB-DBP" }, units, "LDLD-DB").via).toBe("unit");
  });

  it("walks up to the parent when a unit has no address", () => {
    const withParent = parseUnionUnits([
      ...UNITS.slice(0, 2),
      { id: "LDLD-DB-DBP-KV1", name: "Công đoàn khu vực 1", area_code: "DB-DBP", parent: "LDLD-DB-DBP" },
    ]);
    const r = route({ union_unit_id: "LDLD-DB-DBP-KV1" }, withParent, "LDLD-DB");
    expect(r).toMatchObject({ via: "parent", recipients: ["ldld.dbp@dienbien.example.vn", "truc.ban@dienbien.example.vn"] });
    expect(r.path).toEqual(["LDLD-DB-DBP-KV1", "LDLD-DB-DBP"]);
  });

  it("falls back to the federation: no address up the chain, or an unknown unit", () => {
    const r = route({ union_unit_id: "CDCS-5600222222" }, units, "LDLD-DB");
    expect(r).toMatchObject({ via: "federation", recipients: ["ldld@dienbien.example.vn"], delivery: "digest", language: "vi" });
    expect(r.path).toEqual(["CDCS-5600222222", "LDLD-DB-TGIAO", "LDLD-DB"]);
    expect(route({ union_unit_id: "NO-SUCH-UNIT" }, units, "LDLD-DB")).toMatchObject({ via: "federation", path: ["LDLD-DB"] });
  });

  it("takes the language and delivery of the unit that receives it", () => {
    expect(route({ union_unit_id: "LDLD-DB-MANG" }, units, "LDLD-DB")).toMatchObject({ language: "en", delivery: "immediate" });
  });

  it("fails clearly when not even the federation has an address", () => {
    const noFed = parseUnionUnits([{ id: "LDLD-DB", name: "LĐLĐ", area_code: "DB" }]);
    expect(() => route({ union_unit_id: "X" }, noFed, "LDLD-DB")).toThrow(ConfigError);
    expect(() => route({ union_unit_id: "X" }, units, "LDLD-XX")).toThrow(/not in the union units/);
  });
});

describe("route on the alert's date (effective-dated responsibility)", () => {
  const units2 = parseUnionUnits([
    ...UNITS,
    {
      id: "CD-DB-X-QUAITO",
      name: "Công đoàn xã Quài Tở",
      area_code: "DB-X-QUAITO",
      email: "cd.quaito@dienbien.example.vn",
      level: "commune",
      parent: "LDLD-DB",
      valid_from: "2025-07-01",
    },
  ]);
  const responsibility = Responsibility.parse({
    areas: [
      { code: "DB", name: "Tỉnh Điện Biên", kind: "province" },
      { code: "DB-TGIAO", name: "Huyện Tuần Giáo", kind: "district", parent: "DB", valid_to: "2025-07-01" },
      { code: "DB-X-QUAITO", name: "Xã Quài Tở", kind: "commune", parent: "DB-TGIAO", valid_from: "2025-07-01" },
      { code: "DB-X-PUNHUNG", name: "Xã Pú Nhung", kind: "commune", parent: "DB-TGIAO", valid_from: "2025-07-01" },
    ],
    units: [
      { id: "LDLD-DB", kind: "province" },
      { id: "LDLD-DB-MANG", kind: "district", parent: "LDLD-DB", valid_to: "2025-07-01" },
      { id: "LDLD-DB-TGIAO", kind: "district", parent: "LDLD-DB", valid_to: "2025-07-01" },
      { id: "CD-DB-X-QUAITO", kind: "commune", parent: "LDLD-DB", valid_from: "2025-07-01" },
    ],
    area_units: [
      { area: "DB-TGIAO", unit: "LDLD-DB-MANG", valid_to: "2025-07-01" },
      { area: "DB-X-QUAITO", unit: "CD-DB-X-QUAITO", valid_from: "2025-07-01" },
      { area: "DB-X-PUNHUNG", unit: "LDLD-DB", valid_from: "2025-07-01" },
    ],
    enterprise_areas: [
      { enterprise_id: "5600222222", area: "DB-X-QUAITO", valid_from: "2025-07-01" },
      { enterprise_id: "5600333333", area: "DB-X-PUNHUNG", valid_from: "2025-07-01" },
    ],
  });
  const alert = (enterprise_id: string, as_of: string) => ({
    union_unit_id: "CDCS-5600222222",
    enterprise_id,
    area_code: "DB-TGIAO",
    as_of,
  });

  it("goes to the 2021 district's unit before 1 July 2025 and to the commune's union from then on", () => {
    expect(route(alert("5600222222", "2025-06-30"), units2, "LDLD-DB", { responsibility })).toMatchObject({
      unit: { id: "LDLD-DB-MANG" },
      via: "unit",
      recipients: ["mang@dienbien.example.vn"],
    });
    expect(route(alert("5600222222", "2025-07-01"), units2, "LDLD-DB", { responsibility })).toMatchObject({
      unit: { id: "CD-DB-X-QUAITO" },
      via: "unit",
      path: ["CD-DB-X-QUAITO"],
    });
  });

  it("goes straight to the federation for a commune without a union of its own, or an enterprise nobody answers for", () => {
    expect(route(alert("5600333333", "2026-01-01"), units2, "LDLD-DB", { responsibility })).toMatchObject({
      unit: { id: "LDLD-DB" },
      via: "federation",
    });
    expect(route({ ...alert("5699999999", "2026-01-01"), area_code: "DB-NONE" }, units2, "LDLD-DB", { responsibility })).toMatchObject({
      unit: { id: "LDLD-DB" },
      via: "federation",
    });
  });

  it("without a date or responsibility data, routes from the registry's unit as before", () => {
    expect(route({ union_unit_id: "CDCS-5600222222" }, units2, "LDLD-DB", { responsibility })).toMatchObject({ via: "federation" });
    expect(route(alert("5600222222", "2026-01-01"), units2, "LDLD-DB").path).toEqual(["CDCS-5600222222", "LDLD-DB-TGIAO", "LDLD-DB"]);
  });
});
