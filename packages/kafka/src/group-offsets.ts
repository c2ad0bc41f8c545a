// A consumer group's committed offsets, read and set by operators' tools: a backup records the
// sink's, a restore gives them back so the restored pipeline re-reads what arrived after the backup.
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import type { KafkaSettings } from "./settings.ts";

export interface CommittedOffset {
  topic: string;
  partition: number;
  /** The next offset the group reads, as a decimal string; "-1" when it has committed none. */
  offset: string;
}

/** The group's committed offsets of every partition of the topics (those that exist). */
export async function groupOffsets(settings: KafkaSettings, groupId: string, topics: string[]): Promise<CommittedOffset[]> {
  const admin = createKafka(settings, "offsets").admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const committed = await admin.fetchOffsets({ groupId, topics: topics.filter((t) => existing.has(t)) });
    return committed
      .flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.offset })))
      .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Sets the group's committed offsets (partitions with "-1" are left as they are). Kafka refuses
 * while a member of the group is running: stop the consumers first.
 */
export async function setGroupOffsets(settings: KafkaSettings, groupId: string, offsets: readonly CommittedOffset[]): Promise<void> {
  const admin = createKafka(settings, "offsets").admin();
  try {
    await admin.connect();
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const o of offsets) {
      if (o.offset === "-1") continue;
      byTopic.set(o.topic, [...(byTopic.get(o.topic) ?? []), { partition: o.partition, offset: o.offset }]);
    }
    for (const [topic, partitions] of byTopic) await admin.setOffsets({ groupId, topic, partitions });
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
