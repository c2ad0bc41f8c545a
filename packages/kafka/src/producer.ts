// The one way lrew writes to Kafka: idempotent, acks=all, one request in flight per producer (so
// retries can neither duplicate nor reorder per-enterprise events). These settings are fixed here,
// after any option a caller could pass, so configuration cannot weaken them.
//
// Each topic has a lane of its own (TopicLane): its own kafkajs producer, its own queue, one produce
// request in flight. Order only matters within a partition, and a partition belongs to one topic,
// so a long queue on one topic (the dead letters of a large careless batch) never holds another
// topic's sends back. Within a lane, sends go out in the order they were made, and the sends that
// arrive while a request is in flight go together in the next one (a group commit: produce-plan.ts),
// so many small concurrent sends (ingest's single-event requests) cost one round trip per group,
// not per send. A send resolves once every one of its messages is acknowledged; a request that
// fails rejects every send it carried a message of, so nothing is reported written that was not
// acknowledged.
//
// kafkajs keeps an idempotent producer's sequence numbers in the client and rolls them back when a
// produce request fails. If the request had in fact been written (the broker stopped, or the
// connection dropped, after the write and before the answer), client and broker disagree from then
// on: the next batch to that partition is refused as out of order, on every send until the process
// restarts; or, when it has as many records as the lost answer's batch, the broker takes it for a
// duplicate and acknowledges it without writing it. So a failed request retires its lane's producer
// and the lane's next request connects a fresh one (a new producer id, sequences from zero), and a
// lane's requests run one at a time, so that no batch can take a sequence number a failing batch is
// still retrying with.
//
// kafkajs can also resolve a send that one partition never got (unacknowledgedPartitions, seen on a
// three-broker cluster losing a partition's leader mid-request): each lane's partitioner notes the
// partitions a request's messages go to, and a request is acknowledged only when every one of them
// answered without error; otherwise it fails like any other (its sends rejected, the producer retired).
import { CompressionTypes, Partitioners, type Admin, type ISocketFactory, type Kafka, type Producer } from "kafkajs";
import type { RetryableError } from "@lrew/errors";
import { histogram } from "@lrew/telemetry";
import { createKafka } from "./client.ts";
import { classifyKafkaError, KafkaUnavailableError } from "./errors.ts";
import { messageBytes, messageParts, planProduceRequest, unacknowledgedPartitions, type QueuedSizes } from "./produce-plan.ts";
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
const requestSends = histogram(
  "lrew_kafka_produce_request_sends",
  "Sends carried by one produce request (more than one: sends that waited while another request was in flight)",
  [],
  [1, 2, 4, 8, 16, 32, 64, 128, 256],
);

/** A send waiting in its topic's queue, or partly carried by earlier requests. */
interface QueuedSend extends QueuedSizes {
  messages: OutgoingMessage[];
  resolve(): void;
  reject(err: unknown): void;
}

export class EventProducer implements EventPublisher {
  readonly #kafka: Kafka;
  readonly #admin: Admin;
  readonly #lanes = new Map<string, TopicLane>();
  #closed = false;
  #readyCache: { at: number; ok: boolean } | undefined;

  private constructor(kafka: Kafka, admin: Admin) {
    this.#kafka = kafka;
    this.#admin = admin;
  }

  /** Connects to the cluster (failing fast when it is unavailable); each topic's producer connects with its first send. */
  static async connect(settings: KafkaSettings, component: string, options: ProducerOptions = {}): Promise<EventProducer> {
    const kafka = createKafka(settings, component, options.socketFactory);
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (err) {
      await admin.disconnect().catch(() => undefined);
      throw classifyKafkaError(err);
    }
    return new EventProducer(kafka, admin);
  }

