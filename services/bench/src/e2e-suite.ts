// The e2e suite: a fixed offered load of simulated grievances over HTTP (the forked load generator,
// paced, one request per `batchSize` events) through ingest → Kafka → sink → ClickHouse, ingest and
// the sink each as its own process, as an operator runs them. Measures, per event, HTTP acceptance
// (202 at the client) → `_ingested_at` of its row (set by the sink when it maps the row, just before
// the INSERT), and from the last acceptance to one frequent scoring run of the changed enterprises
// being complete. The sink's embedded ClickHouse belongs to its process while it runs: once it has
// committed every event it is stopped, and this process opens the same data directory to read the
// rows and run the scoring. Reference: the same events produced straight to Kafka on the same
// schedule and consumed by a BatchConsumer, ack → receive.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseConfig } from "@lrew/config";
import { topicOf } from "@lrew/contracts";
import { FatalError } from "@lrew/errors";
import { BatchConsumer, EventProducer, ensureTopics, groupLag, type KafkaSettings } from "@lrew/kafka";
import { loadModel, runScoring } from "@lrew/scoring";
import { worldEvents } from "@lrew/simulator";
import { insertRows, migrate, openWarehouse, toRow, type Row } from "@lrew/warehouse";
import { scheduledStartMs, type LoadRequest, type LoadResult } from "./loadgen.ts";
import { freePort, httpOk, spawnService, waitUntil } from "./processes.ts";
import type { ResultLine } from "./report.ts";
import { latenciesPerEvent, percentile } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";

export interface E2eOptions {
  c: Pick<SuiteContext, "root" | "work" | "kafka" | "o">;
  eventsPerSecond: number;
  seconds: number;
  batchSize: number;
  progress: (msg: string) => void;
  runLoad: (req: LoadRequest) => Promise<LoadResult>;
}

interface Grievance {
  eventId: string;
  enterpriseId: string;
  reportedAt: string;
  json: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowUnixMs = () => performance.timeOrigin + performance.now();

/** Simulated grievances (not duplicates) and every enterprise registry event of the same world. */
function simulated(n: number): { grievances: Grievance[]; registry: Row[] } {
  for (let enterprises = 1500; ; enterprises *= 2) {
    const grievances: Grievance[] = [];
    const registry: Row[] = [];
    let offset = 0;
    for (const r of worldEvents({ seed: "bench-e2e", enterprises })) {
      if (r.duplicate) continue;
      const e = r.event as { event_id: string; enterprise_id: string; reported_at?: string };
      if (r.stream === "enterprises")
        registry.push(
          toRow("enterprises", r.event as never, {
            topic: "bench-registry",
            partition: 0,
            offset: String(offset++),
            ingestedAt: new Date(),
          }),
        );
      else if (r.stream === "grievances" && grievances.length < n)
        grievances.push({ eventId: e.event_id, enterpriseId: e.enterprise_id, reportedAt: e.reported_at!, json: r.json });
    }
    if (grievances.length >= n || enterprises > 100_000) return { grievances, registry };
  }
}

/** The Vietnam calendar day of an ISO time. */
const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

async function kafkaReference(o: E2eOptions, events: Grievance[]): Promise<number[]> {
  const kafka = o.c.kafka;
  const topic = `${kafka.topicPrefix}.e2e-reference`;
  await ensureTopics(kafka, [topic]);
  const received = new Map<string, number>();
  const consumer = await BatchConsumer.start({
    settings: kafka,
    component: "bench",
    groupId: "bench-e2e-reference",
    topics: [topic],
    maxWaitMs: 100,
    handle: async (batch, control) => {
      const at = nowUnixMs();
      for (const m of batch.messages) {
        const id = (JSON.parse(m.value!.toString()) as { event_id: string }).event_id;
        if (!received.has(id)) received.set(id, at);
      }
      const last = batch.messages.at(-1);
      if (last) await control.commit(last.offset);
    },
  });
  const producer = await EventProducer.connect(kafka, "bench");
  try {
    // Warm up: the group join and the first fetch happen before the measured events.
    const warm = { event_id: "warm-up" };
    await producer.send(topic, [{ key: "warm-up", value: JSON.stringify(warm) }]);
    const deadline = Date.now() + 60_000;
    while (!received.has("warm-up")) {
      if (Date.now() > deadline) throw new FatalError("the reference consumer received nothing within 60 s");
      await sleep(50);
    }
    const ackedAt: number[] = [];
    const inFlight: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0, r = 0; i < events.length; i += o.batchSize, r++) {
      const wait = started + scheduledStartMs(r, o.batchSize, o.eventsPerSecond) - performance.now();
      if (wait > 0) await sleep(wait);
      const batch = events.slice(i, i + o.batchSize);
      const req = r;
      inFlight.push(
        producer
          .send(
            topic,
            batch.map((e) => ({ key: e.enterpriseId, value: e.json, headers: { "content-type": "application/json" } })),
          )
          .then(() => {
            ackedAt[req] = nowUnixMs();
          }),
      );
    }
    await Promise.all(inFlight);
    const ids = events.map((e) => e.eventId);
    const end = Date.now() + 60_000;
    while (ids.some((id) => !received.has(id))) {
      if (Date.now() > end) throw new FatalError("the reference consumer did not receive every event within 60 s");
      await sleep(50);
    }
    return latenciesPerEvent(ids, o.batchSize, ackedAt, received);
  } finally {
    await producer.disconnect();
    await consumer.stop();
  }
}

