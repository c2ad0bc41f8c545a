// The stream-generic face of the table families: which table a stream lands in, how an event
// becomes a row, and the insert the sink calls.
import { STREAM_NAMES, type StreamEvent, type StreamName } from "@lrew/contracts";
import { BadInputError, FatalError } from "@lrew/errors";
import type { Warehouse } from "./client.ts";
import { insertInto, selectRows } from "./query.ts";
import { formatUtc } from "./time.ts";
import type { SourceMeta } from "./tables/common.ts";
import { CASE_ACTIONS_TABLE, toCaseActionRow, type CaseActionRow } from "./tables/case-actions.ts";
import { ENTERPRISES_TABLE, toEnterpriseRow, type EnterpriseRow } from "./tables/enterprises.ts";
import { GRIEVANCES_TABLE, toGrievanceRow, type GrievanceRow } from "./tables/grievances.ts";
import { INCIDENTS_TABLE, toIncidentRow, type IncidentRow } from "./tables/incidents.ts";
import {
  INSURANCE_CONTRIBUTIONS_TABLE,
  toInsuranceContributionRow,
  type InsuranceContributionRow,
} from "./tables/insurance-contributions.ts";
import { UNION_FEES_TABLE, toUnionFeeRow, type UnionFeeRow } from "./tables/union-fees.ts";
import { WAGE_ARREARS_TABLE, toWageArrearsRow, type WageArrearsRow } from "./tables/wage-arrears.ts";

export interface RowByStream {
  enterprises: EnterpriseRow;
  grievances: GrievanceRow;
  "wage-arrears": WageArrearsRow;
  "insurance-contributions": InsuranceContributionRow;
  incidents: IncidentRow;
  "union-fees": UnionFeeRow;
  "case-actions": CaseActionRow;
}
export type RowOf<S extends StreamName> = RowByStream[S];
/** A row ready for JSONEachRow insert into the table of its stream. */
export type Row = RowByStream[StreamName];

const TABLES: Record<StreamName, string> = {
  enterprises: ENTERPRISES_TABLE,
  grievances: GRIEVANCES_TABLE,
  "wage-arrears": WAGE_ARREARS_TABLE,
  "insurance-contributions": INSURANCE_CONTRIBUTIONS_TABLE,
  incidents: INCIDENTS_TABLE,
  "union-fees": UNION_FEES_TABLE,
  "case-actions": CASE_ACTIONS_TABLE,
};

export function tableOf(stream: StreamName): string {
  const table = TABLES[stream];
  if (!table) throw new FatalError(`no table for stream ${JSON.stringify(stream)}`);
  return table;
}

type Mapper<S extends StreamName> = (event: StreamEvent<S>, meta: SourceMeta) => RowOf<S>;
const MAPPERS: { [S in StreamName]: Mapper<S> } = {
  enterprises: toEnterpriseRow,
  grievances: toGrievanceRow,
  "wage-arrears": toWageArrearsRow,
  "insurance-contributions": toInsuranceContributionRow,
  incidents: toIncidentRow,
  "union-fees": toUnionFeeRow,
  "case-actions": toCaseActionRow,
};

/**
 * Maps a contract event (one that passed validateRecord: the type says so, and it is not checked
 * again) to its table row. Pure; BadInputError when it cannot be stored (a time ClickHouse cannot
 * hold, a bad Kafka position).
 */
export function toRow<S extends StreamName>(stream: S, event: StreamEvent<S>, meta: SourceMeta): RowOf<S> {
  const mapper = MAPPERS[stream] as Mapper<S> | undefined;
  if (!mapper) throw new BadInputError(`unknown stream ${JSON.stringify(stream)}`);
  if (typeof event !== "object" || event === null) throw new BadInputError(`${stream} event is not an object`);
  return mapper(event, meta);
}

/**
 * Inserts one batch of rows (all of the given stream) in one INSERT carrying dedupToken.
 * Throws RetryableError (ClickHouse unreachable / overloaded: retry the same batch with the same
 * token), BadInputError (ClickHouse rejected the data), FatalError (anything else).
 */
