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
import { spawn, fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { topicOf } from "@lrew/contracts";
import { ConfigError, FatalError } from "@lrew/errors";
import { FEATURE_NAMES } from "@lrew/risk";
import { DAILY_AGGREGATES } from "@lrew/warehouse";
import { EventProducer, groupLag, type KafkaSettings } from "@lrew/kafka";
import { ensureTopicsPatiently } from "./topics.ts";
import { ensureKafkaJars, startLocalKafka, stopLocalKafka, type LocalKafkaOptions } from "@lrew/local-kafka";
import { dedupToken, insertRows, migrate, openWarehouse, tableOf, toRow, type Row, type Warehouse } from "@lrew/warehouse";
import { BENCH_STREAM, benchEvents, type BenchEvent } from "./events.ts";
import { e2eSuite } from "./e2e.ts";
import type { LoadRequest, LoadResult } from "./loadgen.ts";
import { machineInfo } from "./machine.ts";
import { summariseProfile, type CpuProfile } from "./profile.ts";
import { RssSampler } from "./memory.ts";
import { renderMarkdown, renderTable, renderTotals, resultBaseName, type BenchReport, type ResultLine, type SuiteNote } from "./report.ts";
import type { ScoringWorldRequest, ScoringWorldResult } from "./scoring-world.ts";
import { growthSteps, histogramTotals, parseProducerPerformance, percentile, ratePerSecond } from "./stats.ts";

export const SUITES = ["all", "ingest", "sink", "memory", "e2e", "scoring"] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchOptions {
  /** Default "all": ingest, sink, memory, e2e and scoring. */
  suite?: string;
  /** The lrew checkout: services, infra/kafka, .tools/kafka-4.1.1. */
  root: string;
  /** Parent of the run's temporary directory (broker data, LREW_HOMEs, ClickHouse); default the OS temp dir. Removed at the end. */
  home?: string;
  /** Where the JSON and Markdown results go; default `<root>/bench/results`. */
  out?: string;
  onProgress?: (msg: string) => void;
  /** Records per batch size in the ingest suite (default 20,000). */
  ingestRecords?: number;
  /** Records per HTTP request (default 1, 100, 1,000). */
  batchSizes?: number[];
  /** Requests in flight from the load generator (default 8). */
  concurrency?: number;
  /** Events pre-filled for the sink suite (default 100,000). */
  sinkEvents?: number;
  /** Offered load of the e2e suite in events per second (default 200), for e2eSeconds (default 20), e2eBatchSize per request (default 20). */
  e2eRate?: number;
  e2eSeconds?: number;
  e2eBatchSize?: number;
  /** Enterprises of the simulated worlds of the scoring suite, one year each (default 1,000, 10,000 and 100,000). */
  scoringSizes?: number[];
  /** Broker ports (default 19392 and 19393). */
  kafkaPort?: number;
  controllerPort?: number;
  /** Write V8 CPU profiles of the ingest and sink processes here (`node --cpu-prof`): where their time goes. */
  cpuProfileDir?: string;
  /** Keep the run's temporary directory (broker and service logs). */
  keepWorkDir?: boolean;
}

export interface BenchRun {
  report: BenchReport;
  table: string;
  /** The run's total time, each suite's, and the load average around it. */
  totals: string;
  jsonFile: string;
  markdownFile: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number, exited?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    const gone = exited?.();
    if (gone) throw new FatalError(`${what}: ${gone}`);
    if (Date.now() > deadline) throw new FatalError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(100);
  }
}

interface Service {
  child: ChildProcess;
  output(): string;
  exitNote(): string | undefined;
  stop(): Promise<void>;
}

