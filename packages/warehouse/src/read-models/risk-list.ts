// The dashboard's risk list: enterprises with their latest score, filtered, sorted and paginated in
// ClickHouse (LIMIT / OFFSET); the count is a separate aggregate. The dashboard's CSV export streams
// the same query page by page. Filters are values the web service has already validated; every one
// is a bound parameter, and sort keys map to fixed SQL expressions.
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import type { LatestEnterprise } from "../tables/enterprises.ts";
import { CURRENT_ENTERPRISES, LATEST_SCORES, LATEST_SCORES_AGGREGATED } from "./latest-scores.ts";

/** Sort keys users may ask for → the SQL expression each one sorts by. */
export const SORT_COLUMNS = {
  score: "score",
  level: "level_rank",
  name: "name",
  area: "area_code",
  sector: "sector",
  ownership: "ownership",
  workforce: "workforce",
  enterprise_id: "enterprise_id",
  as_of: "as_of",
} as const;
export type SortKey = keyof typeof SORT_COLUMNS;

/** What the list is narrowed to and sorted by. */
export interface RiskListFilter {
  areas: string[];
  sectors: string[];
  ownerships: string[];
  levels: string[];
  /** true: with a grassroots union; false: without; undefined: both. */
  union: boolean | undefined;
  /** Name fragment or tax-code prefix. */
  q: string;
  sort: SortKey;
  dir: "asc" | "desc";
}

export interface RiskRow
  extends Pick<LatestEnterprise, "enterprise_id" | "name" | "area_code" | "sector" | "ownership" | "workforce" | "has_union"> {
  score: number;
  level: string;
  previous_level: string;
  as_of: string;
}

/** States from the least to the most alarming (closed and silent below low); not scored is 0. */
const LEVEL_ORDER = ["closed", "silent", "low", "watch", "high", "critical"] as const;

/** The latest-state tables (migration 0130): one row per enterprise each. */
const FROM = `FROM ${CURRENT_ENTERPRISES} AS e LEFT JOIN ${LATEST_SCORES} AS s ON s.enterprise_id = e.enterprise_id`;
/** What lists read before those tables: every registry version sorted, every completed score aggregated (the bench's reference). */
export const RISK_FROM_VIEWS = `FROM {{db}}.enterprises_latest AS e LEFT JOIN ${LATEST_SCORES_AGGREGATED} AS s ON s.enterprise_id = e.enterprise_id`;

export function riskListSql(f: RiskListFilter, from: string = FROM): { sql: string; countSql: string; params: Record<string, unknown> } {
  const where = riskWhere(f);
  const sql = `SELECT e.enterprise_id AS enterprise_id, e.name AS name, e.area_code AS area_code, e.sector AS sector,
  e.ownership AS ownership, e.workforce AS workforce, e.has_union AS has_union, s.score AS score, s.level AS level,
  s.previous_level AS previous_level, if(s.enterprise_id = '', '', toString(s.as_of)) AS as_of,
  indexOf([${LEVEL_ORDER.map((l) => `'${l}'`).join(", ")}], s.level) AS level_rank
${from}
${where.sql}
${riskOrderBy(f)}
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;
  const countSql = `SELECT toUInt32(count()) AS n ${from} ${where.sql}`;
  return { sql, countSql, params: where.params };
}

export async function countRisk(wh: Warehouse, f: RiskListFilter): Promise<number> {
  const q = riskListSql(f);
  return (await selectRows<{ n: number }>(wh, q.countSql, q.params, "cannot count the risk list"))[0]?.n ?? 0;
}

export async function riskPage(wh: Warehouse, f: RiskListFilter, offset: number, limit: number): Promise<RiskRow[]> {
  const q = riskListSql(f);
  return selectRows<RiskRow>(wh, q.sql, { ...q.params, offset, limit }, "cannot read the risk list");
}

/** Areas the registry has named, for the filter (a few dozen at most; from every version, cheaper than the latest-view). */
export async function areaCodes(wh: Warehouse): Promise<string[]> {
  const rows = await selectRows<{ a: string }>(
    wh,
    `SELECT DISTINCT area_code AS a FROM {{db}}.enterprises ORDER BY a`,
    {},
    "cannot read the areas",
  );
  return rows.map((r) => r.a);
}

interface SqlWhere {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * WHERE clause of the risk list over `e` (the latest registry entries) and `s` (the latest scores). Every value is a
 * bound parameter; only fixed text is concatenated.
 */
export function riskWhere(f: Pick<RiskListFilter, "areas" | "sectors" | "ownerships" | "levels" | "union" | "q">): SqlWhere {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.areas.length) {
    parts.push("e.area_code IN {areas:Array(String)}");
    params.areas = f.areas;
  }
  if (f.sectors.length) {
    parts.push("e.sector IN {sectors:Array(String)}");
    params.sectors = f.sectors;
  }
  if (f.ownerships.length) {
    parts.push("e.ownership IN {ownerships:Array(String)}");
    params.ownerships = f.ownerships;
  }
  if (f.levels.length) {
    parts.push("s.level IN {levels:Array(String)}");
    params.levels = f.levels;
  }
  if (f.union !== undefined) {
    parts.push("e.has_union = {has_union:Bool}");
    params.has_union = f.union;
  }
  if (f.q) {
    parts.push("(positionCaseInsensitiveUTF8(e.name, {q:String}) > 0 OR startsWith(e.enterprise_id, {q:String}))");
    params.q = f.q;
  }
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

/** ORDER BY of the risk list: the chosen column, then enterprise_id so pages never overlap. */
export function riskOrderBy(f: Pick<RiskListFilter, "sort" | "dir">): string {
  const dir = f.dir === "asc" ? "ASC" : "DESC";
  const col = SORT_COLUMNS[f.sort];
  return f.sort === "enterprise_id" ? `ORDER BY enterprise_id ${dir}` : `ORDER BY ${col} ${dir}, enterprise_id ASC`;
}
