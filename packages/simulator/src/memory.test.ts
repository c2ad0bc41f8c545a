import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { generateWorld } from "./generate.ts";

// A memory bound, not a timing threshold: heap after a full collection, sampled when the queue of
// deliveries is fullest (the first delivery of every month), must stay far below what holding the
// world would take (20,000 enterprises × 2 years ≈ 1.2 million events and 0.5 million truth records).
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("memory", () => {
  it("streams 20,000 enterprises over two years in bounded memory", { timeout: 300_000 }, () => {
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let events = 0;
    let truths = 0;
    let month = "";
    for (const r of generateWorld({ enterprises: 20_000, days: 730, seed: 1 })) {
      if (r.kind === "truth") {
        truths++;
        continue;
      }
      events++;
      const m = r.deliverAt.slice(0, 7);
      if (m !== month) {
        month = m;
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    expect(events).toBeGreaterThan(1_000_000);
    expect(truths).toBeGreaterThan(20_000 * 24);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
  });
});
