// The three ways lrew's own code talks to ClickHouse: selectRows, insertInto, runCommand. Every named
// function of the warehouse goes through them, so the settings, the `{{db}}` placeholder and the
// error classification are the same everywhere. (The analysts' executor in @lrew/analytics runs
// analysts' SQL with its own limits and formats; it does not use these.)
import { BadInputError, FatalError } from "@lrew/errors";
import { counter, histogram } from "@lrew/telemetry";
import type { z } from "zod";
import type { Warehouse } from "./client.ts";
import { toLrewError } from "./errors.ts";

/** SQL text names tables `{{db}}.table`, as the migrations do; the database comes from the settings (checked as an identifier). */
export function withDatabase(sql: string, wh: Pick<Warehouse, "database">): string {
  return sql.replaceAll("{{db}}", wh.database);
}

/**
 * Runs one SELECT (parameters always bound, `{name:Type}`) and returns its rows as JSON objects.
 * 64-bit integers come as JSON numbers, not strings: every count and VND amount lrew stores fits a
 * double exactly (UInt64 Kafka offsets are selected with toString). Errors come out as
 * RetryableError / BadInputError / FatalError (see classifyError), prefixed with `context`.
 */
export async function selectRows<T>(
  wh: Warehouse,
  query: string,
  params: Record<string, unknown> = {},
  context = "query failed",
): Promise<T[]> {
  try {
    const rs = await wh.client.query({
      query: withDatabase(query, wh),
      query_params: params,
      format: "JSONEachRow",
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return await rs.json<T>();
  } catch (err) {
    throw toLrewError(err, context);
  }
}

/** Runs one statement that returns no rows (DDL, INSERT … SELECT, OPTIMIZE, ALTER … UPDATE), parameters bound. */
export async function runCommand(
  wh: Warehouse,
  query: string,
  context: string,
  settings: Record<string, string | number> = {},
  params: Record<string, unknown> = {},
): Promise<void> {
  try {
    await wh.client.command({ query: withDatabase(query, wh), clickhouse_settings: settings, query_params: params });
  } catch (err) {
    throw toLrewError(err, context);
  }
}

const insertSeconds = histogram("lrew_warehouse_insert_seconds", "Duration of one ClickHouse insert", ["table"]);
const insertedRows = counter("lrew_warehouse_rows_inserted_total", "Rows sent to ClickHouse by successful inserts (before deduplication)", [
  "table",
]);
const insertErrors = counter("lrew_warehouse_insert_errors_total", "Failed ClickHouse inserts by kind", ["table", "kind"]);

/**
 * How an insert is deduplicated: `dedupToken` makes a retried batch a no-op (the same token, the same
 * rows); `deduplicate: false` for rows that are facts of their own, which the table's
 * ReplacingMergeTree folds when repeated.
 */
export type InsertDedup = { dedupToken: string } | { deduplicate: false };

/**
 * One synchronous INSERT of rows into db.table as JSONEachRow: the rows are durable when it returns.
 * Errors come out as RetryableError / BadInputError / FatalError (see classifyError).
 */
export async function insertInto(wh: Warehouse, table: string, rows: readonly object[], dedup: InsertDedup): Promise<void> {
  if (rows.length === 0) return;
  if ("dedupToken" in dedup && !dedup.dedupToken) throw new BadInputError(`insert into ${table}: dedupToken is required`);
  const stop = insertSeconds.startTimer({ table });
  try {
    await wh.client.insert({
      table: `${wh.database}.${table}`,
      values: rows as object[],
      format: "JSONEachRow",
      clickhouse_settings: {
        ...("dedupToken" in dedup ? { insert_deduplicate: 1, insert_deduplication_token: dedup.dedupToken } : { insert_deduplicate: 0 }),
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

/** Rows checked against their table's schema before they are sent: a row that does not fit is a bug here, not bad input. */
export function checkRows<S extends z.ZodType>(schema: S, rows: readonly unknown[], table: string): Array<z.infer<S>> {
  return rows.map((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) return r.data;
    const issues = r.error.issues.map((x) => `${x.path.map(String).join(".") || "(row)"}: ${x.message}`);
    throw new FatalError(`row ${i} for ${table} does not fit the table: ${issues.join("; ")}`);
  });
}
