import { describe, expect, it } from "vitest";
import { riskOrderBy, riskWhere } from "@lrew/warehouse";
import { pageInfo, parseRiskFilters, riskQueryString, sortLink } from "./filters.ts";

describe("parseRiskFilters", () => {
  it("defaults to the riskiest first, page 1 of 50", () => {
    expect(parseRiskFilters({})).toEqual({
      areas: [],
      sectors: [],
      ownerships: [],
      levels: [],
      union: undefined,
      q: "",
      sort: "score",
      dir: "desc",
      page: 1,
      pageSize: 50,
    });
  });

  it("keeps only known codes, from repeated or comma-separated parameters", () => {
    const f = parseRiskFilters({
      area: ["MN", "DBP,TG", "bad code'"],
      sector: "garment,rockets",
      ownership: ["fdi", "fdi"],
      level: "high,critical,extreme",
      union: "no",
      q: "  Mường Nhé ",
    });
    expect(f.areas).toEqual(["MN", "DBP", "TG"]);
    expect(f.sectors).toEqual(["garment"]);
    expect(f.ownerships).toEqual(["fdi"]);
    expect(f.levels).toEqual(["high", "critical"]);
    expect(f.union).toBe(false);
    expect(f.q).toBe("Mường Nhé");
  });

  it("allows only listed sort columns and page sizes, and bounds the page", () => {
    expect(parseRiskFilters({ sort: "score; DROP TABLE scores" }).sort).toBe("score");
    expect(parseRiskFilters({ sort: "name" })).toMatchObject({ sort: "name", dir: "asc" });
    expect(parseRiskFilters({ sort: "name", dir: "sideways" }).dir).toBe("asc");
    expect(parseRiskFilters({ size: "7" }).pageSize).toBe(50);
    expect(parseRiskFilters({ size: "100", page: "3" })).toMatchObject({ pageSize: 100, page: 3 });
    expect(parseRiskFilters({ page: "-2" }).page).toBe(1);
    expect(parseRiskFilters({ page: "99999999" }).page).toBe(2001);
  });
});

describe("riskQueryString and sortLink", () => {
  it("round-trips filters", () => {
    const f = parseRiskFilters({ area: ["MN", "TG"], level: "high", union: "yes", q: "Sơn La", sort: "workforce", page: "2" });
    expect(parseRiskFilters(Object.fromEntries(groupParams(riskQueryString(f))))).toEqual(f);
  });

  it("flips the direction of the current column and starts others naturally", () => {
    const f = parseRiskFilters({ sort: "name", page: "4" });
    expect(sortLink(f, "name")).toEqual({ sort: "name", dir: "desc", page: 1 });
    expect(sortLink(f, "score")).toEqual({ sort: "score", dir: "desc", page: 1 });
  });
});

function groupParams(qs: string): Array<[string, string[]]> {
  const m = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(qs)) m.set(k, [...(m.get(k) ?? []), v]);
  return [...m];
}

describe("pageInfo", () => {
  it("computes offsets and shows the last page for a page past the end", () => {
    expect(pageInfo(120, 2, 50)).toEqual({ page: 2, pages: 3, offset: 50, limit: 50, from: 51, to: 100 });
    expect(pageInfo(120, 9, 50)).toMatchObject({ page: 3, offset: 100, from: 101, to: 120 });
    expect(pageInfo(0, 1, 50)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0 });
  });
});

describe("riskWhere and riskOrderBy", () => {
  it("binds every value as a parameter", () => {
    const w = riskWhere(parseRiskFilters({ area: "MN", level: "high", union: "yes", q: "x' OR 1=1" }));
    expect(w.sql).toBe(
      "WHERE e.area_code IN {areas:Array(String)} AND s.level IN {levels:Array(String)} AND e.has_union = {has_union:Bool} AND " +
        "(positionCaseInsensitiveUTF8(e.name, {q:String}) > 0 OR startsWith(e.enterprise_id, {q:String}))",
    );
    expect(w.sql).not.toContain("OR 1=1");
    expect(w.params).toEqual({ areas: ["MN"], levels: ["high"], has_union: true, q: "x' OR 1=1" });
    expect(riskWhere(parseRiskFilters({}))).toEqual({ sql: "", params: {} });
  });

  it("orders by the mapped column with enterprise_id as the tie-breaker", () => {
    expect(riskOrderBy({ sort: "level", dir: "desc" })).toBe("ORDER BY level_rank DESC, enterprise_id ASC");
    expect(riskOrderBy({ sort: "enterprise_id", dir: "asc" })).toBe("ORDER BY enterprise_id ASC");
  });
});
