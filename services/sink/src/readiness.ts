// Whether the sink can do its work now, and if not, why: what /readyz answers (pure).
export type NotReadyReason = "kafka_unavailable" | "clickhouse_unavailable" | "disk_full";

export type Readiness = { ready: true } | { ready: false; reason: NotReadyReason };

/**
 * A full disk is named first: ClickHouse then answers pings and reads while refusing every insert,
 * so "ClickHouse answers" alone would call a sink that stores nothing ready.
 */
export function sinkReadiness(now: { kafka: boolean; clickhouse: boolean; waitingForSpace: boolean }): Readiness {
  if (!now.clickhouse) return { ready: false, reason: "clickhouse_unavailable" };
  if (now.waitingForSpace) return { ready: false, reason: "disk_full" };
  if (!now.kafka) return { ready: false, reason: "kafka_unavailable" };
  return { ready: true };
}
