// Complainants risk retaliation: after a simulated province and grievances carrying personal data
// (complainant references, phone, ID and bank account numbers, e-mail addresses, and people's names
// after a form of address or a name label, with and without diacritics) go through the pipeline, is
// scored and alerts its unions, none of that data may appear in clear anywhere lrew writes or shows:
// the Kafka topics, the ClickHouse tables, the logs, the e-mails the notifier sent (through a real
// SMTP server, the mail capture), the dashboard's pages, its CSV export, and the analysts' query API.
//
// What counts as a name: the simulator's person names (packages/simulator/src/names.ts), the names
// planted below. Enterprise names are public (the enterprise register) and shown on purpose, so a
// household business named after its owner ("Hộ kinh doanh Lò Văn Tuấn") is no leak: registered
// enterprise names are taken out of the text before it is searched.
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, alertsTopicOf, deadLetterTopicOf, STREAM_NAMES, topicOf, vietnamDate } from "@lrew/contracts";
import { EventProducer, groupLag, readTopic } from "@lrew/kafka";
import { startMailCapture, type MailCapture } from "@lrew/mail-capture";
import { Notifier } from "@lrew/notifier";
import { readAreaNames } from "@lrew/reference/files";
import { AlertPublisher, Scorer } from "@lrew/scorer";
import { loadModel } from "@lrew/scoring";
import { HttpDelivery, runSimulation } from "@lrew/simulator-service";
import { logToFile, rootLogger } from "@lrew/telemetry";
import { startWeb, type RunningWeb } from "@lrew/web";
// The simulator's person names; names.ts is not part of the simulator's public API, so by path.
import { personName } from "../../packages/simulator/src/names.ts";
import { Rng } from "../../packages/simulator/src/rng.ts";
import { enterprise, grievance } from "../support/events.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { waitFor } from "../support/processes.ts";

const TOKEN = "e2e-anonymity-token-0123456789";
const ANALYST_TOKEN = "e2e-anonymity-analyst-0123456789";

/** Without diacritics, as a keyboard without Vietnamese input writes it. */
const plain = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");

// Five people, by the simulator's own name generator; and an owner whose household business is registered under their name.
const PEOPLE = [1, 2, 3, 4, 5].map((k) => personName(new Rng(7_000 + k)));
const OWNER = personName(new Rng(7_100));
const HOUSEHOLD = `Hộ kinh doanh ${OWNER}`;
const HOUSEHOLD_ID = "5600777001";

const CONTACTS = [
  "CCCD-079201001234",
  "0912 345 678",
  "0987654321",
  "079201001234",
  "hoa.nguyen@example.vn",
  "+84 912 000 111",
  "0123456789012",
];
/** Everything that must not appear: contacts, the people's names (as written, and without diacritics where sent so). */
const SECRETS = [...CONTACTS, ...PEOPLE, plain(PEOPLE[4]!)];

let p: TestPipeline;
let logFile: string;
let capture: MailCapture;
let notifier: Notifier | undefined;
let web: RunningWeb;
let enterpriseNames: string[];

beforeAll(async () => {
  expect(new Set([...PEOPLE, OWNER]).size).toBe(6);
  capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: mkdtempSync(path.join(os.tmpdir(), "lrew-anonymity-mail-")) });
  p = await startPipeline({
    LREW_DASHBOARD_TOKENS: `e2e:${TOKEN}`,
    LREW_ANALYST_TOKENS: `analyst:${ANALYST_TOKEN}`,
    LREW_SMTP_PORT: String(capture.smtpPort),
    LREW_NOTIFIER_SESSION_TIMEOUT_MS: "6000",
  });
  logFile = path.join(p.config.home, "logs", "anonymity.log");
  logToFile(logFile);
  rootLogger().level = "debug"; // every line the services can write, including kafkajs' own

  const today = vietnamDate(new Date());
  const reference = path.join(p.config.home, "simulation", "reference");
  const summary = await runSimulation({
    params: { seed: 21, enterprises: 150, days: 200, start: addDays(today, -199) },
    delivery: new HttpDelivery({ baseUrl: p.baseUrl, apiKey: p.apiKey }),
    truthFile: path.join(p.config.home, "simulation", "truth.ndjson"),
    referenceDir: reference,
  });
  expect(summary.rejected).toBe(0);
  await p.caughtUp();
}, 600_000);

afterAll(async () => {
  await web?.close();
  await notifier?.stop();
  await p?.stop();
  await capture?.close();
});

/** The text with every registered enterprise name taken out (public, shown on purpose), HTML entities of quotes undone. */
function withoutEnterpriseNames(text: string): string {
  let t = text
    .normalize("NFC")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
  for (const name of enterpriseNames) t = t.split(name).join("[doanh nghiệp]");
  return t;
}

