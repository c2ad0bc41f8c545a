// The notifier against a real Kafka broker, real ClickHouse and a real SMTP server on loopback (the
// mail capture); what arrives is parsed with mailparser. Ends with the notifier killed between the
// SMTP send and recording it: the restarted one must not send the e-mail again.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "@lrew/alerts";
import type { LrewConfig } from "@lrew/config";
import { type EventProducer, groupLag, readDeadLetterReason, readTopic } from "@lrew/kafka";
import { startMailCapture, type CapturedMessage, type MailCapture } from "@lrew/mail-capture";
import { openWarehouse, readDeliveries, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import { spawnService, waitFor } from "../../../test/support/processes.ts";
import type { Notifier } from "./notifier.ts";
import { alertsDeadLetterTopicOf, alertsTopicOf } from "@lrew/contracts";
import { testAlert as alert, notifierCaughtUp, produceAlerts, startNotifierUnderTest } from "./test-notifier.ts";

const FED = "ldld.dienbien@example.vn";
const TG = "ldld.tuangiao@example.vn";
const MC = "ldld.muongcha@example.vn";
const UNITS = [
  { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", area_code: "DB", email: FED, delivery: "immediate", level: "province" },
  {
    id: "LDLD-TG",
    name: "Liên đoàn Lao động huyện Tuần Giáo",
    area_code: "DB-TG",
    email: TG,
    delivery: "immediate",
    level: "district",
    parent: "LDLD-DB",
  },
  {
    id: "LDLD-MC",
    name: "Liên đoàn Lao động huyện Mường Chà",
    area_code: "DB-MC",
    email: MC,
    delivery: "digest",
    level: "district",
    parent: "LDLD-DB",
  },
  {
    id: "CDCS-1",
    name: "Công đoàn cơ sở Công ty May",
    area_code: "DB-TG",
    email: "cdcs1@example.vn",
    level: "grassroots",
    parent: "LDLD-TG",
  },
];

let env: Record<string, string>;
let config: LrewConfig;
let capture: MailCapture;
let producer: EventProducer;
let wh: Warehouse | undefined;
let notifier: Notifier | undefined;

const to = (m: CapturedMessage) => m.envelopeTo.join(",");
const mailFor = async (alertId: string) => (await capture.messages()).filter((m) => m.headers.some((h) => h.value.includes(alertId)));

const produce = (...alerts: Array<Alert | string>): Promise<void> => produceAlerts(producer, config, ...alerts);
const caughtUp = (): Promise<void> => notifierCaughtUp(config);

beforeAll(async () => {
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(testEnv().LREW_HOME!, "mail") });
  env = testEnv({
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

describe("notifier", () => {
  const immediate = alert({});
  const digest = alert({
    enterprise_id: "5600000002",
    enterprise_name: "HTX Nông nghiệp Mường Chà",
    area_code: "DB-MC",
    union_unit_id: "LDLD-MC",
  });
  const orphan = alert({ enterprise_id: "5600000003", enterprise_name: "Doanh nghiệp tư nhân Ánh Dương", union_unit_id: "KHONG-CO" });
  const injection = alert({ enterprise_id: "5600000004", enterprise_name: "ACME\r\nBcc: evil@example.com", union_unit_id: "LDLD-TG" });

  it("routes, renders and sends each alert once; dead-letters what is not an alert", async () => {
    await produce(immediate, digest, orphan, injection, '{"alert_id":"nope"}');
    await waitFor("three e-mails", async () => (await capture.messages()).length >= 3, 60_000);
    await caughtUp();
    const all = await capture.messages();
    expect(all).toHaveLength(3);

    const [m1] = await mailFor(immediate.alert_id);
    expect(to(m1!)).toBe(TG); // grassroots unit skipped: its district receives it
    expect(m1!.subject).toContain("Công ty TNHH May mặc Điện Biên Phủ");
    expect(m1!.text).toContain("Nợ đóng BHXH 4 tháng liên tiếp");
    expect(m1!.messageId).toBe(`<${immediate.alert_id}@lrew.invalid>`);

    const [m3] = await mailFor(orphan.alert_id);
    expect(to(m3!)).toBe(FED);
    expect(m3!.subject).toContain("Ánh Dương");

    const [m4] = await mailFor(injection.alert_id);
    expect(to(m4!)).toBe(TG);
    const raw = readFileSync(path.join(capture.dir, `${m4!.id}.eml`));
    const parsed = await simpleParser(raw);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.headers.has("bcc")).toBe(false);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : []).toEqual([TG]);
    expect(parsed.subject).toContain("ACME");
    expect(parsed.subject).not.toMatch(/[\r\n]/);
    expect(all.every((m) => !to(m).includes("evil"))).toBe(true);

    // The digest unit's alert waits for the digest.
    const log = await readDeliveries(wh!, [digest.alert_id, immediate.alert_id]);
    expect([...log.values()].map((r) => [r.alert_id, r.recipient, r.status]).sort()).toEqual(
      [
        [digest.alert_id, MC, "pending_digest"],
        [immediate.alert_id, TG, "sent"],
      ].sort(),
    );

    const dead = await readTopic(config.kafka, alertsDeadLetterTopicOf(config.kafka.topicPrefix));
    expect(dead).toHaveLength(1);
    expect(readDeadLetterReason(dead[0]!.headers)).toMatchObject({ stage: "notifier" });
    expect(readDeadLetterReason(dead[0]!.headers).error).toContain("invalid alert");
  });

  it("does not send an alert produced twice again", async () => {
    await produce(immediate, injection);
    await caughtUp();
    expect(await mailFor(immediate.alert_id)).toHaveLength(1);
    expect(await mailFor(injection.alert_id)).toHaveLength(1);
    expect(await capture.messages()).toHaveLength(3);
  });

  it("sends a digest unit one digest of its open enterprises a day", async () => {
    const db = wh!.database;
    const run = randomUUID();
    const now = "2026-11-23 01:00:00.000";
    await wh!.client.insert({
      table: `${db}.enterprises`,
      format: "JSONEachRow",
      values: [
        ["5600000002", "HTX Nông nghiệp Mường Chà", "DB-MC", "LDLD-MC"],
        ["5600000005", "Công ty Cổ phần Gỗ Mường Chà", "DB-MC", "LDLD-MC"],
        ["5600000001", "Công ty TNHH May mặc Điện Biên Phủ", "DB-TG", "CDCS-1"],
      ].map(([id, name, area, unit], i) => ({
        event_id: randomUUID(),
        enterprise_id: id,
        name,
        area_code: area,
        sector: "garment",
        ownership: "private",
        workforce: 100,
        has_union: true,
        union_unit_id: unit,
        updated_at: now,
        _topic: "test",
        _partition: 0,
        _offset: i,
        _ingested_at: now,
      })),
    });
    await wh!.client.insert({
      table: `${db}.scoring_runs`,
      format: "JSONEachRow",
      values: [
        {
          run_id: run,
          as_of: "2026-11-23",
          model_version: "test-1",
          status: "completed",
          started_at: now,
          ended_at: now,
          enterprises_scored: 3,
          level_changes: 3,
          error: null,
          updated_at: now,
        },
      ],
    });
    await wh!.client.insert({
      table: `${db}.scores`,
      format: "JSONEachRow",
      values: [
        ["5600000002", "DB-MC", "high", 0.05],
        ["5600000005", "DB-MC", "critical", 0.2],
        ["5600000001", "DB-TG", "high", 0.07],
      ].map(([id, area, level, score]) => ({
        enterprise_id: id,
        as_of: "2026-11-23",
        model_version: "test-1",
        run_id: run,
        score,
        logit: -2,
        level,
        previous_level: "watch",
        area_code: area,
        sector: "garment",
        contributions: [],
        scored_at: now,
      })),
    });

    const first = await notifier!.runDigest("2026-11-23");
    // The digest unit gets its digest (its open enterprises and its case); the units that took their
    // alerts immediately get their daily list of the cases those alerts opened (cases.int.test.ts).
    expect(first.sent.find((d) => d.unitId === "LDLD-MC")).toEqual({ unitId: "LDLD-MC", recipients: [MC], enterprises: 2, cases: 1 });
    expect(first.sent.map((d) => [d.unitId, d.enterprises]).sort()).toEqual([
      ["LDLD-DB", 0],
      ["LDLD-MC", 2],
      ["LDLD-TG", 0],
    ]);
    const digests = (await capture.messages()).filter((m) => to(m) === MC);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.text).toContain("HTX Nông nghiệp Mường Chà");
    expect(digests[0]!.text).toContain("Công ty Cổ phần Gỗ Mường Chà");
    expect(digests[0]!.text).not.toContain("May mặc");
    expect(digests[0]!.subject).toContain("Liên đoàn Lao động huyện Mường Chà");

    const again = await notifier!.runDigest("2026-11-23");
    expect(again.sent).toEqual([]);
    expect((await capture.messages()).filter((m) => to(m) === MC)).toHaveLength(1);
    // The alert that waited for the digest went out with it.
    const log = await readDeliveries(wh!, [digest.alert_id]);
    expect([...log.values()][0]!.status).toBe("sent");
  });

  it("sends nothing twice after being killed between sending and recording", async () => {
    await notifier!.stop();
    notifier = undefined;
    await wh!.close();
    wh = undefined;

    const victim = alert({ enterprise_id: "5600000006", enterprise_name: "Công ty Giày da Điện Biên Đông", union_unit_id: "LDLD-TG" });
    await produce(victim);
    const crashing = spawnService("services/notifier/src/main.ts", { ...env, LREW_FAULT: "notifier.after-send:1" });
    expect(await crashing.exited, crashing.output()).toBe("SIGKILL");
    expect(await mailFor(victim.alert_id)).toHaveLength(1);
    const lag = await groupLag(config.kafka, config.notifier.groupId, [alertsTopicOf(config.kafka.topicPrefix)]);
    expect(lag.reduce((a, p) => a + p.lag, 0n)).toBe(1n); // the kill left the alert uncommitted

    const restarted = spawnService("services/notifier/src/main.ts", env);
    await caughtUp();
    restarted.child.kill("SIGTERM");
    expect(await restarted.exited, restarted.output()).toBe(0);
    expect(await mailFor(victim.alert_id)).toHaveLength(1);

    wh = await openWarehouse(config.clickhouse);
    const log = await readDeliveries(wh, [victim.alert_id]);
    expect([...log.values()].map((r) => [r.recipient, r.status])).toEqual([[TG, "uncertain"]]);
  });
});
