// The analytics views and the executor on a small simulated province, scored once (real embedded ClickHouse).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel, runScoring } from "@lrew/scoring";
import { loadSimulatedWorld, type LoadedWorld } from "@lrew/scoring-offline";
import { insertRows, migrate, openWarehouse, toRow, type Warehouse } from "@lrew/warehouse";
import { readAnalyticsSchema, renderDictionary } from "./dictionary.ts";
import { runAnalystQuery } from "./executor.ts";
import type { JsonResult } from "./formats.ts";
import { DEFAULT_LIMITS } from "./limits.ts";
import { loadSavedQueries, savedQueryParams } from "./saved.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const scratch = mkdtempSync(path.join(tmpdir(), "lrew-analytics-"));
let wh: Warehouse;
let world: LoadedWorld;

const json = async (sql: string, params: Record<string, string> = {}): Promise<JsonResult> =>
  JSON.parse((await runAnalystQuery(wh, { sql, params, format: "json" }, DEFAULT_LIMITS)).toString("utf8")) as JsonResult;

/** The test's own, unrestricted access: to check what the views hide. */
const raw = async <T>(query: string): Promise<T[]> => (await wh.client.query({ query, format: "JSONEachRow" })).json<T>();

beforeAll(async () => {
  wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: path.join(scratch, "chdb") });
  await migrate(wh);
  world = await loadSimulatedWorld(wh, { seed: "analytics", enterprises: 120, start: "2025-10-01", days: 150 });
  await runScoring(wh, loadModel(), { asOf: world.end });
});

afterAll(async () => {
  await wh?.close();
});

describe("saved queries on a simulated province", () => {
  const saved = loadSavedQueries(path.join(ROOT, "queries"));
  it.each(saved.map((q) => [q.name, q] as const))("%s runs", async (_name, q) => {
    const given: Record<string, string> = {};
    if (q.params.some((p) => p.name === "enterprise_id")) {
      const [top] = await raw<{ enterprise_id: string }>("SELECT enterprise_id FROM lrew.scores_latest ORDER BY score DESC LIMIT 1");
      given.enterprise_id = top!.enterprise_id;
    }
    const result = await json(q.sql, savedQueryParams(q, given));
    expect(result.meta.length).toBeGreaterThan(1);
    expect(result.rows).toBe(result.data.length);
    // Every query but the alerts one (the scorer publishes alerts; none were produced here) has rows.
    if (q.name !== "alerts-by-unit-month") expect(result.rows).toBeGreaterThan(0);
  });
});

describe("what the views hide", () => {
  it("no analytics column carries free text, complainant references or grievance ids", async () => {
    const cols = await raw<{ name: string }>("SELECT name FROM system.columns WHERE database = 'lrew_analytics'");
    const names = new Set(cols.map((c) => c.name));
    for (const forbidden of ["summary", "complainant_ref", "grievance_id"]) expect(names.has(forbidden)).toBe(false);
  });

  it("per-enterprise grievance counts of 1 or 2 are NULL; larger ones are exact", async () => {
    const shown = await json(
      "SELECT enterprise_id, month, opened FROM lrew_analytics.grievance_counts_monthly ORDER BY enterprise_id, month",
    );
    const truth = await raw<{ enterprise_id: string; month: string; n: string }>(
      `SELECT enterprise_id, toStartOfMonth(toDate(reported_at, 'Asia/Ho_Chi_Minh')) AS month, uniqExactIf(grievance_id, status = 'open') AS n
       FROM lrew.grievances GROUP BY enterprise_id, month`,
    );
    const byKey = new Map(truth.map((t) => [`${t.enterprise_id}/${t.month}`, Number(t.n)]));
    let suppressed = 0;
    let exact = 0;
    for (const row of shown.data as Array<{ enterprise_id: string; month: string; opened: string | number | null }>) {
      const n = byKey.get(`${row.enterprise_id}/${row.month}`) ?? 0;
      if (n === 1 || n === 2) {
        expect(row.opened).toBeNull();
        suppressed += 1;
      } else {
        expect(Number(row.opened)).toBe(n);
        if (n >= 3) exact += 1;
      }
    }
    expect(suppressed).toBeGreaterThan(0);
    expect(exact).toBeGreaterThan(0);
  });

  it("grievance factor values and contributions are NULL in score history, others are not", async () => {
    const r = await json(
      "SELECT tupleElement(c, 'feature') AS feature, tupleElement(c, 'value') AS value FROM lrew_analytics.scores_latest ARRAY JOIN contributions AS c",
    );
    const rows = r.data as Array<{ feature: string; value: number | null }>;
    expect(rows.filter((x) => x.feature.startsWith("grievance_")).every((x) => x.value === null)).toBe(true);
    expect(rows.some((x) => !x.feature.startsWith("grievance_") && x.value !== null)).toBe(true);
  });
});

