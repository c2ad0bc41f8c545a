import path from "node:path";
import { describe, expect, it } from "vitest";
import { BadInputError } from "@lrew/errors";
import { listSavedQueries, loadSavedQueries, parseParamArgs, parseSavedQuery, retargetSql, savedQueryParams } from "./saved.ts";

const TEXT = `-- vi: Doanh nghiệp nợ bảo hiểm
-- en: Enterprises in insurance arrears
-- param: min_months UInt32 = 3 | số tháng tối thiểu | fewest months
-- param: area String | mã địa bàn | area code
SELECT * FROM lrew_analytics.insurance_arrears_monthly WHERE {min_months:UInt32} > 0 AND {area:String} != ''`;

describe("parseSavedQuery", () => {
  it("reads descriptions and parameters with defaults", () => {
    const q = parseSavedQuery("arrears", TEXT);
    expect(q.description).toEqual({ vi: "Doanh nghiệp nợ bảo hiểm", en: "Enterprises in insurance arrears" });
    expect(q.params).toEqual([
      { name: "min_months", type: "UInt32", default: "3", description: { vi: "số tháng tối thiểu", en: "fewest months" } },
      { name: "area", type: "String", default: undefined, description: { vi: "mã địa bàn", en: "area code" } },
    ]);
  });
  it("refuses a header without both descriptions, or a parameter the SQL does not use", () => {
    expect(() => parseSavedQuery("x", "-- vi: chỉ tiếng Việt\nSELECT 1")).toThrow(BadInputError);
    expect(() => parseSavedQuery("x", "-- vi: a\n-- en: b\n-- param: n UInt8 | n | n\nSELECT 1")).toThrow(/not used/);
    expect(() => parseSavedQuery("Bad Name", TEXT)).toThrow(/lower-case/);
  });
});

describe("savedQueryParams", () => {
  const q = parseSavedQuery("arrears", TEXT);
  it("fills defaults and keeps given values as text", () => {
    expect(savedQueryParams(q, { area: "DB-MLA" })).toEqual({ min_months: "3", area: "DB-MLA" });
  });
  it("names a missing or unknown parameter", () => {
    expect(() => savedQueryParams(q, {})).toThrow(/--param area/);
    expect(() => savedQueryParams(q, { area: "x", nope: "1" })).toThrow(/no parameter nope/);
  });
});

describe("parseParamArgs", () => {
  it("splits at the first = and keeps quotes and Vietnamese text as they are", () => {
    expect(parseParamArgs(["name=Công ty 'A' = B", "n=3"])).toEqual({ name: "Công ty 'A' = B", n: "3" });
    expect(() => parseParamArgs(["=x"])).toThrow(/name=value/);
  });
});

describe("the saved queries shipped in queries/", () => {
  const queries = loadSavedQueries(path.resolve(import.meta.dirname, "../../../queries"));
  it("are at least 5, each described in both languages", () => {
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const q of queries) {
      expect(q.description.vi.trim(), q.name).not.toBe("");
      expect(q.description.en.trim(), q.name).not.toBe("");
    }
    expect(listSavedQueries(queries, "vi")).toContain("non-union-insurance-arrears");
  });
  it("read only the analytics database, so another CLICKHOUSE_DATABASE can retarget them", () => {
    for (const q of queries) {
      expect(q.sql).not.toMatch(/\blrew\.(?!_)/);
      expect(retargetSql(q.sql, "prod_analytics")).not.toContain("lrew_analytics.");
    }
  });
});
