import { describe, expect, it } from "vitest";
import {
  formatRatio,
  formatValue,
  renderMarkdown,
  renderTable,
  renderTotals,
  resultBaseName,
  type BenchReport,
  type ResultLine,
} from "./report.ts";

const results: ResultLine[] = [
  { suite: "ingest", name: "ProducerPerformance, events/s", value: 50000, unit: "events/s" },
  {
    suite: "ingest",
    name: "HTTP → Kafka, 100/request, events/s",
    value: 12500,
    unit: "events/s",
    reference: { name: "ProducerPerformance", value: 50000 },
    breakdown: "server 5 ms/request",
  },
  {
    suite: "memory",
    name: "sink | peak RSS",
    value: 300 * 1024 * 1024,
    unit: "bytes",
    reference: { name: "broker", value: 600 * 1024 * 1024 },
  },
];

describe("formatRatio", () => {
  it("states value / reference", () => {
    expect(formatRatio(12500, 50000)).toBe("0.25×");
    expect(formatRatio(3, 2)).toBe("1.50×");
    expect(formatRatio(250, 10)).toBe("25×");
    expect(formatRatio(1, 3)).toBe("0.33×");
  });
  it("has no ratio without a usable reference", () => {
    expect(formatRatio(1, undefined)).toBe("—");
    expect(formatRatio(1, 0)).toBe("—");
    expect(formatRatio(Number.NaN, 1)).toBe("—");
  });
});

describe("formatValue", () => {
  it("groups thousands and picks decimals", () => {
    expect(formatValue(123456.7, "events/s")).toBe("123,457 events/s");
    expect(formatValue(12.34, "events/s")).toBe("12.3 events/s");
    expect(formatValue(3.456, "ms")).toBe("3.46 ms");
    expect(formatValue(1234, "ms")).toBe("1,234 ms");
    expect(formatValue(512 * 1024 * 1024, "bytes")).toBe("512 MiB");
    expect(formatValue(Number.NaN, "ms")).toBe("n/a");
  });
});

describe("renderTable", () => {
  it("aligns columns and lists suites not done", () => {
    const t = renderTable(results, [{ suite: "e2e", status: "not yet" }]).split("\n");
    expect(t[0]).toMatch(/^suite\s+measure\s+value\s+reference \(same run\)\s+ratio$/);
    expect(t[3]).toContain("ProducerPerformance: 50,000 events/s");
    expect(t[3]).toMatch(/0\.25×$/);
    expect(t[4]).toMatch(/0\.50×$/);
    expect(t.at(-1)).toBe("e2e: not yet");
    expect(t).toContain("  ingest / HTTP → Kafka, 100/request, events/s: server 5 ms/request");
    expect(new Set(t.slice(2, 5).map((l) => l.indexOf("events/s") >= 0 || l.includes("MiB")))).toEqual(new Set([true]));
  });
});

describe("renderMarkdown", () => {
  it("states the machine and escapes pipes", () => {
    const report: BenchReport = {
      startedAt: "2026-11-23T20:40:01.000Z",
      seconds: 95,
      machine: { cpuModel: "AMD EPYC", cores: 2, memoryBytes: 8 * 1024 ** 3, os: "Linux", node: "v24.1.0", java: "21.0.5" },
      options: { ingestRecords: 20000 },
      suites: [{ suite: "scoring", status: "not yet" }],
      results,
    };
    const md = renderMarkdown(report);
    expect(md).toContain("AMD EPYC, 2 cores, 8,192 MiB; Linux; Node.js v24.1.0");
    expect(md).toContain("Java 21.0.5");
    expect(md).toContain("sink \\| peak RSS");
    expect(md).toContain("- scoring: not yet");
    expect(md).toContain("- ingest / HTTP → Kafka, 100/request, events/s: server 5 ms/request");
  });
});

describe("resultBaseName", () => {
  it("is safe in file names", () => {
    expect(resultBaseName(new Date("2026-11-23T20:40:01.123Z"))).toBe("bench-2026-11-23T20-40-01Z");
  });
});

describe("renderTotals", () => {
  const machine = { cpuModel: "AMD EPYC", cores: 2, memoryBytes: 8 * 1024 ** 3, os: "Linux", node: "v24.1.0", java: "21.0.5" };
  it("states the whole run, each timed suite and the load average around it", () => {
    const line = renderTotals({
      seconds: 412.4,
      machine,
      suites: [
        { suite: "ingest", status: "done", seconds: 41.2 },
        { suite: "memory", status: "done" },
        { suite: "scoring", status: "failed", seconds: 300.6 },
      ],
      loadAverage: { start: [1.5, 1, 0.5], end: [3.25, 2, 1] },
    });
    expect(line).toBe(
      "took 412 s end to end (ingest 41 s, scoring 301 s); load average 1.50 / 1.00 / 0.50 at the start, 3.25 / 2.00 / 1.00 at the end (1 / 5 / 15 min, 2 cores)",
    );
  });
  it("is just the total without suite times or load average", () => {
    expect(renderTotals({ seconds: 9, machine, suites: [] })).toBe("took 9 s end to end");
  });
});