describe("parameters and formats", () => {
  it("binds parameters carrying quotes and Vietnamese text; they are never SQL", async () => {
    const name = `Công ty TNHH "Hoà Bình" – Xưởng 'Ngọc'; DROP TABLE lrew.enterprises; --`;
    const id = "0109999999";
    const event = {
      event_id: randomUUID(),
      enterprise_id: id,
      name,
      area_code: "DB-MLA",
      sector: "garment" as const,
      ownership: "private" as const,
      workforce: 40,
      has_union: false,
      union_unit_id: "LDLD-DB-MLA",
      updated_at: "2026-02-01T08:00:00+07:00",
    };
    await insertRows(wh, "enterprises", [toRow("enterprises", event, { topic: "t", partition: 0, offset: "1", ingestedAt: new Date() })], {
      dedupToken: `t/${randomUUID()}`,
    });
    const r = await json("SELECT enterprise_id, name FROM lrew_analytics.enterprises WHERE name = {name:String}", { name });
    expect(r.data).toEqual([{ enterprise_id: id, name }]);
    const [{ n }] = (await raw<{ n: string }>("SELECT count() AS n FROM lrew.enterprises")) as [{ n: string }];
    expect(Number(n)).toBeGreaterThan(1);
  });

  it("CSV, JSON and Parquet carry the same rows (Parquet and CSV read back with ClickHouse)", async () => {
    const sql =
      "SELECT enterprise_id, name, workforce, has_union, updated_at FROM lrew_analytics.enterprises WHERE area_code = {area:String} ORDER BY enterprise_id";
    const [busiest] = await raw<{ area_code: string }>(
      "SELECT area_code FROM lrew.enterprises_latest GROUP BY area_code ORDER BY count() DESC LIMIT 1",
    );
    const params = { area: busiest!.area_code };
    const fromJson = (await json(sql, params)).data.map((r) => [r.enterprise_id, r.name, Number(r.workforce), r.has_union]);
    expect(fromJson.length).toBeGreaterThan(1);
    expect(fromJson.some((r) => /[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữự]/i.test(String(r[1])))).toBe(true);

    const csvFile = path.join(scratch, "out.csv");
    const parquetFile = path.join(scratch, "out.parquet");
    writeFileSync(csvFile, await runAnalystQuery(wh, { sql, params, format: "csv" }, DEFAULT_LIMITS));
    writeFileSync(parquetFile, await runAnalystQuery(wh, { sql, params, format: "parquet" }, DEFAULT_LIMITS));
    expect(readFileSync(parquetFile).subarray(0, 4).toString("latin1")).toBe("PAR1");
    // Every column is read (with column pruning ClickHouse refuses a CSV header naming unread columns).
    const back = async (file: string, format: string) =>
      (
        await raw<{ enterprise_id: string; name: string; workforce: number | string; has_union: boolean }>(
          `SELECT * FROM file('${file}', ${format}) ORDER BY enterprise_id`,
        )
      ).map((r) => [r.enterprise_id, r.name, Number(r.workforce), r.has_union]);
    expect(await back(parquetFile, "Parquet")).toEqual(fromJson);
    const structure = "'enterprise_id String, name String, workforce UInt32, has_union Bool, updated_at String'";
    expect(await back(csvFile, `CSVWithNames, ${structure}`)).toEqual(fromJson);
  });
});

describe("data dictionary", () => {
  it("docs/data-dictionary.md is what ./lrew schema generates (run `./lrew schema > docs/data-dictionary.md`)", async () => {
    const expected = renderDictionary(await readAnalyticsSchema(wh));
    expect(readFileSync(path.join(ROOT, "docs", "data-dictionary.md"), "utf8")).toBe(expected);
  });
});
