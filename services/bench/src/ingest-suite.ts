// The ingest suite: HTTP → Kafka (acks=all) through services/ingest as its own process, load from the
// forked load generator at several batch sizes; reference: Kafka's own ProducerPerformance with the
// same record size and acks, on the same broker.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { BENCH_STREAM, benchEvents } from "./events.ts";
import { meanBetween, scrape } from "./metrics.ts";
import { freePort, httpOk, runJava, runLoadGenerator, spawnService, waitUntil } from "./processes.ts";
import { profileNote } from "./profile.ts";
import { parseProducerPerformance, percentile, ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";
import { ensureTopicsPatiently } from "./topics.ts";

/** The route label of ingest's event requests in its metrics. */
const EVENTS_ROUTE = "/v1/events/:stream";

export async function ingestSuite(c: SuiteContext): Promise<void> {
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
  const ingest = spawnService(c, "ingest", {
    LREW_INGEST_PORT: String(port),
    LREW_INGEST_RATE_LIMIT: "1000000000",
    LREW_API_KEYS: `bench:${apiKey}`,
    LREW_HMAC_KEY: randomBytes(32).toString("hex"),
  });
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
