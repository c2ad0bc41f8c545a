// The sink suite: Kafka → ClickHouse through services/sink as its own process, for a topic pre-filled
// with simulated events; references: ClickHouse's Kafka table engine consuming the same topic (into
// lrew's own table, and into a plain MergeTree), and a direct insert of the same rows (the ceiling).
import path from "node:path";
import { topicOf } from "@lrew/contracts";
import { EventProducer, groupLag } from "@lrew/kafka";
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
import { BENCH_STREAM, benchEvents, type BenchEvent } from "./events.ts";
import { meanBetween, scrape } from "./metrics.ts";
import { freePort, httpOk, spawnService, waitUntil } from "./processes.ts";
import { profileNote } from "./profile.ts";
import { ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";

const SINK_BATCH_ROWS = 5000;
export const SINK_BATCH_MS = 1000;

async function prefill(c: SuiteContext, topic: string, events: BenchEvent[]): Promise<void> {
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

async function committedAll(c: SuiteContext, group: string, topic: string): Promise<boolean> {
  const lag = await groupLag(c.kafka, group, [topic]);
  return lag.length > 0 && lag.every((p) => p.lag === 0n);
}

async function countRows(wh: Warehouse, table: string): Promise<number> {
  const rs = await wh.client.query({ query: `SELECT count() AS n FROM ${table}`, format: "JSONEachRow" });
  return Number((await rs.json<{ n: string }>())[0]?.n ?? 0);
}

export async function sinkSuite(c: SuiteContext): Promise<void> {
  const n = c.o.sinkEvents;
  const topic = topicOf(BENCH_STREAM, c.kafka.topicPrefix);
  c.progress(`sink: generating ${n.toLocaleString("en")} simulated ${BENCH_STREAM} events and filling ${topic}`);
  const events = benchEvents(n, 2);
  await prefill(c, topic, events);
  const timeoutMs = Math.max(180_000, n * 3);

  // lrew's sink, as its own process with its own embedded ClickHouse.
  const group = "bench-sink";
  const opsPort = await freePort();
  const sink = spawnService(c, "sink", {
    LREW_SINK_GROUP: group,
    LREW_SINK_PORT: String(opsPort),
    LREW_SINK_BATCH_ROWS: String(SINK_BATCH_ROWS),
    LREW_SINK_BATCH_MS: String(SINK_BATCH_MS),
  });
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
