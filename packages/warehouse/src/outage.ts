// Simulated ClickHouse faults at the client boundary, for the fault suite and `./lrew chaos`, each a
// switchable fault (see faultOn in @lrew/telemetry):
//   clickhouse-down       every call fails the way a refused connection does, so the code above sees
//                         exactly what a stopped server would give it (a retryable error from
//                         insert/query/command/exec, an unsuccessful ping);
//   clickhouse-disk-full  inserts fail as ClickHouse refuses them when its disk is full (243
//                         NOT_ENOUGH_SPACE); reads and pings still work, as they do on a full disk.
import type { ClickHouseClient } from "@clickhouse/client";
import { faultOn } from "@lrew/telemetry";

const CALLS = new Set<PropertyKey>(["insert", "query", "command", "exec"]);

/** The error a TCP connect to a stopped server gives (Node's ECONNREFUSED). */
export function connectionRefused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED (simulated ClickHouse outage: LREW_FAULT_DIR/clickhouse-down)"), {
    code: "ECONNREFUSED",
  });
}

/** The error ClickHouse gives when it cannot reserve disk space for the part an insert writes. */
export function notEnoughSpace(): Error {
  return Object.assign(new Error("Cannot reserve 1.00 MiB, not enough space (simulated full disk: LREW_FAULT_DIR/clickhouse-disk-full)"), {
    code: "243",
    type: "NOT_ENOUGH_SPACE",
  });
}

export interface ClientFaults {
  down: () => boolean;
  diskFull: () => boolean;
}

/** client itself when no fault directory is configured; otherwise a view of it that fails while a fault is on. */
export function withOutageFault(client: ClickHouseClient, faults?: Partial<ClientFaults>): ClickHouseClient {
  if (!faults && !process.env.LREW_FAULT_DIR) return client;
  const down = faults?.down ?? (() => faultOn("clickhouse-down"));
  const diskFull = faults?.diskFull ?? (() => faultOn("clickhouse-disk-full"));
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
        if (prop === "insert" && diskFull()) throw notEnoughSpace();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
