// Backup and restore, as an operator would do them after losing a machine. Machine A runs the sink
// and the notifier as processes; an alert is e-mailed; `./lrew backup` is taken; more events arrive
// and are stored on A; a complainant is erased on A; then A is gone. `./lrew restore` puts the backup
// on a fresh state directory (B), and refuses to do it twice. On B (this test process): every table
// has the backup's rows, the sink resumes from the offsets the backup recorded and stores what
// arrived after it, once; the erasure made after the backup is applied; the notifier, re-reading the
// alerts topic, sends nothing its restored delivery log shows as sent, and sends a new alert.
// The recorded offsets are moved back to make the restored sink re-read what it already has too.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { hmacRef } from "@lrew/anonymity";
import type { Manifest } from "@lrew/cli/data-protection";
import { hmacKeys, parseConfig, resolveSecrets, type LrewConfig } from "@lrew/config";
import { STREAM_NAMES, alertsTopicOf, topicOf } from "@lrew/contracts";
import { startIngest, type RunningIngest } from "@lrew/ingest";
import { IngestClient } from "@lrew/ingest-client";
import { EventProducer, ensureTopics, groupLag } from "@lrew/kafka";
import { startMailCapture, type MailCapture } from "@lrew/mail-capture";
import { Notifier } from "@lrew/notifier";
import { Sink } from "@lrew/sink";
import { countEvents, openWarehouse, tableChecksums, type Warehouse } from "@lrew/warehouse";
import { testAlert } from "../../services/notifier/src/test-notifier.ts";
import { testEnv } from "../infra/index.ts";
import { grievance, wageArrears } from "../support/events.ts";
import { ROOT, spawnService, waitFor, type ServiceProcess } from "../support/processes.ts";
import { storedText } from "../support/stored-text.ts";

const run = promisify(execFile);
const HOA = "CCCD 001234567890";
const UNITS = [
  {
    id: "LDLD-DB",
    name: "Liên đoàn Lao động tỉnh Điện Biên",
    area_code: "DB",
    email: "ldld.dienbien@example.vn",
    delivery: "immediate",
    level: "province",
  },
  {
    id: "LDLD-TG",
    name: "Liên đoàn Lao động huyện Tuần Giáo",
    area_code: "DB-TG",
    email: "ldld.tuangiao@example.vn",
    delivery: "immediate",
    level: "district",
    parent: "LDLD-DB",
  },
];

let capture: MailCapture | undefined;
let ingest: RunningIngest | undefined;
const children: ServiceProcess[] = [];
const closers: Array<() => Promise<unknown>> = [];

afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
  for (const close of closers.reverse()) await close().catch(() => undefined);
  await ingest?.close();
  await capture?.close();
});

