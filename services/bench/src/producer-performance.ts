// The ingest suite's references: Kafka's own org.apache.kafka.tools.ProducerPerformance from the
// same jars, on the same broker, with the same payloads (the simulated events the HTTP loads send,
// picked at random by the tool), acks=all and idempotence as lrew's producer. Twice: at the client's
// default settings, and at the settings a Kafka user picks for throughput. Each run is long
// (`referenceRecords`) and measured once started: its progress windows after the first one
// (steadyRate), so that JVM start-up and an unfilled pipeline do not make it look slow.
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { finishedChildrenCpuMs } from "./cpu.ts";
import { runJava } from "./processes.ts";
import type { ResultLine } from "./report.ts";
import { parseProducerPerformance, steadyRate, type ProducerPerfSummary } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";
import { ensureTopics } from "@lrew/kafka";

export interface ReferenceSettings {
  /** How the result lines name it. */
  name: string;
  /** Producer properties besides bootstrap.servers, acks=all and enable.idempotence=true. */
  props: string[];
}

/** The reference the HTTP loads are compared with: the Java client as it comes. */
export const DEFAULT_SETTINGS: ReferenceSettings = { name: "ProducerPerformance, default settings", props: [] };

/** What a Kafka user sets for throughput: fuller batches, compressed. */
export const THROUGHPUT_SETTINGS: ReferenceSettings = {
  name: "ProducerPerformance, throughput settings",
  props: ["linger.ms=20", "batch.size=262144", "compression.type=lz4"],
};

export interface ProducerReference {
  settings: ReferenceSettings;
  /** Records per second once started (or over the whole run when it was too short to tell). */
  recordsPerSec: number;
  /** CPU time of the JVM (all its threads) per record sent, in µs; NaN without /proc. */
  cpuUsPerRecord: number;
  warmed: boolean;
  summary: ProducerPerfSummary;
}

/** Runs ProducerPerformance with `settings`, sending `payloadFile`'s lines; pushes its result lines. */
export async function runProducerPerformance(
  c: SuiteContext,
  settings: ReferenceSettings,
  payloadFile: string,
  meanRecordBytes: number,
): Promise<ProducerReference> {
  const topic = `bench-producer-performance-${settings === DEFAULT_SETTINGS ? "default" : "throughput"}`;
  await ensureTopics(c.kafka, [topic]);
  const records = c.o.referenceRecords;
  const props = ["acks=all", "enable.idempotence=true", ...settings.props];
  c.progress(`ingest: ${settings.name}: ${records.toLocaleString("en")} records (${props.join(" ")})`);
  const cpuBefore = finishedChildrenCpuMs();
  const run = await runJava(
    [
      "-Xmx256m",
      "-cp",
      path.join(c.libs, "*"),
      "org.apache.kafka.tools.ProducerPerformance",
      "--topic",
      topic,
      "--num-records",
      String(records),
      "--payload-file",
      payloadFile,
      "--throughput",
      "-1",
      "--producer-props",
      `bootstrap.servers=${c.kafka.brokers.join(",")}`,
      ...props,
    ],
    (pid) => c.sampler.watch("ProducerPerformance (JVM)", pid),
  );
  await c.sampler.release("ProducerPerformance (JVM)");
  // It is the only child of this process to finish meanwhile: the children's CPU time grew by its own.
  const cpuUsPerRecord = ((finishedChildrenCpuMs() - cpuBefore) * 1000) / records;
  const summary = parseProducerPerformance(run.output);
  if (run.code !== 0 || !summary) throw new FatalError(`ProducerPerformance failed (exit ${run.code}):\n${run.output.slice(-3000)}`);
  const steady = steadyRate(summary.windows);
  const recordsPerSec = steady?.recordsPerSec ?? summary.recordsPerSec;
  const measured = steady
    ? `measured once started: ${steady.records.toLocaleString("en")} records over ${steady.seconds.toFixed(1)} s after the first 5-s window (whole run ${Math.round(summary.recordsPerSec).toLocaleString("en")} records/s)`
    : "too short to leave two 5-s windows after the first: the whole run, start-up included (raise --records)";
  const line: ResultLine = {
    suite: "ingest",
    name: `${settings.name}, events/s`,
    value: recordsPerSec,
    unit: "events/s",
    note: `${summary.records.toLocaleString("en")} records, payloads the simulated events of the HTTP loads (mean ${meanRecordBytes} B), ${props.join(" ")}; ${measured}`,
  };
  c.results.push(line, {
    suite: "ingest",
    name: `${settings.name}, CPU per record`,
    value: cpuUsPerRecord,
    unit: "µs",
    note: "CPU time of the JVM, all its threads, start-up included, over the records sent: what a shared machine disturbs least",
  });
  if (settings === DEFAULT_SETTINGS)
    c.results.push(
      { suite: "ingest", name: `${settings.name}, p50 latency`, value: summary.p50Ms, unit: "ms", note: "per record, send → ack" },
      { suite: "ingest", name: `${settings.name}, p99 latency`, value: summary.p99Ms, unit: "ms", note: "per record, send → ack" },
    );
  return { settings, recordsPerSec, cpuUsPerRecord, warmed: steady !== undefined, summary };
}
