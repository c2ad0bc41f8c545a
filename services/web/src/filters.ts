// The risk list's query string → validated filters, sort and page (pure). Only allow-listed values
// survive: sort columns map to fixed SQL expressions, codes must look like codes, pages are bounded.
import { OWNERSHIPS, SECTORS } from "@lrew/contracts";
import { POLICY_STATES } from "@lrew/risk";
import { SORT_COLUMNS, type RiskListFilter, type SortKey } from "@lrew/warehouse";

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
/** OFFSET pagination past this many rows gets slow and nobody reads it: narrow the filters instead. */
export const MAX_OFFSET = 100_000;

/** The risk list's filters and sort (the warehouse's read model) and the page shown. */
export interface RiskFilters extends RiskListFilter {
  page: number;
  pageSize: number;
}

type Query = Record<string, string | string[] | undefined>;

const AREA_CODE = /^[A-Za-z0-9_.-]{1,32}$/;

function list(v: string | string[] | undefined): string[] {
  const all = (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((s) => s.split(","));
  return [...new Set(all.map((s) => s.trim()).filter(Boolean))];
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function int(v: string | undefined, fallback: number, min: number, max: number): number {
  const n = v === undefined || !/^\d{1,9}$/.test(v.trim()) ? fallback : Number(v.trim());
  return Math.min(max, Math.max(min, n));
}

export function parseRiskFilters(query: Query): RiskFilters {
  const sortRaw = first(query.sort) ?? "score";
  const sort: SortKey = Object.hasOwn(SORT_COLUMNS, sortRaw) ? (sortRaw as SortKey) : "score";
  const dirRaw = first(query.dir);
  const dir =
    dirRaw === "asc" || dirRaw === "desc" ? dirRaw : sort === "score" || sort === "level" || sort === "workforce" ? "desc" : "asc";
  const unionRaw = first(query.union);
  const sizeRaw = int(first(query.size), DEFAULT_PAGE_SIZE, 1, 1000);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeRaw) ? sizeRaw : DEFAULT_PAGE_SIZE;
  return {
    areas: list(query.area).filter((a) => AREA_CODE.test(a)),
    sectors: list(query.sector).filter((s) => (SECTORS as readonly string[]).includes(s)),
    ownerships: list(query.ownership).filter((s) => (OWNERSHIPS as readonly string[]).includes(s)),
    levels: list(query.level).filter((s) => (POLICY_STATES as readonly string[]).includes(s)),
    union: unionRaw === "yes" ? true : unionRaw === "no" ? false : undefined,
    q: (first(query.q) ?? "").trim().slice(0, 100),
    sort,
    dir,
    page: int(first(query.page), 1, 1, Math.floor(MAX_OFFSET / pageSize) + 1),
    pageSize,
  };
}

/** The query string that gives back these filters (defaults left out), with `change` applied. */
export function riskQueryString(f: RiskFilters, change: Partial<RiskFilters> = {}): string {
  const g = { ...f, ...change };
  const p = new URLSearchParams();
  for (const a of g.areas) p.append("area", a);
  for (const s of g.sectors) p.append("sector", s);
  for (const o of g.ownerships) p.append("ownership", o);
  for (const l of g.levels) p.append("level", l);
  if (g.union !== undefined) p.set("union", g.union ? "yes" : "no");
  if (g.q) p.set("q", g.q);
  if (g.sort !== "score") p.set("sort", g.sort);
  p.set("dir", g.dir);
  if (g.page !== 1) p.set("page", String(g.page));
  if (g.pageSize !== DEFAULT_PAGE_SIZE) p.set("size", String(g.pageSize));
  return p.toString();
}

/** Sorting by a column: the same column flips the direction, another starts with its natural one. */
export function sortLink(f: RiskFilters, key: SortKey): Partial<RiskFilters> {
  if (f.sort === key) return { sort: key, dir: f.dir === "asc" ? "desc" : "asc", page: 1 };
  const natural = key === "score" || key === "level" || key === "workforce" ? "desc" : "asc";
  return { sort: key, dir: natural, page: 1 };
}

export interface PageInfo {
  page: number;
  pages: number;
  offset: number;
  limit: number;
  from: number;
  to: number;
}

/** The page actually shown for `total` rows (a page past the end shows the last one). */
export function pageInfo(total: number, page: number, pageSize: number): PageInfo {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(page, pages);
  const offset = (shown - 1) * pageSize;
  return { page: shown, pages, offset, limit: pageSize, from: total === 0 ? 0 : offset + 1, to: Math.min(total, offset + pageSize) };
}