function expectNoSecrets(where: string, text: string): void {
  const searched = withoutEnterpriseNames(text);
  for (const secret of SECRETS) expect(searched, `${where} holds ${secret}`).not.toContain(secret);
}

describe("anonymity end to end", () => {
  it("keeps complainant references and personal data out of Kafka, ClickHouse, the logs, e-mails, pages, CSV exports and the query API", async () => {
    // a household business in the simulated province's first union unit's area, registered under its owner's name
    const [home] = (await (
      await p.wh.client.query({
        query: `SELECT area_code, union_unit_id FROM ${p.config.clickhouse.database}.enterprises_latest ORDER BY enterprise_id LIMIT 1`,
        format: "JSONEachRow",
      })
    ).json()) as Array<{ area_code: string; union_unit_id: string }>;
    const registered = await p.client.post("enterprises", [
      enterprise({
        enterprise_id: HOUSEHOLD_ID,
        name: HOUSEHOLD,
        area_code: home!.area_code,
        union_unit_id: home!.union_unit_id,
        ownership: "household",
      }),
    ]);
    expect(registered.accepted).toBe(1);

    const at = (daysAgo: number) => `${addDays(vietnamDate(new Date()), -daysAgo)}T08:30:00+07:00`;
    const records = [
      grievance({
        enterprise_id: HOUSEHOLD_ID,
        occurred_at: at(3),
        complainant_ref: "CCCD-079201001234",
        summary: `Chị ${PEOPLE[0]} (0912 345 678, hoa.nguyen@example.vn) bị nợ lương 2 tháng`,
      }),
      grievance({
        enterprise_id: HOUSEHOLD_ID,
        occurred_at: at(5),
        complainant_ref: "0987654321",
        summary: `Liên hệ anh ${PEOPLE[1]}, +84 912 000 111; CCCD 079201001234. ông chủ ${HOUSEHOLD} hứa trả lương`,
      }),
      grievance({
        enterprise_id: HOUSEHOLD_ID,
        occurred_at: at(8),
        summary: `Họ tên: ${PEOPLE[2]}; STK 0123456789012 tại Agribank, nợ lương`,
      }),
      grievance({ enterprise_id: HOUSEHOLD_ID, occurred_at: at(9), summary: `em gái ${PEOPLE[3]} phản ánh nợ lương tháng 10` }),
      grievance({ enterprise_id: HOUSEHOLD_ID, occurred_at: at(10), summary: `chi ${plain(PEOPLE[4]!)} goi 0987654321 ve no luong` }),
      // rejected (severity 9), still carries personal data towards the dead-letter topic
      grievance({ severity: 9, complainant_ref: "hoa.nguyen@example.vn", summary: `Gọi chị ${PEOPLE[0]} 0912 345 678` }),
      // rejected as unparseable NDJSON below
    ];
    const body = `${records.map((r) => JSON.stringify(r)).join("\n")}\n{"complainant_ref": "CCCD-079201001234", "summary": "0987654321`;
    const res = await fetch(`${p.baseUrl}/v1/events/grievances`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.apiKey}`, "content-type": "application/x-ndjson" },
      body,
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(5);
    await p.caughtUp();

    // scored weekly, alerts published; the notifier e-mails the unions through the mail capture
    const producer = await EventProducer.connect(p.config.kafka, "scorer");
    const model = loadModel();
    const reference = path.join(p.config.home, "simulation", "reference");
    const scorer = new Scorer(
      p.wh,
      model,
      new AlertPublisher(p.wh, producer, {
        topicPrefix: p.config.kafka.topicPrefix,
        ...p.config.alerts,
        federationUnitId: p.config.notifier.federationUnitId,
        areaNames: readAreaNames(path.join(reference, "areas.json")),
      }),
    );
    const today = vietnamDate(new Date());
    for (let k = 84; k >= 0; k -= 7) await scorer.run("all", addDays(today, -k), { publishAlerts: true });
    await scorer.stop();
    await producer.disconnect();
    notifier = await Notifier.start(p.config, p.wh, { schedule: false });
    await waitFor(
      "the notifier to handle every alert",
      async () =>
        (await groupLag(p.config.kafka, p.config.notifier.groupId, [alertsTopicOf(p.config.kafka.topicPrefix)])).every((x) => x.lag === 0n),
      120_000,
    );
    await notifier.runDigest(today);

    const names = (await (
      await p.wh.client.query({ query: `SELECT DISTINCT name FROM ${p.config.clickhouse.database}.enterprises`, format: "JSONEachRow" })
    ).json()) as Array<{ name: string }>;
    // longest first: a branch's name contains its company's
    enterpriseNames = names.map((n) => n.name.normalize("NFC")).sort((a, b) => b.length - a.length);
    expect(enterpriseNames).toContain(HOUSEHOLD);

    // Kafka: every stream topic, its dead-letter topic, the alerts
    const prefix = p.config.kafka.topicPrefix;
    const topics = [...STREAM_NAMES.flatMap((s) => [topicOf(s, prefix), deadLetterTopicOf(s, prefix)]), alertsTopicOf(prefix)];
    let kafkaText = "";
    for (const t of topics) {
      for (const m of await readTopic(p.config.kafka, t))
        kafkaText += `${m.key?.toString() ?? ""}\n${m.value?.toString() ?? ""}\n${JSON.stringify(m.headers)}\n`;
    }
    expect(kafkaText).toContain("nợ lương"); // the records really are there, Vietnamese intact
    expect(kafkaText).toContain("[tên]");
    expectNoSecrets("Kafka", kafkaText);

    // ClickHouse: every table of lrew's database
    const tables = await p.wh.client.query({
      query: "SELECT name FROM system.tables WHERE database = {db:String} AND engine NOT IN ('View', 'MaterializedView')",
      query_params: { db: p.config.clickhouse.database },
      format: "JSONEachRow",
    });
    let warehouseText = "";
    for (const { name } of (await tables.json()) as Array<{ name: string }>) {
      const rs = await p.wh.client.query({ query: `SELECT * FROM ${p.config.clickhouse.database}.${name}`, format: "JSONEachRow" });
      warehouseText += await rs.text();
    }
    expect(warehouseText).toContain("nợ lương");
    expect(warehouseText).toContain(HOUSEHOLD); // the enterprise name is kept, as it should
    expectNoSecrets("ClickHouse", warehouseText);

    // e-mails as the SMTP server received them: headers, text and HTML
    const mails = await capture.messages();
    expect(mails.length).toBeGreaterThan(0);
    expectNoSecrets(
      "the e-mails",
      mails.map((m) => `${m.subject}\n${m.headers.map((h) => `${h.name}: ${h.value}`).join("\n")}\n${m.text}\n${m.html ?? ""}`).join("\n"),
    );

    // the dashboard's pages, and its CSV export
    web = await startWeb(p.config, p.wh, { thresholds: model.thresholds, host: "127.0.0.1", port: 0 });
    const get = async (url: string, lang = "vi") => {
      const r = await fetch(`${web.url}${url}`, { headers: { authorization: `Bearer ${TOKEN}`, "accept-language": lang } });
      expect(r.status, url).toBe(200);
      return r.text();
    };
    const alerted = (await (
      await p.wh.client.query({ query: `SELECT DISTINCT enterprise_id FROM ${p.config.clickhouse.database}.alerts`, format: "JSONEachRow" })
    ).json()) as Array<{ enterprise_id: string }>;
    const pages = ["/", "/risk?size=200", `/risk?q=${encodeURIComponent("Hộ kinh doanh")}`, "/health", `/enterprises/${HOUSEHOLD_ID}`];
    for (const { enterprise_id } of alerted) pages.push(`/enterprises/${enterprise_id}`);
    for (const lang of ["vi", "en"]) {
      let html = "";
      for (const url of pages) html += await get(url, lang);
      expect(html).toContain(HOUSEHOLD_ID);
      expect(html).toContain(OWNER); // in the household business's name, which is why enterprise names are taken out
      expectNoSecrets(`the dashboard's pages (${lang})`, html);
    }
    const csv = await get("/risk.csv");
    expect(csv).toContain(HOUSEHOLD_ID);
    expectNoSecrets("the CSV export", csv);

    // the analysts' query API: every curated view, whole
    const views = (await (
      await p.wh.client.query({
        query: "SELECT name FROM system.tables WHERE database = {db:String}",
        query_params: { db: `${p.config.clickhouse.database}_analytics` },
        format: "JSONEachRow",
      })
    ).json()) as Array<{ name: string }>;
    expect(views.length).toBeGreaterThan(5);
    let answers = "";
    for (const { name } of views) {
      const r = await fetch(`${web.url}/v1/query`, {
        method: "POST",
        headers: { authorization: `Bearer ${ANALYST_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ sql: `SELECT * FROM ${p.config.clickhouse.database}_analytics.${name}`, format: "csv" }),
      });
      expect(r.status, name).toBe(200);
      answers += await r.text();
    }
    expect(answers).toContain(HOUSEHOLD_ID);
    expectNoSecrets("the query API", answers);

    const logs = readFileSync(logFile, "utf8");
    expect(logs).toContain('"stream":"grievances"'); // the ingest requests were logged
    expectNoSecrets("the logs", logs);
  }, 600_000);
});
