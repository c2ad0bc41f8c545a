// A simulated ClickHouse outage at the client boundary, for the fault suite and `./lrew chaos`:
// while the switchable fault `clickhouse-down` is on (see faultOn in @lrew/telemetry), every call
// fails the way a refused connection does, so the code above sees exactly what a stopped server
// would give it (a retryable error from insert/query/command/exec, an unsuccessful ping).
import type { ClickHouseClient } from "@clickhouse/client";
import { faultOn } from "@lrew/telemetry";

const CALLS = new Set<PropertyKey>(["insert", "query", "command", "exec"]);

/** The error a TCP connect to a stopped server gives (Node's ECONNREFUSED). */
export function connectionRefused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED (simulated ClickHouse outage: LREW_FAULT_DIR/clickhouse-down)"), {
    code: "ECONNREFUSED",
  });
}

/** client itself when no fault directory is configured; otherwise a view of it that fails while the fault is on. */
export function withOutageFault(client: ClickHouseClient, isDown?: () => boolean): ClickHouseClient {
  if (!isDown && !process.env.LREW_FAULT_DIR) return client;
  const down = isDown ?? (() => faultOn("clickhouse-down"));
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "ping") {
        return async (...args: unknown[]) =>
          down() ? { success: false, error: connectionRefused() } : (value as (...a: unknown[]) => unknown).apply(target, args);
      }
      if (!CALLS.has(prop)) return (value as (...a: unknown[]) => unknown).bind(target);
      return async (...args: unknown[]) => {
        if (down()) throw connectionRefused();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
