import { describe, expect, it } from "vitest";
import { scopeAreasSql, scopeFilterSetting } from "./scope.ts";

const tables = {
  byEnterprise: ["enterprises", "scores"],
  byAlert: ["alert_deliveries"],
  other: ["scoring_runs", "ref_areas", "cases_new"],
};

describe("scope filters", () => {
  it("filters every base table: by enterprise, by alert, none for reference data, nothing at all for an unclassified table", () => {
    const s = scopeFilterSetting({ kind: "units", units: ["CD-DB-X-QUAITO"] }, "lrew", "2026-06-01", tables);
    expect(s.startsWith("additional_table_filters = {")).toBe(true);
    expect(s).toContain("'lrew.enterprises': 'area_code IN (");
    expect(s).toContain("'lrew.scores': 'enterprise_id IN (SELECT enterprise_id FROM lrew.enterprises WHERE");
    expect(s).toContain("'lrew.alert_deliveries': 'alert_id IN (SELECT alert_id FROM lrew.alerts)'");
    expect(s).toContain("'lrew.cases_new': '0'");
    expect(s).not.toContain("lrew.scoring_runs'");
    expect(s).not.toContain("'lrew.ref_areas'");
    expect(s).toContain("ancestor_id IN (\\'CD-DB-X-QUAITO\\')");
    expect(s).toContain("toDate(\\'2026-06-01\\')");
  });

  it("refuses codes and dates that are not plain", () => {
    expect(() => scopeAreasSql({ kind: "areas", areas: ["DB'); DROP TABLE x; --"] }, "lrew", "2026-06-01")).toThrow(/not a safe code/);
    expect(() => scopeAreasSql({ kind: "units", units: ["U"] }, "lrew", "2026-06-01' OR 1")).toThrow(/not a date/);
  });

  it("an empty scope matches no area", () => {
    expect(scopeAreasSql({ kind: "areas", areas: [] }, "lrew", "2026-06-01")).toContain("area_code IN ('')");
  });
});
