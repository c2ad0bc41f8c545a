import { describe, expect, it } from "vitest";
import { sinkReadiness } from "./readiness.ts";

describe("sinkReadiness", () => {
  it("is ready only when Kafka and ClickHouse answer and no insert waits for disk space", () => {
    expect(sinkReadiness({ kafka: true, clickhouse: true, waitingForSpace: false })).toEqual({ ready: true });
    expect(sinkReadiness({ kafka: true, clickhouse: true, waitingForSpace: true })).toEqual({ ready: false, reason: "disk_full" });
    expect(sinkReadiness({ kafka: false, clickhouse: true, waitingForSpace: false })).toEqual({
      ready: false,
      reason: "kafka_unavailable",
    });
    expect(sinkReadiness({ kafka: true, clickhouse: false, waitingForSpace: true })).toEqual({
      ready: false,
      reason: "clickhouse_unavailable",
    });
  });
});
