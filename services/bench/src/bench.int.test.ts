// Smoke tests of `./lrew bench` at tiny sizes: its own broker on ports beside the test broker's
// (LREW_TEST_KAFKA_PORT + 2 and + 3), real ingest and sink processes, load generators,
// ProducerPerformance, the abuse scenario, the ClickHouse Kafka engine; scoring workers with their
// own embedded ClickHouse. Checks the shape of the results, never timings.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "@lrew/risk";
import { testKafkaPorts } from "../../../test/infra/native.ts";
import { runBench } from "./index.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "lrew-bench-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const kafkaPort = testKafkaPorts(process.env).port + 2;
const ports = { kafkaPort, controllerPort: kafkaPort + 1 };

describe("runBench memory (ingest and sink)", () => {
  it("measures HTTP → Kafka against warmed ProducerPerformance, the abuse scenario, and the sink against its references", async () => {
    const run = await runBench({
      suite: "memory",
      root,
      home: tmp,
      out: path.join(tmp, "results"),
      referenceRecords: 3000,
      ingestRecords: 300,
      ingestSeconds: 1,
      ingestLoads: [
        { batchSize: 1, concurrency: 4 },
        { batchSize: 100, concurrency: 2 },
      ],
      abuseBodies: 2,
      abuseRecords: 300,
      abuseRate: 20,
      abuseUnloadedSeconds: 1,
      sinkEvents: 3000,
      ...ports,
    });
    expect(run.report.suites.map((s) => [s.suite, s.status, s.note])).toEqual([
      ["ingest", "done", undefined],
      ["sink", "done", undefined],
      ["memory", "done", undefined],
    ]);
    const byName = new Map(run.report.results.map((r) => [r.name, r]));
    for (const name of [
      "ProducerPerformance, default settings, events/s",
      "ProducerPerformance, throughput settings, events/s",
      "HTTP → Kafka, 1/request, 4 in flight, events/s",
      "HTTP → Kafka, 100/request, 2 in flight, p99 latency",
      "abuse: 1 valid event/request at 20/s, alone, p99 latency",
      "abuse: ingest event-loop delay, max",
      "lrew sink vs Kafka engine, events/s",
      "lrew sink vs direct insert, events/s",
      "ingest, peak RSS",
    ])
      expect(byName.has(name), name).toBe(true);
    expect(byName.get("ProducerPerformance, throughput settings, events/s")!.note).toContain(
      "linger.ms=20 batch.size=262144 compression.type=lz4",
    );
    // 3,000 records take less than the three 5-s windows a warm measure needs: the note says so.
    expect(byName.get("ProducerPerformance, default settings, events/s")!.note).toMatch(/too short/);
    const http = byName.get("HTTP → Kafka, 100/request, 2 in flight, events/s")!;
    expect(http.value).toBeGreaterThan(0);
    expect(http.reference?.name).toBe("ProducerPerformance, default settings");
    const beside = byName.get("abuse: 1 valid event/request at 20/s, beside a careless provider, p99 latency")!;
    expect(beside.reference?.name).toBe("alone");
    expect(byName.get("abuse: 2 bodies of 300 invalid records, records/s")!.note).toMatch(
      /all 600 in bench-ingest\.insurance-contributions\.v1\.dead-letter/,
    );
    expect(byName.get("lrew sink vs Kafka engine, events/s")!.reference?.name).toBe("Kafka engine → lrew's table");
    expect(run.table).toMatch(/×/);
    expect(JSON.parse(readFileSync(run.jsonFile, "utf8")).machine.cores).toBeGreaterThan(0);
    expect(readFileSync(run.markdownFile, "utf8")).toContain("| ingest | HTTP → Kafka, 1/request, 4 in flight, events/s |");
  }, 300_000);
});

describe("runBench e2e", () => {
  it("runs ingest and the sink as processes and measures 202 → stored and → scored", async () => {
    const run = await runBench({
      suite: "e2e",
      root,
      home: tmp,
      out: path.join(tmp, "results"),
      e2eRate: 20,
      e2eSeconds: 2,
      e2eBatchSize: 5,
      ...ports,
    });
    expect(run.report.suites.map((s) => [s.suite, s.status, s.note])).toEqual([["e2e", "done", undefined]]);
    const names = run.report.results.map((r) => r.name);
    expect(names).toContain("202 accepted → stored in ClickHouse, p99 latency");
    expect(names).toContain("last 202 accepted → score updated");
    expect(run.report.results.find((r) => r.name === "202 accepted → stored in ClickHouse, p50 latency")!.value).toBeGreaterThan(0);
  }, 300_000);
});

describe("runBench scoring", () => {
  it("scores growing worlds, times the naive reference only once it computed the same features, and states growth", async () => {
    const run = await runBench({
      suite: "scoring",
      root,
      home: tmp,
      out: path.join(tmp, "results"),
      scoringSizes: [120, 60],
      scoringDense: { enterprises: 40, perDay: 3 },
    });
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
    // The frequent run finds the enterprises given new events (1 %: at least one of 120) and rescores only those.
    const frequent = run.report.results.find((r) => r.name === "120 enterprises, frequent run vs full run, s")!;
    expect(frequent.reference?.name).toBe("full scoring run");
    expect(frequent.note).toMatch(
      /: ([1-9][\d,]*) enterprises \(1 %\) reported new events after the full run; it found \1 with events since .* rescored \1 as of/,
    );
    expect(names).toContain("120 enterprises, full scoring run vs naive features, s");
    const dense = run.report.results.find((r) => r.name === "dense world, 40 enterprises, features from daily aggregates vs naive, s")!;
    expect(dense.reference?.name).toBe("naive (raw events)");
    expect(run.totals).toMatch(/^took \d+ s end to end \(scoring \d+ s\); load average /);
  }, 300_000);
});

describe("runBench pages", () => {
  it("times every dashboard page and each list against the latest-row views, in the same run", async () => {
    const run = await runBench({
      suite: "pages",
      root,
      home: tmp,
      out: path.join(tmp, "results"),
      pagesWorld: { enterprises: 150, days: 60 },
    });
    expect(run.report.suites).toEqual([{ suite: "pages", status: "done", seconds: expect.any(Number) }]);
    const byName = new Map(run.report.results.map((r) => [r.name, r]));
    for (const page of [
      "overview",
      "risk list, page 1",
      "risk list, sorted by name",
      "enterprise page",
      "pipeline health",
      "CSV export, high + critical",
    ])
      expect(byName.get(`${page}, median ms`)?.unit, page).toBe("ms");
    for (const list of ["risk list, page 1", "risk list, filtered + search", "risk list, sorted by name", "CSV export, first chunk"]) {
      const r = byName.get(`${list}: latest-state tables vs the latest-row views, ms`);
      expect(r?.reference?.name, list).toBe("join over the latest-row views");
      expect(r!.reference!.value).toBeGreaterThan(0);
    }
    expect(run.report.options.pagesWorld).toEqual({ enterprises: 150, days: 60 });
  }, 300_000);
});
