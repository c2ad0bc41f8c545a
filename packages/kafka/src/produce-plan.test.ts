import { describe, expect, it } from "vitest";
import { messageBytes, messageParts, planProduceRequest, unacknowledgedPartitions } from "./produce-plan.ts";

/** Queued sends of messages of the given sizes, one part each. */
const queued = (...sizes: number[][]) => sizes.map((s) => ({ sizes: s, parts: s.map(() => 1), sent: 0 }));

describe("planProduceRequest", () => {
  it("carries every queued send whole while they fit, in order", () => {
    expect(planProduceRequest(queued([10, 10], [10], [5, 5, 5]), 100)).toEqual([
      { send: 0, from: 0, to: 2 },
      { send: 1, from: 0, to: 1 },
      { send: 2, from: 0, to: 3 },
    ]);
  });

  it("stops at the first message that would pass the limit, carrying the part of its send that fits", () => {
    expect(planProduceRequest(queued([40], [30, 30, 30], [10]), 100)).toEqual([
      { send: 0, from: 0, to: 1 },
      { send: 1, from: 0, to: 2 },
    ]);
    expect(planProduceRequest(queued([40, 40], [30, 30], [10]), 100)).toEqual([{ send: 0, from: 0, to: 2 }]);
  });

  it("stops at `maxParts` records and headers too", () => {
    const withHeaders = [
      { sizes: [1, 1], parts: [4, 4], sent: 0 },
      { sizes: [1, 1, 1], parts: [9, 9, 9], sent: 0 },
    ];
    expect(planProduceRequest(withHeaders, 100, 20)).toEqual([
      { send: 0, from: 0, to: 2 },
      { send: 1, from: 0, to: 1 },
    ]);
  });

  it("goes on from where the previous request stopped", () => {
    const queue = [
      { sizes: [30, 30, 30], parts: [1, 1, 1], sent: 2 },
      { sizes: [10], parts: [1], sent: 0 },
    ];
    expect(planProduceRequest(queue, 100)).toEqual([
      { send: 0, from: 2, to: 3 },
      { send: 1, from: 0, to: 1 },
    ]);
  });

  it("sends a message larger than the limit alone rather than never", () => {
    expect(planProduceRequest(queued([500, 10], [10]), 100)).toEqual([{ send: 0, from: 0, to: 1 }]);
    expect(planProduceRequest([], 100)).toEqual([]);
  });
});

describe("messageBytes and messageParts", () => {
  it("count key, value (UTF-8 bytes) and headers, plus the record's framing; the record and each header", () => {
    const plain = messageBytes({ key: "5600123456", value: "{}" });
    expect(plain).toBe(10 + 2 + 64);
    expect(messageBytes({ key: "5600123456", value: "Điện" })).toBe(plain - 2 + Buffer.byteLength("Điện"));
    expect(messageBytes({ key: "5600123456", value: Buffer.alloc(7) })).toBe(plain - 2 + 7);
    expect(messageBytes({ key: "5600123456", value: "{}", headers: { a: "bc" } })).toBe(plain + 1 + 2 + 8);
    expect(messageParts({ key: "k", value: "v" })).toBe(1);
    expect(messageParts({ key: "k", value: "v", headers: { a: "1", b: "2", c: "3" } })).toBe(4);
  });
});

describe("unacknowledgedPartitions", () => {
  const ack = (partition: number, errorCode = 0) => ({ partition, errorCode });

  it("is empty when every partition the messages went to answered", () => {
    expect(unacknowledgedPartitions([0, 2, 1, 2], [ack(1), ack(0), ack(2)])).toEqual([]);
  });

  it("names a partition kafkajs resolved the send without (its leader moved to a broker that had already answered)", () => {
    // Partitions 0 and 2 led by broker 1, partition 1 by broker 3; broker 3 dies mid-request and
    // partition 1's new leader is broker 1, whose answer kafkajs already holds: no retry, no ack for 1.
    expect(unacknowledgedPartitions([0, 1, 2], [ack(0), ack(2)])).toEqual([1]);
  });

  it("does not count an answer with an error as an acknowledgement", () => {
    expect(unacknowledgedPartitions([0, 1], [ack(0), ack(1, 6)])).toEqual([1]);
  });
});
