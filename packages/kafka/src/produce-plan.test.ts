import { describe, expect, it } from "vitest";
import { messageBytes, planProduceRequest } from "./produce-plan.ts";

const queued = (...sizes: number[][]) => sizes.map((s) => ({ topic: "t", sizes: s, sent: 0 }));

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

  it("stops at `maxMessages` messages too", () => {
    expect(planProduceRequest(queued([1, 1], [1, 1, 1]), 100, 3)).toEqual([
      { send: 0, from: 0, to: 2 },
      { send: 1, from: 0, to: 1 },
    ]);
  });

  it("goes on from where the previous request stopped", () => {
    expect(
      planProduceRequest(
        [
          { topic: "t", sizes: [30, 30, 30], sent: 2 },
          { topic: "t", sizes: [10], sent: 0 },
        ],
        100,
      ),
    ).toEqual([
      { send: 0, from: 2, to: 3 },
      { send: 1, from: 0, to: 1 },
    ]);
  });

  it("takes from each topic in turn, so a long queue on one does not hold another back; each topic keeps its order", () => {
    const queue = [
      { topic: "dead-letters", sizes: [10, 10, 10, 10, 10, 10], sent: 0 },
      { topic: "events", sizes: [10], sent: 0 },
      { topic: "dead-letters", sizes: [10], sent: 0 },
      { topic: "events", sizes: [10, 10], sent: 0 },
    ];
    expect(planProduceRequest(queue, 1000, 5)).toEqual([
      { send: 0, from: 0, to: 3 },
      { send: 1, from: 0, to: 1 },
      { send: 3, from: 0, to: 1 },
    ]);
    expect(planProduceRequest([{ ...queue[0]!, sent: 5 }, ...queue.slice(1)], 1000, 4)).toEqual([
      { send: 0, from: 5, to: 6 },
      { send: 1, from: 0, to: 1 },
      { send: 2, from: 0, to: 1 },
      { send: 3, from: 0, to: 1 },
    ]);
  });

  it("sends a message larger than the limit alone rather than never", () => {
    expect(planProduceRequest(queued([500, 10], [10]), 100)).toEqual([{ send: 0, from: 0, to: 1 }]);
    expect(planProduceRequest([], 100)).toEqual([]);
  });
});

describe("messageBytes", () => {
  it("counts key, value (UTF-8 bytes) and headers, plus the record's framing", () => {
    const plain = messageBytes({ key: "5600123456", value: "{}" });
    expect(plain).toBe(10 + 2 + 64);
    expect(messageBytes({ key: "5600123456", value: "Điện" })).toBe(plain - 2 + Buffer.byteLength("Điện"));
    expect(messageBytes({ key: "5600123456", value: Buffer.alloc(7) })).toBe(plain - 2 + 7);
    expect(messageBytes({ key: "5600123456", value: "{}", headers: { a: "bc" } })).toBe(plain + 1 + 2 + 8);
  });
});
