// Consumer-group lag: how many messages of the given topics a group has not yet committed.
// Operators see it in metrics; tests use it to know when the sink has caught up.
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import type { KafkaSettings } from "./settings.ts";

export interface PartitionLag {
  topic: string;
  partition: number;
  committed: bigint;
  end: bigint;
  lag: bigint;
}

/** Pure: lag per partition from committed offsets ("-1" when none) and log-end offsets. */
export function computeLag(
  committed: Array<{ topic: string; partition: number; offset: string }>,
  ends: Array<{ topic: string; partition: number; high: string; low: string }>,
): PartitionLag[] {
  const byKey = new Map(committed.map((c) => [`${c.topic}/${c.partition}`, c.offset]));
  return ends.map((e) => {
    const c = byKey.get(`${e.topic}/${e.partition}`);
    const start = c === undefined || c === "-1" ? BigInt(e.low) : BigInt(c);
    const end = BigInt(e.high);
    return { topic: e.topic, partition: e.partition, committed: start, end, lag: end > start ? end - start : 0n };
  });
}

export async function groupLag(settings: KafkaSettings, groupId: string, topics: string[]): Promise<PartitionLag[]> {
  const admin = createKafka(settings, "lag").admin();
  try {
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics });
    const flatCommitted = committed.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset })));
    const ends = (
      await Promise.all(topics.map(async (topic) => (await admin.fetchTopicOffsets(topic)).map((p) => ({ topic, ...p }))))
    ).flat();
    return computeLag(flatCommitted, ends);
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
