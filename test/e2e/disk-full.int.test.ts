// ClickHouse refuses inserts for lack of disk space (error 243 NOT_ENOUGH_SPACE; simulated at the
// client boundary through LREW_FAULT_DIR/clickhouse-disk-full, as packages/warehouse/src/outage.ts
// describes; reads and pings keep working, as they do on a full disk): the sink pauses (commits
// nothing), reports not ready with the reason disk_full and on its metric, and resumes by itself
// when space returns, with every event stored once and intact.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_NAMES, topicOf } from "@lrew/contracts";
import { groupLag } from "@lrew/kafka";
import { registry } from "@lrew/telemetry";
import { countEvents, warehouseAnswers } from "@lrew/warehouse";
import { wageArrears } from "../support/events.ts";
import { differencesOfWageArrears } from "../support/intact.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { waitFor } from "../support/processes.ts";

const faultDir = mkdtempSync(path.join(os.tmpdir(), "lrew-fault-"));
const fullFile = path.join(faultDir, "clickhouse-disk-full");
let p: TestPipeline;

beforeAll(async () => {
  process.env.LREW_FAULT_DIR = faultDir;
  p = await startPipeline({ LREW_SINK_BATCH_ROWS: "100" });
});

afterAll(async () => {
  rmSync(fullFile, { force: true });
  await p?.stop();
  rmSync(faultDir, { recursive: true, force: true });
});

async function partitionsWaitingForSpace(): Promise<number> {
  const metric = await registry.getSingleMetric("lrew_sink_partitions_waiting_for_disk_space")?.get();
  return metric?.values[0]?.value ?? 0;
}

async function totalLag(): Promise<bigint> {
  const topics = STREAM_NAMES.map((s) => topicOf(s, p.config.kafka.topicPrefix));
  return (await groupLag(p.config.kafka, p.config.sink.groupId, topics)).reduce((a, x) => a + x.lag, 0n);
}

describe("ClickHouse's disk full", () => {
  it("pauses the sink, says why it is not ready, and resumes when space returns with nothing lost or doubled", async () => {
    const sent = Array.from({ length: 400 }, (_, i) =>
      wageArrears({
        enterprise_id: String(5600700000 + (i % 17)),
        amount_owed_vnd: 2_000_000 + i * 104_729,
        workers_affected: 1 + (i % 250),
        period: `2026-${String(1 + (i % 12)).padStart(2, "0")}`,
        status: (["outstanding", "partially_paid", "paid"] as const)[i % 3],
      }),
    );
    expect(await p.sink.readiness()).toEqual({ ready: true });
    writeFileSync(fullFile, "");

    for (let i = 0; i < sent.length; i += 100) {
      const res = await p.client.post("wage-arrears", sent.slice(i, i + 100));
      expect(res.accepted).toBe(100);
    }
    await waitFor("the sink to find the disk full", async () => (await partitionsWaitingForSpace()) > 0, 30_000);
    expect(await warehouseAnswers(p.wh)).toBe(true); // ClickHouse answers: only the reason tells what is wrong
    expect(await p.sink.readiness()).toEqual({ ready: false, reason: "disk_full" });
    expect(await totalLag()).toBe(BigInt(sent.length)); // nothing committed while nothing could be stored
    expect((await countEvents(p.wh, "wage-arrears")).rows).toBe(0);

    rmSync(fullFile);
    await p.caughtUp(90_000);
    expect(await partitionsWaitingForSpace()).toBe(0);
    expect(await p.sink.readiness()).toEqual({ ready: true });
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: sent.length, uniqueEventIds: sent.length });
    expect(await differencesOfWageArrears(p.wh, sent)).toEqual([]);
  });
});
