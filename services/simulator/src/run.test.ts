import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { worldEvents } from "@lrew/simulator";
import type { Outgoing } from "./batcher.ts";
import type { Delivery, DeliveryStats } from "./delivery.ts";
import { arrivedBy, runSimulation } from "./run.ts";

/** Collects what would be sent, in order, with the (fake) time it was sent at. */
class Recorder implements Delivery {
  readonly stats: DeliveryStats = { sent: 0, accepted: 0, rejected: 0, retries: 0 };
  readonly sent: Array<{ at: number; batch: Outgoing[] }> = [];
  readonly clock: () => number;
  constructor(clock: () => number) {
    this.clock = clock;
  }
  async send(batch: Outgoing[]): Promise<void> {
    this.sent.push({ at: this.clock(), batch });
    this.stats.sent += batch.length;
    this.stats.accepted += batch.length;
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

const params = { seed: 3, enterprises: 40, days: 60, start: "2026-01-01" };
const dir = () => mkdtempSync(path.join(os.tmpdir(), "lrew-run-"));

describe("runSimulation", () => {
  it("delivers every generated event in per-stream batches and writes the truth to its file only", async () => {
    const d = dir();
    const rec = new Recorder(Date.now);
    const summary = await runSimulation({
      params,
      delivery: rec,
      truthFile: path.join(d, "truth.ndjson"),
      referenceDir: path.join(d, "ref"),
      batchSize: 25,
    });
    const expected = [...worldEvents(params)].map((e) => e.json);
    const sent = rec.sent.flatMap((s) => s.batch.map((e) => e.json));
    expect(sent.sort()).toEqual(expected.sort());
    expect(summary.events).toBe(expected.length);
    for (const { batch } of rec.sent) {
      expect(batch.length).toBeLessThanOrEqual(25);
      expect(new Set(batch.map((e) => e.stream)).size).toBe(1);
    }
    const truth = readFileSync(path.join(d, "truth.ndjson"), "utf8").trim().split("\n");
    expect(truth).toHaveLength(summary.truthRecords);
    // no field of the hidden model leaks into what the pipeline receives
    const keys = new Set(sent.flatMap((line) => Object.keys(JSON.parse(line) as object)));
    for (const hidden of ["state", "hidden_state", "truth", "distress"]) expect(keys.has(hidden)).toBe(false);
  });

  it("on the live clock, holds back events until their simulated time has come", async () => {
    const d = dir();
    // A fake clock that advances one real second per reading: with speed 86,400 a simulated day
    // passes per reading, so later events must be sent at later (fake) times.
    let fake = Date.parse("2026-01-01T00:00:00+07:00");
    const now = () => (fake += 1000);
    const rec = new Recorder(() => fake);
    await runSimulation({
      params,
      delivery: rec,
      truthFile: path.join(d, "t.ndjson"),
      referenceDir: path.join(d, "ref"),
      batchSize: 1,
      live: { speed: 86_400, now },
    });
    const times = rec.sent.map((s) => s.at);
    expect(times.length).toBeGreaterThan(10);
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(30_000); // spread over the clock, not sent at once
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    // Sent ahead of its simulated arrival (the clock runs 86,400 times faster): no received_at, ingest stamps it.
    const early = rec.sent.flatMap((s) => s.batch).filter((e) => !("received_at" in JSON.parse(e.json)));
    expect(early.length).toBeGreaterThan(0);
  });

  it("sends history with its simulated arrival as received_at, and an arrival still ahead of the clock without it", () => {
    const json = JSON.stringify({ event_id: "x", received_at: "2026-01-05T10:00:00+07:00" });
    const arrival = Date.parse("2026-01-05T10:00:00+07:00");
    expect(arrivedBy(json, arrival, arrival)).toBe(json);
    expect(arrivedBy(json, arrival, arrival + 1)).toBe(json);
    expect(JSON.parse(arrivedBy(json, arrival, arrival - 1))).toEqual({ event_id: "x" });
  });
});
