// The right to erasure end to end: grievances of one complainant (some pseudonymised under a key
// since retired) go through ingest, Kafka and the sink; the erasure clears them everywhere in
// ClickHouse and keeps the counts; then nothing erased comes back — not from Kafka replayed in full,
// not from a dead letter replayed, not from a later event of the same grievance, not from a rebuild.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hmacRef } from "@lrew/anonymity";
import { eraseComplainant } from "@lrew/cli/data-protection";
import { hmacKeys } from "@lrew/config";
import { deadLetterTopicOf, erasuresTopicOf, topicOf } from "@lrew/contracts";
import { EventProducer, readTopic, replayDeadLetters } from "@lrew/kafka";
import { ERASED_PREFIX, rebuildDailyAggregates, selectAuditLog, selectRows } from "@lrew/warehouse";
import { grievance } from "../support/events.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { waitFor } from "../support/processes.ts";
import { storedText } from "../support/stored-text.ts";

const RETIRED_KEY = "retired-hmac-key-of-the-test-0123456789abcdef";
const HOA = "CCCD 001234567890";
const OTHER = "CCCD 009876543210";
const ENTERPRISE = "5600777001";
let p: TestPipeline;

beforeAll(async () => {
  p = await startPipeline();
  mkdirSync(path.join(p.config.home, "secrets"), { recursive: true });
  writeFileSync(path.join(p.config.home, "secrets", "hmac-retired-keys"), `${RETIRED_KEY}\n`);
});

afterAll(async () => {
  await p?.stop();
});

const counts = async () =>
  (
    await selectRows<{ opened: number; closed: number; lifecycle: number; rows: number; events: number }>(
      p.wh,
      `SELECT
         (SELECT uniqExactIfMerge(opened) FROM {{db}}.grievance_daily WHERE enterprise_id = {e:String}) AS opened,
         (SELECT uniqExactIfMerge(closed) FROM {{db}}.grievance_daily WHERE enterprise_id = {e:String}) AS closed,
         (SELECT uniqExact(grievance_id) FROM {{db}}.grievance_lifecycle WHERE enterprise_id = {e:String}) AS lifecycle,
         (SELECT count() FROM {{db}}.grievances WHERE enterprise_id = {e:String}) AS rows,
         (SELECT uniqExact(event_id) FROM {{db}}.grievances WHERE enterprise_id = {e:String}) AS events`,
      { e: ENTERPRISE },
    )
  )[0]!;

describe("erasure of a complainant", () => {
  const hoaIds = ["KN-HOA-001", "KN-HOA-002", "KN-HOA-003"];
  const hoaSummary = "Chị Lò Thị Hoa phản ánh chưa được trả lương tháng 10";

  it("clears everything that identifies or links the complainant, keeps the counts, and nothing comes back", async () => {
    const before = [
      // before the key rotation: the pseudonym was made with the key now retired
      grievance({ enterprise_id: ENTERPRISE, grievance_id: hoaIds[0], complainant_ref: hmacRef(HOA, RETIRED_KEY), summary: hoaSummary }),
      grievance({ enterprise_id: ENTERPRISE, grievance_id: hoaIds[1], complainant_ref: HOA, summary: hoaSummary }),
      grievance({
        enterprise_id: ENTERPRISE,
        grievance_id: hoaIds[1],
        complainant_ref: HOA,
        status: "resolved",
        occurred_at: "2026-11-25T09:00:00+07:00",
      }),
      grievance({ enterprise_id: ENTERPRISE, grievance_id: "KN-OTHER-001", complainant_ref: OTHER, summary: "Anh Tú phản ánh ca đêm" }),
    ];
    expect((await p.client.post("grievances", before)).accepted).toBe(4);
    await p.caughtUp();
    const kept = await counts();
    expect(kept).toMatchObject({ opened: 3, closed: 1, lifecycle: 3, rows: 4, events: 4 });

    const { report, kafkaError } = await eraseComplainant(p.config, HOA, { wh: p.wh });
    expect(kafkaError).toBeUndefined();
    expect(report).toMatchObject({ grievances: 2, rows: 3, enterprises: [ENTERPRISE] });
    expect(report.kafka.map((k) => k.topic)).toEqual([topicOf("grievances", p.config.kafka.topicPrefix)]);
    const pseudonyms = hmacKeys(p.config).all.map((k) => hmacRef(HOA, k));
    const forbidden = [...hoaIds, ...pseudonyms, "Lò Thị Hoa", HOA];
    const assertErased = async () => {
      const text = await storedText(p.wh);
      for (const f of forbidden) expect(text, `"${f}" is still stored`).not.toContain(f);
      expect(text).toContain("KN-OTHER-001");
    };
    await assertErased();
    expect(await counts()).toEqual(kept);
    // recorded in Kafka's erasure topic too, digests only
    const recorded = (await readTopic(p.config.kafka, erasuresTopicOf(p.config.kafka.topicPrefix))).map((r) => r.value!.toString());
    expect(recorded).toHaveLength(2);
    for (const f of forbidden) expect(recorded.join("\n")).not.toContain(f);
    // and in the audit log, for the federation to see: that an erasure happened, never whose
    const audit = (await selectAuditLog(p.wh, { action: "erase_complainant", limit: 10 })).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain("grievances 2");
    for (const f of forbidden) expect(JSON.stringify(audit)).not.toContain(f);

    // 1. Kafka replayed in full (a reset sink, or a restored one): the same events again
    const topic = topicOf("grievances", p.config.kafka.topicPrefix);
    const all = await readTopic(p.config.kafka, topic);
    // 2. a later event of an erased grievance, and a third grievance of Hoa's that was still in flight
    const later = grievance({
      enterprise_id: ENTERPRISE,
      grievance_id: hoaIds[0],
      status: "in_progress",
      occurred_at: new Date().toISOString(),
    });
    delete later.complainant_ref;
    delete later.summary;
    const inFlight = grievance({
      enterprise_id: ENTERPRISE,
      grievance_id: hoaIds[2],
      complainant_ref: hmacRef(HOA, hmacKeys(p.config).current),
      summary: hoaSummary,
    });
    const producer = await EventProducer.connect(p.config.kafka, "test");
    try {
      await producer.send(
        topic,
        all.map((r) => ({ key: r.key!.toString(), value: r.value! })),
      );
      await producer.send(topic, [{ key: ENTERPRISE, value: JSON.stringify(later) }]);
      // 3. a dead letter of the complainant's, replayed after a fix
      await producer.send(deadLetterTopicOf("grievances", p.config.kafka.topicPrefix), [
        { key: ENTERPRISE, value: JSON.stringify(inFlight), headers: { "lrew-stage": "sink", "lrew-error": "test" } },
      ]);
    } finally {
      await producer.disconnect();
    }
    const replay = await replayDeadLetters(p.config.kafka, "grievances");
    expect(replay.replay).toHaveLength(1);
    await p.caughtUp();
    await waitFor("the replayed and later events to be stored", async () => (await counts()).events === 6, 30_000);
    await assertErased();
    const now = await counts();
    expect(now).toMatchObject({ events: 6, rows: 6, opened: 4, lifecycle: 4, closed: 1 });
    const erased = await selectRows<{ n: number }>(
      p.wh,
      "SELECT uniqExact(grievance_id) AS n FROM {{db}}.grievances WHERE startsWith(grievance_id, {p:String})",
      { p: ERASED_PREFIX },
    );
    expect(erased[0]!.n).toBe(3);

    // 4. the aggregates rebuilt from scratch
    await rebuildDailyAggregates(p.wh, { truncate: true });
    await assertErased();
    expect(await counts()).toEqual(now);
  });
});