/** A service as its own process (`node services/<name>/src/main.ts`), as an operator runs it. */
function spawnService(root: string, entry: string, env: Record<string, string>, cpuProfileDir?: string): Service {
  const profile = cpuProfileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${path.join(cpuProfileDir, path.basename(path.dirname(path.dirname(entry))))}`]
    : [];
  const child = spawn(process.execPath, [...profile, "--disable-warning=TimeoutNegativeWarning", path.join(root, entry)], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env, LREW_ROOT: root },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let note: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      note = `exited (${signal ?? `code ${code}`})\n${out.slice(-3000)}`;
      resolve();
    }),
  );
  return {
    child,
    output: () => out,
    exitNote: () => note,
    stop: async () => {
      if (note) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function scrape(url: string): Promise<string> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return r.ok ? await r.text() : "";
  } catch {
    return "";
  }
}

/** Mean seconds per observation of a histogram between two scrapes of /metrics. */
function meanBetween(
  before: string,
  after: string,
  name: string,
  labels: Record<string, string> = {},
): { meanMs: number; count: number; sumMs: number } {
  const a = histogramTotals(before, name, labels);
  const b = histogramTotals(after, name, labels);
  const count = b.count - a.count;
  const sumMs = (b.sum - a.sum) * 1000;
  return { meanMs: count > 0 ? sumMs / count : Number.NaN, count, sumMs };
}

async function httpOk(url: string): Promise<boolean> {
  const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await r.body?.cancel();
  return r.ok;
}

function runJava(args: string[], onPid: (pid: number) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("spawn", () => onPid(child.pid!));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

function runLoadGenerator(req: LoadRequest, onPid: (pid: number) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "loadgen.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    onPid(child.pid!);
    let result: LoadResult | undefined;
    child.once("message", (m) => (result = m as LoadResult));
    child.once("error", reject);
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new FatalError(`the load generator exited (code ${code}) without a result`)),
    );
    child.send(req);
  });
}

function runScoringWorldProcess(req: ScoringWorldRequest, onPid: (pid: number) => void): Promise<ScoringWorldResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "scoring-world.ts"), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: { ...process.env, LOG_LEVEL: "warn" },
    });
    onPid(child.pid!);
    let result: ScoringWorldResult | undefined;
    child.once("message", (m) => (result = m as ScoringWorldResult));
    child.once("error", reject);
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new FatalError(`the scoring worker exited (code ${code}) without a result`)),
    );
    child.send(req);
  });
}

interface Context {
  o: Required<
    Pick<
      BenchOptions,
      "ingestRecords" | "batchSizes" | "concurrency" | "sinkEvents" | "scoringSizes" | "e2eRate" | "e2eSeconds" | "e2eBatchSize"
    >
  > &
    BenchOptions;
  root: string;
  work: string;
  libs: string;
  kafka: KafkaSettings;
  sampler: RssSampler;
  results: ResultLine[];
  progress: (msg: string) => void;
}

// ---------------------------------------------------------------------------------------------
// ingest

async function ingestSuite(c: Context): Promise<void> {
  const n = c.o.ingestRecords;
  c.progress(`ingest: generating ${n.toLocaleString("en")} simulated ${BENCH_STREAM} events`);
  const events = benchEvents(n);
  const file = path.join(c.work, "ingest-events.ndjson");
  writeFileSync(file, `${events.map((e) => e.json).join("\n")}\n`);
  const recordSize = Math.round(events.reduce((s, e) => s + Buffer.byteLength(e.json), 0) / events.length);

  // Reference: Kafka's own producer, same broker, same acks, same record size, same partition count.
  const perfTopic = "bench-producer-performance";
  await ensureTopicsPatiently(c.kafka, [perfTopic]);
  c.progress(`ingest: ProducerPerformance, ${n.toLocaleString("en")} records of ${recordSize} bytes, acks=all`);
  const perf = await runJava(
    [
      "-Xmx256m",
      "-cp",
      path.join(c.libs, "*"),
      "org.apache.kafka.tools.ProducerPerformance",
      "--topic",
      perfTopic,
      "--num-records",
      String(n),
      "--record-size",
      String(recordSize),
      "--throughput",
      "-1",
      "--producer-props",
      `bootstrap.servers=${c.kafka.brokers.join(",")}`,
      "acks=all",
      "enable.idempotence=true",
    ],
    (pid) => c.sampler.watch("ProducerPerformance (JVM)", pid),
  );
  await c.sampler.release("ProducerPerformance (JVM)");
  const ref = parseProducerPerformance(perf.output);
  if (perf.code !== 0 || !ref) throw new FatalError(`ProducerPerformance failed (exit ${perf.code}):\n${perf.output.slice(-3000)}`);
  const refName = "ProducerPerformance";
  c.results.push(
    {
      suite: "ingest",
      name: `${refName}, events/s`,
      value: ref.recordsPerSec,
      unit: "events/s",
      note: `${ref.records} records of ${recordSize} B, acks=all, idempotent`,
    },
    { suite: "ingest", name: `${refName}, p50 latency`, value: ref.p50Ms, unit: "ms", note: "per record, send → ack" },
    { suite: "ingest", name: `${refName}, p99 latency`, value: ref.p99Ms, unit: "ms", note: "per record, send → ack" },
  );

  const apiKey = randomBytes(24).toString("hex");
  const port = await freePort();
  const ingest = spawnService(
    c.root,
    "services/ingest/src/main.ts",
    {
      KAFKA_BROKERS: c.kafka.brokers.join(","),
      LREW_HOME: path.join(c.work, "ingest-home"),
      LREW_TOPIC_PREFIX: c.kafka.topicPrefix,
      LREW_INGEST_PORT: String(port),
      LREW_INGEST_RATE_LIMIT: "1000000000",
      LREW_API_KEYS: `bench:${apiKey}`,
      LREW_HMAC_KEY: randomBytes(32).toString("hex"),
    },
    c.o.cpuProfileDir,
  );
  try {
    c.sampler.watch("ingest", ingest.child.pid!);
    const base = `http://127.0.0.1:${port}`;
    await waitUntil("ingest to be ready", () => httpOk(`${base}/readyz`), 60_000, ingest.exitNote);
    for (const batchSize of c.o.batchSizes) {
      c.progress(`ingest: ${n.toLocaleString("en")} events over HTTP, ${batchSize}/request, ${c.o.concurrency} requests in flight`);
      const metricsBefore = await scrape(`${base}/metrics`);
      const r = await runLoadGenerator(
        {
          url: `${base}/v1/events/${BENCH_STREAM}`,
          apiKey,
          file,
          batchSize,
          concurrency: c.o.concurrency,
          warmupRequests: Math.min(20, Math.ceil(n / batchSize)),
        },
        (pid) => c.sampler.watch("load generator", pid),
      );
      await c.sampler.release("load generator");
      const metricsAfter = await scrape(`${base}/metrics`);
      const server = meanBetween(metricsBefore, metricsAfter, "lrew_ingest_request_duration_seconds", { route: EVENTS_ROUTE });
      const ack = meanBetween(metricsBefore, metricsAfter, "lrew_ingest_kafka_ack_seconds");
      const clientMean = r.latenciesMs.reduce((s, v) => s + v, 0) / Math.max(1, r.latenciesMs.length);
      const breakdown =
        `mean ${clientMean.toFixed(2)} ms/request at the client; ingest's own handling ${server.meanMs.toFixed(2)} ms, ` +
        `of which ${ack.meanMs.toFixed(2)} ms waiting for Kafka's acks (${Math.round((100 * ack.meanMs) / clientMean)} %)`;
      if (!r.ok) throw new FatalError(`ingest load at ${batchSize}/request failed: ${r.error}\n${ingest.output().slice(-2000)}`);
      if (r.rejected > 0) throw new FatalError(`ingest rejected ${r.rejected} of the simulated events at ${batchSize}/request`);
      const label = `HTTP → Kafka, ${batchSize.toLocaleString("en")}/request`;
      const note = `${r.events} events in ${r.requests} requests, ${c.o.concurrency} in flight; latency per request (all its events acked)`;
      c.results.push(
        {
          suite: "ingest",
          name: `${label}, events/s`,
          value: ratePerSecond(r.events, r.ms),
          unit: "events/s",
          reference: { name: refName, value: ref.recordsPerSec },
          note,
          breakdown,
        },
        {
          suite: "ingest",
          name: `${label}, p50 latency`,
          value: percentile(r.latenciesMs, 50),
          unit: "ms",
          reference: { name: refName, value: ref.p50Ms },
        },
        {
          suite: "ingest",
          name: `${label}, p99 latency`,
          value: percentile(r.latenciesMs, 99),
          unit: "ms",
          reference: { name: refName, value: ref.p99Ms },
        },
      );
    }
  } finally {
    await c.sampler.release("ingest");
    await ingest.stop();
  }
  const profile = profileNote(c.o.cpuProfileDir, "ingest");
  const first = c.results.find((r) => r.suite === "ingest" && r.breakdown);
  if (profile && first) first.breakdown = `${first.breakdown}; ${profile}`;
}

