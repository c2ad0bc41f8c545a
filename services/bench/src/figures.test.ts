// The README's figures cannot drift from the committed baselines: they are what write-figures.ts
// renders from them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spliceGenerated } from "@lrew/config";
import { baselineFile, FIGURES_MARKERS, pickBaselines, REGENERATE_FIGURES, renderFigures, type Baseline } from "./figures.ts";
import type { BenchReport } from "./report.ts";
import { BENCH_README, readBaselines } from "./write-figures.ts";

const root = path.resolve(import.meta.dirname, "../../..");

function report(startedAt: string, suite: string, done: string[], value = 1): BenchReport {
  return {
    startedAt,
    seconds: 10,
    machine: { cpuModel: "CPU", cores: 2, memoryBytes: 2 ** 30, os: "Linux", node: "24", java: "17" },
    loadAverage: { start: [1, 1, 1], end: [2, 2, 2] },
    options: { suite },
    suites: done.map((s) => ({ suite: s, status: "done", seconds: 5 })),
    results: done.map((s) => ({ suite: s, name: `${s} figure`, value, unit: "events/s", reference: { name: "ref", value: 2 * value } })),
  };
}

describe("pickBaselines", () => {
  it("takes each suite from the newest baseline that did it", () => {
    const all: Baseline = {
      file: "bench/baselines/2026-12-01-all.json",
      report: report("2026-12-01T10:00:00.000Z", "all", ["ingest", "sink", "scoring"]),
    };
    const sink: Baseline = { file: "bench/baselines/2026-12-02-sink.json", report: report("2026-12-02T10:00:00.000Z", "sink", ["sink"]) };
    expect(pickBaselines([all, sink]).map((p) => [p.baseline.file, p.suites])).toEqual([
      [sink.file, ["sink"]],
      [all.file, ["ingest", "scoring"]],
    ]);
  });
});

describe("renderFigures", () => {
  it("names the baseline file, the machine and the load, then the table with ratios", () => {
    const text = renderFigures([
      { file: "bench/baselines/2026-12-01-all.json", report: report("2026-12-01T10:00:00.000Z", "all", ["ingest"]) },
    ]);
    expect(text).toContain("From [`bench/baselines/2026-12-01-all.json`](../../bench/baselines/2026-12-01-all.json) (ingest)");
    expect(text).toContain("CPU, 2 cores");
    expect(text).toContain("load average 1.00 / 1.00 / 1.00 at the start");
    expect(text).toContain("| ingest | ingest figure | 1.0 events/s | ref: 2.0 events/s | 0.50× |");
  });

  it("says when no run was accepted yet", () => {
    expect(renderFigures([])).toMatch(/No accepted run yet/);
  });

  it("names a run's baseline file by its day and suite", () => {
    expect(baselineFile(report("2026-12-02T03:59:46.000Z", "all", []))).toBe("bench/baselines/2026-12-02-all.json");
  });
});

describe(BENCH_README, () => {
  it("shows the figures of the committed baselines", () => {
    const committed = readFileSync(path.join(root, BENCH_README), "utf8");
    const generated = spliceGenerated(committed, renderFigures(readBaselines(root)), FIGURES_MARKERS);
    expect(committed, `${BENCH_README} is out of date: run ${REGENERATE_FIGURES}`).toBe(generated);
  });
});
