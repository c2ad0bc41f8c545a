// The notifier while ClickHouse is unavailable (simulated at the client boundary through
// LREW_FAULT_DIR, as in test/e2e/clickhouse-outage.int.test.ts): the delivery log that decides
// whether an e-mail may go out cannot be read, so nothing is sent; the notifier reports not ready and
// counts its retries; when ClickHouse is back every alert is sent exactly once, by itself.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LrewConfig } from "@lrew/config";
import type { EventProducer } from "@lrew/kafka";
import { startMailCapture, type MailCapture } from "@lrew/mail-capture";
import { registry } from "@lrew/telemetry";
import { deliveryKey, readDeliveries, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import { waitFor } from "../../../test/support/processes.ts";
import type { Notifier } from "./notifier.ts";
import { notifierCaughtUp, produceAlerts, startNotifierUnderTest, testAlert } from "./test-notifier.ts";

const TG = "ldld.tuangiao@example.vn";
const UNITS = [
  { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", area_code: "DB", email: "ldld.dienbien@example.vn", level: "province" },
  { id: "LDLD-TG", name: "Liên đoàn Lao động huyện Tuần Giáo", area_code: "DB-TG", email: TG, level: "district", parent: "LDLD-DB" },
  {
    id: "CDCS-1",
    name: "Công đoàn cơ sở Công ty May",
    area_code: "DB-TG",
    email: "cdcs1@example.vn",
    level: "grassroots",
    parent: "LDLD-TG",
  },
];

const faultDir = mkdtempSync(path.join(os.tmpdir(), "lrew-fault-"));
const downFile = path.join(faultDir, "clickhouse-down");
let config: LrewConfig;
let capture: MailCapture;
let producer: EventProducer;
let wh: Warehouse | undefined;
let notifier: Notifier | undefined;

beforeAll(async () => {
  process.env.LREW_FAULT_DIR = faultDir;
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(testEnv().LREW_HOME!, "mail") });
  const env = testEnv({ LREW_SMTP_PORT: String(capture.smtpPort), LREW_NOTIFIER_PORT: "0", LREW_NOTIFY_RETRY_BASE_MS: "100" });
  ({ config, producer, wh, notifier } = await startNotifierUnderTest(env, UNITS));
});

afterAll(async () => {
  rmSync(downFile, { force: true });
  await notifier?.stop();
  await wh?.close();
  await producer?.disconnect();
  await capture?.close();
  rmSync(faultDir, { recursive: true, force: true });
});

async function clickhouseRetries(): Promise<number> {
  const metric = await registry.getSingleMetric("lrew_notifier_retries_total")?.get();
  return metric?.values.find((v) => v.labels.dependency === "clickhouse")?.value ?? 0;
}

describe("the notifier while ClickHouse is unavailable", () => {
  it("sends nothing and reports not ready, then sends every alert exactly once when ClickHouse is back", async () => {
    expect(await notifier!.isReady()).toBe(true);
    const alerts = Array.from({ length: 3 }, (_, i) => testAlert({ enterprise_id: `560000010${i}` }));

    writeFileSync(downFile, "");
    expect(await notifier!.isReady()).toBe(false);
    const retriesBefore = await clickhouseRetries();
    await produceAlerts(producer, config, ...alerts);
    await waitFor("the notifier to retry ClickHouse", async () => (await clickhouseRetries()) >= retriesBefore + 2, 60_000);
    expect(await capture.messages()).toEqual([]); // the delivery log could not be read: nothing may go out
    expect(await notifier!.isReady()).toBe(false);

    rmSync(downFile);
    await waitFor("an e-mail per alert", async () => (await capture.messages()).length >= alerts.length, 90_000);
    await notifierCaughtUp(config);
    expect(await notifier!.isReady()).toBe(true);

    const mails = await capture.messages();
    expect(mails).toHaveLength(alerts.length);
    for (const a of alerts) {
      expect(mails.filter((m) => m.messageId === `<${a.alert_id}@lrew.invalid>`).map((m) => m.envelopeTo)).toEqual([[TG]]);
    }
    const log = await readDeliveries(
      wh!,
      alerts.map((a) => a.alert_id),
    );
    for (const a of alerts) expect(log.get(deliveryKey(a.alert_id, TG))?.status).toBe("sent");
  });
});
