// Cases through the notifier against real Kafka, ClickHouse and SMTP: the first alert opens a case
// and carries a signed acknowledgement link; a repeat of the same level joins it silently; a rise is
// an update. A case nobody acknowledges escalates exactly once — not again the next day, not after a
// restart — and a critical case without action escalates once for that reason. Units that take their
// alerts immediately get their daily list of cases not closed, once a day.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCaseLink } from "@lrew/alerts";
import { resolveCaseLinkKey, type LrewConfig } from "@lrew/config";
import type { EventProducer } from "@lrew/kafka";
import { startMailCapture, type CapturedMessage, type MailCapture } from "@lrew/mail-capture";
import { selectOpenCase, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import { waitFor } from "../../../test/support/processes.ts";
import { Notifier } from "./notifier.ts";
import { testAlert as alert, notifierCaughtUp, produceAlerts, startNotifierUnderTest } from "./test-notifier.ts";

const FED = "ldld.dienbien@example.vn";
const TG = "ldld.tuangiao@example.vn";
const UNITS = [
  { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", area_code: "DB", email: FED, delivery: "immediate", level: "province" },
  { id: "LDLD-TG", name: "Liên đoàn Lao động huyện Tuần Giáo", area_code: "DB-TG", email: TG, level: "district", parent: "LDLD-DB" },
  { id: "CDCS-1", name: "Công đoàn cơ sở Công ty May", area_code: "DB-TG", level: "grassroots", parent: "LDLD-TG" },
];

let env: Record<string, string>;
let config: LrewConfig;
let capture: MailCapture;
let producer: EventProducer;
let wh: Warehouse | undefined;
let notifier: Notifier | undefined;

const header = (m: CapturedMessage, name: string) => m.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
const escalations = async () => (await capture.messages()).filter((m) => header(m, "X-Lrew-Escalation") !== undefined);

beforeAll(async () => {
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(testEnv().LREW_HOME!, "mail") });
  env = testEnv({ LREW_SMTP_PORT: String(capture.smtpPort), LREW_NOTIFIER_PORT: "0", LREW_NOTIFIER_SESSION_TIMEOUT_MS: "6000" });
  ({ config, producer, wh, notifier } = await startNotifierUnderTest(env, UNITS));
});

afterAll(async () => {
  await notifier?.stop();
  await wh?.close();
  await producer?.disconnect();
  await capture?.close();
});

describe("cases in the notifier", () => {
  const first = alert({ as_of: "2026-11-23", score: 0.6 }); // Monday
  const repeat = alert({ as_of: "2026-11-24", score: 0.62 });
  const rise = alert({ as_of: "2026-11-25", level: "critical", kind: "raised_critical", score: 0.8 });

  it("opens a case with a signed acknowledgement link, joins a repeat silently and sends a rise as an update", async () => {
    await produceAlerts(producer, config, first, repeat, rise);
    await waitFor("two e-mails", async () => (await capture.messages()).length >= 2, 60_000);
    await notifierCaughtUp(config);
    const mails = await capture.messages();
    expect(mails).toHaveLength(2);
    const opened = mails.find((m) => m.text.includes(first.alert_id) || header(m, "X-Lrew-Alert-Id") === first.alert_id)!;
    const update = mails.find((m) => header(m, "X-Lrew-Alert-Id") === rise.alert_id)!;
    expect(opened.envelopeTo).toEqual([TG]);
    expect(update.subject.startsWith("Cập nhật hồ sơ đang mở")).toBe(true);

    const link = /https?:\/\/\S+\/cases\/ack\?t=(\S+)/.exec(opened.text);
    expect(link).not.toBeNull();
    const check = verifyCaseLink(decodeURIComponent(link![1]!), resolveCaseLinkKey(config), Date.now());
    expect(check).toMatchObject({
      ok: true,
      claims: { alert_id: first.alert_id, enterprise_id: "5600000001", unit_id: "LDLD-TG", recipient: TG },
    });

    const kase = await selectOpenCase(wh!, "5600000001");
    expect(kase).toMatchObject({ case_id: first.alert_id, state: "open", owner_unit_id: "LDLD-TG", alerts: 3, suppressed_alerts: 1 });
  });

  it("escalates an unacknowledged case once, after three whole working days, also across a restart", async () => {
    expect((await notifier!.runEscalations("2026-11-26")).sent).toEqual([]); // Thursday: two working days passed
    const due = await notifier!.runEscalations("2026-11-27"); // Friday: three
    expect(due.sent).toEqual([{ caseId: first.alert_id, reason: "not_acknowledged", recipients: [FED] }]);
    expect((await notifier!.runEscalations("2026-11-30")).sent).toEqual([]);

    await notifier!.stop();
    notifier = await Notifier.start(config, wh!, { schedule: false });
    const again = await notifier.runEscalations("2026-12-01");
    expect(again.sent).toEqual([]);
    const sent = await escalations();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.envelopeTo).toEqual([FED]);
    expect(sent[0]!.text).toContain("chưa được tiếp nhận sau 3 ngày làm việc");
  });

  it("escalates a case critical without action for seven days, once for that reason", async () => {
    const due = await notifier!.runEscalations("2026-12-02"); // critical since 25/11
    expect(due.sent).toEqual([{ caseId: first.alert_id, reason: "critical_without_action", recipients: [FED] }]);
    expect((await notifier!.runEscalations("2026-12-03")).sent).toEqual([]);
    expect(await escalations()).toHaveLength(2);
  });

  it("sends each immediate-delivery unit its daily list of cases not closed, once a day; the federation the overdue ones", async () => {
    const lists = async () => (await capture.messages()).filter((m) => header(m, "X-Lrew-Case-List-Unit") !== undefined);
    const first = await notifier!.runDigest("2026-12-03");
    expect(first.sent.map((s) => [s.unitId, s.recipients, s.cases]).sort()).toEqual(
      [
        ["LDLD-DB", [FED], 1], // overdue: the federation's list names it
        ["LDLD-TG", [TG], 1], // the owner, which takes alerts immediately
      ].sort(),
    );
    const sent = await lists();
    expect(sent).toHaveLength(2);
    const tg = sent.find((m) => m.envelopeTo.includes(TG))!;
    expect(tg.subject).toBe("[lrew] Hồ sơ vụ việc ngày 03/12/2026: 1 hồ sơ chưa đóng, 1 quá hạn — Liên đoàn Lao động huyện Tuần Giáo");
    expect(tg.text).toContain("[QUÁ HẠN]");
    expect(tg.text).toContain("/enterprises/5600000001");

    // Logged like a digest: the same day again sends nothing, also after a restart; the next day is a new list.
    expect((await notifier!.runDigest("2026-12-03")).sent).toEqual([]);
    await notifier!.stop();
    notifier = await Notifier.start(config, wh!, { schedule: false });
    expect((await notifier.runDigest("2026-12-03")).sent).toEqual([]);
    expect(await lists()).toHaveLength(2);
    expect((await notifier.runDigest("2026-12-04")).sent.map((s) => s.unitId).sort()).toEqual(["LDLD-DB", "LDLD-TG"]);
    expect(await lists()).toHaveLength(4);
  });
});
