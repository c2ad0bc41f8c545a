// ClickHouse unavailable for a while (embedded: a simulated refused connection at the client boundary,
// switched on and off through LREW_FAULT_DIR; a server run sees the same errors when it is stopped):
// ingest keeps accepting, the sink pauses (commits nothing, reports not ready, counts its retries),
// then catches up by itself; every event is stored once and intact.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_NAMES, topicOf } from "@lrew/contracts";
import { groupLag } from "@lrew/kafka";
import { registry } from "@lrew/telemetry";
import { countEvents } from "@lrew/warehouse";
import { wageArrears } from "../support/events.ts";
import { differencesOfWageArrears } from "../support/intact.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { waitFor } from "../support/processes.ts";

const faultDir = mkdtempSync(path.join(os.tmpdir(), "lrew-fault-"));
const downFile = path.join(faultDir, "clickhouse-down");
let p: TestPipeline;

beforeAll(async () => {
  process.env.LREW_FAULT_DIR = faultDir;
  p = await startPipeline({ LREW_SINK_BATCH_ROWS: "100" });
});

afterAll(async () => {
  rmSync(downFile, { force: true });
  await p?.stop();
  rmSync(faultDir, { recursive: true, force: true });
});

async function clickhouseRetries(): Promise<number> {
  const metric = await registry.getSingleMetric("lrew_sink_retries_total")?.get();
  return metric?.values.find((v) => v.labels.dependency === "clickhouse")?.value ?? 0;
}

/** What the sink's /metrics says of its lag (lrew_consumer_lag_messages, summed over partitions). */
async function reportedLag(): Promise<number> {
  const metric = await registry.getSingleMetric("lrew_consumer_lag_messages")?.get();
  return (metric?.values ?? []).filter((v) => v.labels.group === p.config.sink.groupId).reduce((a, v) => a + v.value, 0);
}

async function totalLag(): Promise<bigint> {
  const topics = STREAM_NAMES.map((s) => topicOf(s, p.config.kafka.topicPrefix));
  return (await groupLag(p.config.kafka, p.config.sink.groupId, topics)).reduce((a, x) => a + x.lag, 0n);
}

describe("ClickHouse unavailable for a while", () => {
  it("keeps ingest accepting, pauses the sink, then catches up with every event stored once and intact", async () => {
    const sent = Array.from({ length: 600 }, (_, i) =>
      wageArrears({
        enterprise_id: String(5600100000 + (i % 23)),
        amount_owed_vnd: 1_000_000 + i * 7919,
        workers_affected: 1 + (i % 300),
        period: `2026-${String(1 + (i % 12)).padStart(2, "0")}`,
        status: (["outstanding", "partially_paid", "paid"] as const)[i % 3],
      }),
    );
    expect(await p.sink.isReady()).toBe(true);
    writeFileSync(downFile, "");
    const retriesBefore = await clickhouseRetries();

    for (let i = 0; i < sent.length; i += 100) {
      const res = await p.client.post("wage-arrears", sent.slice(i, i + 100));
      expect(res.accepted).toBe(100);
    }
    await waitFor("the sink to retry against ClickHouse", async () => (await clickhouseRetries()) > retriesBefore, 30_000);
    expect(await p.sink.isReady()).toBe(false);
    expect(await totalLag()).toBe(BigInt(sent.length)); // nothing committed while nothing could be stored
    // the lag metric shows the backlog while the sink waits, not the figure of the last finished batch
    expect(await reportedLag()).toBeGreaterThan(0);

    rmSync(downFile);
    await p.caughtUp(90_000);
    expect(await p.sink.isReady()).toBe(true);
    await waitFor("the lag metric to come back to zero", async () => (await reportedLag()) === 0, 30_000);
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: sent.length, uniqueEventIds: sent.length });
    expect(await differencesOfWageArrears(p.wh, sent)).toEqual([]);
  });
});
