// `./lrew bench [suite]`: lrew's throughput and memory against references measured in the same run,
// on a dedicated local broker (own ports, temporary data directory) and embedded ClickHouse.
//
//   ingest  HTTP → Kafka (acks=all), load from a separate process over loopback, at several batch
//           sizes; reference: Kafka's own ProducerPerformance with the same record size and acks.
//   sink    Kafka → ClickHouse for a pre-filled topic; references: ClickHouse's Kafka table engine
//           consuming the same topic, and a direct insert of the same rows (the ceiling).
//   memory  peak RSS of every process during the suites above.
//   e2e     latency at a fixed offered load of grievances (forked load generator, paced): HTTP 202 →
//           row stored in ClickHouse (its _ingested_at), and last 202 → a frequent scoring run of the
//           changed enterprises complete; ingest and sink run in this process (embedded ClickHouse);
//           reference: the same events produced to Kafka on the same schedule, ack → consumed.
//   scoring full scoring run (features + scores, all enterprises, one date) on simulated worlds of
//           growing size, each in its own process and embedded ClickHouse; reference: the same
//           features computed naively from the raw event tables (naive-features.ts), checked equal.
//
// One file per suite (<suite>-suite.ts), given a SuiteContext (suite-context.ts); the options and
// their defaults are options.ts, the processes a suite starts processes.ts, a service's /metrics
// metrics.ts. This file starts the broker, runs the suites asked for and writes the report.
import { mkdirSync, mkdtempSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureTopics, type KafkaSettings } from "@lrew/kafka";
import {
  ensureKafkaJars,
  isAlive,
  localKafkaOptionsFromEnv,
  startLocalKafka,
  stopLocalKafka,
  type LocalKafkaOptions,
} from "@lrew/local-kafka";
import { e2eSuite } from "./e2e-suite.ts";
import { ingestSuite } from "./ingest-suite.ts";
import { machineInfo } from "./machine.ts";
import { RssSampler } from "./memory.ts";
import { memoryResults } from "./memory-suite.ts";
import { parseSuite, resolveOptions, type BenchOptions } from "./options.ts";
import { runLoadGenerator } from "./processes.ts";
import { renderMarkdown, renderTable, renderTotals, resultBaseName, type BenchReport, type ResultLine, type SuiteNote } from "./report.ts";
import { scoringSuite } from "./scoring-suite.ts";
import { pagesSuite } from "./pages-suite.ts";
import { sinkSuite } from "./sink-suite.ts";
import type { SuiteContext } from "./suite-context.ts";
import { acceptRun, BENCH_README, writeFigures } from "./write-figures.ts";

export { SUITES, type BenchOptions, type SuiteName } from "./options.ts";

export interface BenchRun {
  report: BenchReport;
  table: string;
  /** The run's total time, each suite's, and the load average around it. */
  totals: string;
  jsonFile: string;
  markdownFile: string;
  /** With `accept`: the baseline the run was committed as, and the README whose figures were regenerated. */
  baselineFile?: string;
  figuresFile?: string;
}