/** The top of the CPU profile a service wrote on exit (`--cpu-prof`), for "where the time goes". */
function profileNote(dir: string | undefined, service: string): string | undefined {
  if (!dir) return undefined;
  const sub = path.join(dir, service);
  const files = existsSync(sub)
    ? readdirSync(sub)
        .filter((f) => f.endsWith(".cpuprofile"))
        .sort()
    : [];
  if (!files.length) return undefined;
  const file = path.join(sub, files.at(-1)!);
  const s = summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, 8);
  const top = s.byPackage.map((p) => `${p.name} ${(100 * p.share).toFixed(0)} %`).join(", ");
  return `CPU profile of the whole ${service} process (${file}): ${top}`;
}

// ---------------------------------------------------------------------------------------------
// sink

async function prefill(c: Context, topic: string, events: BenchEvent[]): Promise<void> {
  const producer = await EventProducer.connect(c.kafka, "bench");
  try {
    for (let i = 0; i < events.length; i += 2000) {
      await producer.send(
        topic,
        events.slice(i, i + 2000).map((e) => ({ key: e.key, value: e.json, headers: { "content-type": "application/json" } })),
      );
    }
  } finally {
    await producer.disconnect();
  }
}

async function committedAll(c: Context, group: string, topic: string): Promise<boolean> {
  const lag = await groupLag(c.kafka, group, [topic]);
  return lag.length > 0 && lag.every((p) => p.lag === 0n);
}

