// A poison record inside a batch: the rest of the batch lands, the poison goes to the dead-letter
// topic with the reason, nothing is stored twice. Records are produced straight to Kafka (as any
// producer other than ingest may), all of one enterprise so they share a partition and one chunk.
//  - one the contract refuses at the sink: a lone UTF-16 surrogate in `summary`. JSON carries it,
//    JavaScript and Kafka pass it on, ClickHouse refuses the whole insert (CANNOT_PARSE_ESCAPE_SEQUENCE);
//    the contract now refuses it, so ingest tells the provider and the sink never sends it;
//  - one only the warehouse refuses: valid by contract, refused by a CHECK constraint this test adds
//    to its table (the stand-in for any check ClickHouse enforces beyond the contract). The sink
//    splits the chunk until it isolates the row.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { EventProducer, readDeadLetterReason, readTopic, type OutgoingMessage } from "@lrew/kafka";
import { countEvents, tableOf } from "@lrew/warehouse";
import { grievance, wageArrears } from "../support/events.ts";
import { differencesOfWageArrears } from "../support/intact.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";

const ENTERPRISE = "5600777001";
const CEILING = 1_000_000_000_000_000; // VND; the contract allows up to Number.MAX_SAFE_INTEGER
let p: TestPipeline;
let producer: EventProducer;

beforeAll(async () => {
  p = await startPipeline();
  await p.wh.client.command({
    query: `ALTER TABLE ${p.wh.database}.${tableOf("wage-arrears")} ADD CONSTRAINT plausible_amount CHECK amount_owed_vnd <= ${CEILING}`,
  });
  producer = await EventProducer.connect(p.config.kafka, "test");
});

afterAll(async () => {
  await producer?.disconnect();
  await p?.stop();
});

const asMessage = (e: Record<string, unknown>): OutgoingMessage => ({
  key: ENTERPRISE,
  value: JSON.stringify(e),
  headers: { event_id: String(e.event_id) },
});

describe("a poison record inside a batch", () => {
  it("wage arrears: the row ClickHouse refuses goes to the dead-letter topic, the rest lands once and intact", async () => {
    const good = Array.from({ length: 59 }, (_, i) => wageArrears({ enterprise_id: ENTERPRISE, amount_owed_vnd: 5_000_000 + i }));
    const poison = wageArrears({ enterprise_id: ENTERPRISE, amount_owed_vnd: CEILING * 4 });
    const all = [...good.slice(0, 37), poison, ...good.slice(37)];
    await producer.send(topicOf("wage-arrears", p.config.kafka.topicPrefix), all.map(asMessage));
    await p.caughtUp(60_000);

    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: good.length, uniqueEventIds: good.length });
    expect(await differencesOfWageArrears(p.wh, good)).toEqual([]);
    const dead = await readTopic(p.config.kafka, deadLetterTopicOf("wage-arrears", p.config.kafka.topicPrefix));
    expect(dead.map((d) => (JSON.parse(String(d.value)) as { event_id: string }).event_id)).toEqual([poison.event_id]);
    const reason = readDeadLetterReason(dead[0]!.headers);
    expect(reason.stage).toBe("sink");
    expect(reason.error).toContain("VIOLATED_CONSTRAINT");
    expect(reason.offset).toBe("37");
  });

  it("grievances: a lone surrogate is refused with the field named, the rest lands once", async () => {
    const good = Array.from({ length: 20 }, (_, i) =>
      grievance({ enterprise_id: ENTERPRISE, summary: `Tổ may số ${i} kiến nghị tăng ca` }),
    );
    const poison = grievance({ enterprise_id: ENTERPRISE, summary: "Công nhân \ud800 chưa được trả lương", event_id: randomUUID() });
    // JSON.stringify writes the lone surrogate as the escape \ud800: well-formed bytes on the wire.
    expect(asMessage(poison).value).toContain("\\ud800");
    await producer.send(topicOf("grievances", p.config.kafka.topicPrefix), [...good.slice(0, 5), poison, ...good.slice(5)].map(asMessage));
    await p.caughtUp(60_000);

    expect(await countEvents(p.wh, "grievances")).toEqual({ rows: good.length, uniqueEventIds: good.length });
    const dead = await readTopic(p.config.kafka, deadLetterTopicOf("grievances", p.config.kafka.topicPrefix));
    expect(dead).toHaveLength(1);
    const errors = JSON.parse(readDeadLetterReason(dead[0]!.headers).error) as Array<{ path: string }>;
    expect(errors.map((e) => e.path)).toEqual(["summary"]);
  });
});
