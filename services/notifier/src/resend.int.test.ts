// Sending an interrupted e-mail by hand, against real ClickHouse and a real SMTP server on loopback
// (the mail capture). The 'uncertain' row is the one the notifier leaves when it is killed between
// the SMTP send and recording it (the kill test in notifier.int.test.ts shows it arising); here it
// is written as that test leaves it, beside the alert the scorer recorded.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUnionUnits, type Alert } from "@lrew/alerts";
import { startMailCapture, type MailCapture } from "@lrew/mail-capture";
import {
  insertAlerts,
  migrate,
  type AlertRow,
  openWarehouse,
  readDeliveries,
  writeDeliveries,
  type DeliveryRow,
  type Warehouse,
} from "@lrew/warehouse";
import { createMailer, type Mailer } from "./mailer.ts";
import { listUncertain, resendAlert } from "./resend.ts";
import { testAlert } from "./test-notifier.ts";

const TG = "ldld.tuangiao@example.vn";
const TG2 = "chutich.tuangiao@example.vn";
const UNITS = parseUnionUnits([
  { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", area_code: "DB", email: "ldld@example.vn", level: "province" },
  {
    id: "LDLD-TG",
    name: "Liên đoàn Lao động huyện Tuần Giáo",
    area_code: "DB-TG",
    emails: [TG, TG2],
    level: "district",
    parent: "LDLD-DB",
    language: "en",
  },
]);

let wh: Warehouse;
let capture: MailCapture;
let mailer: Mailer;

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), "lrew-resend-"));
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(root, "mail") });
  wh = await openWarehouse({
    ...(process.env.CLICKHOUSE_URL ? { url: process.env.CLICKHOUSE_URL } : {}),
    username: "default",
    password: "",
    database: `lrew_resend_${process.pid}`,
    embeddedPath: path.join(root, "chdb"),
  });
  await migrate(wh);
  mailer = createMailer(
    { host: capture.host, port: capture.smtpPort, secure: false, user: undefined, password: undefined },
    "lrew <canh-bao@lrew.invalid>",
  );
});

afterAll(async () => {
  mailer?.close();
  await wh?.close();
  await capture?.close();
});

const logRow = (alertId: string, recipient: string, status: DeliveryRow["status"], updatedAt: string): DeliveryRow => ({
  alert_id: alertId,
  recipient,
  unit_id: "LDLD-TG",
  kind: "immediate",
  status,
  attempts: 1,
  error: status === "uncertain" ? "found 'sending' on redelivery: the process stopped between sending and recording; not resent" : null,
  message_id: `<${alertId}@lrew.invalid>`,
  updated_at: updatedAt,
});

/** The alert as the scorer records it beside publishing it (the alerts table). */
const published = (alert: Alert): AlertRow => ({
  alert_id: alert.alert_id,
  enterprise_id: alert.enterprise_id,
  as_of: alert.as_of,
  kind: alert.kind,
  level: alert.level,
  previous_level: alert.previous_level ?? "",
  score: alert.score,
  model_version: alert.model_version,
  union_unit_id: alert.union_unit_id,
  area_code: alert.area_code,
  reasons: alert.reasons.map((r) => ({ feature: r.feature, value: r.value })),
  alert: JSON.stringify(alert),
  produced_at: "2026-11-23 01:00:00.000",
});

const mailsOf = async (alertId: string) => (await capture.messages()).filter((m) => m.headers.some((h) => h.value.includes(alertId)));

