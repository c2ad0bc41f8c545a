// The notifier while the Kafka broker is stopped and started again under a stream of alerts (as
// test/e2e/broker-restart.int.test.ts does for ingest and the sink): it reports not ready while the
// broker is down, carries on by itself when it is back, and every alert Kafka acknowledged is
// e-mailed exactly once; an alert whose publishing failed (the scorer would decide it again) at most once.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "@lrew/alerts";
import type { LrewConfig } from "@lrew/config";
import type { EventProducer } from "@lrew/kafka";
import { startMailCapture, type MailCapture } from "@lrew/mail-capture";
import { readDeliveries, type Warehouse } from "@lrew/warehouse";
import { brokerControl, brokerControlUnsupported, testEnv } from "../../../test/infra/index.ts";
import { waitFor } from "../../../test/support/processes.ts";
import type { Notifier } from "./notifier.ts";
import { notifierCaughtUp, produceAlerts, startNotifierUnderTest, testAlert } from "./test-notifier.ts";

const TG = "ldld.tuangiao@example.vn";
const UNITS = [
  { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", area_code: "DB", email: "ldld.dienbien@example.vn", level: "province" },
  { id: "LDLD-TG", name: "Liên đoàn Lao động huyện Tuần Giáo", area_code: "DB-TG", email: TG, level: "district", parent: "LDLD-DB" },
];

let config: LrewConfig;
let capture: MailCapture;
let producer: EventProducer;
let wh: Warehouse | undefined;
let notifier: Notifier | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (brokerControlUnsupported() !== undefined) return;
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(testEnv().LREW_HOME!, "mail") });
  const env = testEnv({
    LREW_SMTP_PORT: String(capture.smtpPort),
    LREW_NOTIFIER_PORT: "0",
    LREW_NOTIFIER_SESSION_TIMEOUT_MS: "6000",
    LREW_NOTIFY_RETRY_BASE_MS: "100",
  });
  ({ config, producer, wh, notifier } = await startNotifierUnderTest(env, UNITS));
});

afterAll(async () => {
  await notifier?.stop();
  await wh?.close();
  await producer?.disconnect();
  await capture?.close();
});

describe("the notifier while the Kafka broker stops and starts again", () => {
  // Only the native test infrastructure can stop and start its broker; elsewhere this says why.
  it.skipIf(brokerControlUnsupported() !== undefined)(
    "reports not ready while it is down, recovers by itself, e-mails every acknowledged alert exactly once",
    async () => {
      const acknowledged: Alert[] = [];
      const attempted: Alert[] = [];
      let failedSends = 0;
      let running = true;
      const load = (async () => {
        let i = 0;
        while (running) {
          const batch = Array.from({ length: 5 }, () =>
            // Each alert its own enterprise: an open case would hold a repeat of the same level back (by design).
            testAlert({ enterprise_id: String(5600300000 + i++), union_unit_id: "LDLD-TG" }),
          );
          attempted.push(...batch);
          try {
            await produceAlerts(producer, config, ...batch);
            acknowledged.push(...batch);
          } catch {
            failedSends++; // not acknowledged: the scorer's run would fail and decide these alerts again
          }
          await sleep(100);
        }
      })();

      const broker = brokerControl();
      await waitFor("some alerts e-mailed", async () => (await capture.messages()).length >= 20, 60_000);
      await broker.stop();
      await waitFor("the notifier to report not ready", async () => !(await notifier!.isReady()), 30_000);
      await waitFor("a send to fail while Kafka is down", () => failedSends > 0, 60_000);
      const acknowledgedWhileDown = acknowledged.length;
      await sleep(2000);
      await broker.start();
      await waitFor("alerts acknowledged again", () => acknowledged.length > acknowledgedWhileDown + 20, 90_000);
      await waitFor("the notifier to report ready again", () => notifier!.isReady(), 30_000);
      running = false;
      await load;

      await notifierCaughtUp(config);
      await waitFor("an e-mail per acknowledged alert", async () => (await capture.messages()).length >= acknowledged.length, 60_000);
      const mails = await capture.messages();
      const perAlert = new Map<string, number>();
      for (const m of mails) {
        const id = m.headers.find((h) => h.name.toLowerCase() === "x-lrew-alert-id")?.value ?? "";
        perAlert.set(id, (perAlert.get(id) ?? 0) + 1);
      }
      const lost = acknowledged.filter((a) => perAlert.get(a.alert_id) !== 1);
      expect(lost.map((a) => [a.alert_id, perAlert.get(a.alert_id) ?? 0])).toEqual([]); // none lost, none doubled
      expect([...perAlert].filter(([, n]) => n !== 1)).toEqual([]); // nothing e-mailed twice
      const attemptedIds = new Set(attempted.map((a) => a.alert_id));
      expect([...perAlert.keys()].filter((id) => !attemptedIds.has(id))).toEqual([]);
      const log = await readDeliveries(
        wh!,
        acknowledged.map((a) => a.alert_id),
      );
      expect([...log.values()].filter((r) => r.status !== "sent").map((r) => [r.alert_id, r.status])).toEqual([]);
      expect(log.size).toBe(acknowledged.length);
    },
    300_000,
  );
});
