// The memory suite: peak RSS of every process the ingest and sink suites ran, each beside a reference
// process of the same run (the broker, ProducerPerformance).
import type { ResultLine } from "./report.ts";
import type { SuiteContext } from "./suite-context.ts";

export function memoryResults(c: Pick<SuiteContext, "sampler">): ResultLine[] {
  const peaks = c.sampler.peaks();
  const broker = peaks.get("Kafka broker");
  const perf = peaks.get("ProducerPerformance (JVM)");
  const lines: ResultLine[] = [];
  const push = (name: string, refName: string, ref: number | undefined, note?: string) => {
    const v = peaks.get(name);
    if (v === undefined) return;
    const line: ResultLine = { suite: "memory", name: `${name}, peak RSS`, value: v, unit: "bytes" };
    if (ref !== undefined) line.reference = { name: refName, value: ref };
    if (note) line.note = note;
    lines.push(line);
  };
  if (broker !== undefined)
    lines.push({ suite: "memory", name: "Kafka broker, peak RSS", value: broker, unit: "bytes", note: "JVM, -Xmx512m" });
  push("ingest", "ProducerPerformance", perf);
  push("sink", "Kafka broker", broker, "includes embedded ClickHouse (chDB)");
  push("load generator", "ProducerPerformance", perf);
  push("ProducerPerformance (JVM)", "Kafka broker", broker);
  return lines;
}