async function countRows(wh: Warehouse, table: string): Promise<number> {
  const rs = await wh.client.query({ query: `SELECT count() AS n FROM ${table}`, format: "JSONEachRow" });
  return Number((await rs.json<{ n: string }>())[0]?.n ?? 0);
}

/** The route label of ingest's event requests in its metrics. */
const EVENTS_ROUTE = "/v1/events/:stream";

const SINK_BATCH_ROWS = 5000;
const SINK_BATCH_MS = 1000;

async function sinkSuite(c: Context): Promise<void> {
  const n = c.o.sinkEvents;
  const topic = topicOf(BENCH_STREAM, c.kafka.topicPrefix);
  c.progress(`sink: generating ${n.toLocaleString("en")} simulated ${BENCH_STREAM} events and filling ${topic}`);
  const events = benchEvents(n, 2);
  await prefill(c, topic, events);
  const timeoutMs = Math.max(180_000, n * 3);

  // lrew's sink, as its own process with its own embedded ClickHouse.
  const group = "bench-sink";
  const opsPort = await freePort();
  const sink = spawnService(
    c.root,
    "services/sink/src/main.ts",
    {
      KAFKA_BROKERS: c.kafka.brokers.join(","),
      LREW_HOME: path.join(c.work, "sink-home"),
      LREW_TOPIC_PREFIX: c.kafka.topicPrefix,
      LREW_SINK_GROUP: group,
      LREW_SINK_PORT: String(opsPort),
      LREW_SINK_BATCH_ROWS: String(SINK_BATCH_ROWS),
      LREW_SINK_BATCH_MS: String(SINK_BATCH_MS),
    },
    c.o.cpuProfileDir,
  );
  let sinkMs: number;
  let sinkBreakdown: string;
  try {
    c.sampler.watch("sink", sink.child.pid!);
    const spawned = performance.now();
    await waitUntil("the sink to start", () => httpOk(`http://127.0.0.1:${opsPort}/healthz`), 120_000, sink.exitNote);
    const t0 = performance.now();
    c.progress(`sink: started in ${((t0 - spawned) / 1000).toFixed(1)} s (ClickHouse, migrations, consumer); consuming`);
    await waitUntil("the sink to commit every event", () => committedAll(c, group, topic), timeoutMs, sink.exitNote);
    sinkMs = performance.now() - t0;
    const insert = meanBetween("", await scrape(`http://127.0.0.1:${opsPort}/metrics`), "lrew_sink_insert_seconds");
    sinkBreakdown =
      `${insert.count} INSERTs (mean ${Math.round(n / Math.max(1, insert.count))} rows) took ${(insert.sumMs / 1000).toFixed(1)} s ` +
      `of ${(sinkMs / 1000).toFixed(1)} s (${Math.round((100 * insert.sumMs) / sinkMs)} %); the rest is fetching, decoding and validating, ` +
      "the already-stored event_id look-up per chunk, and commits";
  } finally {
    await c.sampler.release("sink");
    await sink.stop();
  }
  const profile = profileNote(c.o.cpuProfileDir, "sink");
  if (profile) sinkBreakdown = `${sinkBreakdown}; ${profile}`;

  // The references, in this process's embedded ClickHouse (a data directory of its own).
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: path.join(c.work, "ch-reference") });
  try {
    await migrate(wh);
    const cols =
      "event_id UUID, enterprise_id String, period String, scheme LowCardinality(String), amount_due_vnd Int64, amount_paid_vnd Int64, insured_workers UInt32, reported_at String";
    await wh.client.command({ query: "CREATE DATABASE IF NOT EXISTS bench" });
    await wh.client.command({ query: `CREATE TABLE bench.kafka_target (${cols}) ENGINE = MergeTree ORDER BY (enterprise_id, event_id)` });
    // Each run consumes the whole topic with a consumer group of its own.
    const engineInto = async (target: string, select: string, group: string): Promise<number> => {
      await wh.client.command({
        query: `CREATE TABLE bench.kafka_queue (${cols}) ENGINE = Kafka SETTINGS
          kafka_broker_list = '${c.kafka.brokers.join(",")}', kafka_topic_list = '${topic}', kafka_group_name = '${group}',
          kafka_format = 'JSONEachRow', kafka_num_consumers = 1, kafka_flush_interval_ms = ${SINK_BATCH_MS},
          input_format_skip_unknown_fields = 1`,
      });
      const t0 = performance.now();
      await wh.client.command({ query: `CREATE MATERIALIZED VIEW bench.kafka_mv TO ${target} AS ${select} FROM bench.kafka_queue` });
      await waitUntil(
        `the ClickHouse Kafka engine to store every event in ${target}`,
        async () => (await countRows(wh, target)) >= n,
        timeoutMs,
      );
      const ms = performance.now() - t0;
      await wh.client.command({ query: "DROP TABLE bench.kafka_mv" });
      await wh.client.command({ query: "DROP TABLE bench.kafka_queue" });
      return ms;
    };
    c.progress("sink: ClickHouse Kafka engine consuming the same topic into a plain MergeTree table");
    const plainMs = await engineInto("bench.kafka_target", "SELECT *", "bench-clickhouse-plain");
    // The fair reference: the same table as the sink (ReplacingMergeTree, skip indexes, the daily
    // aggregate view behind it), the same conversions done in SQL instead of the contract check.
    c.progress("sink: ClickHouse Kafka engine consuming the same topic into lrew's table");
    const engineMs = await engineInto(
      `lrew.${tableOf(BENCH_STREAM)}`,
      `SELECT event_id, enterprise_id, toDate(concat(period, '-01')) AS period, scheme, amount_due_vnd, amount_paid_vnd, insured_workers,
        parseDateTime64BestEffort(reported_at, 3, 'UTC') AS reported_at, _topic, _partition, _offset, now64(3) AS _ingested_at`,
      "bench-clickhouse-lrew",
    );
    // The direct insert starts from the same empty table as the sink and the engine did.
    for (const t of [tableOf(BENCH_STREAM), DAILY_AGGREGATES.insurance_daily_mv!])
      await wh.client.command({ query: `TRUNCATE TABLE lrew.${t}` });

    c.progress("sink: direct insert of the same rows into ClickHouse");
    const ingestedAt = new Date();
    const rows: Row[] = events.map((e, i) =>
      toRow(BENCH_STREAM, JSON.parse(e.json), { topic, partition: 0, offset: String(i), ingestedAt }),
    );
    const t1 = performance.now();
    for (let i = 0; i < rows.length; i += SINK_BATCH_ROWS) {
      const chunk = rows.slice(i, i + SINK_BATCH_ROWS);
      await insertRows(wh, BENCH_STREAM, chunk, { dedupToken: dedupToken(topic, 0, String(i), String(i + chunk.length - 1)) });
    }
    const directMs = performance.now() - t1;

    const direct = ratePerSecond(n, directMs);
    const engine = ratePerSecond(n, engineMs);
    const ref = (name: string, value: number) => ({ name, value });
    c.results.push(
      {
        suite: "sink",
        name: "direct insert (ceiling), events/s",
        value: direct,
        unit: "events/s",
        note: `${n} rows mapped beforehand, inserted ${SINK_BATCH_ROWS} per INSERT into lrew's table`,
      },
      {
        suite: "sink",
        name: "ClickHouse Kafka engine → plain MergeTree, events/s",
        value: ratePerSecond(n, plainMs),
        unit: "events/s",
        reference: ref("direct insert", direct),
        note: "from CREATE MATERIALIZED VIEW to every row stored (includes the consumer group join); a plain MergeTree with the Kafka table's columns, no view behind it",
      },
      {
        suite: "sink",
        name: "ClickHouse Kafka engine → lrew's table, events/s",
        value: engine,
        unit: "events/s",
        reference: ref("direct insert", direct),
        note: "the same, into lrew's insurance_contributions table (ReplacingMergeTree, skip indexes, insurance_daily view) with the mapping in SQL: the like-for-like reference",
      },
      {
        suite: "sink",
        name: "lrew sink vs Kafka engine, events/s",
        value: ratePerSecond(n, sinkMs),
        unit: "events/s",
        reference: ref("Kafka engine → lrew's table", engine),
        note: "from the sink answering /healthz to every offset committed (includes the consumer group join)",
        breakdown: sinkBreakdown,
      },
      {
        suite: "sink",
        name: "lrew sink vs Kafka engine → plain MergeTree, events/s",
        value: ratePerSecond(n, sinkMs),
        unit: "events/s",
        reference: ref("Kafka engine → plain MergeTree", ratePerSecond(n, plainMs)),
      },
      {
        suite: "sink",
        name: "lrew sink vs direct insert, events/s",
        value: ratePerSecond(n, sinkMs),
        unit: "events/s",
        reference: ref("direct insert", direct),
      },
    );
  } finally {
    await wh.close();
  }
}

