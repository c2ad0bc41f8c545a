import { describe, expect, it } from "vitest";
import { naiveFeatureSql } from "./scoring-world.ts";

describe("naiveFeatureSql", () => {
  it("reads only the raw event tables, up to the end of the as-of day in Vietnam time", () => {
    const sql = naiveFeatureSql("lrew", "2026-06-30");
    for (const t of ["grievances", "insurance_contributions", "wage_arrears", "enterprises"]) expect(sql).toContain(`lrew.${t}`);
    expect(sql).not.toMatch(/_daily|grievance_lifecycle/);
    expect(sql).toContain("toDateTime64('2026-06-30 23:59:59.999', 3, 'Asia/Ho_Chi_Minh')");
    expect(sql).toContain("INTERVAL 30 DAY");
  });
});
