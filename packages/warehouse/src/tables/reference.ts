// The reference tables of who answers for what, as of when (migration 0040), loaded from
// @lrew/reference's Responsibility. Each load replaces the tables whole: reference data is small,
// and a re-organisation is a new file, loaded again (`./lrew reference load`, or at start).
import type { Responsibility } from "@lrew/reference";
import type { Warehouse } from "../client.ts";
import { insertInto, runCommand, selectRows } from "../query.ts";

export const REFERENCE_TABLES = ["ref_areas", "ref_units", "ref_unit_ancestors", "ref_area_units", "ref_enterprise_areas"] as const;

export interface ReferenceCounts {
  areas: number;
  units: number;
  ancestors: number;
  areaUnits: number;
  enterpriseAreas: number;
}

/** Replaces the reference tables with `r`; the counts of rows written. */
export async function loadResponsibilityTables(wh: Warehouse, r: Responsibility): Promise<ReferenceCounts> {
  const rows = {
    ref_areas: r.areas.map((a) => ({
      area_code: a.code,
      name: a.name,
      kind: a.kind,
      parent_code: a.parent ?? "",
      valid_from: a.valid_from,
      valid_to: a.valid_to,
    })),
    ref_units: r.units.map((u) => ({
      unit_id: u.id,
      kind: u.kind,
      parent_id: u.parent ?? "",
      valid_from: u.valid_from,
      valid_to: u.valid_to,
    })),
    ref_unit_ancestors: r.ancestorRows(),
    ref_area_units: r.areaUnits.map((a) => ({ area_code: a.area, unit_id: a.unit, valid_from: a.valid_from, valid_to: a.valid_to })),
    ref_enterprise_areas: r.enterpriseAreas.map((e) => ({
      enterprise_id: e.enterprise_id,
      area_code: e.area,
      valid_from: e.valid_from,
      valid_to: e.valid_to,
    })),
  };
  for (const table of REFERENCE_TABLES) {
    await runCommand(wh, `TRUNCATE TABLE {{db}}.${table}`, `emptying ${table}`);
    for (let i = 0; i < rows[table].length; i += 50_000) {
      await insertInto(wh, table, rows[table].slice(i, i + 50_000), { deduplicate: false });
    }
  }
  return {
    areas: rows.ref_areas.length,
    units: rows.ref_units.length,
    ancestors: rows.ref_unit_ancestors.length,
    areaUnits: rows.ref_area_units.length,
    enterpriseAreas: rows.ref_enterprise_areas.length,
  };
}

/** The unit answering for each enterprise of the registry on `date` (in SQL, from the reference tables): for checks and reports. */
export async function selectResponsibleUnits(wh: Warehouse, date: string): Promise<Array<{ enterprise_id: string; unit_id: string }>> {
  return selectRows(
    wh,
    `WITH toDate({d:String}) AS d
     SELECT e.enterprise_id AS enterprise_id,
            if(cu.unit_id != '', cu.unit_id, du.unit_id) AS unit_id
     FROM (SELECT enterprise_id, toString(area_code) AS area_code FROM {{db}}.enterprises_latest) AS e
     LEFT JOIN (SELECT enterprise_id, area_code FROM {{db}}.ref_enterprise_areas WHERE valid_from <= d AND d < valid_to) AS c
       ON c.enterprise_id = e.enterprise_id
     LEFT JOIN (SELECT area_code, unit_id FROM {{db}}.ref_area_units WHERE valid_from <= d AND d < valid_to) AS cu ON cu.area_code = c.area_code
     LEFT JOIN (SELECT area_code, unit_id FROM {{db}}.ref_area_units WHERE valid_from <= d AND d < valid_to) AS du ON du.area_code = e.area_code
     ORDER BY enterprise_id`,
    { d: date },
    "reading responsible units",
  );
}
