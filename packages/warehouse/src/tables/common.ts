// What every table family shares: the source metadata columns, contract checking, inserts and
// the conversions of query results. Tables are always named with the database: `db.table`.
import { streamSchemas, type StreamEvent, type StreamName } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { counter, histogram } from "@lrew/telemetry";
import type { Warehouse } from "../client.ts";
import { toLrewError } from "../errors.ts";
import { formatUtc } from "../time.ts";

/** Where a record came from, as the sink read it from Kafka. */
export interface SourceMeta {
  topic: string;
  partition: number;
  /** Kafka offset, decimal string (as kafkajs gives it). */
  offset: string;
  ingestedAt: Date;
}

/** The source metadata columns every fact table carries. */
export interface MetaColumns {
  _topic: string;
  _partition: number;
  /** UInt64 as a decimal string, exact beyond 2^53. */
  _offset: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC. */
  _ingested_at: string;
}

export const META_COLUMNS = ["_topic", "_partition", "_offset", "_ingested_at"] as const;

export function metaColumns(meta: SourceMeta): MetaColumns {
  if (typeof meta.topic !== "string" || meta.topic.length === 0) throw new BadInputError("source topic is empty");
  if (!Number.isInteger(meta.partition) || meta.partition < 0 || meta.partition > 65535) {
    throw new BadInputError(`source partition ${meta.partition} is not a UInt16`);
  }
  if (typeof meta.offset !== "string" || !/^\d{1,20}$/.test(meta.offset) || BigInt(meta.offset) > 18446744073709551615n) {
    throw new BadInputError(`source offset ${JSON.stringify(meta.offset)} is not a UInt64`);
  }
  if (!(meta.ingestedAt instanceof Date)) throw new BadInputError("source ingestedAt is not a Date");
  return {
    _topic: meta.topic,
    _partition: meta.partition,
    _offset: String(BigInt(meta.offset)),
    _ingested_at: formatUtc(meta.ingestedAt.getTime(), "ingestedAt"),
  };
}

/** The event checked against its contract again: what the sink maps must be what ingest promised. */
export function checkEvent<S extends StreamName>(stream: S, event: unknown): StreamEvent<S> {
  const result = streamSchemas[stream].safeParse(event);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.map(String).join(".") || "(record)"}: ${i.message}`);
    throw new BadInputError(`${stream} event does not match its contract: ${issues.join("; ")}`);
  }
  return result.data as StreamEvent<S>;
}

const insertSeconds = histogram("lrew_warehouse_insert_seconds", "Duration of one ClickHouse insert", ["table"]);
const insertedRows = counter("lrew_warehouse_rows_inserted_total", "Rows sent to ClickHouse by successful inserts (before deduplication)", [
  "table",
]);
const insertErrors = counter("lrew_warehouse_insert_errors_total", "Failed ClickHouse inserts by kind", ["table", "kind"]);

/**
 * One INSERT of rows into db.table as JSONEachRow, with the batch's deduplication token.
 * Errors come out as RetryableError / BadInputError / FatalError (see classifyError).
 */
export async function insertInto(wh: Warehouse, table: string, rows: readonly object[], opts: { dedupToken: string }): Promise<void> {
  if (rows.length === 0) return;
  if (!opts.dedupToken) throw new BadInputError(`insert into ${table}: dedupToken is required`);
  const stop = insertSeconds.startTimer({ table });
  try {
    await wh.client.insert({
      table: `${wh.database}.${table}`,
      values: rows as object[],
      format: "JSONEachRow",
      clickhouse_settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: opts.dedupToken,
        // Synchronous: rows are durable when insert returns, so the sink may commit offsets.
        async_insert: 0,
        // A row field the table lacks is a missing migration, not something to drop silently.
        input_format_skip_unknown_fields: 0,
      },
    });
    insertedRows.inc({ table }, rows.length);
  } catch (err) {
    const e = toLrewError(err, `insert of ${rows.length} rows into ${wh.database}.${table}`);
    insertErrors.inc({ table, kind: e.name });
    throw e;
  } finally {
    stop();
  }
}

/** Runs a SELECT returning JSONEachRow rows. */
export async function selectRows<T>(wh: Warehouse, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  try {
    const rs = await wh.client.query({ query, query_params: params, format: "JSONEachRow" });
    return await rs.json<T>();
  } catch (err) {
    throw toLrewError(err, "query failed");
  }
}

/** ClickHouse JSON renders 64-bit integers as strings; VND amounts are safe integers by contract. */
export const num = (v: unknown): number => (typeof v === "number" ? v : Number(v));
export const bool = (v: unknown): boolean => v === true || v === 1 || v === "true";
