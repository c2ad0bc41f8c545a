// The spine end to end, through its public interface: HTTP in, a real Kafka broker, the sink,
// embedded ClickHouse out. Valid records land exactly once, invalid ones reach the dead-letter
// topic with their reason, Vietnamese text survives, complainants stay anonymous, and posting the
// same batch again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LrewConfig } from "@lrew/config";
import { deadLetterTopicOf, STREAM_NAMES, type StreamName } from "@lrew/contracts";
import { DLQ_HEADERS, readTopic } from "@lrew/kafka";
import { countEvents, tableOf, type Warehouse } from "@lrew/warehouse";
import { caseAction, enterprise, grievance, incident, insuranceContribution, unionFee, wageArrears } from "../support/events.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { waitFor } from "../support/processes.ts";

let pipeline: TestPipeline;
let config: LrewConfig;
let wh: Warehouse;
let baseUrl: string;
let apiKey: string;

async function post(stream: string, body: string, contentType = "application/json", key = apiKey) {
  const res = await fetch(`${baseUrl}/v1/events/${stream}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": contentType },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as { accepted: number; rejected: Array<{ index: number; errors: Array<{ path: string; message: string }> }> },
  };
}

const grievances = [
  grievance(),
  grievance({ severity: 9 }), // rejected: severity
  grievance({ category: "tet_bonus", summary: "Thưởng Tết chưa rõ; email hoa.nguyen@example.vn" }), // rejected: category
  grievance({ channel: "in_person", category: "bonus", summary: "Đề nghị công khai mức thưởng Tết Bính Ngọ" }),
  grievance({ salary: 1 }), // rejected: unknown field
  grievance({ status: "in_progress", workers_involved: 12, complainant_ref: undefined }),
];
const validGrievances = [grievances[0]!, grievances[3]!, grievances[5]!];

const ndjsonWageArrears = [
  JSON.stringify(wageArrears()),
  '{"event_id": "broken json',
  JSON.stringify(wageArrears({ period: "2026-13" })),
  JSON.stringify(wageArrears({ amount_owed_vnd: 98_765_000, status: "partially_paid" })),
].join("\n");

const others: Record<Exclude<StreamName, "grievances" | "wage-arrears">, unknown[]> = {
  enterprises: [
    enterprise(),
    enterprise({ enterprise_id: "5600123456-001", name: "Chi nhánh Mường Nhé", updated_at: "2026-11-02T08:00:00+07:00" }),
  ],
  "insurance-contributions": [insuranceContribution(), insuranceContribution({ scheme: "health", amount_due_vnd: 70_600_000 })],
  incidents: [incident(), incident({ workers_involved: 0 })],
  "union-fees": [
    unionFee(),
    unionFee({ period: "2026-11", relief: { kind: "deferral", from: "2026-11", to: "2027-01", decision_ref: "12/QĐ-LĐLĐ" } }),
    unionFee({ relief: { kind: "deferral", from: "2026-01", to: "2027-06" } }), // rejected: deferral over 12 months
  ],
  "case-actions": [caseAction(), caseAction({ action: "visited" }), caseAction({ action: "closed_no_concern", note: undefined })],
};

const expected: Record<StreamName, number> = {
  enterprises: 2,
  grievances: 3,
  "wage-arrears": 2,
  "insurance-contributions": 2,
  incidents: 1,
  "union-fees": 2,
  "case-actions": 2,
};

beforeAll(async () => {
  pipeline = await startPipeline();
  ({ config, wh, baseUrl, apiKey } = pipeline);
});

afterAll(async () => {
  await pipeline?.stop();
});

describe("the spine: HTTP → Kafka → ClickHouse", () => {
  it("accepts the valid records of mixed batches and names the field of each rejected one", async () => {
    const g = await post("grievances", JSON.stringify(grievances));
    expect(g.status).toBe(202);
    expect(g.body.accepted).toBe(3);
    expect(g.body.rejected.map((r) => [r.index, r.errors[0]!.path])).toEqual([
      [1, "severity"],
      [2, "category"],
      [4, "salary"],
    ]);

    const w = await post("wage-arrears", ndjsonWageArrears, "application/x-ndjson");
    expect(w.status).toBe(202);
    expect(w.body.accepted).toBe(2);
    expect(w.body.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(w.body.rejected[1]!.errors[0]!.path).toBe("period");

    for (const [stream, records] of Object.entries(others)) {
      const r = await post(stream, JSON.stringify(records));
      expect(r.status).toBe(202);
      expect(r.body.accepted).toBe(expected[stream as StreamName]);
    }
  });

  it("stores exactly the valid records in ClickHouse, once each", async () => {
    for (const stream of STREAM_NAMES) {
      await waitFor(`${stream} rows in ClickHouse`, async () => (await countEvents(wh, stream)).rows >= expected[stream]);
    }
    await pipeline.caughtUp();
    for (const stream of STREAM_NAMES) {
      expect(await countEvents(wh, stream), stream).toEqual({ rows: expected[stream], uniqueEventIds: expected[stream] });
    }
  });

  it("keeps Vietnamese text intact and complainants anonymous", async () => {
    const rs = await wh.client.query({
      query: `SELECT event_id, summary, complainant_ref FROM ${config.clickhouse.database}.${tableOf("grievances")} ORDER BY event_id`,
      format: "JSONEachRow",
    });
    const rows = (await rs.json()) as Array<{ event_id: string; summary: string | null; complainant_ref: string | null }>;
    expect(rows.map((r) => r.event_id).sort()).toEqual(validGrievances.map((g) => g.event_id).sort());
    const first = rows.find((r) => r.event_id === validGrievances[0]!.event_id)!;
    expect(first.summary).toContain("Công nhân tổ may số 3 chưa được trả lương tháng 10");
    expect(first.summary).not.toContain("0912 345 678");
    expect(first.complainant_ref).toMatch(/^h1:[0-9a-f]{64}$/); // the keyed HMAC, not the reference
    expect(first.complainant_ref).not.toContain("001234567890");

    const names = await wh.client.query({
      query: `SELECT name FROM ${config.clickhouse.database}.${tableOf("enterprises")} WHERE enterprise_id = '5600123456'`,
      format: "JSONEachRow",
    });
    expect(await names.json()).toEqual([{ name: "Công ty TNHH May mặc Điện Biên Phủ – Mường Thanh" }]);

    const notes = await wh.client.query({
      query: `SELECT note FROM ${config.clickhouse.database}.${tableOf("case-actions")} WHERE note IS NOT NULL`,
      format: "JSONEachRow",
    });
    const [note] = (await notes.json()) as Array<{ note: string }>;
    expect(note!.note).toContain("về lương tháng 10"); // masked like a grievance summary: no phone, no name
    expect(note!.note).not.toContain("0912 345 678");
    expect(note!.note).not.toContain("Hằng");
  });

  it("keeps each rejected record in its stream's dead-letter topic with the reason, anonymised", async () => {
    const dlq = await readTopic(config.kafka, deadLetterTopicOf("grievances", config.kafka.topicPrefix));
    expect(dlq).toHaveLength(3);
    for (const m of dlq) {
      expect(m.headers[DLQ_HEADERS.stage]).toBe("ingest");
      expect(m.headers[DLQ_HEADERS.stream]).toBe("grievances");
      const text = m.value!.toString("utf8");
      expect(text).not.toContain("001234567890");
      expect(text).not.toContain("0912 345 678");
      expect(text).not.toContain("hoa.nguyen@example.vn");
    }
    const paths = dlq.map((m) => (JSON.parse(m.headers[DLQ_HEADERS.error]!) as Array<{ path: string }>)[0]!.path).sort();
    expect(paths).toEqual(["category", "salary", "severity"]);
    const wageDlq = await readTopic(config.kafka, deadLetterTopicOf("wage-arrears", config.kafka.topicPrefix));
    expect(wageDlq).toHaveLength(2);
    expect(wageDlq.some((m) => m.value!.toString("utf8").includes("broken json"))).toBe(true);
  });

  it("stores nothing twice when the same batches are posted again", async () => {
    expect((await post("grievances", JSON.stringify(grievances))).body.accepted).toBe(3);
    expect((await post("wage-arrears", ndjsonWageArrears, "application/x-ndjson")).body.accepted).toBe(2);
    for (const [stream, records] of Object.entries(others)) await post(stream, JSON.stringify(records));
    await pipeline.caughtUp();
    for (const stream of STREAM_NAMES) {
      expect(await countEvents(wh, stream), stream).toEqual({ rows: expected[stream], uniqueEventIds: expected[stream] });
    }
  });
});
