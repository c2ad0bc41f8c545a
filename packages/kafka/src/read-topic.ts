// Reads a whole topic as it stands now (up to each partition's high watermark). For operators'
// tools (inspecting or replaying dead letters) and tests; not for the pipeline's own consumption.
import { randomUUID } from "node:crypto";
import { decodeHeaders, type ConsumedMessage } from "./batches.ts";
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import type { KafkaSettings } from "./settings.ts";

export interface TopicRecord extends ConsumedMessage {
  partition: number;
}

export async function readTopic(settings: KafkaSettings, topic: string, opts: { timeoutMs?: number } = {}): Promise<TopicRecord[]> {
  const kafka = createKafka(settings, "reader");
  const admin = kafka.admin();
  await admin.connect().catch((err: unknown) => {
    throw classifyKafkaError(err);
  });
  const groupId = `lrew-reader-${randomUUID()}`;
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map<number, bigint>();
    for (const p of ends) {
      const start = BigInt(p.low);
      const end = BigInt(p.high);
      if (end > start) remaining.set(p.partition, end);
    }
    if (remaining.size === 0) return [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
    const records: TopicRecord[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`readTopic(${topic}): timed out after ${opts.timeoutMs ?? 30_000} ms`)),
          opts.timeoutMs ?? 30_000,
        );
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined) return;
            records.push({
              partition,
              offset: message.offset,
              key: message.key ?? null,
              value: message.value ?? null,
              headers: decodeHeaders(message.headers as Record<string, unknown> | undefined),
              timestamp: message.timestamp,
            });
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
