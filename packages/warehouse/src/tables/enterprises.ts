// enterprises: the registry (reference data). Every version is kept, ORDER BY (enterprise_id,
// updated_at, event_id), so point-in-time features can read the registry as of a past date;
// enterprises_latest gives the latest version of each, exact before merges.
import { deterministicUuid, type Enterprise } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { toUtcText } from "../time.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";
import { selectRows } from "../query.ts";

export const ENTERPRISES_TABLE = "enterprises";
export const ENTERPRISES_LATEST_VIEW = "enterprises_latest";

export const ENTERPRISE_COLUMNS = [
  "event_id",
  "enterprise_id",
  "name",
  "area_code",
  "sector",
  "ownership",
  "workforce",
  "has_union",
  "union_unit_id",
  "investor_country",
  "updated_at",
] as const;

export interface EnterpriseRow extends MetaColumns {
  event_id: string;
  enterprise_id: string;
  name: string;
  area_code: string;
  sector: Enterprise["sector"];
  ownership: Enterprise["ownership"];
  workforce: number;
  has_union: boolean;
  union_unit_id: string;
  /** ISO 3166-1 alpha-2, '' when not given. */
  investor_country: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  updated_at: string;
}

export function toEnterpriseRow(e: Enterprise, meta: SourceMeta): EnterpriseRow {
  return {
    // Same derivation as ingest (contracts' validateRecord) for updates sent without an event_id.
    event_id: e.event_id ?? deterministicUuid(`enterprises|${e.enterprise_id}|${e.updated_at}`),
    enterprise_id: e.enterprise_id,
    name: e.name,
    area_code: e.area_code,
    sector: e.sector,
    ownership: e.ownership,
    workforce: e.workforce,
    has_union: e.has_union,
    union_unit_id: e.union_unit_id,
    investor_country: e.investor_country ?? "",
    updated_at: toUtcText(e.updated_at, "updated_at"),
    ...metaColumns(meta, e.received_at),
  };
}

export interface LatestEnterprise {
  event_id: string;
  enterprise_id: string;
  name: string;
  area_code: string;
  sector: string;
  ownership: string;
  workforce: number;
  has_union: boolean;
  union_unit_id: string;
  investor_country: string;
  updated_at: string;
}

/** The current registry entry of every enterprise (or of the given ones), from enterprises_latest. */
export function selectLatestEnterprises(
  wh: Warehouse,
  filter: { enterpriseId?: string; enterpriseIds?: readonly string[] } = {},
): Promise<LatestEnterprise[]> {
  const ids = filter.enterpriseIds ?? (filter.enterpriseId !== undefined ? [filter.enterpriseId] : undefined);
  return selectRows<LatestEnterprise>(
    wh,
    `SELECT ${ENTERPRISE_COLUMNS.join(", ")} FROM {{db}}.${ENTERPRISES_LATEST_VIEW}
     ${ids ? "WHERE enterprise_id IN {ids:Array(String)}" : ""} ORDER BY enterprise_id`,
    ids ? { ids } : {},
    "cannot read the enterprise registry",
  );
}
