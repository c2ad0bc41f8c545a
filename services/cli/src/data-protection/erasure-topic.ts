// The erasure list's copy in Kafka (<prefix>.erasures.v1, compacted, kept forever): ClickHouse's
// `erasures` table is in every backup, but a backup older than an erasure lacks it, so restore reads
// the erasures made since from here. Keyed by digest; digests only, never a reference.
import { erasuresTopicOf } from "@lrew/contracts";
import { EventProducer, ensureTopics, readTopic, type KafkaSettings } from "@lrew/kafka";
import type { ErasureEntry } from "@lrew/warehouse";

export async function publishErasures(settings: KafkaSettings, entries: readonly ErasureEntry[]): Promise<void> {
  const topic = erasuresTopicOf(settings.topicPrefix);
  await ensureTopics(settings, [topic]);
  const producer = await EventProducer.connect(settings, "erase");
  try {
    await producer.send(
      topic,
      entries.map((e) => ({ key: e.digest, value: JSON.stringify(e) })),
    );
  } finally {
    await producer.disconnect();
  }
}

/** Every erasure recorded in Kafka (the latest record of each digest). */
export async function readErasures(settings: KafkaSettings): Promise<ErasureEntry[]> {
  const topic = erasuresTopicOf(settings.topicPrefix);
  await ensureTopics(settings, [topic]);
  const byDigest = new Map<string, ErasureEntry>();
  for (const r of await readTopic(settings, topic)) {
    if (!r.value) continue;
    const e = JSON.parse(r.value.toString("utf8")) as ErasureEntry;
    byDigest.set(e.digest, e);
  }
  return [...byDigest.values()];
}
