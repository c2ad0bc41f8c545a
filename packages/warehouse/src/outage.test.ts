import type { ClickHouseClient } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { classifyError } from "./errors.ts";
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
    const c = withOutageFault(fakeClient(calls), () => down);
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
