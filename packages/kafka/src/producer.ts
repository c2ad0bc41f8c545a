// The one way lrew writes to Kafka: idempotent, acks=all, one request in flight (so retries can
// neither duplicate nor reorder per-enterprise events). These settings are fixed here, after any
// option a caller could pass, so configuration cannot weaken them.
import { CompressionTypes, Partitioners, type Admin, type Producer } from "kafkajs";
import type { RetryableError } from "@lrew/errors";
import { histogram } from "@lrew/telemetry";
import { createKafka } from "./client.ts";
import { classifyKafkaError } from "./errors.ts";
import type { KafkaSettings } from "./settings.ts";

export interface OutgoingMessage {
  /** enterprise_id: all events of one enterprise land in one partition, in order. */
  key: string;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface EventPublisher {
  /** Resolves only when every message is acknowledged by all in-sync replicas. */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /** True when the broker answers a metadata request now. */
  isReady(): Promise<boolean>;
}

const ackLatency = histogram("lrew_kafka_produce_ack_seconds", "Time from send to acks=all acknowledgement", ["topic"]);

export class EventProducer implements EventPublisher {
  #producer: Producer;
  #admin: Admin;
  #readyCache: { at: number; ok: boolean } | undefined;

  private constructor(producer: Producer, admin: Admin) {
    this.#producer = producer;
    this.#admin = admin;
  }

  static async connect(settings: KafkaSettings, component: string): Promise<EventProducer> {
    const kafka = createKafka(settings, component);
    const producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      // Fail fast enough for an HTTP caller to get a 503 instead of hanging.
      retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 4 },
      idempotent: true,
      maxInFlightRequests: 1,
    });
    const admin = kafka.admin();
    try {
      await producer.connect();
      await admin.connect();
    } catch (err) {
      await producer.disconnect().catch(() => undefined);
      throw classifyKafkaError(err);
    }
    return new EventProducer(producer, admin);
  }

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const stop = ackLatency.startTimer({ topic });
    try {
      await this.#producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })),
      });
    } catch (err) {
      throw classifyKafkaError(err);
    } finally {
      stop();
    }
  }

  /** Sends to several topics and resolves when all are acknowledged; rejects with the first failure. */
  async sendAll(batches: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    const results = await Promise.allSettled(batches.map((b) => this.send(b.topic, b.messages)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason as RetryableError;
  }

  async isReady(): Promise<boolean> {
    const now = Date.now();
    if (this.#readyCache && now - this.#readyCache.at < 1000) return this.#readyCache.ok;
    let ok: boolean;
    try {
      const cluster = await withTimeout(this.#admin.describeCluster(), 2000);
      ok = cluster.brokers.length > 0;
    } catch {
      ok = false;
    }
    this.#readyCache = { at: now, ok };
    return ok;
  }

  async disconnect(): Promise<void> {
    await Promise.allSettled([this.#producer.disconnect(), this.#admin.disconnect()]);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
