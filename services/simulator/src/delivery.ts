// Where simulated events go: the ingest API (batched HTTP, as a real provider sends them) or
// straight into Kafka (as a provider's own connector would). Files are written by the simulator
// package's writers.
import { topicOf } from "@lrew/contracts";
import { IngestClient } from "@lrew/ingest-client";
import { EventProducer, acceptEvent, type KafkaSettings, type OutgoingMessage } from "@lrew/kafka";
import type { Outgoing } from "./batcher.ts";

export interface DeliveryStats {
  sent: number;
  accepted: number;
  rejected: number;
  retries: number;
}

export interface Delivery {
  /** Queues one batch (all of one stream); resolves once there is room for the next. */
  send(batch: Outgoing[]): Promise<void>;
  /** Waits until everything queued is acknowledged. */
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly stats: DeliveryStats;
}

/** Runs at most `limit` tasks at once; `run` resolves when the task has started. */
class Pool {
  #inFlight = new Set<Promise<void>>();
  #limit: number;
  #failure: unknown;

  constructor(limit: number) {
    this.#limit = limit;
  }

  async run(task: () => Promise<void>): Promise<void> {
    while (this.#inFlight.size >= this.#limit) await Promise.race(this.#inFlight);
    if (this.#failure) throw this.#failure;
    const p: Promise<void> = task()
      .catch((err: unknown) => {
        this.#failure ??= err;
      })
      .finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  }

  async drain(): Promise<void> {
    await Promise.all(this.#inFlight);
    if (this.#failure) throw this.#failure;
  }
}

export class HttpDelivery implements Delivery {
  readonly stats: DeliveryStats = { sent: 0, accepted: 0, rejected: 0, retries: 0 };
  #pool: Pool;
  #client: IngestClient;

  constructor(o: { baseUrl: string; apiKey: string; concurrency?: number }) {
    this.#client = new IngestClient({ baseUrl: o.baseUrl, apiKey: o.apiKey });
    this.#pool = new Pool(o.concurrency ?? 4);
  }

  send(batch: Outgoing[]): Promise<void> {
    return this.#pool.run(async () => {
      const r = await this.#client.post(
        batch[0]!.stream,
        batch.map((e) => e.json),
      );
      this.stats.sent += batch.length;
      this.stats.accepted += r.accepted;
      this.stats.rejected += r.rejected_total;
      this.stats.retries = this.#client.retries;
    });
  }

  flush(): Promise<void> {
    return this.#pool.drain();
  }

  close(): Promise<void> {
    return this.flush();
  }
}

/**
 * Straight into Kafka, skipping the HTTP layer but not lrew's promises: each event becomes the very
 * message ingest would produce (acceptEvent: NFC-normalised, checked against its contract, grievances
 * anonymised with the same HMAC key and masking, the same key and headers). An event the contract
 * refuses is counted as rejected and not sent, as ingest would refuse it.
 */
export class KafkaDelivery implements Delivery {
  readonly stats: DeliveryStats = { sent: 0, accepted: 0, rejected: 0, retries: 0 };
  #producer: EventProducer;
  #prefix: string;
  #hmacKey: string;
  #pool = new Pool(4);

  private constructor(producer: EventProducer, prefix: string, hmacKey: string) {
    this.#producer = producer;
    this.#prefix = prefix;
    this.#hmacKey = hmacKey;
  }

  static async connect(settings: KafkaSettings, hmacKey: string): Promise<KafkaDelivery> {
    return new KafkaDelivery(await EventProducer.connect(settings, "simulator"), settings.topicPrefix, hmacKey);
  }

  send(batch: Outgoing[]): Promise<void> {
    return this.#pool.run(async () => {
      const stream = batch[0]!.stream;
      const messages: OutgoingMessage[] = [];
      // Simulated events carry their simulated arrival as received_at; one without is stamped now, as ingest would.
      const options = { topicPrefix: this.#prefix, hmacKey: this.#hmacKey, lang: "vi" as const, receivedAt: new Date() };
      for (const e of batch) {
        const accepted = acceptEvent(stream, JSON.parse(e.json), options);
        if (accepted.ok) messages.push(accepted.message);
      }
      await this.#producer.send(topicOf(stream, this.#prefix), messages);
      this.stats.sent += batch.length;
      this.stats.accepted += messages.length;
      this.stats.rejected += batch.length - messages.length;
    });
  }

  flush(): Promise<void> {
    return this.#pool.drain();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.#producer.disconnect();
  }
}
