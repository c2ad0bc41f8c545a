// Features per enterprise as of a date: the feature query (feature-sql.ts) aggregates the daily
// tables in ClickHouse, point in time; the formulas (feature-formulas.ts) turn each row of
// aggregates into the named values of the catalogue (@lrew/risk's FEATURES).
import { isDate } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { selectFeatureAggregates, selectKnownEnterpriseIds, type Warehouse } from "@lrew/warehouse";
import { deriveFeatures, type RawAggregates } from "./feature-formulas.ts";
import { featureSql } from "./feature-sql.ts";

export interface FeatureRow {
  enterprise_id: string;
  /** YYYY-MM-DD */
  as_of: string;
  area_code: string;
  sector: string;
  values: Record<string, number>;
}

/** The aggregates of every enterprise as of each of `dates` (one query). */
export async function computeRawAggregates(
  wh: Warehouse,
  opts: { dates: readonly string[]; enterpriseIds?: readonly string[] },
): Promise<RawAggregates[]> {
  const dates = [...new Set(opts.dates)].sort();
  if (dates.length === 0) return [];
  for (const d of dates) if (!isDate(d)) throw new BadInputError(`as-of date must be YYYY-MM-DD: ${JSON.stringify(d)}`);
  return selectFeatureAggregates<RawAggregates>(wh, featureSql, {
    dates,
    min_day: dates[0],
    max_day: dates[dates.length - 1],
    ids: opts.enterpriseIds ?? [],
  });
}

function toFeatureRow(r: RawAggregates): FeatureRow {
  return { enterprise_id: r.enterprise_id, as_of: r.as_of, area_code: r.area_code, sector: r.sector, values: deriveFeatures(r) };
}

/** Features of every enterprise (or the given ones) as of one date: what was reported by the end of that day. */
export async function computeFeatures(wh: Warehouse, opts: { asOf: string; enterpriseIds?: readonly string[] }): Promise<FeatureRow[]> {
  const raw = await computeRawAggregates(wh, { dates: [opts.asOf], ...(opts.enterpriseIds ? { enterpriseIds: opts.enterpriseIds } : {}) });
  return raw.map(toFeatureRow);
}

/** Features as of several dates in one query (fitting and backtests); rows ordered by as_of, enterprise_id. */
export async function computeFeaturesForDates(
  wh: Warehouse,
  opts: { dates: readonly string[]; enterpriseIds?: readonly string[] },
): Promise<FeatureRow[]> {
  return (await computeRawAggregates(wh, opts)).map(toFeatureRow);
}

/**
 * Enterprises per feature query of a scoring run. The query holds its joins' hash tables for every
 * enterprise it covers (embedded ClickHouse: in the scoring process's own memory), so a run asks for
 * this many at a time: at 100,000 enterprises one query peaked at 1.8 GiB, ten of 10,000 at 0.6 GiB,
 * for the same CPU time (the sector-wide parts, the sector's grievance rate and incidents nearby, are
 * still computed over every enterprise: the id filter applies to the rows returned).
 */
export const FEATURE_CHUNK = 10_000;

/**
 * Features as of one date, chunk by chunk of enterprises (in id order): every enterprise the registry
 * knew by then, or the given ones. The same rows as computeFeatures, never all of them in memory.
 */
export async function* featureChunks(
  wh: Warehouse,
  opts: { asOf: string; enterpriseIds?: readonly string[]; chunk?: number },
): AsyncGenerator<FeatureRow[]> {
  if (!isDate(opts.asOf)) throw new BadInputError(`as-of date must be YYYY-MM-DD: ${JSON.stringify(opts.asOf)}`);
  // An empty list is every enterprise, as in computeFeatures.
  const ids = opts.enterpriseIds?.length
    ? [...new Set(opts.enterpriseIds)].sort()
    : await selectKnownEnterpriseIds(wh, { asOf: opts.asOf });
  const size = Math.max(1, opts.chunk ?? FEATURE_CHUNK);
  for (let i = 0; i < ids.length; i += size) {
    const rows = await computeFeatures(wh, { asOf: opts.asOf, enterpriseIds: ids.slice(i, i + size) });
    if (rows.length > 0) yield rows;
  }
}