describe("./lrew deliveries uncertain | resend", () => {
  it("lists the interrupted e-mail, sends it once by hand, records it, and refuses a second time", async () => {
    const alert = testAlert({ union_unit_id: "LDLD-TG", enterprise_id: "5600000006", enterprise_name: "Công ty Giày da Điện Biên Đông" });
    await insertAlerts(wh, [published(alert)]);
    // one recipient's sending was interrupted, the other's went out
    await writeDeliveries(wh, [
      logRow(alert.alert_id, TG, "uncertain", "2026-11-23 01:00:01.000"),
      logRow(alert.alert_id, TG2, "sent", "2026-11-23 01:00:02.000"),
    ]);

    const listed = (await listUncertain(wh)).filter((d) => d.alert_id === alert.alert_id);
    expect(listed.map((d) => [d.recipient, d.unit_id, d.attempts, d.enterprise_id, d.level, d.as_of, d.updated_at])).toEqual([
      [TG, "LDLD-TG", 1, "5600000006", "high", "2026-11-23", "2026-11-23 01:00:01.000"],
    ]);

    const first = await resendAlert({ wh, mailer, units: UNITS }, alert.alert_id, "LDLD-TG");
    expect(first).toEqual({
      ok: true,
      outcomes: [
        { recipient: TG2, outcome: "refused", reason: "already_sent", status: "sent" },
        { recipient: TG, outcome: "sent", attempt: 2, messageId: `<${alert.alert_id}@lrew.invalid>` },
      ],
    });
    const mails = await mailsOf(alert.alert_id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.envelopeTo).toEqual([TG]);
    expect(mails[0]!.subject).toContain("Công ty Giày da Điện Biên Đông"); // the unit's language (en), the alert as published
    expect(mails[0]!.text).toContain("Social insurance unpaid for 4 consecutive months");

    const log = await readDeliveries(wh, [alert.alert_id]);
    expect([...log.values()].map((r) => [r.recipient, r.status, r.attempts]).sort()).toEqual(
      [
        [TG2, "sent", 1],
        [TG, "sent", 2],
      ].sort(),
    );
    expect((await listUncertain(wh)).filter((d) => d.alert_id === alert.alert_id)).toEqual([]);

    const again = await resendAlert({ wh, mailer, units: UNITS }, alert.alert_id, "LDLD-TG");
    expect(again.ok && again.outcomes.map((o) => o.outcome)).toEqual(["refused", "refused"]);
    expect(await mailsOf(alert.alert_id)).toHaveLength(1);
  });

  it("refuses what the log does not know, digests, and alerts the alerts table lacks", async () => {
    expect(await resendAlert({ wh, mailer, units: UNITS }, "no-such-alert", "LDLD-TG")).toEqual({ ok: false, reason: "no_delivery" });
    expect(await resendAlert({ wh, mailer, units: UNITS }, "digest:LDLD-TG:2026-11-23", "LDLD-TG")).toEqual({
      ok: false,
      reason: "digest",
    });
    await writeDeliveries(wh, [logRow("unpublished", TG, "uncertain", "2026-11-23 02:00:00.000")]);
    expect(await resendAlert({ wh, mailer, units: UNITS }, "unpublished", "LDLD-TG")).toEqual({
      ok: true,
      outcomes: [{ recipient: TG, outcome: "refused", reason: "alert_unknown", status: "uncertain" }],
    });
  });

  it("records an SMTP failure as parked, and the e-mail can be sent by hand again later", async () => {
    const alert = testAlert({ union_unit_id: "LDLD-TG" });
    await insertAlerts(wh, [published(alert)]);
    await writeDeliveries(wh, [logRow(alert.alert_id, TG, "uncertain", "2026-11-23 03:00:00.000")]);
    // a port nothing listens on: the connection is refused
    const closed = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: mkdtempSync(path.join(tmpdir(), "lrew-closed-")) });
    const port = closed.smtpPort;
    await closed.close();
    const unreachable = createMailer(
      { host: "127.0.0.1", port, secure: false, user: undefined, password: undefined },
      "lrew <canh-bao@lrew.invalid>",
    );
    try {
      const r = await resendAlert({ wh, mailer: unreachable, units: UNITS }, alert.alert_id, "LDLD-TG");
      expect(r.ok && r.outcomes.map((o) => [o.recipient, o.outcome])).toEqual([[TG, "parked"]]);
    } finally {
      unreachable.close();
    }
    const log = await readDeliveries(wh, [alert.alert_id]);
    expect([...log.values()][0]).toMatchObject({ status: "parked", attempts: 2 });
    const later = await resendAlert({ wh, mailer, units: UNITS }, alert.alert_id, "LDLD-TG");
    expect(later.ok && later.outcomes.map((o) => [o.outcome, o.outcome === "sent" ? o.attempt : 0])).toEqual([["sent", 3]]);
    expect(await mailsOf(alert.alert_id)).toHaveLength(1);
  });
});
