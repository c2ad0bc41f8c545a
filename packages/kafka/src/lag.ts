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

/** Pure: messages a topic still holds (sum over partitions of log-end − log-start). */
export function retainedMessages(ends: Array<{ high: string; low: string }>): bigint {
  return ends.reduce((n, e) => n + (BigInt(e.high) > BigInt(e.low) ? BigInt(e.high) - BigInt(e.low) : 0n), 0n);
}

/** Messages each topic holds (dead-letter counts on the dashboard); a missing topic counts 0. */
export async function topicMessageCounts(settings: KafkaSettings, topics: string[]): Promise<Map<string, bigint>> {
  const admin = createKafka(settings, "counts").admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const out = new Map<string, bigint>();
    for (const topic of topics) out.set(topic, existing.has(topic) ? retainedMessages(await admin.fetchTopicOffsets(topic)) : 0n);
    return out;
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
