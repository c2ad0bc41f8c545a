// Data providers end to end: the simulator delivering a small province over HTTP, and a messy
// agency CSV imported twice. Both go through the ingest API, Kafka and the sink into ClickHouse.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STREAM_NAMES, type StreamName } from "@lrew/contracts";
import { importFile } from "@lrew/importer";
import { worldEvents } from "@lrew/simulator";
import { HttpDelivery, runSimulation } from "@lrew/simulator-service";
import { countEvents, tableOf } from "@lrew/warehouse";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";

let p: TestPipeline;
const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-providers-"));

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p?.stop();
});

describe("the simulator as a provider", () => {
  const params = { seed: 7, enterprises: 120, days: 120, start: "2026-06-01" };

  it("delivers a province over HTTP; ClickHouse holds each event once and no ground truth", async () => {
    const unique: Record<StreamName, Set<string>> = Object.fromEntries(STREAM_NAMES.map((s) => [s, new Set<string>()])) as never;
    let duplicates = 0;
    for (const e of worldEvents(params)) {
      unique[e.stream].add(e.event.event_id!);
      if (e.duplicate) duplicates++;
    }
    expect(duplicates).toBeGreaterThan(0); // the world really resends some events

    const truthFile = path.join(dir, "truth.ndjson");
    const summary = await runSimulation({
      params,
      delivery: new HttpDelivery({ baseUrl: p.baseUrl, apiKey: p.apiKey }),
      truthFile,
      referenceDir: path.join(dir, "reference"),
    });
    expect(summary.rejected).toBe(0);
    expect(summary.accepted).toBe(summary.events);
    await p.caughtUp();

    for (const stream of STREAM_NAMES) {
      const n = unique[stream].size;
      expect(await countEvents(p.wh, stream), stream).toEqual({ rows: n, uniqueEventIds: n });
    }
    expect(readFileSync(truthFile, "utf8").split("\n").filter(Boolean).length).toBe(summary.truthRecords);
    const tables = await p.wh.client.query({
      query: "SELECT name FROM system.tables WHERE database = {db:String}",
      query_params: { db: p.config.clickhouse.database },
      format: "JSONEachRow",
    });
    const names = ((await tables.json()) as Array<{ name: string }>).map((t) => t.name);
    // No ground truth: the hidden states and hazards stay in the truth file (policy_states is the alert policy's own state).
    expect(names.some((n) => /truth|hidden|hazard/i.test(n) || /^(enterprise_)?states?$/.test(n))).toBe(false);
    expect(JSON.stringify(readFileSync(path.join(dir, "reference", "areas.json"), "utf8"))).toContain("Mường Nhé");
  });
});

describe("file import", () => {
  // A wage-arrears export as an inspectorate might send it: BOM, semicolons, a title row,
  // Vietnamese headers with and without diacritics, Vietnamese numbers and dates, one bad row.
  const csv =
    "\uFEFFBÁO CÁO NỢ LƯƠNG THÁNG 10/2026;;;;;;\n" +
    "STT;Mã số thuế;Kỳ lương;So tien no (dong);Số lao động bị nợ;Trạng thái;Nguồn;Ngày báo cáo\n" +
    "1;5600123456;10/2026;1.234.567.000;300;Chưa trả;labour_inspectorate;15/11/2026\n" +
    "2;5600123457;T10/2026;98.765.000 ₫;45;Trả một phần;union;16/11/2026\n" +
    "3;5600123458;10/2026;-5.000;12;Chưa trả;union;31/02/2026\n" +
    "4;5600123459;09/2026;12.000.000;8;Đã trả;workers;17/11/2026\n";

  it("accepts the good rows, reports the bad one, and a second import doubles nothing", async () => {
    const file = path.join(dir, "no-luong-thang-10.csv");
    writeFileSync(file, csv, "utf8");
    const send = (records: unknown[]) => p.client.post("wage-arrears", records);
    const before = (await countEvents(p.wh, "wage-arrears")).rows; // the simulated province's, if that test ran first

    const first = await importFile({ stream: "wage-arrears", file, send });
    expect(first).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
    expect(first.reportPath).toBe(`${file}.rejected.csv`);
    const report = readFileSync(first.reportPath!, "utf8");
    expect(report).toContain("row,field,reason");
    expect(report).toMatch(/^5,/m); // the bad row as Excel numbers it (title row 1, header row 2)
    await p.caughtUp();
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: before + 3, uniqueEventIds: before + 3 });

    const second = await importFile({ stream: "wage-arrears", file, send });
    expect(second).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
    await p.caughtUp();
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: before + 3, uniqueEventIds: before + 3 });

    const amounts = await p.wh.client.query({
      query: `SELECT enterprise_id, amount_owed_vnd FROM ${p.config.clickhouse.database}.${tableOf("wage-arrears")} WHERE enterprise_id IN ('5600123456', '5600123457', '5600123459') ORDER BY enterprise_id`,
      format: "JSONEachRow",
    });
    expect(((await amounts.json()) as Array<{ amount_owed_vnd: string | number }>).map((r) => Number(r.amount_owed_vnd))).toEqual([
      1_234_567_000, 98_765_000, 12_000_000,
    ]);
    expect(existsSync(first.reportPath!)).toBe(true);
  });
});
