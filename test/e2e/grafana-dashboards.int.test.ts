// Every panel and template variable of dashboards/grafana/*.json, expanded as Grafana and the
// ClickHouse plugin expand them, runs against the real schema (all migrations) in ClickHouse holding
// a scored simulated province. A renamed column or view breaks this test, not a dashboard in use.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vietnamDate } from "@lrew/contracts";
import { loadModel, runScoring } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { clickhouseUrl } from "../infra/index.ts";
import { allPanels, expandGrafanaSql, loadDashboards, type GrafanaRange, type VariableValue } from "../support/grafana.ts";

let wh: Warehouse;
const today = vietnamDate(new Date());
// The dashboards' default range (now-1y → now) with a day's interval.
const range: GrafanaRange = { from: new Date(Date.now() - 365 * 86_400_000), to: new Date(), intervalMs: 86_400_000 };

async function run(sql: string): Promise<Array<Record<string, unknown>>> {
  const rs = await wh.client.query({ query: sql, format: "JSONEachRow" });
  return (await rs.json()) as Array<Record<string, unknown>>;
}

beforeAll(async () => {
  const url = clickhouseUrl();
  wh = await openWarehouse({
    ...(url ? { url } : {}),
    username: "default",
    password: "",
    // The dashboards name the database lrew, as the data source's default database does.
    database: "lrew",
    embeddedPath: mkdtempSync(path.join(os.tmpdir(), "lrew-grafana-")),
  });
  await migrate(wh);
  await loadSimulatedWorld(wh, { seed: 9, enterprises: 150, days: 200, start: addDays(today, -199) });
  const model = loadModel();
  for (let d = addDays(today, -42); d <= today; d = addDays(d, 7)) await runScoring(wh, model, { asOf: d });
}, 300_000);

afterAll(async () => {
  await wh?.close();
});

describe.each(loadDashboards().map((d) => [d.file, d.dashboard] as const))("%s", (_file, dashboard) => {
  const vars: Record<string, VariableValue> = {};

  it("has template variables whose own queries run and return values", async () => {
    for (const v of dashboard.templating.list) {
      const multi = v.multi ?? false;
      if (v.type === "custom") {
        vars[v.name] = { values: v.query.split(",").map((s) => s.trim()), multi };
        continue;
      }
      expect(v.type, v.name).toBe("query");
      const rows = await run(expandGrafanaSql(v.query, range, vars));
      const values = rows.map((r) => String(Object.values(r)[0]));
      expect(values.length, v.name).toBeGreaterThan(0);
      // "All" selected for multi-value variables, the first value for single ones.
      vars[v.name] = { values: multi ? values : values.slice(0, 1), multi };
    }
  });

  it.each(allPanels(dashboard.panels).map((p) => [p.title, p] as const))("panel %s runs against the schema", async (_title, panel) => {
    for (const t of panel.targets ?? []) {
      const rows = await run(expandGrafanaSql(t.rawSql!, range, vars));
      expect(Array.isArray(rows)).toBe(true);
    }
  });
});

it("filter Vietnamese calendar days by the Vietnamese calendar, not the plugin's UTC $__dateFilter", () => {
  for (const d of loadDashboards())
    for (const p of allPanels(d.dashboard.panels))
      for (const t of p.targets ?? []) expect(t.rawSql ?? "", `${d.file}: ${p.title}`).not.toContain("$__dateFilter(");
});

describe("dashboards show data", () => {
  it("counts enterprises by level, lists the riskiest and draws one enterprise's scores", async () => {
    const byFile = Object.fromEntries(loadDashboards().map((d) => [d.file, d.dashboard]));
    const all = async (name: string) => {
      const v: Record<string, VariableValue> = {};
      for (const x of byFile[name]!.templating.list) {
        if (x.type === "custom") v[x.name] = { values: x.query.split(","), multi: true };
        else
          v[x.name] = {
            values: (await run(expandGrafanaSql(x.query, range, v))).map((r) => String(Object.values(r)[0])).slice(0, x.multi ? 1000 : 1),
            multi: x.multi ?? false,
          };
      }
      return v;
    };
    const panelSql = (name: string, title: string) =>
      allPanels(byFile[name]!.panels).find((p) => p.title.startsWith(title))!.targets![0]!.rawSql!;
    const ov = await all("lrew-overview.json");
    const levels = await run(expandGrafanaSql(panelSql("lrew-overview.json", "Doanh nghiệp theo mức"), range, ov));
    const [scored] = await run("SELECT count() AS n FROM lrew.scores_latest");
    expect(levels.reduce((s, r) => s + Number(r.enterprises), 0)).toBe(Number(scored!.n));
    const ar = await all("lrew-area.json");
    expect((await run(expandGrafanaSql(panelSql("lrew-area.json", "Doanh nghiệp rủi ro cao nhất"), range, ar))).length).toBeGreaterThan(0);
    const en = await all("lrew-enterprise.json");
    expect((await run(expandGrafanaSql(panelSql("lrew-enterprise.json", "Điểm rủi ro"), range, en))).length).toBe(7);
    // Seen at 01:00 in Vietnam (18:00 UTC the day before): today's score is already there.
    const vietnamMorning: GrafanaRange = { ...range, to: new Date(`${today}T01:00:00+07:00`) };
    expect((await run(expandGrafanaSql(panelSql("lrew-enterprise.json", "Điểm rủi ro"), vietnamMorning, en))).length).toBe(7);
  });
});
