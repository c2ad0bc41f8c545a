// Smoke tests of `./lrew bench ingest` and `./lrew bench scoring` at tiny sizes: its own broker on
// other ports, a real ingest process and load generator, ProducerPerformance; scoring workers with
// their own embedded ClickHouse. Checks the shape of the results, never timings.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "@lrew/risk";
import { runBench } from "./index.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "lrew-bench-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("runBench ingest", () => {
  it("measures HTTP → Kafka against ProducerPerformance and writes JSON and Markdown", async () => {
    const run = await runBench({
      suite: "ingest",
      root,
      home: tmp,
      out: path.join(tmp, "results"),
      ingestRecords: 200,
      batchSizes: [1, 100],
      concurrency: 2,
      kafkaPort: 19492,
      controllerPort: 19493,
    });
    expect(run.report.suites).toContainEqual({ suite: "ingest", status: "done", seconds: expect.any(Number) });
    const names = run.report.results.map((r) => r.name);
    expect(names).toContain("HTTP → Kafka, 1/request, events/s");
    expect(names).toContain("HTTP → Kafka, 100/request, p99 latency");
    expect(names).toContain("ingest, peak RSS");
    const http = run.report.results.find((r) => r.name === "HTTP → Kafka, 100/request, events/s")!;
    expect(http.value).toBeGreaterThan(0);
    expect(http.reference?.name).toBe("ProducerPerformance");
    expect(run.table).toMatch(/×/);
    expect(JSON.parse(readFileSync(run.jsonFile, "utf8")).machine.cores).toBeGreaterThan(0);
    expect(readFileSync(run.markdownFile, "utf8")).toContain("| ingest | HTTP → Kafka, 1/request, events/s |");
  }, 90_000);
});

describe("runBench scoring", () => {
  it("scores growing worlds, times the naive reference only once it computed the same features, and states growth", async () => {
    const run = await runBench({ suite: "scoring", root, home: tmp, out: path.join(tmp, "results"), scoringSizes: [120, 60] });
    expect(run.report.suites).toEqual([{ suite: "scoring", status: "done", seconds: expect.any(Number) }]);
    const names = run.report.results.map((r) => r.name);
    for (const size of [60, 120]) {
      expect(names).toContain(`${size} enterprises, full scoring run, s`);
      expect(names).toContain(`${size} enterprises, features naive from raw events (${FEATURE_NAMES.length} factors), s`);
    }
    const vsNaive = run.report.results.find((r) => r.name === "120 enterprises, features from daily aggregates vs naive, s")!;
    expect(vsNaive.reference?.name).toBe("naive (raw events)");
    const naive = run.report.results.find((r) => r.name.startsWith("120 enterprises, features naive"))!;
    expect(naive.note).toMatch(/identical to the aggregate path in all [\d,]+ values/);
    expect(names).toContain("growth 60 → 120 enterprises, naive features, time factor");
    expect(run.totals).toMatch(/^took \d+ s end to end \(scoring \d+ s\); load average /);
  }, 120_000);
});
