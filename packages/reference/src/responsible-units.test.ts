import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readResponsibleUnits } from "./responsible-units.ts";

describe("responsible units", () => {
  it("maps each area to its district-level unit, from either file shape", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lrew-units-"));
    const units = [
      { id: "LDLD-DB", area_code: "DB", level: "province" },
      { id: "LDLD-DB-DBP", area_code: "DB-DBP", level: "district", parent: "LDLD-DB" },
      { id: "CDCS-1", area_code: "DB-DBP", level: "grassroots", parent: "LDLD-DB-DBP" },
    ];
    writeFileSync(path.join(dir, "a.json"), JSON.stringify(units));
    writeFileSync(path.join(dir, "b.json"), JSON.stringify({ unionUnits: units }));
    for (const f of ["a.json", "b.json"]) expect(readResponsibleUnits(path.join(dir, f))).toEqual(new Map([["DB-DBP", "LDLD-DB-DBP"]]));
    expect(readResponsibleUnits(path.join(dir, "missing.json")).size).toBe(0);
  });
});
