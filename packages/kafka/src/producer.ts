// The one way lrew writes to Kafka: idempotent, acks=all, one request in flight (so retries can
// neither duplicate nor reorder per-enterprise events). These settings are fixed here, after any
// option a caller could pass, so configuration cannot weaken them.
//
// kafkajs keeps an idempotent producer's sequence numbers in the client and rolls them back when a
// produce request fails. If the request had in fact been written (the broker stopped, or the
// connection dropped, after the write and before the answer), client and broker disagree from then
// on: the next batch to that partition is refused as out of order, on every send until the process
// restarts; or, when it has as many records as the lost answer's batch, the broker takes it for a
// duplicate and acknowledges it without writing it. So a failed send retires its producer and the
// next send connects a fresh one (a new producer id, sequences from zero), and sends run one at a
// time, so that no batch can take a sequence number a failing batch is still retrying with.
import { CompressionTypes, Partitioners, type Admin, type ISocketFactory, type Kafka, type Producer } from "kafkajs";
import type { RetryableError } from "@lrew/errors";
import { histogram } from "@lrew/telemetry";
import { createKafka } from "./client.ts";
import { classifyKafkaError, KafkaUnavailableError } from "./errors.ts";
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

export interface ProducerOptions {
  /** How connections to the broker are opened; fault tests pass one that cuts answers off. */
  socketFactory?: ISocketFactory;
}

const ackLatency = histogram("lrew_kafka_produce_ack_seconds", "Time from send to acks=all acknowledgement", ["topic"]);

export class EventProducer implements EventPublisher {
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  /** undefined after a failed send, until the next send has connected a fresh one. */
  #producer: Producer | undefined;
  /** The last send queued; the next one starts when it has settled. */
  #queue: Promise<void> = Promise.resolve();
  #closed = false;
  #readyCache: { at: number; ok: boolean } | undefined;

  private constructor(kafka: Kafka, producer: Producer, admin: Admin) {
    this.#kafka = kafka;
    this.#producer = producer;
    this.#admin = admin;
  }

  static async connect(settings: KafkaSettings, component: string, options: ProducerOptions = {}): Promise<EventProducer> {
    const kafka = createKafka(settings, component, options.socketFactory);
    const producer = await connectProducer(kafka);
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (err) {
      await producer.disconnect().catch(() => undefined);
      throw classifyKafkaError(err);
    }
    return new EventProducer(kafka, producer, admin);
  }

  send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    if (this.#closed) return Promise.reject(new KafkaUnavailableError("Kafka unavailable: the producer is disconnected"));
    const stop = ackLatency.startTimer({ topic });
    const sent = this.#queue.then(() => this.#sendNow(topic, messages)).finally(stop);
    this.#queue = sent.catch(() => undefined);
    return sent;
  }

  async #sendNow(topic: string, messages: OutgoingMessage[]): Promise<void> {
    try {
      this.#producer ??= await connectProducer(this.#kafka);
      await this.#producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })),
      });
    } catch (err) {
      this.#retire();
      throw classifyKafkaError(err);
    }
  }

  /** Nothing else is in flight on it (sends run one at a time), so it can go at once. */
  #retire(): void {
    const producer = this.#producer;
    this.#producer = undefined;
    void producer?.disconnect().catch(() => undefined);
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

  /** Waits for the sends already queued, then closes; later sends are refused. */
  async disconnect(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    await Promise.allSettled([this.#producer?.disconnect(), this.#admin.disconnect()]);
  }
}

async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    // Fail fast enough for an HTTP caller to get a 503 instead of hanging.
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 4 },
    idempotent: true,
    maxInFlightRequests: 1,
  });
  try {
    await producer.connect();
  } catch (err) {
    await producer.disconnect().catch(() => undefined);
    throw classifyKafkaError(err);
  }
  return producer;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
