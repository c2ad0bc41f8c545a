// Complainants risk retaliation: after ingesting grievances with known complainant references,
// phone numbers, ID numbers and e-mail addresses (valid and rejected records alike), none of them
// may appear in clear in any Kafka topic, any ClickHouse table, or the logs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetterTopicOf, STREAM_NAMES, topicOf } from "@lrew/contracts";
import { readTopic } from "@lrew/kafka";
import { logToFile, rootLogger } from "@lrew/telemetry";
import { grievance } from "../support/events.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";

const SECRETS = ["CCCD-079201001234", "0912 345 678", "0987654321", "079201001234", "hoa.nguyen@example.vn", "+84 912 000 111"];

let p: TestPipeline;
let logFile: string;

beforeAll(async () => {
  p = await startPipeline();
  logFile = path.join(p.config.home, "logs", "anonymity.log");
  logToFile(logFile);
  rootLogger().level = "debug"; // every line the services can write, including kafkajs' own
});

afterAll(async () => {
  await p?.stop();
});

describe("anonymity end to end", () => {
  it("keeps complainant references and personal data out of Kafka, ClickHouse and the logs", async () => {
    const records = [
      grievance({ complainant_ref: "CCCD-079201001234", summary: "Chị Hoa (0912 345 678, hoa.nguyen@example.vn) bị nợ lương 2 tháng" }),
      grievance({ complainant_ref: "0987654321", summary: "Liên hệ +84 912 000 111; CCCD 079201001234" }),
      // rejected (severity 9), still carries personal data towards the dead-letter topic
      grievance({ severity: 9, complainant_ref: "hoa.nguyen@example.vn", summary: "Gọi 0912 345 678" }),
      // rejected as unparseable NDJSON below
    ];
    const body = `${records.map((r) => JSON.stringify(r)).join("\n")}\n{"complainant_ref": "CCCD-079201001234", "summary": "0987654321`;
    const res = await fetch(`${p.baseUrl}/v1/events/grievances`, {
      method: "POST",
      headers: { authorization: `Bearer ${p.apiKey}`, "content-type": "application/x-ndjson" },
      body,
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(2);
    await p.caughtUp();

    const prefix = p.config.kafka.topicPrefix;
    const topics = STREAM_NAMES.flatMap((s) => [topicOf(s, prefix), deadLetterTopicOf(s, prefix)]);
    let kafkaText = "";
    for (const t of topics) {
      for (const m of await readTopic(p.config.kafka, t))
        kafkaText += `${m.key?.toString() ?? ""}\n${m.value?.toString() ?? ""}\n${JSON.stringify(m.headers)}\n`;
    }
    expect(kafkaText).toContain("nợ lương"); // the records really are there, Vietnamese intact

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

    const logs = readFileSync(logFile, "utf8");
    expect(logs).toContain('"stream":"grievances"'); // the ingest requests were logged
    for (const secret of SECRETS) {
      expect(kafkaText, `Kafka holds ${secret}`).not.toContain(secret);
      expect(warehouseText, `ClickHouse holds ${secret}`).not.toContain(secret);
      expect(logs, `the logs hold ${secret}`).not.toContain(secret);
    }
  });
});
