// The notifier against a real SMTP server on loopback that refuses: a temporary refusal (451) is
// retried and the e-mail then sent exactly once; a permanent one (550) parks the e-mail with the
// server's answer and nothing is sent. Real Kafka, real ClickHouse, real SMTP (smtp-server).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Alert } from "@lrew/alerts";
import type { LrewConfig } from "@lrew/config";
import type { EventProducer } from "@lrew/kafka";
import { deliveryKey, readDeliveries, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import type { Notifier } from "./notifier.ts";
import { notifierCaughtUp, produceAlerts, startNotifierUnderTest, testAlert } from "./test-notifier.ts";

const FLAKY = "ldld.tuangiao@example.vn"; // refuses the first DATA with 451, then accepts
const BROKEN = "ldld.muongcha@example.vn"; // refuses every DATA with 550
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
    email: FLAKY,
    delivery: "immediate",
    level: "district",
    parent: "LDLD-DB",
  },
  {
    id: "LDLD-MC",
    name: "Liên đoàn Lao động huyện Mường Chà",
    area_code: "DB-MC",
    email: BROKEN,
    delivery: "immediate",
    level: "district",
    parent: "LDLD-DB",
  },
];

/** The shared test alert, routed to union LDLD-TG, without reasons. */
const alert = (over: Partial<Alert>): Alert => testAlert({ union_unit_id: "LDLD-TG", reasons: [], ...over });

const attempts = new Map<string, number>();
const delivered: string[] = [];
let smtp: SMTPServer;
let config: LrewConfig;
let producer: EventProducer;
let wh: Warehouse | undefined;
let notifier: Notifier | undefined;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address).join(",");
      let body = "";
      stream.on("data", (d: Buffer) => (body += d.toString()));
      stream.on("end", () => {
        const n = (attempts.get(to) ?? 0) + 1;
        attempts.set(to, n);
        const refuse = (code: number, text: string) => callback(Object.assign(new Error(text), { responseCode: code }));
        if (to === BROKEN) return refuse(550, "5.1.1 mailbox unavailable");
        if (to === FLAKY && n === 1) return refuse(451, "4.3.0 try again later");
        delivered.push(`${to}\n${body}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const env = testEnv({
    LREW_SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
    LREW_NOTIFIER_PORT: "0",
    LREW_NOTIFY_RETRY_BASE_MS: "100",
    LREW_NOTIFY_MAX_ATTEMPTS: "4",
  });
  ({ config, producer, wh, notifier } = await startNotifierUnderTest(env, UNITS));
});

afterAll(async () => {
  await notifier?.stop();
  await wh?.close();
  await producer?.disconnect();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

describe("SMTP server refusing", () => {
  it("retries a temporary refusal and sends once; parks a permanent one with the server's answer", async () => {
    const flaky = alert({});
    const broken = alert({ enterprise_id: "5600000002", area_code: "DB-MC", union_unit_id: "LDLD-MC" });
    await produceAlerts(producer, config, flaky, broken);
    await notifierCaughtUp(config);
    const rows = await readDeliveries(wh!, [flaky.alert_id, broken.alert_id]);
    expect(rows.get(deliveryKey(flaky.alert_id, FLAKY))).toMatchObject({ status: "sent", attempts: 2 });
    expect(attempts.get(FLAKY)).toBe(2);
    expect(delivered.filter((d) => d.startsWith(FLAKY) && d.includes(flaky.alert_id))).toHaveLength(1);

    const parked = rows.get(deliveryKey(broken.alert_id, BROKEN));
    expect(parked).toMatchObject({ status: "parked", attempts: 1 });
    expect(parked?.error).toContain("550");
    expect(attempts.get(BROKEN)).toBe(1); // a permanent refusal is not retried
    expect(delivered.filter((d) => d.startsWith(BROKEN))).toEqual([]);
  });
});
