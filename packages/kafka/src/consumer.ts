// The batch consumer loop: kafkajs eachBatch with auto-commit off. The handler decides when a
// message is durable and calls `commit(offset)`; only then does the offset move. A handler that
// throws leaves the offset where it was, so the batch comes back.
import kafkajs, { type Consumer } from "kafkajs";
import { createLogger, gauge } from "@lrew/telemetry";
import { decodeHeaders, commitOffsetAfter, type ConsumedMessage } from "./batches.ts";
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import type { KafkaSettings } from "./settings.ts";

export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
  highWatermark: string;
}

export interface BatchControl {
  /** Marks every message up to and including `offset` as done and commits it to the group now. */
  commit(offset: string): Promise<void>;
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked: stop work, do not commit. */
  isActive(): boolean;
}

export interface BatchConsumerOptions {
  settings: KafkaSettings;
  component: string;
  groupId: string;
  topics: string[];
  handle(batch: ConsumedBatch, control: BatchControl): Promise<void>;
  /** How long the broker may wait to fill a fetch: the time half of "flush by rows or time". */
  maxWaitMs?: number;
  maxBytesPerPartition?: number;
  /** Batches of different partitions handled at once (default 1); one partition's batches always one after another. */
  partitionsConsumedConcurrently?: number;
  sessionTimeoutMs?: number;
}

const lagGauge = gauge("lrew_consumer_lag_messages", "Messages behind the high watermark after the last batch", [
  "group",
  "topic",
  "partition",
]);

// The errors after which kafkajs joins the group again, finding its coordinator first (its isRebalancing).
const REJOIN_TYPES = new Set(["REBALANCE_IN_PROGRESS", "NOT_COORDINATOR_FOR_GROUP", "ILLEGAL_GENERATION", "UNKNOWN_MEMBER_ID"]);

/**
 * Pure: what a failed offset commit is told to kafkajs as. kafkajs looks for the group coordinator
 * again only when it joins, and joins again only after an error it takes for a rebalance; a
 * coordinator that cannot be reached (its broker died) or that answers "not the coordinator" (it
 * came back after another broker took the group over) is therefore told as NOT_COORDINATOR, as the
 * broker itself would. Errors waiting cannot cure (not retriable) pass unchanged.
 */
export function coordinatorLost(err: unknown): unknown {
  const e = err as { type?: string; retriable?: boolean; message?: string } | undefined;
  if (e?.type !== undefined && REJOIN_TYPES.has(e.type)) return err;
  if (e?.retriable !== true) return err;
  // kafkajs' errors are on its CommonJS module object (spread there, so not named ESM exports); a
  // protocol error takes its type, code and retriability from the error it is made from.
  const cause = Object.assign(new Error(`offset commit failed (${e.message ?? String(err)}); finding the group coordinator again`), {
    type: "NOT_COORDINATOR_FOR_GROUP",
    code: 16,
    retriable: true,
  });
  return new kafkajs.KafkaJSProtocolError(cause);
}

/** Pure: messages behind the high watermark once `offset` is done (never negative). */
export function lagAfter(highWatermark: string, offset: string): number {
  const lag = BigInt(highWatermark) - BigInt(offset) - 1n;
  return Number(lag < 0n ? 0n : lag);
}

export class BatchConsumer {
  #consumer: Consumer;
  #stopping = false;

  private constructor(consumer: Consumer) {
    this.#consumer = consumer;
  }

  static async start(o: BatchConsumerOptions): Promise<BatchConsumer> {
    const log = createLogger(o.component);
    const kafka = createKafka(o.settings, o.component);
    const consumer = kafka.consumer({
      groupId: o.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: o.maxWaitMs ?? 1000,
      maxBytesPerPartition: o.maxBytesPerPartition ?? 4 * 1024 * 1024,
      // A fetch brings at most this much in all: room for every partition's share.
      maxBytes: Math.max(10 * 1024 * 1024, 2 * (o.maxBytesPerPartition ?? 0)),
      sessionTimeout: o.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: 3000,
      retry: { initialRetryTime: 300, maxRetryTime: 10_000, retries: Number.MAX_SAFE_INTEGER },
    });
    const self = new BatchConsumer(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: o.topics, fromBeginning: true });
    } catch (err) {
      await consumer.disconnect().catch(() => undefined);
      throw classifyKafkaError(err);
    }
    consumer.on(consumer.events.CRASH, (e) => log.error({ err: e.payload.error, restart: e.payload.restart }, "consumer crashed"));
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const messages: ConsumedMessage[] = batch.messages.map((m) => ({
          offset: m.offset,
          key: m.key ?? null,
          value: m.value ?? null,
          headers: decodeHeaders(m.headers as Record<string, unknown> | undefined),
          timestamp: m.timestamp,
        }));
        const control: BatchControl = {
          isActive: () => isRunning() && !isStale() && !self.#stopping,
          heartbeat,
          // One attempt, through the batch's own commit, never consumer.commitOffsets: that one retries
          // (with this consumer's endless retry) against the group coordinator kafkajs found when it
          // joined, so once that broker dies — or comes back no longer coordinator (NOT_COORDINATOR) —
          // every commit goes to it for ever and the consumer stalls (cluster-failover test). A failed
          // commit leaves the handler instead, told as a lost coordinator (coordinatorLost) so that
          // kafkajs finds the coordinator again and rejoins; the uncommitted batch comes back (the sink
          // finds its events stored, the notifier its deliveries recorded).
          commit: async (offset) => {
            resolveOffset(offset);
            try {
              await commitOffsetsIfNecessary({
                topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: commitOffsetAfter(offset) }] }],
              });
            } catch (err) {
              throw coordinatorLost(err);
            }
          },
        };
        const labels = { group: o.groupId, topic: batch.topic, partition: String(batch.partition) };
        // Before the handler too: while it waits for a dependency (ClickHouse down) the lag is what
        // operators need to see grow, not the figure of the last batch that finished.
        const first = messages[0]?.offset;
        if (first !== undefined) lagGauge.set(labels, lagAfter(batch.highWatermark, String(BigInt(first) - 1n)));
        await o.handle({ topic: batch.topic, partition: batch.partition, messages, highWatermark: batch.highWatermark }, control);
        const last = messages.at(-1)?.offset;
        if (last !== undefined) lagGauge.set(labels, lagAfter(batch.highWatermark, last));
      },
    });
    return self;
  }

  /** Graceful: stop fetching, let the batch in hand finish (its handler commits what is durable), leave the group. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#consumer.stop();
    await this.#consumer.disconnect();
  }
}
