// The scoring suite's naive reference: exactly the features @lrew/scoring computes, by the very same
// code (computeFeaturesForDates: its feature SQL, then deriveFeatures), but with every daily-aggregate table
// replaced in the query by the SELECT of the materialized view that fills it, so ClickHouse
// aggregates the raw event tables at query time. Taking the views' own SELECTs from ClickHouse
// (system.tables) and the feature SQL from scoring itself means the two paths cannot drift apart:
// what differs is only whether the daily aggregates were kept ahead of time.
import { FatalError } from "@lrew/errors";
import { computeFeaturesForDates, type FeatureRow } from "@lrew/scoring";
import { DAILY_AGGREGATES, type Warehouse } from "@lrew/warehouse";

/** Daily-aggregate table (without database) → the SELECT that defines it over the raw event tables. */
export type AggregateSelects = Readonly<Record<string, string>>;

/**
 * `sql` with every `<db>.<aggregate table>` replaced by `(<its defining SELECT>)`. Throws when the
 * query names an aggregate table without a definition, so nothing is silently read from the
 * aggregates. Pure.
 */
export function inlineAggregates(sql: string, db: string, selects: AggregateSelects): string {
  const tables = Object.values(DAILY_AGGREGATES);
  const missing = tables.filter((t) => !selects[t]?.trim());
  if (missing.length) throw new FatalError(`no defining SELECT for the daily aggregate table(s) ${missing.join(", ")}`);
  const name = new RegExp(`\\b${db}\\.(${tables.join("|")})\\b`, "g");
  return sql.replace(name, (_m, table: string) => `(${selects[table]!.trim()})`);
}

/** Each daily-aggregate table's defining SELECT, read from its materialized view in ClickHouse. */
export async function readAggregateSelects(wh: Warehouse): Promise<AggregateSelects> {
  const rs = await wh.client.query({
    query: "SELECT name, as_select FROM system.tables WHERE database = {db:String} AND name IN {names:Array(String)}",
    query_params: { db: wh.database, names: Object.keys(DAILY_AGGREGATES) },
    format: "JSONEachRow",
  });
  const views = await rs.json<{ name: string; as_select: string }>();
  const out: Record<string, string> = {};
  for (const v of views) out[DAILY_AGGREGATES[v.name]!] = v.as_select;
  return out;
}

/** The same warehouse, except that every query has its daily-aggregate tables inlined. */
export function inlinedWarehouse(wh: Warehouse, selects: AggregateSelects): Warehouse {
  const client = wh.client;
  const query: typeof client.query = (params) => client.query({ ...params, query: inlineAggregates(params.query, wh.database, selects) });
  return {
    ...wh,
    client: new Proxy(client, { get: (target, prop) => (prop === "query" ? query : Reflect.get(target, prop, target)) }),
  };
}

/** Features of every enterprise as of each of `dates`, computed from the raw event tables only. */
export async function computeNaiveFeatures(wh: Warehouse, dates: readonly string[], selects?: AggregateSelects): Promise<FeatureRow[]> {
  return computeFeaturesForDates(inlinedWarehouse(wh, selects ?? (await readAggregateSelects(wh))), { dates });
}

export interface FeatureComparison {
  rows: number;
  values: number;
  /** The first differences found (at most 10), and how many there are in all. */
  differences: string[];
  differing: number;
}

/** Equal up to floating-point summation order (relative 1e-9). */
function same(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/** Compares two feature sets value by value (same enterprises, dates and factors expected). Pure. */
export function compareFeatures(a: readonly FeatureRow[], b: readonly FeatureRow[]): FeatureComparison {
  const key = (r: FeatureRow) => `${r.enterprise_id}@${r.as_of}`;
  const other = new Map(b.map((r) => [key(r), r]));
  const differences: string[] = [];
  let differing = 0;
  let values = 0;
  const note = (s: string) => {
    differing++;
    if (differences.length < 10) differences.push(s);
  };
  for (const r of a) {
    const o = other.get(key(r));
    other.delete(key(r));
    if (!o) {
      note(`${key(r)}: only in the first`);
      continue;
    }
    for (const [k, v] of Object.entries(r.values)) {
      values++;
      const w = o.values[k];
      if (w === undefined || !same(v, w)) note(`${key(r)} ${k}: ${v} vs ${w}`);
    }
    for (const k of Object.keys(o.values)) if (!(k in r.values)) note(`${key(r)} ${k}: only in the second`);
  }
  for (const k of other.keys()) note(`${k}: only in the second`);
  return { rows: a.length, values, differences, differing };
}
