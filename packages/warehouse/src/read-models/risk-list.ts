// The risk list: filtered, sorted and paginated in ClickHouse (LIMIT / OFFSET); the count is a
// separate aggregate. The CSV export streams the same query page by page.
import type { LatestEnterprise, Warehouse } from "@lrew/warehouse";
import { riskOrderBy, riskWhere, type RiskFilters } from "../filters.ts";
import { LATEST_SCORES } from "./latest-scores.ts";
import { rows } from "./run.ts";

export interface RiskRow
  extends Pick<LatestEnterprise, "enterprise_id" | "name" | "area_code" | "sector" | "ownership" | "workforce" | "has_union"> {
  score: number;
  level: string;
  previous_level: string;
  as_of: string;
}

const FROM = `FROM {{db}}.enterprises_latest AS e LEFT JOIN ${LATEST_SCORES} AS s ON s.enterprise_id = e.enterprise_id`;

export function riskListSql(f: RiskFilters): { sql: string; countSql: string; params: Record<string, unknown> } {
  const where = riskWhere(f);
  const sql = `SELECT e.enterprise_id AS enterprise_id, e.name AS name, e.area_code AS area_code, e.sector AS sector,
  e.ownership AS ownership, e.workforce AS workforce, e.has_union AS has_union, s.score AS score, s.level AS level,
  s.previous_level AS previous_level, if(s.enterprise_id = '', '', toString(s.as_of)) AS as_of,
  indexOf(['low', 'watch', 'high', 'critical'], s.level) AS level_rank
${FROM}
${where.sql}
${riskOrderBy(f)}
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;
  const countSql = `SELECT toUInt32(count()) AS n ${FROM} ${where.sql}`;
  return { sql, countSql, params: where.params };
}

export async function countRisk(wh: Warehouse, f: RiskFilters): Promise<number> {
  const q = riskListSql(f);
  return (await rows<{ n: number }>(wh, q.countSql, q.params))[0]?.n ?? 0;
}

export async function riskPage(wh: Warehouse, f: RiskFilters, offset: number, limit: number): Promise<RiskRow[]> {
  const q = riskListSql(f);
  return rows<RiskRow>(wh, q.sql, { ...q.params, offset, limit });
}

/** Areas the registry has named, for the filter (a few dozen at most; from every version, cheaper than the latest-view). */
export async function areaCodes(wh: Warehouse): Promise<string[]> {
  return (await rows<{ a: string }>(wh, `SELECT DISTINCT area_code AS a FROM {{db}}.enterprises ORDER BY a`)).map((r) => r.a);
}
