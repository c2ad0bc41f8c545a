// The producer against a real broker whose answers to produce requests are cut off: the batch is
// written, the client only sees its connection drop (as when a broker stops between writing and
// answering). Whatever was acknowledged afterwards must be in the topic, and sending must work again
// without a restart.
import net from "node:net";
import type { ISocketFactory } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { kafkaBrokers, uniqueTopicPrefix } from "../../../test/infra/index.ts";
import { KafkaUnavailableError } from "./errors.ts";
import { EventProducer, type OutgoingMessage } from "./producer.ts";
import { readTopic } from "./read-topic.ts";
import type { KafkaSettings } from "./settings.ts";
import { ensureTopics } from "./topics.ts";

const PRODUCE_API_KEY = 0;

/**
 * Real connections to the broker. While `cutting`, a produce request still reaches the broker, but
 * its answer is swallowed and the connection fails, every time kafkajs retries, until the send gives up.
 */
function answerCutter() {
  /** produced: produce requests written; onProduce: called as each is written (before its answer can arrive). */
  const state = { cutting: false, cut: 0, produced: 0, onProduce: undefined as (() => void) | undefined };
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    const socket = net.connect({ host, port }, onConnect);
    const awaited = new Set<number>(); // correlation ids of produce requests whose answer is to be cut off
    const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      // A request: int32 size, int16 api key, int16 api version, int32 correlation id, …
      const produce = Buffer.isBuffer(chunk) && chunk.length >= 12 && chunk.readInt16BE(4) === PRODUCE_API_KEY;
      if (produce && state.cutting) awaited.add(chunk.readInt32BE(8));
      const written = write(chunk, ...rest);
      if (produce) {
        state.produced++;
        state.onProduce?.();
      }
      return written;
    }) as typeof socket.write;
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      // An answer: int32 size, int32 correlation id, …
      const data = args[0];
      if (event === "data" && Buffer.isBuffer(data) && data.length >= 8 && awaited.has(data.readInt32BE(4))) {
        state.cut++;
        socket.destroy(new Error("answer cut off by the test"));
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
    return socket;
  };
  return { socketFactory, state };
}

const settings: KafkaSettings = {
  brokers: kafkaBrokers(),
  clientId: "lrew-test",
  topicPrefix: uniqueTopicPrefix(),
  partitions: 3,
  replicationFactor: 1,
};
const topic = topicOf("grievances", settings.topicPrefix);
const cutter = answerCutter();
let producer: EventProducer;

beforeAll(async () => {
  await ensureTopics(settings);
  producer = await EventProducer.connect(settings, "test", { socketFactory: cutter.socketFactory });
});

afterAll(async () => {
  await producer?.disconnect();
});

// One key: every message goes to the same partition, so the batches share one sequence.
const messages = (name: string, n: number): OutgoingMessage[] =>
  Array.from({ length: n }, (_, i) => ({ key: "5600000001", value: `${name}-${i}` }));

