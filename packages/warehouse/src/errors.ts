// How a failure talking to ClickHouse is handled, decided by error code (ClickHouse's numeric
// code, or Node's socket error code), never by message text. Pure.
//
// ClickHouseError is duck-typed (`code` made of digits): chdb/connection builds its errors from
// @clickhouse/client-common, a different copy of the class than the one @clickhouse/client exports,
// so `instanceof` would miss embedded errors.
import { BadInputError, FatalError, LrewError, RetryableError } from "@lrew/errors";

export type ErrorKind = "retryable" | "bad_input" | "fatal";

/** The server or a dependency of it is unavailable or overloaded right now: wait and retry. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  95, // CANNOT_READ_FROM_SOCKET
  96, // CANNOT_WRITE_TO_SOCKET
  159, // TIMEOUT_EXCEEDED
  160, // TOO_SLOW
  173, // CANNOT_ALLOCATE_MEMORY
  198, // DNS_ERROR
  201, // QUOTA_EXCEEDED
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  225, // NO_ZOOKEEPER
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY (replica lost its keeper session)
  243, // NOT_ENOUGH_SPACE
  244, // UNEXPECTED_ZOOKEEPER_ERROR
  252, // TOO_MANY_PARTS
  279, // ALL_CONNECTION_TRIES_FAILED
  285, // TOO_FEW_LIVE_REPLICAS
  286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
  289, // REPLICA_IS_NOT_IN_QUORUM
  319, // UNKNOWN_STATUS_OF_INSERT (safe: inserts carry a deduplication token)
  364, // RECEIVED_ERROR_TOO_MANY_REQUESTS
  369, // ALL_REPLICAS_ARE_STALE
  394, // QUERY_WAS_CANCELLED (server shutting down)
  425, // SYSTEM_ERROR
  439, // CANNOT_SCHEDULE_TASK
  529, // NOT_A_LEADER
  574, // DISTRIBUTED_TOO_MANY_PENDING_BYTES
  735, // QUERY_WAS_CANCELLED_BY_CLIENT
  745, // SERVER_OVERLOADED
  762, // HTTP_CONNECTION_LIMIT_REACHED
  904, // TOO_MANY_UNAVAILABLE_SHARDS
  999, // KEEPER_EXCEPTION
  1000, // POCO_EXCEPTION (network layer)
]);

/** ClickHouse rejected the data itself: retrying the same rows can never succeed. */
export const BAD_INPUT_CODES: ReadonlySet<number> = new Set([
  6, // CANNOT_PARSE_TEXT
  25, // CANNOT_PARSE_ESCAPE_SEQUENCE
  26, // CANNOT_PARSE_QUOTED_STRING
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  38, // CANNOT_PARSE_DATE
  41, // CANNOT_PARSE_DATETIME
  53, // TYPE_MISMATCH
  69, // ARGUMENT_OUT_OF_BOUND
  70, // CANNOT_CONVERT_TYPE
  72, // CANNOT_PARSE_NUMBER
  117, // INCORRECT_DATA
  128, // TOO_LARGE_ARRAY_SIZE
  130, // CANNOT_READ_ARRAY_FROM_TEXT
  131, // TOO_LARGE_STRING_SIZE
  321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  376, // CANNOT_PARSE_UUID
  407, // DECIMAL_OVERFLOW
  441, // CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING
  467, // CANNOT_PARSE_BOOL
  469, // VIOLATED_CONSTRAINT (a CHECK constraint of the table refused a row)
  563, // CANNOT_READ_MAP_FROM_TEXT
  691, // UNKNOWN_ELEMENT_OF_ENUM
]);

/**
 * ClickHouse refuses to write for lack of disk space. Retryable (space can come back: parts merged,
 * old partitions dropped, a disk added), but named, so the sink can say why it has stopped.
 */
export const NO_SPACE_CODES: ReadonlySet<number> = new Set([
  243, // NOT_ENOUGH_SPACE (cannot reserve space for a part)
]);

/** Node socket / DNS error codes: the server cannot be reached now. */
const NODE_RETRYABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_STREAM_PREMATURE_CLOSE",
]);

/** The numeric ClickHouse error code of err, when it is a ClickHouseError (of any copy of the class). */
export function clickHouseCode(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && /^\d+$/.test(code)) return Number(code);
  if (typeof code === "number" && Number.isInteger(code)) return code;
  // chdb's native ChdbQueryError: { code: 'CHDB_QUERY', clickhouseCode: 43 }
  const native = (err as { clickhouseCode?: unknown }).clickhouseCode;
  if (typeof native === "number" && Number.isInteger(native)) return native;
  return undefined;
}

/**
 * retryable: unreachable, overloaded, timed out (and any transport failure the client reports
 * without a code: its request timeout and malformed proxy answers carry none, and dropping data
 * is never the safe default); bad_input: ClickHouse rejected the rows themselves;
 * fatal: anything ClickHouse refused for another reason (unknown table, auth, syntax) and
 * programming errors.
 */
export function classifyError(err: unknown): ErrorKind {
  if (err instanceof RetryableError) return "retryable";
  if (err instanceof BadInputError) return "bad_input";
  if (err instanceof LrewError) return "fatal";
  const ch = clickHouseCode(err);
  if (ch !== undefined) {
    if (RETRYABLE_CODES.has(ch)) return "retryable";
    if (BAD_INPUT_CODES.has(ch)) return "bad_input";
    return "fatal";
  }
  if (typeof err === "object" && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string") return NODE_RETRYABLE.has(code) ? "retryable" : "fatal";
  }
  if (err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || err instanceof SyntaxError) {
    return "fatal";
  }
  return err instanceof Error ? "retryable" : "fatal";
}

/** True when err (or an error it wraps, as toLrewError does) is ClickHouse refusing to write for lack of disk space. */
export function isOutOfSpace(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 8 && typeof e === "object" && e !== null; depth++) {
    const code = clickHouseCode(e);
    if (code !== undefined) return NO_SPACE_CODES.has(code);
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Wraps err in the lrew error class its kind calls for (kept as `cause`). */
export function toLrewError(err: unknown, context: string): LrewError {
  if (err instanceof LrewError) return err;
  const code = clickHouseCode(err);
  const type = typeof err === "object" && err !== null ? (err as { type?: unknown }).type : undefined;
  const detail = err instanceof Error ? err.message : String(err);
  const tag = code !== undefined ? ` [ClickHouse ${code}${typeof type === "string" ? ` ${type}` : ""}]` : "";
  const message = `${context}${tag}: ${detail}`;
  switch (classifyError(err)) {
    case "retryable":
      return new RetryableError(message, { cause: err });
    case "bad_input":
      return new BadInputError(message, { cause: err });
    default:
      return new FatalError(message, { cause: err });
  }
}
