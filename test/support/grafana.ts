// What Grafana and the grafana-clickhouse-datasource plugin do to a panel's SQL before ClickHouse
// sees it, so tests can run the dashboards' real queries: template variables first (Grafana's
// frontend: `$var`, `${var}`, `${var:singlequote}`, `${var:csv}`, `${var:raw}`, multi-values quoted
// for SQL), then the plugin's macros (pkg/macros/macros.go of the plugin, 4.x). An unknown
// `$__macro` fails, so a dashboard cannot use something this expander would pass through untested.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface GrafanaRange {
  from: Date;
  to: Date;
  /** The panel's interval ($__interval), e.g. 3600000 for 1 h. */
  intervalMs: number;
}

export interface VariableValue {
  values: string[];
  multi: boolean;
}

const sqlQuote = (v: string) => `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function formatVariable(v: VariableValue, format: string | undefined): string {
  switch (format) {
    case "singlequote":
      return v.values.map(sqlQuote).join(",");
    case "doublequote":
      return v.values.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(",");
    case "csv":
    case "raw":
      return v.values.join(",");
    case undefined:
      // SQL data sources quote multi-value variables by default; a single value goes in as written.
      return v.multi ? v.values.map(sqlQuote).join(",") : (v.values[0] ?? "");
    default:
      throw new Error(`unsupported variable format :${format}`);
  }
}

/** Grafana's template-variable interpolation. Built-in `$__…` names are left for the macros. */
export function interpolateVariables(sql: string, vars: Readonly<Record<string, VariableValue>>): string {
  return sql.replace(
    /\$\{([A-Za-z0-9_]+)(?::([a-z]+))?\}|\$([A-Za-z0-9_]+)/g,
    (all, braced: string | undefined, format: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare)!;
      if (name.startsWith("__")) {
        if (braced !== undefined) throw new Error(`unsupported built-in variable ${all}`);
        return all;
      }
      const v = vars[name];
      if (!v) throw new Error(`unknown template variable ${all}`);
      return formatVariable(v, format);
    },
  );
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const date = (d: Date) => `toDate('${d.toISOString().slice(0, 10)}')`;
const dateTime = (d: Date) => `toDateTime(${seconds(d)})`;
const dateTime64 = (d: Date) => `fromUnixTimestamp64Milli(${d.getTime()})`;

/** Splits a macro's argument list at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A macro: how many arguments it takes, and its expansion. */
interface Macro {
  arity: number;
  expand: (args: string[], r: GrafanaRange) => string;
}

const intervalS = (r: GrafanaRange) => Math.max(Math.floor(r.intervalMs / 1000), 1);

const MACROS: Record<string, Macro> = {
  fromTime: { arity: 0, expand: (_a, r) => dateTime(r.from) },
  toTime: { arity: 0, expand: (_a, r) => dateTime(r.to) },
  fromTime_ms: { arity: 0, expand: (_a, r) => dateTime64(r.from) },
  toTime_ms: { arity: 0, expand: (_a, r) => dateTime64(r.to) },
  timeFilter: { arity: 1, expand: ([c], r) => `${c} >= ${dateTime(r.from)} AND ${c} <= ${dateTime(r.to)}` },
  timeFilter_ms: { arity: 1, expand: ([c], r) => `${c} >= ${dateTime64(r.from)} AND ${c} <= ${dateTime64(r.to)}` },
  dateFilter: { arity: 1, expand: ([c], r) => `${c} >= ${date(r.from)} AND ${c} <= ${date(r.to)}` },
  dateTimeFilter: {
    arity: 2,
    expand: ([d, t], r) =>
      `(${d} >= ${date(r.from)} AND ${d} <= ${date(r.to)}) AND (${t} >= ${dateTime(r.from)} AND ${t} <= ${dateTime(r.to)})`,
  },
  timeInterval: { arity: 1, expand: ([c], r) => `toStartOfInterval(toDateTime(${c}), INTERVAL ${intervalS(r)} second)` },
  timeInterval_ms: {
    arity: 1,
    expand: ([c], r) => `toStartOfInterval(toDateTime64(${c}, 3), INTERVAL ${Math.max(Math.floor(r.intervalMs), 1)} millisecond)`,
  },
  interval_s: { arity: 0, expand: (_a, r) => String(intervalS(r)) },
};
MACROS.dt = MACROS.dateTimeFilter!;

/** The plugin's macros; arguments may hold parentheses (`$__timeFilter(toDateTime(x))`). */
export function expandMacros(sql: string, r: GrafanaRange): string {
  let out = "";
  let i = 0;
  const re = /\$__([A-Za-z_]+)/g;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    const name = m[1]!;
    const macro = MACROS[name];
    if (!macro) throw new Error(`unknown macro $__${name}`);
    out += sql.slice(i, m.index);
    let end = m.index + m[0].length;
    let args: string[] = [];
    if (sql[end] === "(") {
      let depth = 0;
      let j = end;
      for (; j < sql.length; j++) {
        if (sql[j] === "(") depth++;
        else if (sql[j] === ")" && --depth === 0) break;
      }
      if (j >= sql.length) throw new Error(`$__${name}: unclosed (`);
      args = splitArgs(sql.slice(end + 1, j));
      end = j + 1;
    }
    if (args.length !== macro.arity) throw new Error(`$__${name}: expected ${macro.arity} argument(s), received ${args.length}`);
    out += macro.expand(args, r);
    i = end;
    re.lastIndex = end;
  }
  return out + sql.slice(i);
}

export function expandGrafanaSql(sql: string, r: GrafanaRange, vars: Readonly<Record<string, VariableValue>>): string {
  return expandMacros(interpolateVariables(sql, vars), r);
}

export interface GrafanaPanel {
  id: number;
  title: string;
  type: string;
  targets?: Array<{ refId: string; rawSql?: string; datasource?: { type: string; uid: string } }>;
  panels?: GrafanaPanel[];
}

export interface GrafanaVariable {
  name: string;
  type: string;
  query: string;
  multi?: boolean;
  includeAll?: boolean;
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  panels: GrafanaPanel[];
  templating: { list: GrafanaVariable[] };
}

export const DASHBOARDS_DIR = path.resolve(import.meta.dirname, "../../dashboards/grafana");

export function loadDashboards(dir = DASHBOARDS_DIR): Array<{ file: string; dashboard: GrafanaDashboard }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(readFileSync(path.join(dir, file), "utf8")) as GrafanaDashboard }));
}

/** Every panel, rows' panels included. */
export function allPanels(panels: readonly GrafanaPanel[]): GrafanaPanel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}
