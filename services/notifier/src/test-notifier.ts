// Test support shared by the notifier's integration tests: a notifier on the test broker and an
// embedded ClickHouse, with the routing units written where the configuration points.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Alert } from "@lrew/alerts";
import { parseConfig, type LrewConfig } from "@lrew/config";
import { EventProducer, ensureTopics, groupLag } from "@lrew/kafka";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { ROOT, waitFor } from "../../../test/support/processes.ts";
import { Notifier } from "./notifier.ts";
import { alertsDeadLetterTopicOf, alertsTopicOf } from "@lrew/contracts";

export interface NotifierUnderTest {
  config: LrewConfig;
  producer: EventProducer;
  wh: Warehouse;
  notifier: Notifier;
}

/** Writes `units` to `$LREW_HOME/union-units.json`, points env at it, and starts a notifier (no digest schedule). */
export async function startNotifierUnderTest(env: Record<string, string>, units: unknown): Promise<NotifierUnderTest> {
  const unitsFile = path.join(env.LREW_HOME!, "union-units.json");
  writeFileSync(unitsFile, JSON.stringify(units, null, 2));
  env.LREW_UNION_UNITS_FILE = unitsFile;
  const config = parseConfig(env, ROOT);
  await ensureTopics(config.kafka, [alertsTopicOf(config.kafka.topicPrefix), alertsDeadLetterTopicOf(config.kafka.topicPrefix)]);
  const producer = await EventProducer.connect(config.kafka, "test");
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  const notifier = await Notifier.start(config, wh, { schedule: false });
  return { config, producer, wh, notifier };
}

/** Produces alerts (or raw strings, e.g. invalid ones) to the alerts topic. */
export async function produceAlerts(producer: EventProducer, config: LrewConfig, ...alerts: Array<Alert | string>): Promise<void> {
  await producer.send(
    alertsTopicOf(config.kafka.topicPrefix),
    alerts.map((a) => (typeof a === "string" ? { key: "5600000009", value: a } : { key: a.enterprise_id, value: JSON.stringify(a) })),
  );
}

/** Waits until the notifier's group has committed everything on the alerts topic. */
export async function notifierCaughtUp(config: LrewConfig): Promise<void> {
  await waitFor(
    "the notifier to commit everything",
    async () =>
      (await groupLag(config.kafka, config.notifier.groupId, [alertsTopicOf(config.kafka.topicPrefix)])).every((p) => p.lag === 0n),
    90_000,
  );
}

/** A valid alert for enterprise 5600000001 (union CDCS-1, one reason); `over` replaces any field. */
export function testAlert(over: Partial<Alert> = {}): Alert {
  return {
    alert_id: randomUUID(),
    enterprise_id: "5600000001",
    enterprise_name: "Công ty TNHH May mặc Điện Biên Phủ",
    area_code: "DB-TG",
    union_unit_id: "CDCS-1",
    kind: "raised_high",
    level: "high",
    previous_level: "watch",
    score: 0.071,
    as_of: "2026-11-23",
    model_version: "test-1",
    reasons: [
      {
        feature: "insurance_arrears_months",
        label_vi: "Nợ BHXH",
        label_en: "Insurance arrears",
        value: 4,
        contribution: 1.2,
        sentence_vi: "Nợ đóng BHXH 4 tháng liên tiếp",
        sentence_en: "Social insurance unpaid for 4 consecutive months",
      },
    ],
    context: { vi: "Một doanh nghiệp may mặc lớn (800 lao động).", en: "A large garment plant (800 workers)." },
    changes: [],
    previous_alert: null,
    key_figures: { insurance_arrears_months: 4, wage_arrears_vnd: 1_234_567_000, grievances_30d: null },
    min_cell_size: 3,
    dashboard_url: "http://127.0.0.1:8080/enterprises/5600000001",
    ...over,
  };
}
