// The abuse scenario of the ingest suite: one provider's key posts `abuseBodies` bodies of
// `abuseRecords` invalid records back to back (far within any rate limit: a careless provider, not a
// flood), while another key sends single valid events at `abuseRate` per second. Measured: the
// valid events' latency beside it against their latency alone, ingest's event-loop delay meanwhile
// (perf_hooks.monitorEventLoopDelay, through prom-client's gauges on /metrics), and that every
// refused record reached the dead-letter topic.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { FatalError } from "@lrew/errors";
import { topicMessageCounts } from "@lrew/kafka";
import { BENCH_STREAM, type BenchEvent } from "./events.ts";
import type { RunningIngest } from "./ingest-suite.ts";
import type { LoadRequest, LoadResult } from "./loadgen.ts";
import { EVENT_LOOP_MAX, EVENT_LOOP_P99, eventLoopDelayMs, scrape } from "./metrics.ts";
import { runLoadGenerator, startLoadGenerator } from "./processes.ts";
import { percentile, ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";

/** Seconds the valid events run alone before the careless provider starts. */
const LEAD_SECONDS = 1;

/** Pure: a valid event made invalid the way a careless export is: a bad tax code, a negative amount, a date in words, an unknown column with a phone number in it. */
export function carelessRecord(validJson: string): string {
  const e = JSON.parse(validJson) as Record<string, unknown>;
  return JSON.stringify({
    ...e,
    enterprise_id: String(e.enterprise_id).slice(0, 8),
    amount_due_vnd: -1,
    reported_at: "hôm qua",
    ghi_chu: "kế toán: chị Lan 0912 345 678",
  });
}

/** Pure: the latencies of the requests sent between `from` and `to` (Unix ms). */
export function latenciesBetween(r: Pick<LoadResult, "sentAtMs" | "latenciesMs">, from: number, to: number): number[] {
  return r.latenciesMs.filter((_, i) => r.sentAtMs[i]! >= from && r.sentAtMs[i]! <= to);
}

export async function runAbuseScenario(c: SuiteContext, ingest: RunningIngest, validFile: string, events: BenchEvent[]): Promise<void> {
  const { abuseBodies: bodies, abuseRecords: records, abuseRate: rate } = c.o;
  const invalidFile = path.join(c.work, "ingest-careless.ndjson");
  writeFileSync(invalidFile, `${Array.from({ length: records }, (_, i) => carelessRecord(events[i % events.length]!.json)).join("\n")}\n`);
  const url = `${ingest.base}/v1/events/${BENCH_STREAM}`;
  const single: LoadRequest = { url, apiKey: ingest.keys.bench, file: validFile, batchSize: 1, concurrency: 1, eventsPerSecond: rate };
  const watch = (pid: number) => c.sampler.watch("load generator", pid);
  const failed = (what: string, r: LoadResult) => new FatalError(`${what} failed: ${r.error}\n${ingest.service.output().slice(-2000)}`);

  c.progress(`ingest: abuse scenario: single valid events at ${rate}/s alone for ${c.o.abuseUnloadedSeconds} s`);
  const alone = await runLoadGenerator({ ...single, seconds: c.o.abuseUnloadedSeconds }, watch);
  if (!alone.ok) throw failed("the valid events alone", alone);

  c.progress(`ingest: abuse scenario: the same beside ${bodies} bodies of ${records.toLocaleString("en")} invalid records`);
  const dlq = deadLetterTopicOf(BENCH_STREAM, c.kafka.topicPrefix);
  const dlqBefore = (await topicMessageCounts(c.kafka, [dlq])).get(dlq) ?? 0n;
  await scrape(`${ingest.base}/metrics`); // the event-loop gauges count from here
  const beside = startLoadGenerator({ ...single, seconds: 3600 }, watch);
  await new Promise((r) => setTimeout(r, LEAD_SECONDS * 1000));
  const careless = await runLoadGenerator(
    { url, apiKey: ingest.keys.careless, file: invalidFile, batchSize: records, concurrency: 1, requests: bodies },
    watch,
  );
  beside.stop();
  const valid = await beside.result;
  await c.sampler.release("load generator");
  const after = await scrape(`${ingest.base}/metrics`);
  const dlqAfter = (await topicMessageCounts(c.kafka, [dlq])).get(dlq) ?? 0n;
  if (!careless.ok) throw failed("the careless provider", careless);
  if (!valid.ok) throw failed("the valid events beside it", valid);
  const refused = bodies * records;
  if (careless.rejected !== refused) throw new FatalError(`ingest refused ${careless.rejected} of the ${refused} invalid records`);
  const deadLettered = Number(dlqAfter - dlqBefore);
  if (deadLettered < refused) throw new FatalError(`only ${deadLettered} of the ${refused} refused records reached ${dlq}`);

  const during = latenciesBetween(valid, careless.startedAtMs, careless.endedAtMs);
  const label = `1 valid event/request at ${rate}/s`;
  const loadNote = `${bodies} bodies of ${records.toLocaleString("en")} invalid records (4 errors each) posted back to back by another key, in ${(careless.ms / 1000).toFixed(1)} s`;
  c.results.push(
    {
      suite: "ingest",
      name: `abuse: ${label}, alone, p99 latency`,
      value: percentile(alone.latenciesMs, 99),
      unit: "ms",
      note: `${alone.requests} requests to ${topicOf(BENCH_STREAM, c.kafka.topicPrefix)} over ${c.o.abuseUnloadedSeconds} s; p50 ${percentile(alone.latenciesMs, 50).toFixed(1)} ms`,
    },
    {
      suite: "ingest",
      name: `abuse: ${label}, beside a careless provider, p99 latency`,
      value: percentile(during, 99),
      unit: "ms",
      reference: { name: "alone", value: percentile(alone.latenciesMs, 99) },
      note: `${during.length} requests sent while ${loadNote}`,
    },
    {
      suite: "ingest",
      name: `abuse: ${label}, beside a careless provider, p50 latency`,
      value: percentile(during, 50),
      unit: "ms",
      reference: { name: "alone", value: percentile(alone.latenciesMs, 50) },
    },
    {
      suite: "ingest",
      name: `abuse: ${bodies} bodies of ${records.toLocaleString("en")} invalid records, records/s`,
      value: ratePerSecond(refused, careless.ms),
      unit: "events/s",
      note: `each answered with the first 500 rejections and rejected_total; all ${refused.toLocaleString("en")} in ${dlq} (it grew by ${deadLettered.toLocaleString("en")}); per body p50 ${percentile(careless.latenciesMs, 50).toFixed(0)} ms`,
    },
    {
      suite: "ingest",
      name: "abuse: ingest event-loop delay, max",
      value: eventLoopDelayMs(after, EVENT_LOOP_MAX),
      unit: "ms",
      note: `perf_hooks.monitorEventLoopDelay in the ingest process over the scenario, less its 10-ms sampling interval; p99 ${eventLoopDelayMs(after, EVENT_LOOP_P99).toFixed(1)} ms`,
    },
  );
}
