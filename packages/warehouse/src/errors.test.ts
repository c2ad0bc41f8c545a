import { describe, expect, it } from "vitest";
import { ClickHouseError } from "@clickhouse/client";
import { BadInputError, FatalError, RetryableError } from "@lrew/errors";
import { classifyError, clickHouseCode, toLrewError } from "./errors.ts";

const ch = (code: string, type: string) => new ClickHouseError({ message: `Code: ${code}. DB::Exception: x. (${type})`, code, type });
const sysErr = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:8123`), { code });

describe("classifyError", () => {
  it("retries when ClickHouse is unreachable or overloaded", () => {
    expect(classifyError(ch("252", "TOO_MANY_PARTS"))).toBe("retryable");
    expect(classifyError(ch("202", "TOO_MANY_SIMULTANEOUS_QUERIES"))).toBe("retryable");
    expect(classifyError(ch("241", "MEMORY_LIMIT_EXCEEDED"))).toBe("retryable");
    expect(classifyError(ch("159", "TIMEOUT_EXCEEDED"))).toBe("retryable");
    expect(classifyError(ch("242", "TABLE_IS_READ_ONLY"))).toBe("retryable");
    expect(classifyError(ch("999", "KEEPER_EXCEPTION"))).toBe("retryable");
    expect(classifyError(sysErr("ECONNREFUSED"))).toBe("retryable");
    expect(classifyError(sysErr("ECONNRESET"))).toBe("retryable");
    expect(classifyError(sysErr("ENOTFOUND"))).toBe("retryable");
    // the client's own request timeout carries no code
    expect(classifyError(new Error("Timeout error."))).toBe("retryable");
  });

  it("calls rejected data bad input", () => {
    expect(classifyError(ch("27", "CANNOT_PARSE_INPUT_ASSERTION_FAILED"))).toBe("bad_input");
    expect(classifyError(ch("6", "CANNOT_PARSE_TEXT"))).toBe("bad_input");
    expect(classifyError(ch("41", "CANNOT_PARSE_DATETIME"))).toBe("bad_input");
    expect(classifyError(ch("53", "TYPE_MISMATCH"))).toBe("bad_input");
    expect(classifyError(ch("117", "INCORRECT_DATA"))).toBe("bad_input");
    expect(classifyError(ch("376", "CANNOT_PARSE_UUID"))).toBe("bad_input");
    // found by test/e2e/poison-record: a row a table's CHECK constraint refuses is poison, not a reason to stop
    expect(classifyError(ch("469", "VIOLATED_CONSTRAINT"))).toBe("bad_input");
    // found by test/e2e/poison-record: a lone surrogate in JSON (the contract now refuses it before)
    expect(classifyError(ch("25", "CANNOT_PARSE_ESCAPE_SEQUENCE"))).toBe("bad_input");
  });

  it("calls everything else fatal", () => {
    expect(classifyError(ch("60", "UNKNOWN_TABLE"))).toBe("fatal");
    expect(classifyError(ch("81", "UNKNOWN_DATABASE"))).toBe("fatal");
    expect(classifyError(ch("516", "AUTHENTICATION_FAILED"))).toBe("fatal");
    expect(classifyError(ch("62", "SYNTAX_ERROR"))).toBe("fatal");
    expect(classifyError(sysErr("EACCES"))).toBe("fatal");
    expect(classifyError(new TypeError("x is undefined"))).toBe("fatal");
    expect(classifyError("a string")).toBe("fatal");
    expect(classifyError(undefined)).toBe("fatal");
  });

  it("decides by code, never by message text", () => {
    const misleading = new ClickHouseError({ message: "Code: 60. TOO_MANY_PARTS network timeout", code: "60", type: "UNKNOWN_TABLE" });
    expect(classifyError(misleading)).toBe("fatal");
    // duck-typed: chdb raises ClickHouseError from another copy of the class
    expect(classifyError({ code: "252", type: "TOO_MANY_PARTS", message: "" })).toBe("retryable");
    expect(clickHouseCode({ code: "27" })).toBe(27);
    expect(clickHouseCode({ code: "ECONNREFUSED" })).toBeUndefined();
    expect(classifyError({ code: "CHDB_QUERY", clickhouseCode: 27 })).toBe("bad_input");
  });

  it("keeps lrew errors as they are", () => {
    expect(classifyError(new RetryableError("x"))).toBe("retryable");
    expect(classifyError(new BadInputError("x"))).toBe("bad_input");
    expect(classifyError(new FatalError("x"))).toBe("fatal");
  });
});

describe("toLrewError", () => {
  it("wraps into the class of its kind, with the code in the message and the cause kept", () => {
    const cause = ch("27", "CANNOT_PARSE_INPUT_ASSERTION_FAILED");
    const e = toLrewError(cause, "insert");
    expect(e).toBeInstanceOf(BadInputError);
    expect(e.message).toContain("[ClickHouse 27 CANNOT_PARSE_INPUT_ASSERTION_FAILED]");
    expect(e.cause).toBe(cause);
    expect(toLrewError(sysErr("ECONNREFUSED"), "insert")).toBeInstanceOf(RetryableError);
    expect(toLrewError(ch("60", "UNKNOWN_TABLE"), "insert")).toBeInstanceOf(FatalError);
  });
});
