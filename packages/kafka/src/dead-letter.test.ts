import { describe, expect, it } from "vitest";
import { DLQ_HEADERS, deadLetter, readDeadLetterReason } from "./dead-letter.ts";
import { classifyKafkaError, KafkaRecordRejectedError, KafkaUnavailableError } from "./errors.ts";

describe("deadLetter", () => {
  it("keeps the original bytes and records where and why it failed", () => {
    const value = Buffer.from('{"name":"Công ty May Mường Thanh"}');
    const msg = deadLetter(
      { key: "5600123456", value },
      { stream: "grievances", stage: "sink", error: "bad", sourceTopic: "lrew.grievances.v1", partition: 2, offset: "41" },
      new Date("2026-11-23T00:00:00Z"),
    );
    expect(msg.key).toBe("5600123456");
    expect(msg.value).toBe(value);
    expect(msg.headers?.[DLQ_HEADERS.failedAt]).toBe("2026-11-23T00:00:00.000Z");
    expect(readDeadLetterReason(msg.headers ?? {})).toEqual({
      stream: "grievances",
      stage: "sink",
      error: "bad",
      sourceTopic: "lrew.grievances.v1",
      partition: 2,
      offset: "41",
    });
  });
  it("omits source headers for records that never reached a topic", () => {
    const msg = deadLetter({ value: "x" }, { stream: "incidents", stage: "ingest", error: "e" });
    expect(msg.key).toBe("");
    expect(Object.keys(msg.headers ?? {})).not.toContain(DLQ_HEADERS.offset);
  });
});

describe("classifyKafkaError", () => {
  it("treats record-level protocol errors as bad input and everything else as unavailability", () => {
    expect(classifyKafkaError({ name: "KafkaJSProtocolError", type: "MESSAGE_TOO_LARGE", message: "m" })).toBeInstanceOf(
      KafkaRecordRejectedError,
    );
    expect(classifyKafkaError({ name: "KafkaJSConnectionError", message: "ECONNREFUSED" })).toBeInstanceOf(KafkaUnavailableError);
    expect(classifyKafkaError(new Error("x"))).toBeInstanceOf(KafkaUnavailableError);
  });

  it("keeps an error it already classified as it is", () => {
    const unavailable = classifyKafkaError(new Error("ECONNREFUSED"));
    expect(classifyKafkaError(unavailable)).toBe(unavailable);
    const rejected = classifyKafkaError({ name: "KafkaJSProtocolError", type: "INVALID_RECORD", message: "m" });
    expect(classifyKafkaError(rejected)).toBe(rejected);
  });
});
