// The sink suite: Kafka → ClickHouse through services/sink as its own process (its default
// settings), for a topic pre-filled with simulated events; references, with the same rows, the same
// format (JSONEachRow) and the same rows per insert as the sink: ClickHouse's Kafka table engine
// consuming the same topic into lrew's own table (and into a plain MergeTree), and a direct insert
// of the rows mapped beforehand (the ceiling).
//
// Every one is measured once started: from the moment a tenth of the events is stored (consumer
// group joined, first fetches done, the first inserts made) to the last, so that none is compared
// while it is still starting.
import path from "node:path";
import { parseConfig } from "@lrew/config";
import { topicOf } from "@lrew/contracts";
import { EventProducer, ensureTopics, groupLag } from "@lrew/kafka";
import {
  DAILY_AGGREGATES,
  dedupToken,
  insertRows,
  migrate,
  openWarehouse,
  tableOf,
  toRow,
  type Row,
  type Warehouse,
} from "@lrew/warehouse";
import { processCpuMs } from "./cpu.ts";
import { BENCH_STREAM, benchEvents, type BenchEvent } from "./events.ts";
import { meanBetween, scrape } from "./metrics.ts";
import { freePort, httpOk, spawnService, waitUntil } from "./processes.ts";
import { profileNote } from "./profile.ts";
import { histogramTotals, ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";

/** The share of the events stored before the clock starts. */
const WARM_SHARE = 0.1;

/** What the sink runs with when nothing is configured: the bench measures the defaults. */
function sinkDefaults(root: string): { batchRows: number; batchMs: number } {
  const { batchRows, batchMs } = parseConfig({}, root).sink;
  return { batchRows, batchMs };
}

/**
 * Pure: the rate once started, from samples of (performance.now() ms, events done) in time order:
 * between the first sample with at least `warm` events done and the first with all `total`.
 */
export function warmRate(
  samples: ReadonlyArray<{ at: number; done: number }>,
  warm: number,
  total: number,
): { rate: number; events: number; ms: number } {
  const from = samples.find((s) => s.done >= warm);
  const to = samples.find((s) => s.done >= total);
  if (!from || !to || to.at <= from.at) return { rate: Number.NaN, events: 0, ms: 0 };
  const events = to.done - from.done;
  return { rate: ratePerSecond(events, to.at - from.at), events, ms: to.at - from.at };
}

/** Polls `done()` every `everyMs` until it reaches `total`, keeping the samples. */
async function follow(what: string, done: () => Promise<number>, total: number, timeoutMs: number, exited?: () => string | undefined) {
  const samples: Array<{ at: number; done: number }> = [];
  await waitUntil(
    what,
    async () => {
      const n = await done();
      samples.push({ at: performance.now(), done: n });
      return n >= total;
    },
    timeoutMs,
    exited,
  );
  return samples;
}

async function prefill(c: SuiteContext, topic: string, events: BenchEvent[]): Promise<void> {
  const producer = await EventProducer.connect(c.kafka, "bench");
  try {
    await producer.send(
      topic,
      events.map((e) => ({ key: e.key, value: e.json, headers: { "content-type": "application/json" } })),
    );
  } finally {
    await producer.disconnect();
  }
}

async function committed(c: SuiteContext, group: string, topic: string): Promise<number> {
  const lag = await groupLag(c.kafka, group, [topic]);
  return Number(lag.reduce((n, p) => n + p.committed, 0n));
}

async function countRows(wh: Warehouse, table: string): Promise<number> {
  const rs = await wh.client.query({ query: `SELECT count() AS n FROM ${table}`, format: "JSONEachRow" });
  return Number((await rs.json<{ n: string }>())[0]?.n ?? 0);
}

export async function sinkSuite(run: SuiteContext): Promise<void> {
  // Topics of its own: the sink reads every stream topic of its prefix from the beginning.
  const c: SuiteContext = { ...run, kafka: { ...run.kafka, topicPrefix: `${run.kafka.topicPrefix}-sink` } };
  await ensureTopics(c.kafka);
  const n = c.o.sinkEvents;
  const warm = Math.ceil(n * WARM_SHARE);
  const { batchRows, batchMs } = sinkDefaults(c.root);
  const topic = topicOf(BENCH_STREAM, c.kafka.topicPrefix);
  c.progress(`sink: generating ${n.toLocaleString("en")} simulated ${BENCH_STREAM} events and filling ${topic}`);
  const events = benchEvents(n, 2);
  await prefill(c, topic, events);
  const timeoutMs = Math.max(300_000, n * 3);
  const measured = (m: { events: number; ms: number }) =>
    `${m.events.toLocaleString("en")} events over ${(m.ms / 1000).toFixed(1)} s, from ${WARM_SHARE * 100} % of ${n.toLocaleString("en")} stored to all`;

  // lrew's sink, as its own process with its own embedded ClickHouse, at its default settings.
  const group = "bench-sink";
  const opsPort = await freePort();
  const sink = spawnService(c, "sink", { LREW_SINK_GROUP: group, LREW_SINK_PORT: String(opsPort) });
  let sinkRun: ReturnType<typeof warmRate>;
  let sinkCpu: number;
  let sinkBreakdown: string;
  try {
    c.sampler.watch("sink", sink.child.pid!);
    const spawned = performance.now();
    await waitUntil("the sink to start", () => httpOk(`http://127.0.0.1:${opsPort}/healthz`), 120_000, sink.exitNote);
    c.progress(`sink: started in ${((performance.now() - spawned) / 1000).toFixed(1)} s (ClickHouse, migrations, consumer); consuming`);
    const cpuBefore = processCpuMs(sink.child.pid!);
    const samples = await follow("the sink to commit every event", () => committed(c, group, topic), n, timeoutMs, sink.exitNote);
    sinkCpu = ((processCpuMs(sink.child.pid!) - cpuBefore) * 1000) / n;
    sinkRun = warmRate(samples, warm, n);
    const whole = samples.at(-1)!.at - samples[0]!.at;
    const metrics = await scrape(`http://127.0.0.1:${opsPort}/metrics`);
    const insert = meanBetween("", metrics, "lrew_sink_insert_seconds");
    const chunk = histogramTotals(metrics, "lrew_sink_chunk_rows");
    sinkBreakdown =
      `${insert.count} INSERTs (mean ${Math.round(chunk.sum / Math.max(1, chunk.count))} rows) took ${(insert.sumMs / 1000).toFixed(1)} s in all ` +
      `of ${(whole / 1000).toFixed(1)} s from /healthz to the last commit (partitions are inserted concurrently, so their times overlap)`;
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
    const engineSettings = `kafka_format = 'JSONEachRow', kafka_max_block_size = ${batchRows}, kafka_flush_interval_ms = ${batchMs}, kafka_num_consumers = 1`;
    // Each run consumes the whole topic with a consumer group of its own.
    const engineInto = async (target: string, select: string, group: string) => {
      await wh.client.command({
        query: `CREATE TABLE bench.kafka_queue (${cols}) ENGINE = Kafka SETTINGS
          kafka_broker_list = '${c.kafka.brokers.join(",")}', kafka_topic_list = '${topic}', kafka_group_name = '${group}',
          ${engineSettings}, input_format_skip_unknown_fields = 1`,
      });
      const cpuBefore = processCpuMs(process.pid);
      await wh.client.command({ query: `CREATE MATERIALIZED VIEW bench.kafka_mv TO ${target} AS ${select} FROM bench.kafka_queue` });
      const samples = await follow(
        `the ClickHouse Kafka engine to store every event in ${target}`,
        () => countRows(wh, target),
        n,
        timeoutMs,
      );
      const cpu = ((processCpuMs(process.pid) - cpuBefore) * 1000) / n;
      await wh.client.command({ query: "DROP TABLE bench.kafka_mv" });
      await wh.client.command({ query: "DROP TABLE bench.kafka_queue" });
      return { ...warmRate(samples, warm, n), cpu };
    };
    c.progress("sink: ClickHouse Kafka engine consuming the same topic into a plain MergeTree table");
    const plain = await engineInto("bench.kafka_target", "SELECT *", "bench-clickhouse-plain");
    // The fair reference: the same table as the sink (ReplacingMergeTree, skip indexes, the daily
    // aggregate view behind it), the same conversions done in SQL instead of the contract check.
    c.progress("sink: ClickHouse Kafka engine consuming the same topic into lrew's table");
    const engine = await engineInto(
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
    const samples: Array<{ at: number; done: number }> = [];
    const cpuBefore = processCpuMs(process.pid);
    for (let i = 0; i < rows.length; i += batchRows) {
      const chunk = rows.slice(i, i + batchRows);
      await insertRows(wh, BENCH_STREAM, chunk, { dedupToken: dedupToken(topic, 0, String(i), String(i + chunk.length - 1)) });
      samples.push({ at: performance.now(), done: i + chunk.length });
    }
    const direct = { ...warmRate(samples, warm, n), cpu: ((processCpuMs(process.pid) - cpuBefore) * 1000) / n };
    const cpuNote =
      "CPU time per event of the process doing the work (the sink's, with its embedded ClickHouse; this process's, with the references' embedded ClickHouse), Kafka's not counted";

    const ref = (name: string, value: number) => ({ name, value });
    c.results.push(
      {
        suite: "sink",
        name: "direct insert (ceiling), events/s",
        value: direct.rate,
        unit: "events/s",
        note: `rows mapped beforehand, inserted ${batchRows.toLocaleString("en")} per INSERT (JSONEachRow) into lrew's table, one after another; ${measured(direct)}`,
      },
      {
        suite: "sink",
        name: "ClickHouse Kafka engine → plain MergeTree, events/s",
        value: plain.rate,
        unit: "events/s",
        reference: ref("direct insert", direct.rate),
        note: `a plain MergeTree with the Kafka table's columns, no view behind it; ${engineSettings}; ${measured(plain)}`,
      },
      {
        suite: "sink",
        name: "ClickHouse Kafka engine → lrew's table, events/s",
        value: engine.rate,
        unit: "events/s",
        reference: ref("direct insert", direct.rate),
        note: `lrew's insurance_contributions table (ReplacingMergeTree, skip indexes, insurance_daily view), the mapping in SQL: the like-for-like reference; ${engineSettings}; ${measured(engine)}`,
      },
      {
        suite: "sink",
        name: "lrew sink vs Kafka engine, events/s",
        value: sinkRun.rate,
        unit: "events/s",
        reference: ref("Kafka engine → lrew's table", engine.rate),
        note: `services/sink at its defaults (LREW_SINK_BATCH_ROWS ${batchRows.toLocaleString("en")}, LREW_SINK_BATCH_MS ${batchMs}); ${measured(sinkRun)}, by the offsets it committed`,
        breakdown: sinkBreakdown,
      },
      {
        suite: "sink",
        name: "lrew sink, CPU per event",
        value: sinkCpu,
        unit: "µs",
        reference: ref("Kafka engine → lrew's table", engine.cpu),
        note: `${cpuNote}; direct insert ${direct.cpu.toFixed(1)} µs (rows mapped beforehand), Kafka engine → plain MergeTree ${plain.cpu.toFixed(1)} µs`,
      },
      {
        suite: "sink",
        name: "lrew sink vs Kafka engine → plain MergeTree, events/s",
        value: sinkRun.rate,
        unit: "events/s",
        reference: ref("Kafka engine → plain MergeTree", plain.rate),
      },
      {
        suite: "sink",
        name: "lrew sink vs direct insert, events/s",
        value: sinkRun.rate,
        unit: "events/s",
        reference: ref("direct insert", direct.rate),
      },
    );
  } finally {
    await wh.close();
  }
}