describe("EventProducer when the broker's answer is lost", () => {
  it("sends again at once, and everything acknowledged is in the topic", async () => {
    await producer.send(topic, messages("before", 3));

    cutter.state.cutting = true;
    await expect(producer.send(topic, messages("cut", 3))).rejects.toBeInstanceOf(KafkaUnavailableError);
    cutter.state.cutting = false;
    expect(cutter.state.cut).toBeGreaterThan(0);

    // kafkajs alone rolls its sequence back here: a smaller batch is then refused as out of order on
    // every send, and a batch of the cut one's size is acknowledged as its duplicate, unwritten.
    await producer.send(topic, messages("smaller", 2));
    await producer.send(topic, messages("same-size", 3));

    const values = new Set((await readTopic(settings, topic)).map((r) => String(r.value)));
    for (const m of [...messages("before", 3), ...messages("smaller", 2), ...messages("same-size", 3)])
      expect(values, `acknowledged ${String(m.value)} is in the topic`).toContain(m.value);
  });

  it("runs sends one at a time, in the order they were made", async () => {
    const sends = Array.from({ length: 8 }, (_, i) => producer.send(topic, messages(`order-${i}`, 1 + (i % 3))));
    await Promise.all(sends);
    const records = (await readTopic(settings, topic)).map((r) => String(r.value)).filter((v) => v.startsWith("order-"));
    const expected = Array.from({ length: 8 }, (_, i) => messages(`order-${i}`, 1 + (i % 3)).map((m) => m.value)).flat();
    expect(records).toEqual(expected);
  });

  it("sends what was queued while a request was in flight in one next request, in order", async () => {
    const before = cutter.state.produced;
    const queued: Array<Promise<void>> = [];
    cutter.state.onProduce = () => {
      cutter.state.onProduce = undefined;
      for (let i = 1; i < 8; i++) queued.push(producer.send(topic, messages(`group-${i}`, 1 + (i % 3))));
    };
    await producer.send(topic, messages("group-0", 1));
    await Promise.all(queued);
    expect(queued).toHaveLength(7);
    expect(cutter.state.produced - before).toBe(2);
    const records = (await readTopic(settings, topic)).map((r) => String(r.value)).filter((v) => v.startsWith("group-"));
    expect(records).toEqual(Array.from({ length: 8 }, (_, i) => messages(`group-${i}`, 1 + (i % 3)).map((m) => m.value)).flat());
  });

  it("fails every send of a failed request, and acknowledges none of them", async () => {
    cutter.state.cutting = true;
    // Made in one tick: one request carries all three.
    const sends = ["lost-a", "lost-b", "lost-c"].map((name) => producer.send(topic, messages(name, 2)));
    const outcomes = await Promise.allSettled(sends);
    cutter.state.cutting = false;
    for (const o of outcomes) {
      expect(o.status).toBe("rejected");
      if (o.status === "rejected") expect(o.reason).toBeInstanceOf(KafkaUnavailableError);
    }
    await producer.send(topic, messages("after-lost", 3));
    const values = new Set((await readTopic(settings, topic)).map((r) => String(r.value)));
    for (const m of messages("after-lost", 3)) expect(values).toContain(m.value);
  });

  it("does not hold a send back behind another topic's long queue", async () => {
    const done: string[] = [];
    const deadLetters = Array.from({ length: 5000 }, (_, i) => ({ key: "5600000001", value: `dead-${i}` }));
    const long = producer.send(deadLetterTopicOf("grievances", settings.topicPrefix), deadLetters).then(() => done.push("dead letters"));
    const single = producer.send(topic, messages("beside", 1)).then(() => done.push("event"));
    await Promise.all([long, single]);
    expect(done).toEqual(["event", "dead letters"]);
  });

  it("spreads a send larger than one produce request over several, in order", async () => {
    const before = cutter.state.produced;
    const big = Array.from({ length: 300 }, (_, i) => ({ key: "5600000001", value: `big-${i}-${"x".repeat(10_000)}` }));
    await producer.send(topic, big);
    expect(cutter.state.produced - before).toBeGreaterThan(1);
    const records = (await readTopic(settings, topic)).map((r) => String(r.value)).filter((v) => v.startsWith("big-"));
    expect(records).toEqual(big.map((m) => m.value));
  });

  it("finishes the sends queued before disconnecting, and refuses later ones instead of connecting again", async () => {
    const other = await EventProducer.connect(settings, "test");
    const queued = [other.send(topic, messages("queued-0", 2)), other.send(topic, messages("queued-1", 2))];
    await other.disconnect();
    await Promise.all(queued);
    await expect(other.send(topic, messages("late", 1))).rejects.toBeInstanceOf(KafkaUnavailableError);
    const values = (await readTopic(settings, topic)).map((r) => String(r.value));
    expect(values.filter((v) => v.startsWith("queued-"))).toEqual(["queued-0-0", "queued-0-1", "queued-1-0", "queued-1-1"]);
  });
});
