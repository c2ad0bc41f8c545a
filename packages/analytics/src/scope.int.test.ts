// Scope in what ClickHouse executes: an analyst limited to a union office's or some areas' enterprises
// reads only their rows, however the query is written (aliases, subqueries, CTEs, UNION, IN, joins,
// comments), and what could undo the row filters (SETTINGS, table functions, raw or system tables)
// is refused. Real embedded ClickHouse, a simulated province, Điện Biên's 2025 communes.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Responsibility } from "@lrew/reference";
import { loadModel, runScoring } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { buildProvince, parseParams, provinceReorganisation } from "@lrew/simulator";
import { loadResponsibilityTables, migrate, openWarehouse, selectResponsibleUnits, type Scope, type Warehouse } from "@lrew/warehouse";
import { runAnalystQuery } from "./executor.ts";
import type { JsonResult } from "./formats.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { AnalystQueryError } from "./refusals.ts";

const params = { seed: "scope", enterprises: 150, start: "2026-01-01", days: 120 };
const DAY = "2026-06-01";
let wh: Warehouse;
let r: Responsibility;
let registry: Array<{ enterprise_id: string; area_code: string }>;
let office: string;
let officeEnterprises: Set<string>;

const run = async (sql: string, scope: Scope): Promise<JsonResult> =>
  JSON.parse((await runAnalystQuery(wh, { sql, format: "json", scope, scopeDate: DAY }, DEFAULT_LIMITS)).toString("utf8")) as JsonResult;
const ids = async (sql: string, scope: Scope) =>
  new Set((await run(sql, scope)).data.map((row) => String((row as { enterprise_id: string }).enterprise_id)));
const raw = async <T>(query: string): Promise<T[]> => (await wh.client.query({ query, format: "JSONEachRow" })).json<T>();

beforeAll(async () => {
  wh = await openWarehouse({
    username: "default",
    password: "",
    database: "lrew",
    embeddedPath: path.join(mkdtempSync(path.join(tmpdir(), "lrew-scope-")), "chdb"),
  });
  await migrate(wh);
  const world = await loadSimulatedWorld(wh, params);
  await runScoring(wh, loadModel(), { asOf: world.end });
  r = Responsibility.parse(provinceReorganisation(buildProvince(parseParams(params)))!.responsibility);
  await loadResponsibilityTables(wh, r);
  registry = await raw("SELECT enterprise_id, toString(area_code) AS area_code FROM lrew.enterprises_latest");
  // The commune union answering for the most enterprises today.
  const counts = new Map<string, number>();
  for (const e of registry) {
    const u = r.responsibleUnit(e, DAY)!;
    if (u.startsWith("CD-")) counts.set(u, (counts.get(u) ?? 0) + 1);
  }
  office = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const under = new Set(r.unitsUnder(office, DAY));
  officeEnterprises = new Set(registry.filter((e) => under.has(r.responsibleUnit(e, DAY)!)).map((e) => e.enterprise_id));
  expect(officeEnterprises.size).toBeGreaterThan(2);
  expect(officeEnterprises.size).toBeLessThan(registry.length / 2);
});

afterAll(async () => {
  await wh?.close();
});

describe("responsibility in SQL", () => {
  it("agrees with the reference package on who answers for each enterprise, before and after 1 July 2025", async () => {
    for (const day of ["2025-06-30", DAY]) {
      const rows = await selectResponsibleUnits(wh, day);
      expect(rows.length).toBe(registry.length);
      for (const row of rows) {
        const e = registry.find((x) => x.enterprise_id === row.enterprise_id)!;
        expect(row.unit_id, `${row.enterprise_id} on ${day}`).toBe(r.responsibleUnit(e, day) ?? "");
      }
    }
  });
});

