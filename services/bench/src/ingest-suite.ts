// The ingest suite: HTTP → Kafka (acks=all) through services/ingest as its own process, load from the
// forked load generator at several batch sizes and requests in flight, each measured for
// `ingestSeconds` after a warm-up; references: Kafka's own ProducerPerformance, warmed up, at default
// and at throughput settings, with the same payloads on the same broker (producer-performance.ts).
// Then the abuse scenario (abuse-scenario.ts) against the same process.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { runAbuseScenario } from "./abuse-scenario.ts";
import { BENCH_STREAM, benchEvents } from "./events.ts";
import { processCpuMs } from "./cpu.ts";
import { EVENT_LOOP_MAX, eventLoopDelayMs, meanBetween, scrape } from "./metrics.ts";
import type { IngestLoad } from "./options.ts";
import { freePort, httpOk, runLoadGenerator, spawnService, waitUntil, type Service } from "./processes.ts";
import { DEFAULT_SETTINGS, runProducerPerformance, THROUGHPUT_SETTINGS, type ProducerReference } from "./producer-performance.ts";
import { profileNote } from "./profile.ts";
import { percentile, ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";
import { ensureTopics } from "@lrew/kafka";

/** The route label of ingest's event requests in its metrics. */
const EVENTS_ROUTE = "/v1/events/:stream";
/** Seconds of each load sent before it is measured. */
const WARMUP_SECONDS = 2;

/** The label of a load: `1,000/request, 8 in flight`. */
export const loadLabel = (l: IngestLoad) => `${l.batchSize.toLocaleString("en")}/request, ${l.concurrency} in flight`;

export interface RunningIngest {
  base: string;
  service: Service;
  keys: { bench: string; careless: string };
}

export async function ingestSuite(run: SuiteContext): Promise<void> {
  // Topics of its own: what the HTTP loads write is not the sink suite's to read.
  const c: SuiteContext = { ...run, kafka: { ...run.kafka, topicPrefix: `${run.kafka.topicPrefix}-ingest` } };
  await ensureTopics(c.kafka);
  c.progress(`ingest: generating ${c.o.ingestRecords.toLocaleString("en")} simulated ${BENCH_STREAM} events`);
  const events = benchEvents(c.o.ingestRecords);
  const file = path.join(c.work, "ingest-events.ndjson");
  writeFileSync(file, `${events.map((e) => e.json).join("\n")}\n`);
  const recordBytes = Math.round(events.reduce((s, e) => s + Buffer.byteLength(e.json), 0) / events.length);

  const reference = await runProducerPerformance(c, DEFAULT_SETTINGS, file, recordBytes);
  const throughput = await runProducerPerformance(c, THROUGHPUT_SETTINGS, file, recordBytes);

  const keys = { bench: randomBytes(24).toString("hex"), careless: randomBytes(24).toString("hex") };
  const port = await freePort();
  const service = spawnService(c, "ingest", {
    LREW_INGEST_PORT: String(port),
    // The loads measure throughput, not the rate limit; the careless provider stays far below any limit.
    LREW_INGEST_RATE_LIMIT: "1000000000",
    LREW_API_KEYS: `bench:${keys.bench};careless:${keys.careless}`,
    LREW_HMAC_KEY: randomBytes(32).toString("hex"),
  });
  const ingest: RunningIngest = { base: `http://127.0.0.1:${port}`, service, keys };
  try {
    c.sampler.watch("ingest", service.child.pid!);
    await waitUntil("ingest to be ready", () => httpOk(`${ingest.base}/readyz`), 60_000, service.exitNote);
    for (const load of c.o.ingestLoads) await measureLoad(c, ingest, file, load, reference, throughput);
    await runAbuseScenario(c, ingest, file, events);
  } finally {
    await c.sampler.release("ingest");
    await service.stop();
  }
  const profile = profileNote(c.o.cpuProfileDir, "ingest");
  const first = c.results.find((r) => r.suite === "ingest" && r.breakdown);
  if (profile && first) first.breakdown = `${first.breakdown}; ${profile}`;
}

async function measureLoad(
  c: SuiteContext,
  ingest: RunningIngest,
  file: string,
  load: IngestLoad,
  reference: ProducerReference,
  throughput: ProducerReference,
): Promise<void> {
  const label = `HTTP → Kafka, ${loadLabel(load)}`;
  c.progress(`ingest: ${label}, ${WARMUP_SECONDS} s warm-up then ${c.o.ingestSeconds} s`);
  const metrics = `${ingest.base}/metrics`;
  const before = await scrape(metrics);
  const cpuBefore = processCpuMs(ingest.service.child.pid!);
  const r = await runLoadGenerator(
    {
      url: `${ingest.base}/v1/events/${BENCH_STREAM}`,
      apiKey: ingest.keys.bench,
      file,
      batchSize: load.batchSize,
      concurrency: load.concurrency,
      warmupSeconds: WARMUP_SECONDS,
      seconds: c.o.ingestSeconds,
    },
    (pid) => c.sampler.watch("load generator", pid),
  );
  await c.sampler.release("load generator");
  const cpuUsPerEvent = ((processCpuMs(ingest.service.child.pid!) - cpuBefore) * 1000) / r.allEvents;
  const after = await scrape(metrics);
  if (!r.ok) throw new FatalError(`ingest load ${label} failed: ${r.error}\n${ingest.service.output().slice(-2000)}`);
  if (r.rejected > 0) throw new FatalError(`ingest rejected ${r.rejected} of the simulated events at ${label}`);
  const server = meanBetween(before, after, "lrew_ingest_request_duration_seconds", { route: EVENTS_ROUTE });
  const ack = meanBetween(before, after, "lrew_ingest_kafka_ack_seconds");
  const sends = meanBetween(before, after, "lrew_kafka_produce_request_sends");
  const clientMean = r.latenciesMs.reduce((s, v) => s + v, 0) / Math.max(1, r.latenciesMs.length);
  const rate = ratePerSecond(r.events, r.ms);
  // meanBetween reads seconds as ms; this histogram counts sends.
  const sendsPerRequest = sends.meanMs / 1000;
  const breakdown =
    `mean ${clientMean.toFixed(2)} ms/request at the client; ingest's own handling ${server.meanMs.toFixed(2)} ms, ` +
    `of which ${ack.meanMs.toFixed(2)} ms waiting for Kafka's acks (${Math.round((100 * ack.meanMs) / clientMean)} %); ` +
    `${sendsPerRequest.toFixed(1)} requests' sends per produce request; event-loop delay at most ${eventLoopDelayMs(after, EVENT_LOOP_MAX).toFixed(0)} ms`;
  c.results.push(
    {
      suite: "ingest",
      name: `${label}, events/s`,
      value: rate,
      unit: "events/s",
      reference: { name: reference.settings.name, value: reference.recordsPerSec },
      note: `${r.events.toLocaleString("en")} events in ${r.requests.toLocaleString("en")} requests over ${(r.ms / 1000).toFixed(1)} s after ${WARMUP_SECONDS} s of warm-up; latency per request (all its events acknowledged)`,
      breakdown,
    },
    {
      suite: "ingest",
      name: `${label}, events/s vs throughput settings`,
      value: rate,
      unit: "events/s",
      reference: { name: throughput.settings.name, value: throughput.recordsPerSec },
    },
    {
      suite: "ingest",
      name: `${label}, ingest CPU per event`,
      value: cpuUsPerEvent,
      unit: "µs",
      reference: { name: `${reference.settings.name}, per record`, value: reference.cpuUsPerRecord },
      note: "CPU time of the ingest process over the load, warm-up included, per event it took (the load generator's and the broker's not counted)",
    },
    {
      suite: "ingest",
      name: `${label}, p50 latency`,
      value: percentile(r.latenciesMs, 50),
      unit: "ms",
      reference: { name: reference.settings.name, value: reference.summary.p50Ms },
    },
    {
      suite: "ingest",
      name: `${label}, p99 latency`,
      value: percentile(r.latenciesMs, 99),
      unit: "ms",
      reference: { name: reference.settings.name, value: reference.summary.p99Ms },
    },
  );
}
