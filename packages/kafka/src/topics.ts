// Topic creation: every stream topic and its dead-letter topic, with the configured partitions.
import { STREAM_NAMES, alertsTopicOf, deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import type { KafkaSettings } from "./settings.ts";

/** The topics lrew uses under a prefix: each stream, its dead letters, and the alerts topic. */
export function lrewTopics(prefix: string): string[] {
  return [...STREAM_NAMES.flatMap((s) => [topicOf(s, prefix), deadLetterTopicOf(s, prefix)]), alertsTopicOf(prefix)];
}

/** Creates the missing topics; existing ones are left as they are. Returns the names created. */
export async function ensureTopics(settings: KafkaSettings, topics: string[] = lrewTopics(settings.topicPrefix)): Promise<string[]> {
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
          configEntries: [{ name: "min.insync.replicas", value: String(Math.min(2, settings.replicationFactor)) }],
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