describe("an analyst of one union office", () => {
  const scope = (): Scope => ({ kind: "units", units: [office] });

  it("reads exactly the office's enterprises, in every view that names one", async () => {
    expect(await ids("SELECT enterprise_id FROM lrew_analytics.enterprises", scope())).toEqual(officeEnterprises);
    for (const view of [
      "scores_latest",
      "score_history",
      "alerts",
      "wage_arrears",
      "insurance_contributions",
      "incidents",
      "grievance_counts_monthly",
    ]) {
      const seen = await ids(`SELECT DISTINCT enterprise_id FROM lrew_analytics.${view}`, scope());
      for (const id of seen) expect(officeEnterprises.has(id), `${view}: ${id}`).toBe(true);
    }
    const scored = await ids("SELECT enterprise_id FROM lrew_analytics.scores_latest", scope());
    expect(scored.size).toBe(officeEnterprises.size);
  });

  it("counts only the office's rows in aggregates and views without an enterprise", async () => {
    const inList = [...officeEnterprises].map((id) => `'${id}'`).join(",");
    const [truth] = await raw<{ n: number; w: number }>(
      `SELECT count() AS n, sum(workforce) AS w FROM lrew.enterprises_latest WHERE enterprise_id IN (${inList})`,
    );
    const areas = (await run("SELECT sum(enterprises) AS n, sum(workers) AS w FROM lrew_analytics.areas", scope())).data[0] as {
      n: number;
      w: number;
    };
    expect(Number(areas.n)).toBe(Number(truth!.n));
    expect(Number(areas.w)).toBe(Number(truth!.w));
    const [g] = await raw<{ n: number }>(`SELECT count() AS n FROM lrew.grievances_latest WHERE enterprise_id IN (${inList})`);
    const grievances = (await run("SELECT count() AS n FROM lrew_analytics.grievances", scope())).data[0] as { n: number };
    expect(Number(grievances.n)).toBe(Number(g!.n));
    const [all] = await raw<{ n: number }>("SELECT count() AS n FROM lrew.grievances_latest");
    expect(Number(g!.n)).toBeLessThan(Number(all!.n));
  });

  it.each([
    ["an alias", "SELECT e.enterprise_id AS enterprise_id FROM lrew_analytics.enterprises AS e"],
    ["a subquery", "SELECT enterprise_id FROM (SELECT enterprise_id FROM lrew_analytics.scores_latest)"],
    ["a CTE", "WITH x AS (SELECT enterprise_id FROM lrew_analytics.score_history) SELECT DISTINCT enterprise_id FROM x"],
    ["a UNION", "SELECT enterprise_id FROM lrew_analytics.enterprises UNION ALL SELECT enterprise_id FROM lrew_analytics.alerts"],
    [
      "a join",
      "SELECT a.enterprise_id AS enterprise_id FROM lrew_analytics.scores_latest AS a LEFT JOIN lrew_analytics.enterprises AS b USING enterprise_id",
    ],
    [
      "IN",
      "SELECT enterprise_id FROM lrew_analytics.score_history WHERE enterprise_id IN (SELECT enterprise_id FROM lrew_analytics.enterprises)",
    ],
    [
      "comments",
      "SELECT enterprise_id /* SETTINGS additional_table_filters = {} */ FROM lrew_analytics.enterprises -- SETTINGS readonly = 0",
    ],
    ["an unqualified view name", "WITH enterprises AS (SELECT * FROM lrew_analytics.enterprises) SELECT enterprise_id FROM enterprises"],
  ])("cannot read another office's enterprise through %s", async (_how, sql) => {
    const seen = await ids(sql, scope());
    expect(seen.size).toBeGreaterThan(0);
    for (const id of seen) expect(officeEnterprises.has(id), id).toBe(true);
  });

  it("sees nothing outside the scope even where the query asks for everything else", async () => {
    const other = registry.find((e) => !officeEnterprises.has(e.enterprise_id))!.enterprise_id;
    const res = await run(`SELECT count() AS n FROM lrew_analytics.score_history WHERE enterprise_id = '${other}'`, scope());
    expect(Number((res.data[0] as { n: number }).n)).toBe(0);
    const outside = await run(
      "SELECT count() AS n FROM lrew_analytics.enterprises WHERE enterprise_id NOT IN (SELECT enterprise_id FROM lrew_analytics.enterprises)",
      scope(),
    );
    expect(Number((outside.data[0] as { n: number }).n)).toBe(0);
  });

  it.each([
    [
      "a SETTINGS clause in a subquery",
      "SELECT * FROM (SELECT enterprise_id FROM lrew_analytics.enterprises SETTINGS additional_table_filters = {'lrew.enterprises': '1'})",
      "settings",
    ],
    [
      "a SETTINGS clause at the end",
      "SELECT enterprise_id FROM lrew_analytics.enterprises SETTINGS additional_table_filters = {}",
      "settings",
    ],
    ["the view() table function", "SELECT * FROM view(SELECT * FROM lrew.enterprises)", "table_function"],
    ["merge()", "SELECT * FROM merge('lrew', '^enterprises$')", "table_function"],
    ["a raw table", "SELECT * FROM lrew.enterprises", "table"],
    ["a reference table", "SELECT * FROM lrew.ref_enterprise_areas", "table"],
    ["a system table", "SELECT * FROM system.tables", "table"],
    ["system.query_log", "SELECT query FROM system.query_log", "table"],
    ["a raw table in IN", "SELECT 1 FROM lrew_analytics.enterprises WHERE enterprise_id IN lrew.enterprises", "table"],
    ["several statements", "SELECT 1; SET additional_table_filters = {}", "multiple_statements"],
    ["SET", "SET additional_table_filters = {}", "not_select"],
  ])("refuses %s", async (_what, sql, reason) => {
    const err = await run(sql, scope()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AnalystQueryError);
    expect((err as AnalystQueryError).reason).toBe(reason);
  });
});

describe("an analyst limited to areas", () => {
  it("reads the enterprises of a 2021 district, or of one commune today", async () => {
    const district = registry.find((e) => e.area_code === "DB-DBP") ? "DB-DBP" : registry[0]!.area_code;
    expect(await ids("SELECT enterprise_id FROM lrew_analytics.enterprises", { kind: "areas", areas: [district] })).toEqual(
      new Set(registry.filter((e) => e.area_code === district).map((e) => e.enterprise_id)),
    );
    const commune = r.areaOf(registry[0]!.enterprise_id, DAY)!;
    expect(await ids("SELECT enterprise_id FROM lrew_analytics.scores_latest", { kind: "areas", areas: [commune] })).toEqual(
      new Set(registry.filter((e) => r.areaOf(e.enterprise_id, DAY) === commune).map((e) => e.enterprise_id)),
    );
  });

  it("without a scope (federation), reads everything", async () => {
    expect((await ids("SELECT enterprise_id FROM lrew_analytics.enterprises", { kind: "all" })).size).toBe(registry.length);
  });
});
