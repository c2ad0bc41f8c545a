import { featureSql, type FeatureRow } from "@lrew/scoring";
import { DAILY_AGGREGATES } from "@lrew/warehouse";
import { describe, expect, it } from "vitest";
import { compareFeatures, inlineAggregates } from "./naive-features.ts";

const selects = Object.fromEntries(Object.values(DAILY_AGGREGATES).map((t) => [t, `SELECT 1 AS from_raw_${t} FROM lrew.raw_of_${t}`]));

describe("inlineAggregates", () => {
  it("replaces every daily-aggregate table of scoring's feature SQL by its defining SELECT", () => {
    const sql = inlineAggregates(featureSql("lrew"), "lrew", selects);
    for (const t of Object.values(DAILY_AGGREGATES)) {
      expect(sql).not.toMatch(new RegExp(`lrew\\.${t}\\b`));
      expect(sql).toContain(`(SELECT 1 AS from_raw_${t} FROM lrew.raw_of_${t})`);
    }
    // Only the table names change: the query params and the rest of the SQL stay as scoring wrote them.
    expect(sql).toContain("{dates:Array(Date)}");
    expect(sql.replace(/\(SELECT 1 AS from_raw_\w+ FROM lrew\.raw_of_\w+\)/g, "T")).toBe(
      featureSql("lrew").replace(new RegExp(`lrew\\.(${Object.values(DAILY_AGGREGATES).join("|")})\\b`, "g"), "T"),
    );
  });

  it("leaves other tables and longer names alone, and only touches the given database", () => {
    expect(inlineAggregates("SELECT * FROM lrew.grievances, lrew.grievance_daily_x, other.grievance_daily", "lrew", selects)).toBe(
      "SELECT * FROM lrew.grievances, lrew.grievance_daily_x, other.grievance_daily",
    );
  });

  it("refuses when a table's definition is missing, so nothing is read from the aggregates by mistake", () => {
    const { insurance_daily: _, ...partial } = selects;
    expect(() => inlineAggregates(featureSql("lrew"), "lrew", partial)).toThrow(/insurance_daily/);
  });
});

const row = (id: string, values: Record<string, number>, asOf = "2026-06-30"): FeatureRow => ({
  enterprise_id: id,
  as_of: asOf,
  area_code: "DB-DBP",
  sector: "garment",
  values,
});

describe("compareFeatures", () => {
  it("counts every value and finds none different in equal sets, whatever the order", () => {
    const a = [row("1", { x: 1, y: 0.1 + 0.2 }), row("2", { x: 3, y: 0 })];
    const b = [row("2", { x: 3, y: 0 }), row("1", { x: 1, y: 0.3 })];
    expect(compareFeatures(a, b)).toEqual({ rows: 2, values: 4, differences: [], differing: 0 });
  });

  it("reports different values, missing factors and missing enterprises or dates", () => {
    const a = [row("1", { x: 1, y: 2 }), row("2", { x: 1 }), row("3", { x: 1 })];
    const b = [row("1", { x: 1, y: 2.001 }), row("2", { x: 1, z: 5 }), row("3", { x: 1 }, "2026-06-29")];
    const c = compareFeatures(a, b);
    expect(c.differing).toBe(4);
    expect(c.differences).toEqual([
      "1@2026-06-30 y: 2 vs 2.001",
      "2@2026-06-30 z: only in the second",
      "3@2026-06-30: only in the first",
      "3@2026-06-29: only in the second",
    ]);
  });

  it("keeps at most ten differences but counts them all", () => {
    const a = Array.from({ length: 15 }, (_, i) => row(String(i), { x: i }));
    const b = a.map((r) => row(r.enterprise_id, { x: r.values.x! + 1 }));
    const c = compareFeatures(a, b);
    expect(c.differing).toBe(15);
    expect(c.differences).toHaveLength(10);
  });
});
