// Topic creation: every stream topic and its dead-letter topic, with the configured partitions.
import { STREAM_NAMES, alertsTopicOf, deadLetterTopicOf, erasuresTopicOf, topicOf } from "@lrew/contracts";
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import { retryingKafkaCall } from "./retry.ts";
import type { KafkaSettings } from "./settings.ts";

/** The topics lrew uses under a prefix: each stream, its dead letters, the alerts and the erasure list. */
export function lrewTopics(prefix: string): string[] {
  return [
    ...STREAM_NAMES.flatMap((s) => [topicOf(s, prefix), deadLetterTopicOf(s, prefix)]),
    alertsTopicOf(prefix),
    erasuresTopicOf(prefix),
  ];
}

/** Settings of a topic beyond the broker's defaults: the erasure list is compacted and never expires. */
export function topicConfig(topic: string, settings: KafkaSettings): Array<{ name: string; value: string }> {
  const entries = [{ name: "min.insync.replicas", value: String(Math.min(2, settings.replicationFactor)) }];
  if (topic === erasuresTopicOf(settings.topicPrefix)) {
    entries.push({ name: "cleanup.policy", value: "compact" }, { name: "retention.ms", value: "-1" });
  }
  return entries;
}

/** How long each topic keeps its messages (retention.ms; -1 = forever); topics that do not exist are left out. */
export async function topicRetentionMs(settings: KafkaSettings, topics: string[]): Promise<Map<string, number>> {
  const admin = createKafka(settings, "admin").admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const wanted = topics.filter((t) => existing.has(t));
    const out = new Map<string, number>();
    if (wanted.length === 0) return out;
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: wanted.map((name) => ({ type: 2 /* TOPIC */, name, configNames: ["retention.ms"] })),
    });
    for (const r of described.resources) {
      const value = r.configEntries.find((e) => e.configName === "retention.ms")?.configValue;
      if (value !== undefined) out.set(r.resourceName, Number(value));
    }
    return out;
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Creates the missing topics; existing ones are left as they are. Returns the names created. A
 * cluster that has just started, or just lost a broker, answers "does not host this topic-partition"
 * while it elects leaders: that is retried (retryingKafkaCall; creating is idempotent: only what is
 * still missing is created), then reported.
 */
export async function ensureTopics(settings: KafkaSettings, topics: string[] = lrewTopics(settings.topicPrefix)): Promise<string[]> {
  const created: string[] = [];
  await retryingKafkaCall(async () => {
    created.push(...(await ensureTopicsOnce(settings, topics)));
  });
  return created;
}

async function ensureTopicsOnce(settings: KafkaSettings, topics: string[]): Promise<string[]> {
  const admin = createKafka(settings, "admin").admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: settings.partitions,
          replicationFactor: settings.replicationFactor,
          configEntries: topicConfig(topic, settings),
        })),
      });
    }
    return missing;
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface PartitionReplicas {
  partition: number;
  /** node id of the leader (-1 while there is none) */
  leader: number;
  replicas: number[];
  /** in-sync replicas */
  isr: number[];
}

/** Each partition's leader, replicas and in-sync replicas (operators' checks, failover tests). */
export async function partitionReplicas(settings: KafkaSettings, topic: string): Promise<PartitionReplicas[]> {
  const admin = createKafka(settings, "admin").admin();
  try {
    await admin.connect();
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    return (md.topics[0]?.partitions ?? [])
      .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
      .sort((a, b) => a.partition - b.partition);
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Pure: the partition of Kafka's __consumer_offsets topic that holds a group, whose leader is the
 * group's coordinator: Kafka's `Utils.abs(groupId.hashCode()) % partitions`, with Java's String hashCode.
 */
export function offsetsPartitionOf(groupId: string, partitions: number): number {
  let h = 0;
  for (let i = 0; i < groupId.length; i++) h = (Math.imul(h, 31) + groupId.charCodeAt(i)) | 0;
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions;
}

/** The node id of a consumer group's coordinator now (-1 while it has none): failover tests kill it on purpose. */
export async function groupCoordinator(settings: KafkaSettings, groupId: string): Promise<number> {
  const offsets = await partitionReplicas(settings, "__consumer_offsets");
  return offsets[offsetsPartitionOf(groupId, offsets.length)]?.leader ?? -1;
}

/** Each partition's log-end offset (how many messages it has taken). */
export async function topicEnds(settings: KafkaSettings, topic: string): Promise<Map<number, bigint>> {
  const admin = createKafka(settings, "admin").admin();
  try {
    await admin.connect();
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
  } catch (err) {
    throw classifyKafkaError(err);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