/** Stops brokers and removes work directories left by runs that were killed (their owner process is gone). */
async function cleanEarlierRuns(parent: string, kafkaOptions: LocalKafkaOptions, progress: (msg: string) => void): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(parent).filter((n) => n.startsWith("lrew-bench-"));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(parent, name);
    const owner = Number(existsSync(path.join(dir, "owner.pid")) ? readFileSync(path.join(dir, "owner.pid"), "utf8").trim() : NaN);
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    progress(`cleaning up ${dir}, left by an interrupted bench run`);
    await stopLocalKafka({ ...kafkaOptions, dataDir: path.join(dir, "kafka"), onProgress: progress }).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const suite = parseSuite(options.suite);
  const o = resolveOptions(options);
  const progress = options.onProgress ?? (() => {});
  const startedAt = new Date();
  const root = path.resolve(options.root);
  const out = path.resolve(options.out ?? path.join(root, "bench", "results"));
  const parent = options.home ?? os.tmpdir();
  mkdirSync(parent, { recursive: true });

  const want = (s: "ingest" | "sink") => suite === "all" || suite === "memory" || suite === s;
  const suites: SuiteNote[] = [];
  const results: ResultLine[] = [];
  const kafkaOptions: LocalKafkaOptions = {
    // The jar cache the CLI uses ($LREW_TOOLS_DIR, default <root>/.tools); never the user's broker ports.
    distDir: localKafkaOptionsFromEnv({ LREW_TOOLS_DIR: process.env.LREW_TOOLS_DIR }, { root, home: parent }).distDir,
    dataDir: "",
    infraDir: path.join(root, "infra", "kafka"),
    port: o.kafkaPort ?? 19392,
    controllerPort: o.controllerPort ?? 19393,
    portEnvVar: "the bench's kafkaPort option",
    onProgress: progress,
  };
  await cleanEarlierRuns(parent, kafkaOptions, progress);
  const work = mkdtempSync(path.join(parent, "lrew-bench-"));
  writeFileSync(path.join(work, "owner.pid"), `${process.pid}\n`);
  kafkaOptions.dataDir = path.join(work, "kafka");
  const sampler = new RssSampler();
  const loadAtStart = os.loadavg();
  // One suite failing leaves the others' figures standing; its error is in the report.
  const runSuite = async (name: string, fn: () => Promise<void>): Promise<void> => {
    const t0 = performance.now();
    try {
      await fn();
      suites.push({ suite: name, status: "done", seconds: (performance.now() - t0) / 1000 });
    } catch (err) {
      const seconds = (performance.now() - t0) / 1000;
      suites.push({ suite: name, status: "failed", seconds, note: err instanceof Error ? err.message.split("\n")[0]! : String(err) });
      progress(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  let brokerStarted = false;
  try {
    const wantE2e = suite === "all" || suite === "e2e";
    if (want("ingest") || want("sink") || wantE2e) {
      const libs = await ensureKafkaJars(kafkaOptions);
      progress(`starting a dedicated Kafka broker on 127.0.0.1:${kafkaOptions.port}`);
      const broker = await startLocalKafka(kafkaOptions);
      brokerStarted = true;
      sampler.watch("Kafka broker", broker.pid);
      const kafka: KafkaSettings = {
        brokers: [broker.brokers],
        clientId: "lrew-bench",
        topicPrefix: "bench",
        partitions: 3,
        replicationFactor: 1,
      };
      await ensureTopics(kafka);
      const c: SuiteContext = { o, root, work, libs, kafka, sampler, results, progress };
      for (const s of ["ingest", "sink"] as const) {
        if (want(s)) await runSuite(s, () => (s === "ingest" ? ingestSuite(c) : sinkSuite(c)));
      }
      if (wantE2e) {
        await runSuite("e2e", async () => {
          results.push(
            ...(await e2eSuite({
              c: { root, work, kafka, o },
              eventsPerSecond: o.e2eRate,
              seconds: o.e2eSeconds,
              batchSize: o.e2eBatchSize,
              progress,
              runLoad: async (req) => {
                const r = await runLoadGenerator(req, (pid) => sampler.watch("load generator", pid));
                await sampler.release("load generator");
                return r;
              },
            })),
          );
        });
      }
      await sampler.release("Kafka broker");
      if (want("ingest") || want("sink")) {
        results.push(...memoryResults(c));
        suites.push({ suite: "memory", status: "done" });
      }
    }
    if (suite === "all" || suite === "scoring") await runSuite("scoring", () => scoringSuite({ o, work, results, progress, sampler }));
    if (suite === "all" || suite === "pages") await runSuite("pages", () => pagesSuite({ o, work, results, progress, sampler }));
  } finally {
    sampler.stop();
    if (brokerStarted)
      await stopLocalKafka(kafkaOptions).catch((err: unknown) => progress(`could not stop the bench broker: ${String(err)}`));
    if (!options.keepWorkDir) rmSync(work, { recursive: true, force: true });
  }

  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    machine: machineInfo(),
    loadAverage: { start: loadAtStart, end: os.loadavg() },
    options: {
      suite,
      referenceRecords: o.referenceRecords,
      ingestRecords: o.ingestRecords,
      ingestSeconds: o.ingestSeconds,
      ingestLoads: o.ingestLoads,
      abuse: { bodies: o.abuseBodies, records: o.abuseRecords, rate: o.abuseRate, aloneSeconds: o.abuseUnloadedSeconds },
      sinkEvents: o.sinkEvents,
      e2eRate: o.e2eRate,
      e2eSeconds: o.e2eSeconds,
      e2eBatchSize: o.e2eBatchSize,
      scoringSizes: o.scoringSizes,
      scoringDense: o.scoringDense,
      pagesWorld: o.pagesWorld,
    },
    suites,
    results,
  };
  mkdirSync(out, { recursive: true });
  const base = path.join(out, resultBaseName(startedAt));
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, renderMarkdown(report));
  const run: BenchRun = {
    report,
    table: renderTable(results, suites),
    totals: renderTotals(report),
    jsonFile: `${base}.json`,
    markdownFile: `${base}.md`,
  };
  if (options.accept) {
    run.baselineFile = acceptRun(root, report);
    writeFigures(root);
    run.figuresFile = BENCH_README;
  }
  return run;
}