export async function insertRows(wh: Warehouse, stream: StreamName, rows: readonly Row[], opts: { dedupToken: string }): Promise<void> {
  await insertInto(wh, tableOf(stream), rows, opts);
}

/** count() and uniqExact(event_id) of a stream's table, without FINAL: shows copies not merged yet. */
export async function countEvents(wh: Warehouse, stream: StreamName): Promise<{ rows: number; uniqueEventIds: number }> {
  const [r] = await selectRows<{ rows: number; unique_event_ids: number }>(
    wh,
    `SELECT count() AS rows, uniqExact(event_id) AS unique_event_ids FROM {{db}}.${tableOf(stream)}`,
    {},
    `cannot count ${stream}`,
  );
  return { rows: r?.rows ?? 0, uniqueEventIds: r?.unique_event_ids ?? 0 };
}

/** Every event_id stored in a stream's table (lower-case text), without FINAL. */
export async function selectEventIds(wh: Warehouse, stream: StreamName): Promise<Set<string>> {
  const rows = await selectRows<{ id: string }>(
    wh,
    `SELECT DISTINCT toString(event_id) AS id FROM {{db}}.${tableOf(stream)}`,
    {},
    `cannot read the event ids of ${stream}`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The Kafka offsets (decimal strings) at or after fromOffset of topic/partition that are already
 * stored in the stream's table: after a crash between insert and commit the sink skips them.
 */
export async function storedOffsets(
  wh: Warehouse,
  stream: StreamName,
  topic: string,
  partition: number,
  fromOffset: string,
): Promise<Set<string>> {
  if (!/^\d+$/.test(fromOffset)) throw new FatalError(`storedOffsets: bad offset ${JSON.stringify(fromOffset)}`);
  const rows = await selectRows<{ stored_offset: string }>(
    wh,
    `SELECT DISTINCT toString(_offset) AS stored_offset FROM {{db}}.${tableOf(stream)}
     WHERE _topic = {topic:String} AND _partition = {partition:UInt16} AND _offset >= {from:UInt64}`,
    { topic, partition, from: fromOffset },
    `cannot read stored offsets of ${topic}/${partition}`,
  );
  return new Set(rows.map((r) => r.stored_offset));
}

/**
 * The event_ids of rows that are already stored in the stream's table (spelled as in rows):
 * the sink drops them before inserting, so a provider's resend or a redelivery is not stored twice.
 * Looks up by (enterprise_id, event_id), which the primary key and the event_id bloom filter serve.
 */
export async function storedEventIds(wh: Warehouse, stream: StreamName, rows: readonly Row[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const spellings = new Map<string, string[]>();
  for (const r of rows) {
    const key = r.event_id.toLowerCase();
    spellings.set(key, [...(spellings.get(key) ?? []), r.event_id]);
  }
  const enterprises = [...new Set(rows.map((r) => r.enterprise_id))];
  const stored = await selectRows<{ id: string }>(
    wh,
    `SELECT DISTINCT lower(toString(event_id)) AS id FROM {{db}}.${tableOf(stream)}
     WHERE enterprise_id IN {enterprises:Array(String)} AND event_id IN {ids:Array(UUID)}`,
    { enterprises, ids: [...spellings.keys()] },
    `cannot look up stored event ids of ${stream}`,
  );
  const found = new Set<string>();
  for (const { id } of stored) {
    for (const spelled of spellings.get(id) ?? []) found.add(spelled);
  }
  return found;
}

/**
 * Enterprises with an event stored since `since` (by the sink's `_ingested_at`), sorted: what the
 * frequent scoring run re-scores. Reads only the recent parts of each table's `_ingested_at` column.
 */
export async function enterprisesWithEventsSince(wh: Warehouse, since: Date): Promise<string[]> {
  const union = STREAM_NAMES.map(
    (stream) => `SELECT enterprise_id FROM {{db}}.${tableOf(stream)} WHERE _ingested_at > {since:DateTime64(3, 'UTC')}`,
  ).join(" UNION DISTINCT ");
  const rows = await selectRows<{ enterprise_id: string }>(
    wh,
    union,
    { since: formatUtc(since) },
    "cannot list enterprises with new events",
  );
  return rows.map((r) => r.enterprise_id).sort();
}
