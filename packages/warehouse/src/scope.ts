// What a member of staff may see, enforced by ClickHouse: a scoped query runs with the setting
// `additional_table_filters`, which adds a row filter to EVERY read of the named tables — inside
// views (the analysts' curated views included), subqueries, joins, CTEs, UNIONs and IN lists — so no
// way of writing the query gets around it. Embedded chDB has no users to bind row policies to; this
// is the equivalent, and the query cannot change it: analysts' queries run with readonly = 1 (no
// setting can be changed) and the guard refuses SETTINGS clauses anywhere in their text.
//
// Which rows are in scope is computed in SQL from the reference tables (migration 0040) on a date:
//  * `units`: the areas answered for on that date by the units at or below the given ones;
//  * `areas`: the given areas and the areas inside them (a 2021 district stands for its communes).
// An enterprise is in scope when its registry area (2021 district), or the commune it lies in on
// that date, is one of those areas: an office sees the whole history of the enterprises it answers
// for today. Every base table of the database is filtered, and fail-closed:
//  * a table with an `enterprise_id` column: rows of enterprises in scope;
//  * a table with an `alert_id` column: rows of alerts in scope (digests and other units' e-mails vanish);
//  * a table known to hold no enterprise's data (NOT_ENTERPRISE_DATA): as it is;
//  * any other table (a new one nobody classified): no rows at all.
import type { Warehouse } from "./client.ts";
import { selectRows } from "./query.ts";

export type Scope = { kind: "all" } | { kind: "units"; units: readonly string[] } | { kind: "areas"; areas: readonly string[] };

/** Tables that hold nothing about an enterprise: reference data, bookkeeping, runs. */
export const NOT_ENTERPRISE_DATA: ReadonlySet<string> = new Set([
  "schema_migrations",
  "scoring_runs",
  "scores_current_runs",
  "ref_areas",
  "ref_units",
  "ref_unit_ancestors",
  "ref_area_units",
  "ref_enterprise_areas",
]);

const SAFE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A SQL string literal of a checked code (codes are letters, digits and . _ - only: nothing to escape, checked anyway). */
function lit(code: string): string {
  if (!SAFE_CODE.test(code)) throw new RangeError(`not a safe code for a scope: ${JSON.stringify(code)}`);
  return `'${code}'`;
}

export interface ScopeTables {
  /** Base tables with an enterprise_id column. */
  byEnterprise: string[];
  /** Base tables with an alert_id column and no enterprise_id. */
  byAlert: string[];
  /** Every other base table. */
  other: string[];
}

/** Pure: the SQL set of area codes in scope on `date`. */
export function scopeAreasSql(scope: Exclude<Scope, { kind: "all" }>, db: string, date: string): string {
  if (!DATE.test(date)) throw new RangeError(`not a date: ${date}`);
  const d = `toDate('${date}')`;
  const on = `valid_from <= ${d} AND ${d} < valid_to`;
  if (scope.kind === "units") {
    const units = scope.units.length > 0 ? scope.units.map(lit).join(", ") : "''";
    return (
      `SELECT area_code FROM ${db}.ref_area_units WHERE ${on} AND unit_id IN ` +
      `(SELECT unit_id FROM ${db}.ref_unit_ancestors WHERE ${on} AND ancestor_id IN (${units}))`
    );
  }
  const areas = scope.areas.length > 0 ? scope.areas.map(lit).join(", ") : "''";
  // The areas themselves and up to two levels inside them (province → district → commune), in any period.
  // (No UNION: ClickHouse refuses one inside a table filter.)
  return (
    `SELECT area_code FROM ${db}.ref_areas WHERE area_code IN (${areas}) OR parent_code IN (${areas}) ` +
    `OR parent_code IN (SELECT area_code FROM ${db}.ref_areas WHERE parent_code IN (${areas}))`
  );
}

