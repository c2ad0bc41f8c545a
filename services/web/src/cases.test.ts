import { describe, expect, it } from "vitest";
import { Responsibility } from "@lrew/reference";
import { unitsMayRecord } from "./cases.ts";

// A federation, a district union until the reform, two commune unions after it; one enterprise in
// the first commune.
const REFORM = "2025-07-01";
const r = Responsibility.parse({
  areas: [
    { code: "DB", name: "Tỉnh", kind: "province" },
    { code: "DB-D", name: "Huyện", kind: "district", parent: "DB", valid_to: REFORM },
    { code: "DB-X-A", name: "Xã A", kind: "commune", parent: "DB-D", valid_from: REFORM },
    { code: "DB-X-B", name: "Xã B", kind: "commune", parent: "DB-D", valid_from: REFORM },
  ],
  units: [
    { id: "LDLD-DB", kind: "province" },
    { id: "LDLD-DB-D", kind: "district", parent: "LDLD-DB", valid_to: REFORM },
    { id: "CD-A", kind: "commune", parent: "LDLD-DB", valid_from: REFORM },
    { id: "CD-B", kind: "commune", parent: "LDLD-DB", valid_from: REFORM },
  ],
  area_units: [
    { area: "DB-D", unit: "LDLD-DB-D", valid_to: REFORM },
    { area: "DB-X-A", unit: "CD-A", valid_from: REFORM },
    { area: "DB-X-B", unit: "CD-B", valid_from: REFORM },
  ],
  enterprise_areas: [{ enterprise_id: "5600000001", area: "DB-X-A", valid_from: REFORM }],
});
const e = { enterprise_id: "5600000001", area_code: "DB-D" };

describe("unitsMayRecord", () => {
  it("gives the federation the unit responsible and the units above it, on the date", () => {
    expect(unitsMayRecord(r, e, { kind: "all" }, "2026-12-02")).toEqual(["CD-A", "LDLD-DB"]);
    expect(unitsMayRecord(r, e, { kind: "all" }, "2025-06-30")).toEqual(["LDLD-DB-D", "LDLD-DB"]);
  });

  it("gives an office only its own unit (or those below it), never another's or the one above", () => {
    expect(unitsMayRecord(r, e, { kind: "units", units: ["CD-A"] }, "2026-12-02")).toEqual(["CD-A"]);
    expect(unitsMayRecord(r, e, { kind: "units", units: ["CD-B"] }, "2026-12-02")).toEqual([]);
    // The federation's own account as an office: the commune below it and itself.
    expect(unitsMayRecord(r, e, { kind: "units", units: ["LDLD-DB"] }, "2026-12-02")).toEqual(["CD-A", "LDLD-DB"]);
  });

  it("names nothing without reference data", () => {
    expect(unitsMayRecord(undefined, e, { kind: "all" }, "2026-12-02")).toEqual([]);
  });
});
