// The policy's e-mail decisions → alert events on the real alerts topic and in the alerts table, with
// the previous alert (what changed since) read back from ClickHouse.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertSchema } from "@lrew/alerts";
import { parseConfig } from "@lrew/config";
import { alertsTopicOf } from "@lrew/contracts";
import { EventProducer, ensureTopics, readTopic } from "@lrew/kafka";
import { isSignalFactor, type AlertDecision } from "@lrew/risk";
import { insertRows, migrate, openWarehouse, toRow, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import { AlertPublisher } from "./alert-publisher.ts";

let wh: Warehouse;
let producer: EventProducer;
let publisher: AlertPublisher;
let config: ReturnType<typeof parseConfig>;

const change = (over: Partial<AlertDecision> = {}): AlertDecision =>
  ({
    enterprise_id: "5600123456",
    as_of: "2026-11-20",
    kind: "raised_high",
    from: "watch",
    to: "high",
    score: 0.4,
    area_code: "DB-DBP",
    sector: "garment",
    model_version: "test-1",
    contributions: [
      { feature: "workforce", value: 800, contribution: 2.0 },
      { feature: "ownership_fdi", value: 1, contribution: 0.5 },
      { feature: "insurance_arrears_months", value: 4, contribution: 1.2 },
      { feature: "wage_arrears_workers_share", value: 0.6, contribution: 0.8 },
    ],
    reasons: [
      { feature: "insurance_arrears_months", value: 4, contribution: 1.2 },
      { feature: "wage_arrears_workers_share", value: 0.6, contribution: 0.8 },
    ],
    ...over,
  }) as AlertDecision;

beforeAll(async () => {
  config = parseConfig(testEnv(), process.cwd());
  await ensureTopics(config.kafka);
  wh = await openWarehouse({ ...config.clickhouse, embeddedPath: mkdtempSync(path.join(os.tmpdir(), "lrew-alerts-")) });
  await migrate(wh);
  const name = "Công ty TNHH May mặc Điện Biên Phủ";
  const enterprise = {
    enterprise_id: "5600123456",
    name,
    area_code: "DB-DBP",
    sector: "garment",
    ownership: "fdi",
    workforce: 800,
    has_union: false,
    union_unit_id: "LDLD-DB-DBP",
    updated_at: "2026-01-01T00:00:00+07:00",
  } as const;
  await insertRows(
    wh,
    "enterprises",
    [toRow("enterprises", enterprise, { topic: "t", partition: 0, offset: "1", ingestedAt: new Date() })],
    {
      dedupToken: "alerts-test",
    },
  );
  producer = await EventProducer.connect(config.kafka, "test");
  publisher = new AlertPublisher(wh, producer, {
    topicPrefix: config.kafka.topicPrefix,
    dashboardUrl: "http://127.0.0.1:8080",
    federationUnitId: "LDLD-DB",
    areaNames: new Map([["DB-DBP", "Thành phố Điện Biên Phủ"]]),
  });
});

afterAll(async () => {
  await producer?.disconnect();
  await wh?.close();
});

describe("AlertPublisher", () => {
  it("publishes a raised-to-high alert to the topic and records it", async () => {
    const alerts = await publisher.publish([change()]);
    expect(alerts.map((a) => a.kind)).toEqual(["raised_high"]);
    expect(alerts[0]).toMatchObject({ enterprise_name: "Công ty TNHH May mặc Điện Biên Phủ", union_unit_id: "LDLD-DB-DBP" });
    const onTopic = await readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix));
    expect(onTopic).toHaveLength(1);
    expect(onTopic[0]!.key?.toString()).toBe("5600123456");
    const event = alertSchema.parse(JSON.parse(onTopic[0]!.value!.toString("utf8")));
    expect(event.alert_id).toBe(alerts[0]!.alert_id);
    const rs = await wh.client.query({ query: `SELECT count() AS n FROM ${wh.database}.alerts`, format: "JSONEachRow" });
    expect(await rs.json()).toEqual([{ n: 1 }]);
  });

  it("states signals with structure as context, and reads the previous alert back for what changed", async () => {
    const [risen] = await publisher.publish([change({ kind: "risen", as_of: "2026-11-28", from: "high", score: 0.6 })]);
    expect(risen).toMatchObject({ kind: "risen", previous_alert: { as_of: "2026-11-20", level: "high", score: 0.4 } });
    for (const r of risen!.reasons) expect(isSignalFactor(r.feature)).toBe(true);
    expect(risen!.context.vi).toBe("Một doanh nghiệp may mặc lớn có vốn đầu tư nước ngoài (800 lao động).");
    expect(await readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix))).toHaveLength(2);
  });
});