// ---------------------------------------------------------------------------------------------
// scoring

async function scoringSuite(c: Pick<Context, "o" | "work" | "results" | "progress" | "sampler">): Promise<void> {
  const full: Array<{ size: number; ms: number }> = [];
  const aggregate: Array<{ size: number; ms: number }> = [];
  const naive: Array<{ size: number; ms: number }> = [];
  const factors = FEATURE_NAMES.length;
  for (const n of [...c.o.scoringSizes].sort((a, b) => a - b)) {
    c.progress(`scoring: loading ${n.toLocaleString("en")} enterprises × 1 year into a fresh embedded ClickHouse, then scoring`);
    const r = await runScoringWorldProcess({ dir: path.join(c.work, `scoring-${n}`), enterprises: n, days: 365, seed: "bench" }, (pid) =>
      c.sampler.watch("scoring worker", pid),
    );
    await c.sampler.release("scoring worker");
    if (!r.ok) throw new FatalError(`scoring at ${n} enterprises failed: ${r.error}`);
    // A reference that computes something else would make the comparison meaningless.
    if (r.comparison.differing > 0 || r.comparison.values === 0)
      throw new FatalError(
        `scoring at ${n} enterprises: the naive features differ from the aggregate ones in ${r.comparison.differing} of ${r.comparison.values} values: ${r.comparison.differences.join("; ")}`,
      );
    full.push({ size: n, ms: r.scoringMs });
    aggregate.push({ size: n, ms: r.featuresMs });
    naive.push({ size: n, ms: r.naiveMs });
    const label = `${n.toLocaleString("en")} enterprises`;
    const copies = r.copies > 1 ? `${r.copies} copies of a simulated world of ${r.simulated.toLocaleString("en")} enterprises, ` : "";
    const load = `${copies}loaded in ${((r.generateMs + r.insertMs) / 1000).toFixed(1)} s: generated and mapped ${(r.generateMs / 1000).toFixed(1)} s, INSERT … SELECT ${(r.insertMs / 1000).toFixed(1)} s`;
    const naiveRef = { name: "naive (raw events)", value: r.naiveMs / 1000 };
    c.results.push(
      {
        suite: "scoring",
        name: `${label}, full scoring run, s`,
        value: r.scoringMs / 1000,
        unit: "s",
        note: `${r.events.toLocaleString("en")} events over 1 year (${load}); ${r.scored.toLocaleString("en")} scored as of ${r.asOf}; features, scores, score history insert`,
      },
      {
        suite: "scoring",
        name: `${label}, full scoring run, enterprises/s`,
        value: ratePerSecond(r.scored, r.scoringMs),
        unit: "enterprises/s",
      },
      {
        suite: "scoring",
        name: `${label}, features naive from raw events (${factors} factors), s`,
        value: r.naiveMs / 1000,
        unit: "s",
        note: `scoring's own feature SQL with each daily-aggregate table replaced by its materialized view's SELECT over ${r.rawRows.toLocaleString("en")} raw event rows; identical to the aggregate path in all ${r.comparison.values.toLocaleString("en")} values (${r.comparison.rows.toLocaleString("en")} enterprises × ${factors}); best of 2`,
      },
      {
        suite: "scoring",
        name: `${label}, features from daily aggregates vs naive, s`,
        value: r.featuresMs / 1000,
        unit: "s",
        reference: naiveRef,
        note: `computeFeatures over ${r.aggregateRows.toLocaleString("en")} daily-aggregate rows (${(r.aggregateRows / Math.max(1, r.rawRows)).toFixed(2)} per raw event row); best of 2`,
      },
    );
  }
  const peak = c.sampler.peaks().get("scoring worker");
  if (peak !== undefined)
    c.results.push({
      suite: "scoring",
      name: "scoring worker, peak RSS",
      value: peak,
      unit: "bytes",
      note: "largest world, includes embedded ClickHouse (chDB) and the world's generation",
    });
  const growth = (what: string, points: Array<{ size: number; ms: number }>) => {
    for (const g of growthSteps(points)) {
      c.results.push({
        suite: "scoring",
        name: `growth ${g.from.toLocaleString("en")} → ${g.to.toLocaleString("en")} enterprises, ${what}, time factor`,
        value: g.timeFactor,
        unit: "×",
        reference: { name: "size factor", value: g.sizeFactor },
        note: `time ∝ enterprises^${g.exponent.toFixed(2)} (1 = linear)`,
      });
    }
  };
  growth("full scoring run", full);
  growth("aggregate features", aggregate);
  growth("naive features", naive);
}