async function lrew(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, "services/cli/src/main.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, LREW_LANG: "en" },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

function streamTopics(config: LrewConfig): string[] {
  return STREAM_NAMES.map((s) => topicOf(s, config.kafka.topicPrefix));
}

const sinkCaughtUp = (config: LrewConfig) =>
  waitFor(
    "the sink to commit everything",
    async () => (await groupLag(config.kafka, config.sink.groupId, streamTopics(config))).every((p) => p.lag === 0n),
    90_000,
  );

const notifierCaughtUp = (config: LrewConfig) =>
  waitFor(
    "the notifier to commit everything",
    async () =>
      (await groupLag(config.kafka, config.notifier.groupId, [alertsTopicOf(config.kafka.topicPrefix)])).every((p) => p.lag === 0n),
    90_000,
  );

async function stop(p: ServiceProcess): Promise<void> {
  p.child.kill("SIGTERM");
  const how = await p.exited;
  expect(how, p.output()).toBe(0);
}

describe("backup and restore", () => {
  // With a ClickHouse server both state directories would share one database: restoring needs a second server.
  it.skipIf(testEnv().CLICKHOUSE_URL !== undefined)(
    "restores onto a fresh state directory, resumes from the recorded offsets without loss or doubles, re-applies erasures and re-sends nothing",
    { timeout: 600_000 },
    async () => {
      capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: mkdtempSync(path.join(tmpdir(), "lrew-mail-")) });
      const envA = testEnv({
        LREW_INGEST_PORT: "0",
        LREW_SINK_PORT: "0",
        LREW_NOTIFIER_PORT: "0",
        LREW_SINK_BATCH_MS: "200",
        LREW_SMTP_PORT: String(capture.smtpPort),
      });
      const configA = parseConfig(envA, ROOT);
      await ensureTopics(configA.kafka);
      // reference data the notifier routes with, where it reads it by default: a state file to back up
      mkdirSync(path.join(configA.home, "simulation", "reference"), { recursive: true });
      writeFileSync(path.join(configA.home, "simulation", "reference", "union-units.json"), JSON.stringify(UNITS));

      ingest = await startIngest(configA);
      const client = new IngestClient({ baseUrl: ingest.url, apiKey: resolveSecrets(configA).apiKeys[0]!.key });
      // Embedded ClickHouse belongs to one process at a time: on A the sink runs, then the notifier.
      let sinkA = spawnService("services/sink/src/main.ts", envA);
      children.push(sinkA);

      // Before the backup: 40 grievances (two by Hoa) and 20 wage-arrears reports; one alert e-mailed.
      const hoaIds = ["KN-HOA-1", "KN-HOA-2", "KN-HOA-3"];
      const hoaText = "Chị Lò Thị Hoa phản ánh bị nợ lương";
      const before = [
        ...Array.from({ length: 38 }, (_, i) => grievance({ enterprise_id: `56001000${String(i % 7).padStart(2, "0")}` })),
        grievance({ grievance_id: hoaIds[0], complainant_ref: HOA, summary: hoaText }),
        grievance({ grievance_id: hoaIds[1], complainant_ref: HOA, summary: hoaText }),
      ];
      expect((await client.post("grievances", before)).accepted).toBe(40);
      expect(
        (
          await client.post(
            "wage-arrears",
            Array.from({ length: 20 }, (_, i) => wageArrears({ amount_owed_vnd: 1_000_000 * (i + 1) })),
          )
        ).accepted,
      ).toBe(20);
      await sinkCaughtUp(configA);
      await stop(sinkA);
      const notifierA = spawnService("services/notifier/src/main.ts", envA);
      children.push(notifierA);
      const sentAlert = testAlert({ union_unit_id: "LDLD-TG" });
      const producer = await EventProducer.connect(configA.kafka, "test");
      closers.push(() => producer.disconnect());
      await producer.send(alertsTopicOf(configA.kafka.topicPrefix), [{ key: sentAlert.enterprise_id, value: JSON.stringify(sentAlert) }]);
      await waitFor("the alert e-mail", async () => (await capture!.messages()).length === 1, 90_000);
      await notifierCaughtUp(configA);
      await stop(notifierA);

      // The backup.
      const backupDir = path.join(mkdtempSync(path.join(tmpdir(), "lrew-backup-")), "b1");
      const backedUp = await lrew(envA, "backup", "--out", backupDir);
      expect(backedUp.code, backedUp.out).toBe(0);
      const manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8")) as Manifest;
      const table = (name: string) => manifest.clickhouse.tables.find((t) => t.table === name);
      expect(table("grievances")?.rows).toBe(40);
      expect(table("wage_arrears")?.rows).toBe(20);
      expect(table("alert_deliveries")?.rows).toBeGreaterThan(0);
      expect(manifest.files.map((f) => f.path)).toEqual(
        expect.arrayContaining(["api-key", path.join("secrets", "hmac-key"), path.join("simulation", "reference", "union-units.json")]),
      );
      const recorded = manifest.kafka;
      if (!("offsets" in recorded)) throw new Error(`the backup has no offsets: ${recorded.error}`);
      expect(recorded.offsets.length).toBeGreaterThan(0);
      // A backup taken while a sink runs (with a ClickHouse server) records offsets behind the data it
      // copied. Halving them makes the restored sink re-read events it already has as well as the new
      // ones: its exactly-once storage must keep both apart.
      const behind = recorded.offsets.map((o) => ({ ...o, offset: o.offset === "-1" ? o.offset : String(BigInt(o.offset) / 2n) }));
      expect(behind.some((o, i) => o.offset !== recorded.offsets[i]!.offset)).toBe(true);
      writeFileSync(path.join(backupDir, "manifest.json"), JSON.stringify({ ...manifest, kafka: { ...recorded, offsets: behind } }));

      // After the backup, on A: 25 more events (a status of Hoa's, a third grievance of hers), then her erasure.
      sinkA = spawnService("services/sink/src/main.ts", envA);
      children.push(sinkA);
      const after = [
        ...Array.from({ length: 23 }, (_, i) => grievance({ enterprise_id: `56002000${String(i % 5).padStart(2, "0")}` })),
        grievance({
          grievance_id: hoaIds[0],
          complainant_ref: HOA,
          status: "resolved",
          summary: hoaText,
          occurred_at: "2026-11-28T09:00:00+07:00",
        }),
        grievance({ grievance_id: hoaIds[2], complainant_ref: HOA, summary: hoaText }),
      ];
      expect((await client.post("grievances", after)).accepted).toBe(25);
      await sinkCaughtUp(configA);
      await stop(sinkA);
      const erased = await lrew(envA, "erase", "--complainant-ref", HOA);
      expect(erased.code, erased.out).toBe(0);
      expect(erased.out).toContain("Left in Kafka");

      // Machine A is gone. Restore onto a fresh state directory B (same Kafka, same topics).
      const envB = testEnv({
        LREW_TOPIC_PREFIX: configA.kafka.topicPrefix,
        LREW_NOTIFIER_GROUP: "lrew-notifier-restored",
        LREW_SMTP_PORT: String(capture.smtpPort),
      });
      const configB = parseConfig(envB, ROOT);
      expect(configB.home).not.toBe(configA.home);
      const restored = await lrew(envB, "restore", backupDir);
      expect(restored.code, restored.out).toBe(0);
      expect(restored.out).toContain(`${manifest.clickhouse.tables.length} tables match the manifest`);
      const again = await lrew(envB, "restore", backupDir);
      expect(again.code).not.toBe(0);
      expect(again.out).toContain("is not empty");

      const wh: Warehouse = await openWarehouse(configB.clickhouse);
      closers.push(() => wh.close());
      // Every table as the backup had it; those the later erasure rewrote keep their row counts.
      const rewrittenByErasure = new Set(["grievances", "grievance_daily", "grievance_lifecycle", "erasures"]);
      const now = await tableChecksums(wh);
      for (const t of manifest.clickhouse.tables) {
        const got = now.find((x) => x.database === t.database && x.table === t.table);
        expect(got, `${t.table} restored`).toBeDefined();
        if (!rewrittenByErasure.has(t.table)) expect(got, t.table).toEqual(t);
      }
      expect(now.find((x) => x.table === "grievances")?.rows).toBe(40);

      // The restored sink resumes from the backup's offsets: what arrived after it is stored, once.
      const sink = await Sink.start({ kafka: configB.kafka, ...configB.sink, hmacKeys: hmacKeys(configB).all }, wh);
      closers.push(() => sink.stop());
      await sinkCaughtUp(configB);
      expect(await countEvents(wh, "grievances")).toEqual({ rows: 65, uniqueEventIds: 65 });
      expect(await countEvents(wh, "wage-arrears")).toEqual({ rows: 20, uniqueEventIds: 20 });
      const text = await storedText(wh);
      for (const gone of [...hoaIds, hoaText, ...hmacKeys(configB).all.map((k) => hmacRef(HOA, k))]) {
        expect(text, `"${gone}" is stored after the restore`).not.toContain(gone);
      }

      // The notifier on B re-reads the alerts topic from its start: the alert sent before the backup is not sent again.
      const notifier = await Notifier.start(configB, wh, { schedule: false });
      closers.push(() => notifier.stop());
      const newAlert = testAlert({ union_unit_id: "LDLD-TG", enterprise_id: "5600000077" });
      await producer.send(alertsTopicOf(configB.kafka.topicPrefix), [{ key: newAlert.enterprise_id, value: JSON.stringify(newAlert) }]);
      await notifierCaughtUp(configB);
      const mails = await capture.messages();
      expect(mails).toHaveLength(2);
      expect(mails.filter((m) => m.headers.some((h) => h.value.includes(sentAlert.alert_id)))).toHaveLength(1);
      expect(mails.filter((m) => m.headers.some((h) => h.value.includes(newAlert.alert_id)))).toHaveLength(1);
    },
  );
});