  send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    if (this.#closed) return Promise.reject(new KafkaUnavailableError("Kafka unavailable: the producer is disconnected"));
    let lane = this.#lanes.get(topic);
    if (!lane) {
      lane = new TopicLane(this.#kafka, topic);
      this.#lanes.set(topic, lane);
    }
    return lane.send(messages);
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
    await Promise.allSettled([...[...this.#lanes.values()].map((l) => l.close()), this.#admin.disconnect()]);
  }
}

/** The sends to one topic: a kafkajs producer of its own, one produce request in flight, the sends queued meanwhile coalesced. */
class TopicLane {
  readonly #kafka: Kafka;
  readonly #topic: string;
  /** undefined until the first request, and after a failed one until the next has connected a fresh one. */
  #producer: Producer | undefined;
  /** Sends not yet fully acknowledged, in the order they were made. */
  #queue: QueuedSend[] = [];
  /** The loop sending the queue, while it has anything. */
  #draining: Promise<void> | undefined;
  /** The partitions the request in flight sends to (its partitioner notes them; one request at a time). */
  #partitions = new Set<number>();

  constructor(kafka: Kafka, topic: string) {
    this.#kafka = kafka;
    this.#topic = topic;
  }

  send(messages: OutgoingMessage[]): Promise<void> {
    const stop = ackLatency.startTimer({ topic: this.#topic });
    const acknowledged = new Promise<void>((resolve, reject) => {
      this.#queue.push({ messages, sizes: messages.map(messageBytes), parts: messages.map(messageParts), sent: 0, resolve, reject });
    });
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
    return acknowledged.finally(stop);
  }

  /** Sends the queue, one produce request at a time, until it is empty. */
  async #drain(): Promise<void> {
    // Sends made in the same tick as the first go in its request.
    await Promise.resolve();
    while (this.#queue.length > 0) {
      try {
        this.#producer ??= await connectProducer(this.#kafka, (partition) => this.#partitions.add(partition));
      } catch (err) {
        // Every queued send would wait for the same broker: they all fail now, and the next send tries again.
        const failed = this.#queue;
        this.#queue = [];
        for (const s of failed) s.reject(err);
        return;
      }
      await this.#sendNextRequest(this.#producer);
    }
  }

  async #sendNextRequest(producer: Producer): Promise<void> {
    const parts = planProduceRequest(this.#queue);
    const carried = parts.length; // the queue's first `carried` sends have messages in this request
    this.#partitions.clear();
    try {
      const acks = await producer.send({
        topic: this.#topic,
        acks: -1,
        compression: CompressionTypes.None,
        // An OutgoingMessage is a kafkajs Message (key, value, headers): passed as it is.
        messages: parts.flatMap((p) => this.#queue[p.send]!.messages.slice(p.from, p.to)),
      });
      const missing = unacknowledgedPartitions(this.#partitions, acks);
      if (missing.length > 0) {
        throw new KafkaUnavailableError(
          `Kafka unavailable: no acknowledgement for partition(s) ${missing.join(", ")} of ${this.#topic} (their leader changed during the request)`,
        );
      }
    } catch (err) {
      this.#retire();
      const failure = classifyKafkaError(err);
      for (const s of this.#queue.splice(0, carried)) s.reject(failure);
      return;
    }
    requestSends.observe(carried);
    const last = parts.at(-1)!;
    this.#queue[last.send]!.sent = last.to;
    const done = last.to === this.#queue[last.send]!.sizes.length ? carried : carried - 1;
    for (const s of this.#queue.splice(0, done)) s.resolve();
  }

  /** Nothing else is in flight on it (requests run one at a time), so it can go at once. */
  #retire(): void {
    const producer = this.#producer;
    this.#producer = undefined;
    void producer?.disconnect().catch(() => undefined);
  }

  /** Waits for the queued sends, then disconnects. */
  async close(): Promise<void> {
    await this.#draining;
    await this.#producer?.disconnect().catch(() => undefined);
  }
}

/** A kafkajs producer whose partitioner (Kafka's default: murmur2 of the key) tells `onPartition` where each message goes. */
async function connectProducer(kafka: Kafka, onPartition: (partition: number) => void): Promise<Producer> {
  const producer = kafka.producer({
    createPartitioner: () => {
      const partitionOf = Partitioners.DefaultPartitioner();
      return (args) => {
        const partition = partitionOf(args);
        onPartition(partition);
        return partition;
      };
    },
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
