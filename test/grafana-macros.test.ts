import { describe, expect, it } from "vitest";
import { allPanels, expandGrafanaSql, expandMacros, interpolateVariables, loadDashboards } from "./support/grafana.ts";

const range = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-31T12:00:00.250Z"), intervalMs: 3_600_000 };

describe("Grafana template variables", () => {
  it("quotes multi-values for SQL and honours formats", () => {
    const vars = { area: { values: ["DB-MNHE", "DB-T'G"], multi: true }, enterprise: { values: ["5600123456"], multi: false } };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax, not a template literal
    expect(interpolateVariables("a IN ($area) AND b IN (${area:singlequote}) AND c = '${enterprise}' AND d = ${area:csv}", vars)).toBe(
      "a IN ('DB-MNHE','DB-T\\'G') AND b IN ('DB-MNHE','DB-T\\'G') AND c = '5600123456' AND d = DB-MNHE,DB-T'G",
    );
    expect(interpolateVariables("$__timeFilter(t)", vars)).toBe("$__timeFilter(t)");
    expect(() => interpolateVariables("$nope", vars)).toThrow(/unknown template variable/);
  });
});

describe("the plugin's macros", () => {
  it("expands time filters, intervals and dates as the plugin does", () => {
    expect(expandMacros("WHERE $__timeFilter(t) AND d BETWEEN $__fromTime AND $__toTime", range)).toBe(
      "WHERE t >= toDateTime(1767225600) AND t <= toDateTime(1769860800) AND d BETWEEN toDateTime(1767225600) AND toDateTime(1769860800)",
    );
    expect(expandMacros("$__timeFilter_ms(t)", range)).toBe(
      "t >= fromUnixTimestamp64Milli(1767225600000) AND t <= fromUnixTimestamp64Milli(1769860800250)",
    );
    expect(expandMacros("$__dateFilter(as_of)", range)).toBe("as_of >= toDate('2026-01-01') AND as_of <= toDate('2026-01-31')");
    expect(expandMacros("$__timeInterval(toDateTime(x, 'UTC')) / $__interval_s", range)).toBe(
      "toStartOfInterval(toDateTime(toDateTime(x, 'UTC')), INTERVAL 3600 second) / 3600",
    );
    expect(expandMacros("$__dt(d, t)", range)).toBe(
      "(d >= toDate('2026-01-01') AND d <= toDate('2026-01-31')) AND (t >= toDateTime(1767225600) AND t <= toDateTime(1769860800))",
    );
    expect(() => expandMacros("$__conditionalAll(x)", range)).toThrow(/unknown macro/);
    expect(() => expandMacros("$__timeFilter(a, b)", range)).toThrow(/expected 1/);
  });

  it("expands every query of the committed dashboards without leftovers", () => {
    const dashboards = loadDashboards();
    expect(dashboards.map((d) => d.file)).toEqual(["lrew-area.json", "lrew-enterprise.json", "lrew-overview.json"]);
    for (const { dashboard } of dashboards) {
      const vars = Object.fromEntries(dashboard.templating.list.map((v) => [v.name, { values: ["x"], multi: v.multi ?? false }]));
      for (const p of allPanels(dashboard.panels)) {
        for (const t of p.targets ?? []) {
          expect(t.datasource?.type, p.title).toBe("grafana-clickhouse-datasource");
          expect(expandGrafanaSql(t.rawSql!, range, vars), p.title).not.toMatch(/\$/);
        }
      }
    }
  });
});
