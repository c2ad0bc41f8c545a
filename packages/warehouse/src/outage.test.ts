import type { ClickHouseClient } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { classifyError, isOutOfSpace, toLrewError } from "./errors.ts";
import { withOutageFault } from "./outage.ts";

function fakeClient(calls: string[]): ClickHouseClient {
  return {
    insert: async () => calls.push("insert"),
    query: async () => calls.push("query"),
    command: async () => calls.push("command"),
    exec: async () => calls.push("exec"),
    ping: async () => ({ success: true }),
    close: async () => calls.push("close"),
  } as unknown as ClickHouseClient;
}

describe("withOutageFault", () => {
  it("fails every call with a retryable connection error while down, and passes through once up", async () => {
    let down = true;
    const calls: string[] = [];
    const c = withOutageFault(fakeClient(calls), { down: () => down, diskFull: () => false });
    for (const call of [
      () => c.insert({ table: "t", values: [] }),
      () => c.query({ query: "SELECT 1" }),
      () => c.command({ query: "x" }),
    ]) {
      const err = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(classifyError(err)).toBe("retryable");
    }
    expect(await c.ping()).toMatchObject({ success: false });
    expect(calls).toEqual([]);
    down = false;
    await c.insert({ table: "t", values: [] });
    expect(await c.ping()).toEqual({ success: true });
    await c.close();
    expect(calls).toEqual(["insert", "close"]);
  });

  it("refuses inserts as a full disk does (243 NOT_ENOUGH_SPACE, retryable, named as lack of space) while reads and pings work", async () => {
    let full = true;
    const calls: string[] = [];
    const c = withOutageFault(fakeClient(calls), { down: () => false, diskFull: () => full });
    const err = await c.insert({ table: "t", values: [] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(classifyError(err)).toBe("retryable");
    expect(isOutOfSpace(err)).toBe(true);
    expect(isOutOfSpace(toLrewError(err, "insert into t"))).toBe(true); // also once wrapped, as callers see it
    await c.query({ query: "SELECT 1" });
    expect(await c.ping()).toEqual({ success: true });
    full = false;
    await c.insert({ table: "t", values: [] });
    expect(calls).toEqual(["query", "insert"]);
  });

  it("is the client itself when no fault directory is configured", () => {
    const client = fakeClient([]);
    const saved = process.env.LREW_FAULT_DIR;
    delete process.env.LREW_FAULT_DIR;
    try {
      expect(withOutageFault(client)).toBe(client);
    } finally {
      if (saved !== undefined) process.env.LREW_FAULT_DIR = saved;
    }
  });
});
