// The settings every analyst query runs under, as a SETTINGS clause of the query itself: a query-level
// clause holds for that query only, so embedded ClickHouse's shared session (the pipeline's) never
// becomes read-only or limited. readonly=1 also forbids the query to change any setting.
import type { AnalystLimits } from "@lrew/config";

export const DEFAULT_LIMITS: AnalystLimits = {
  maxExecutionSeconds: 30,
  maxRowsToRead: 100_000_000,
  maxResultRows: 100_000,
  maxMemoryBytes: 1024 * 1024 * 1024,
  maxThreads: 2,
};

/** Pure: the SETTINGS clause (readonly last: once read-only, nothing after it could be set). */
export function settingsClause(l: AnalystLimits): string {
  const int = (n: number) => String(Math.max(1, Math.floor(n)));
  return [
    `max_execution_time = ${int(l.maxExecutionSeconds)}`,
    "timeout_overflow_mode = 'throw'",
    `max_rows_to_read = ${int(l.maxRowsToRead)}`,
    "read_overflow_mode = 'throw'",
    `max_result_rows = ${int(l.maxResultRows)}`,
    "result_overflow_mode = 'throw'",
    `max_memory_usage = ${int(l.maxMemoryBytes)}`,
    `max_threads = ${int(l.maxThreads)}`,
    "readonly = 1",
  ].join(", ");
}

/** ClickHouse error codes of the limits above, with the limit's name. */
export const LIMIT_CODES: Readonly<Record<string, string>> = {
  "159": "max_execution_time",
  "158": "max_rows_to_read",
  "396": "max_result_rows",
  "241": "max_memory_usage",
};
