import { describe, expect, it } from "vitest";
import { StreamBatcher, type Outgoing } from "./batcher.ts";

const ev = (stream: Outgoing["stream"], n: number): Outgoing => ({ stream, key: "5600123456", json: `{"n":${n}}` });

describe("StreamBatcher", () => {
  it("emits a stream's batch when full and keeps streams apart", () => {
    const b = new StreamBatcher(2);
    expect(b.add(ev("grievances", 1))).toBeUndefined();
    expect(b.add(ev("incidents", 2))).toBeUndefined();
    expect(b.add(ev("grievances", 3))?.map((e) => e.json)).toEqual(['{"n":1}', '{"n":3}']);
    expect(b.drain().map((batch) => batch.map((e) => e.json))).toEqual([['{"n":2}']]);
    expect(b.drain()).toEqual([]);
  });
});