/** Pure: the filter of each table, as ClickHouse's additional_table_filters map literal. */
export function scopeFilterSetting(scope: Exclude<Scope, { kind: "all" }>, db: string, date: string, tables: ScopeTables): string {
  const areas = scopeAreasSql(scope, db, date);
  const d = `toDate('${date}')`;
  const communes = `SELECT enterprise_id FROM ${db}.ref_enterprise_areas WHERE valid_from <= ${d} AND ${d} < valid_to AND area_code IN (${areas})`;
  const registry = `SELECT enterprise_id FROM ${db}.enterprises WHERE area_code IN (${areas})`;
  const entries: Array<[string, string]> = [];
  for (const t of tables.byEnterprise) {
    entries.push([
      t,
      t === "enterprises"
        ? `area_code IN (${areas}) OR enterprise_id IN (${communes})`
        : `enterprise_id IN (${registry}) OR enterprise_id IN (${communes})`,
    ]);
  }
  for (const t of tables.byAlert) entries.push([t, `alert_id IN (SELECT alert_id FROM ${db}.alerts)`]);
  for (const t of tables.other) if (!NOT_ENTERPRISE_DATA.has(t)) entries.push([t, "0"]);
  const quote = (s: string) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  return `additional_table_filters = {${entries.map(([t, f]) => `${quote(`${db}.${t}`)}: ${quote(f)}`).join(", ")}}`;
}

/** The database's base tables, classified for scoping (views are not filtered: they read base tables, which are). */
export async function scopeTables(wh: Warehouse): Promise<ScopeTables> {
  const rows = await selectRows<{ table: string; enterprise: number; alert: number }>(
    wh,
    `SELECT t.name AS table, toUInt8(countIf(c.name = 'enterprise_id') > 0) AS enterprise, toUInt8(countIf(c.name = 'alert_id') > 0) AS alert
     FROM system.tables AS t LEFT JOIN system.columns AS c ON c.database = t.database AND c.table = t.name
     WHERE t.database = {db:String} AND t.engine NOT IN ('View', 'MaterializedView', 'LiveView', 'WindowView')
       AND NOT startsWith(t.name, '.inner')
     GROUP BY t.name ORDER BY t.name`,
    { db: wh.database },
    "listing tables to scope",
  );
  const out: ScopeTables = { byEnterprise: [], byAlert: [], other: [] };
  for (const r of rows) {
    // The reference tables decide the scope: they are never filtered (a filter reading itself would recurse).
    if (NOT_ENTERPRISE_DATA.has(r.table)) out.other.push(r.table);
    else if (r.enterprise) out.byEnterprise.push(r.table);
    else if (r.alert) out.byAlert.push(r.table);
    else out.other.push(r.table);
  }
  return out;
}

/**
 * The SETTINGS text that scopes a query to `scope` on `date` (undefined for `all`). Tables are listed
 * once per Warehouse and cached: new tables come with migrations, which run before a server starts.
 */
export async function scopeSettings(wh: Warehouse, scope: Scope, date: string): Promise<string | undefined> {
  if (scope.kind === "all") return undefined;
  let tables = tablesCache.get(wh);
  if (!tables) {
    tables = scopeTables(wh);
    tablesCache.set(wh, tables);
    tables.catch(() => tablesCache.delete(wh));
  }
  return scopeFilterSetting(scope, wh.database, date, await tables);
}
const tablesCache = new WeakMap<Warehouse, Promise<ScopeTables>>();

/**
 * The warehouse as `scope` sees it on `date` (Vietnam day): the one way a reader is narrowed to an
 * account's or an office's enterprises — the dashboard's requests and the periodic report both use it.
 */
export async function warehouseInScope(wh: Warehouse, scope: Scope, date: string): Promise<Warehouse> {
  return scopedWarehouse(wh, await scopeSettings(wh, scope, date));
}

/**
 * The same warehouse seen through a scope: every query it runs (selectRows, the read models) carries
 * the scope's SETTINGS clause. Inserts and commands are refused: a scoped view is for reading.
 */
export function scopedWarehouse(wh: Warehouse, settings: string | undefined): Warehouse {
  if (settings === undefined) return wh;
  const client = new Proxy(wh.client, {
    get(target, prop, receiver) {
      if (prop === "query") {
        return (params: Parameters<Warehouse["client"]["query"]>[0]) =>
          target.query({ ...params, query: `${params.query.replace(/;\s*$/, "")}\nSETTINGS ${settings}` } as typeof params);
      }
      if (prop === "insert" || prop === "command" || prop === "exec") {
        return () => Promise.reject(new Error(`a scoped warehouse only reads (${String(prop)} refused)`));
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...wh, client, close: async () => undefined };
}
