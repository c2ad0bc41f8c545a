// Output formats analysts choose, and the ClickHouse format behind each.
export const OUTPUT_FORMATS = ["table", "csv", "json", "parquet"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** What the warehouse is asked for: the terminal table is drawn from JSON (it needs the column types). */
export type WireFormat = Exclude<OutputFormat, "table">;

export const CLICKHOUSE_FORMAT: Record<WireFormat, string> = { csv: "CSVWithNames", json: "JSON", parquet: "Parquet" };
export const CONTENT_TYPE: Record<WireFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
};

export function isOutputFormat(s: string): s is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(s);
}

/** The result of JSON format, as ClickHouse writes it. */
export interface JsonResult {
  meta: Array<{ name: string; type: string }>;
  data: Array<Record<string, unknown>>;
  rows: number;
}