// ---------------------------------------------------------------------------------------------

function memoryResults(c: Context): ResultLine[] {
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
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

function parseSuite(s: string | undefined): SuiteName {
  const suite = (s ?? "all") as SuiteName;
  if (!SUITES.includes(suite)) throw new ConfigError(`unknown bench suite ${JSON.stringify(s)}; one of ${SUITES.join(", ")}`);
  return suite;
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const suite = parseSuite(options.suite);
  const o: Context["o"] = {
    ingestRecords: 20_000,
    batchSizes: [1, 100, 1000],
    concurrency: 8,
    sinkEvents: 100_000,
    scoringSizes: [1000, 10_000, 100_000],
    e2eRate: 200,
    e2eSeconds: 20,
    e2eBatchSize: 20,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as Context["o"];
  for (const [k, v] of Object.entries({
    ingestRecords: o.ingestRecords,
    concurrency: o.concurrency,
    sinkEvents: o.sinkEvents,
    e2eRate: o.e2eRate,
    e2eSeconds: o.e2eSeconds,
    e2eBatchSize: o.e2eBatchSize,
  })) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`bench ${k} must be a positive integer, got ${v}`);
  }
  if (!o.scoringSizes.length || o.scoringSizes.some((b) => !Number.isInteger(b) || b < 1))
    throw new ConfigError("bench scoring sizes must be positive integers");
  if (!o.batchSizes.length || o.batchSizes.some((b) => !Number.isInteger(b) || b < 1))
    throw new ConfigError("bench batch sizes must be positive integers");
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
    distDir: path.join(root, ".tools", "kafka-4.1.1"),
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
      await ensureTopicsPatiently(kafka);
      const c: Context = { o, root, work, libs, kafka, sampler, results, progress };
      for (const s of ["ingest", "sink"] as const) {
        if (want(s)) await runSuite(s, () => (s === "ingest" ? ingestSuite(c) : sinkSuite(c)));
      }
      if (wantE2e) {
        await runSuite("e2e", async () => {
          results.push(
            ...(await e2eSuite({
              root,
              work,
              kafka,
              eventsPerSecond: o.e2eRate,
              seconds: o.e2eSeconds,
              batchSize: o.e2eBatchSize,
              sinkBatchMs: SINK_BATCH_MS,
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
      ingestRecords: o.ingestRecords,
      batchSizes: o.batchSizes,
      concurrency: o.concurrency,
      sinkEvents: o.sinkEvents,
      e2eRate: o.e2eRate,
      e2eSeconds: o.e2eSeconds,
      e2eBatchSize: o.e2eBatchSize,
      scoringSizes: o.scoringSizes,
    },
    suites,
    results,
  };
  mkdirSync(out, { recursive: true });
  const base = path.join(out, resultBaseName(startedAt));
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, renderMarkdown(report));
  return {
    report,
    table: renderTable(results, suites),
    totals: renderTotals(report),
    jsonFile: `${base}.json`,
    markdownFile: `${base}.md`,
  };
}
