// Runs one dashboard query: parameters always bound ({name:Type}), rows as JSON objects. The only
// text put into SQL is the database name, which configuration validated as an identifier.
import type { Warehouse } from "@lrew/warehouse";

export async function rows<T>(wh: Warehouse, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await wh.client.query({
    query: query.replaceAll("{{db}}", wh.database),
    query_params: params,
    format: "JSONEachRow",
    // 64-bit integers as numbers: every count and VND amount here fits a double exactly.
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  return (await rs.json()) as T[];
}
