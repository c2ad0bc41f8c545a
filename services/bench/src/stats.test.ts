import { describe, expect, it } from "vitest";
import {
  growthSteps,
  histogramTotals,
  latenciesPerEvent,
  parseProducerPerformance,
  steadyRate,
  gaugeValue,
  percentile,
  ratePerSecond,
} from "./stats.ts";

describe("percentile", () => {
  it("takes the nearest rank", () => {
    const v = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 99)).toBe(10);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(v[0]).toBe(5); // not sorted in place
  });
  it("handles one value and none", () => {
    expect(percentile([3.5], 99)).toBe(3.5);
    expect(percentile([], 50)).toBeNaN();
  });
  it("rejects a percentile outside 0-100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("ratePerSecond", () => {
  it("divides by seconds", () => {
    expect(ratePerSecond(500, 250)).toBe(2000);
    expect(ratePerSecond(5, 0)).toBeNaN();
  });
});

describe("parseProducerPerformance", () => {
  it("reads the final summary line, and the progress lines as windows", () => {
    const out = [
      "49981 records sent, 9994.2 records/sec (2.40 MB/sec), 2.8 ms avg latency, 243.0 ms max latency.",
      "100000 records sent, 19853.087155 records/sec (4.77 MB/sec), 3.12 ms avg latency, 243.00 ms max latency, 2 ms 50th, 7 ms 95th, 18 ms 99th, 120 ms 99.9th.",
    ].join("\n");
    expect(parseProducerPerformance(out)).toEqual({
      windows: [{ records: 49981, recordsPerSec: 9994.2 }],
      records: 100000,
      recordsPerSec: 19853.087155,
      mbPerSec: 4.77,
      avgLatencyMs: 3.12,
      maxLatencyMs: 243,
      p50Ms: 2,
      p95Ms: 7,
      p99Ms: 18,
      p999Ms: 120,
    });
  });
  it("is undefined without a summary", () => {
    expect(parseProducerPerformance("Exception in thread main")).toBeUndefined();
  });
});

describe("steadyRate", () => {
  it("leaves the first window out and weighs the others by their time", () => {
    const windows = [
      { records: 100_000, recordsPerSec: 20_000 },
      { records: 400_000, recordsPerSec: 80_000 },
      { records: 500_000, recordsPerSec: 100_000 },
    ];
    expect(steadyRate(windows)).toEqual({ recordsPerSec: 90_000, records: 900_000, seconds: 10 });
  });
  it("is undefined when the run was too short to leave two warm windows", () => {
    expect(
      steadyRate([
        { records: 1, recordsPerSec: 1 },
        { records: 1, recordsPerSec: 1 },
      ]),
    ).toBeUndefined();
    expect(steadyRate([])).toBeUndefined();
  });
});

describe("gaugeValue", () => {
  it("reads a gauge, with or without labels", () => {
    const text = ["# HELP x y", "lrew_process_nodejs_eventloop_lag_max_seconds 0.042", 'other{a="b"} 3'].join("\n");
    expect(gaugeValue(text, "lrew_process_nodejs_eventloop_lag_max_seconds")).toBe(0.042);
    expect(gaugeValue(text, "other")).toBe(3);
    expect(gaugeValue(text, "absent")).toBeNaN();
  });
});

describe("histogramTotals", () => {
  it("adds _sum and _count over label sets and ignores buckets and other metrics", () => {
    const text = [
      "# HELP lrew_sink_insert_seconds ClickHouse insert latency",
      "# TYPE lrew_sink_insert_seconds histogram",
      'lrew_sink_insert_seconds_bucket{le="0.1",stream="grievances"} 3',
      'lrew_sink_insert_seconds_sum{stream="grievances"} 0.25',
      'lrew_sink_insert_seconds_count{stream="grievances"} 3',
      'lrew_sink_insert_seconds_sum{stream="incidents"} 1.5',
      'lrew_sink_insert_seconds_count{stream="incidents"} 2',
      "lrew_sink_insert_seconds_total_sum 99",
      "lrew_other_seconds_sum 7",
    ].join("\n");
    expect(histogramTotals(text, "lrew_sink_insert_seconds")).toEqual({ sum: 1.75, count: 5 });
    expect(histogramTotals(text, "lrew_missing")).toEqual({ sum: 0, count: 0 });
    expect(histogramTotals(text, "lrew_sink_insert_seconds", { stream: "incidents" })).toEqual({ sum: 1.5, count: 2 });
  });
});

describe("growthSteps", () => {
  it("gives size and time factors and the exponent per step, sorted by size", () => {
    const steps = growthSteps([
      { size: 10_000, ms: 1000 },
      { size: 1000, ms: 100 },
      { size: 100_000, ms: 100_000 },
    ]);
    expect(steps.map((s) => [s.from, s.to])).toEqual([
      [1000, 10_000],
      [10_000, 100_000],
    ]);
    expect(steps[0]!.sizeFactor).toBe(10);
    expect(steps[0]!.timeFactor).toBe(10);
    expect(steps[0]!.exponent).toBeCloseTo(1);
    expect(steps[1]!.exponent).toBeCloseTo(2);
  });
  it("is empty for fewer than two points", () => {
    expect(growthSteps([{ size: 1, ms: 1 }])).toEqual([]);
  });
});

describe("latenciesPerEvent", () => {
  it("subtracts the acceptance time of each event's request from its done time, skipping unknowns", () => {
    const ids = ["a", "b", "c", "d", "e"];
    const done = new Map([
      ["a", 110],
      ["b", 120],
      ["c", 250],
      ["e", 400],
    ]);
    expect(latenciesPerEvent(ids, 2, [100, 200, Number.NaN], done)).toEqual([10, 20, 50]);
  });
});