export async function e2eSuite(o: E2eOptions): Promise<ResultLine[]> {
  const { c } = o;
  const n = Math.round(o.eventsPerSecond * o.seconds);
  o.progress(`e2e: generating ${n.toLocaleString("en")} simulated grievances`);
  const { grievances, registry } = simulated(n);
  if (grievances.length < n) throw new FatalError(`the simulator gave only ${grievances.length} grievances`);
  const file = path.join(c.work, "e2e-grievances.ndjson");
  writeFileSync(file, `${grievances.map((g) => g.json).join("\n")}\n`);

  const apiKey = randomBytes(24).toString("hex");
  const prefix = `${c.kafka.topicPrefix}-e2e`;
  const group = "bench-e2e-sink";
  // The sink's home: its embedded ClickHouse, where the registry is loaded first and the rows read after.
  const sinkHome = path.join(c.work, "e2e-sink-home");
  const env = { LREW_TOPIC_PREFIX: prefix, LREW_KAFKA_PARTITIONS: String(c.kafka.partitions) };
  const config = parseConfig({ ...env, KAFKA_BROKERS: c.kafka.brokers.join(","), LREW_HOME: sinkHome }, c.root);
  await ensureTopics(config.kafka);
  const registryLoaded = await openWarehouse(config.clickhouse);
  try {
    await migrate(registryLoaded);
    await insertRows(registryLoaded, "enterprises", registry, { dedupToken: "bench-e2e-registry" });
  } finally {
    await registryLoaded.close();
  }

  const sinkPort = await freePort();
  const sink = spawnService(c, "sink", { ...env, LREW_HOME: sinkHome, LREW_SINK_GROUP: group, LREW_SINK_PORT: String(sinkPort) });
  let load: LoadResult;
  try {
    await waitUntil("the sink to start", () => httpOk(`http://127.0.0.1:${sinkPort}/readyz`), 120_000, sink.exitNote);
    const ingestPort = await freePort();
    const ingest = spawnService(c, "ingest", {
      ...env,
      LREW_INGEST_PORT: String(ingestPort),
      LREW_INGEST_RATE_LIMIT: "1000000000",
      LREW_API_KEYS: `bench:${apiKey}`,
      LREW_HMAC_KEY: randomBytes(32).toString("hex"),
    });
    try {
      const base = `http://127.0.0.1:${ingestPort}`;
      await waitUntil("ingest to be ready", () => httpOk(`${base}/readyz`), 60_000, ingest.exitNote);
      o.progress(
        `e2e: ${n.toLocaleString("en")} grievances at ${o.eventsPerSecond} events/s (${o.batchSize}/request) → ingest → Kafka → sink → ClickHouse`,
      );
      load = await o.runLoad({
        url: `${base}/v1/events/grievances`,
        apiKey,
        file,
        batchSize: o.batchSize,
        concurrency: 1,
        eventsPerSecond: o.eventsPerSecond,
      });
    } finally {
      await ingest.stop();
    }
    if (!load.ok) throw new FatalError(`e2e load failed: ${load.error}`);
    if (load.rejected > 0) throw new FatalError(`ingest rejected ${load.rejected} of the simulated grievances`);
    await waitUntil("the sink to commit every grievance", () => committedAll(config.kafka, group), 120_000, sink.exitNote);
  } finally {
    // Gone once stop() returns: its embedded ClickHouse is free for this process.
    await sink.stop();
  }

  const wh = await openWarehouse(config.clickhouse);
  try {
    const ids = grievances.map((g) => g.eventId);
    const stored = new Map<string, number>();
    const rs = await wh.client.query({
      query: `SELECT toString(event_id) AS id, toUnixTimestamp64Milli(_ingested_at) AS t FROM ${wh.database}.grievances WHERE event_id IN {ids:Array(UUID)}`,
      query_params: { ids },
      format: "JSONEachRow",
    });
    for (const r of await rs.json<{ id: string; t: string | number }>()) stored.set(r.id, Number(r.t));
    if (stored.size < ids.length) throw new FatalError(`only ${stored.size} of ${ids.length} grievances stored, every offset committed`);
    const acceptedAt = load.acceptedAtMs;
    const lastAccepted = Math.max(...acceptedAt.filter(Number.isFinite));
    const storedLat = latenciesPerEvent(ids, o.batchSize, acceptedAt, stored);
    const lastStored = Math.max(...stored.values());

    o.progress("e2e: a frequent scoring run of the changed enterprises");
    const changed = [...new Set(grievances.map((g) => g.enterpriseId))];
    const asOf = grievances
      .map((g) => vnDay(g.reportedAt))
      .sort()
      .at(-1)!;
    const t0 = performance.now();
    const run = await runScoring(wh, loadModel(), { asOf, enterpriseIds: changed });
    const scoringMs = performance.now() - t0;

    o.progress(`e2e: reference, the same ${n.toLocaleString("en")} events produced to and consumed from Kafka on the same schedule`);
    const refLat = await kafkaReference(o, grievances);
    const refName = "Kafka produce ack → consume";
    const ref50 = percentile(refLat, 50);
    const ref99 = percentile(refLat, 99);
    const note = `${n} grievances at ${o.eventsPerSecond} events/s offered, ${o.batchSize}/request; ingest and the sink as their own processes at their defaults (sink batches ≤ ${config.sink.batchRows} rows / ${config.sink.batchMs} ms); _ingested_at is set when the sink maps the row, just before its INSERT`;
    return [
      {
        suite: "e2e",
        name: `${refName}, p50 latency`,
        value: ref50,
        unit: "ms",
        note: "per event, same events, same schedule, BatchConsumer in this process",
      },
      { suite: "e2e", name: `${refName}, p99 latency`, value: ref99, unit: "ms" },
      {
        suite: "e2e",
        name: "202 accepted → stored in ClickHouse, p50 latency",
        value: percentile(storedLat, 50),
        unit: "ms",
        reference: { name: refName, value: ref50 },
        note,
      },
      {
        suite: "e2e",
        name: "202 accepted → stored in ClickHouse, p99 latency",
        value: percentile(storedLat, 99),
        unit: "ms",
        reference: { name: refName, value: ref99 },
      },
      {
        suite: "e2e",
        name: "last 202 accepted → score updated",
        value: lastStored - lastAccepted + scoringMs,
        unit: "ms",
        note: `the last row stored, then runScoring of the ${changed.length} changed enterprises as of ${asOf} (${run.scored} scored)`,
        breakdown: `last acceptance → last row stored ${(lastStored - lastAccepted).toFixed(0)} ms; scoring run ${scoringMs.toFixed(0)} ms`,
      },
      {
        suite: "e2e",
        name: "HTTP 202 latency per request, p99",
        value: percentile(load.latenciesMs, 99),
        unit: "ms",
        note: `${load.requests} requests, offered ${o.eventsPerSecond} events/s, achieved ${((load.events * 1000) / load.ms).toFixed(0)} events/s`,
      },
    ];
  } finally {
    await wh.close();
  }
}

async function committedAll(kafka: KafkaSettings, group: string): Promise<boolean> {
  const lag = await groupLag(kafka, group, [topicOf("grievances", kafka.topicPrefix)]);
  return lag.length > 0 && lag.every((p) => p.lag === 0n);
}
