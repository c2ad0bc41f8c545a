// The simulator's straight-to-Kafka delivery (`./lrew simulate --to kafka`) puts on the stream topics
// exactly what ingest puts there for the same events over HTTP: the same key, the same normalised
// and anonymised value, the same headers (event_id, content type, schema), and on both paths each
// event keeps its simulated arrival as received_at.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, resolveSecrets, type LrewConfig } from "@lrew/config";
import { STREAM_NAMES, topicOf, type StreamName } from "@lrew/contracts";
import { startIngest } from "@lrew/ingest";
import { ensureTopics, readTopic, type TopicRecord } from "@lrew/kafka";
import { worldEvents } from "@lrew/simulator";
import { HttpDelivery, KafkaDelivery, type Delivery, type Outgoing } from "@lrew/simulator-service";
import { testEnv } from "../infra/index.ts";
import { ROOT } from "../support/processes.ts";

let config: LrewConfig;
let ingest: Awaited<ReturnType<typeof startIngest>> | undefined;

beforeAll(async () => {
  config = parseConfig(testEnv({ LREW_INGEST_PORT: "0" }), ROOT);
  await ensureTopics(config.kafka);
  ingest = await startIngest(config);
});

afterAll(async () => {
  await ingest?.close();
});

/** Every string of a JSON value in decomposed form (NFD), as some keyboards and exports send Vietnamese. */
function decomposed(value: unknown): unknown {
  if (typeof value === "string") return value.normalize("NFD");
  if (Array.isArray(value)) return value.map(decomposed);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decomposed(v)]));
  return value;
}

/** Simulated arrival (deliverAt) of each sampled event, by event_id. */
const arrivals = new Map<string, string>();

/** A few events of each stream of a small simulated world, decomposed; one grievance carries personal data. */
function sampleBatches(): Outgoing[][] {
  const byStream = new Map<StreamName, Outgoing[]>();
  for (const r of worldEvents({ seed: 11, enterprises: 30, days: 90, start: "2026-06-01" })) {
    const list = byStream.get(r.stream) ?? [];
    if (r.duplicate || list.length >= 4) continue;
    const event = decomposed(r.event) as Record<string, unknown>;
    if (r.stream === "grievances" && list.length === 0) {
      event.summary = "Thưởng Tết chưa trả; liên hệ chị Hương 0912 345 678, huong.nt@gmail.com".normalize("NFD");
      event.complainant_ref = "Nguyễn Thị Hương".normalize("NFD");
    }
    list.push({ stream: r.stream, key: r.event.enterprise_id, json: JSON.stringify(event) });
    arrivals.set(event.event_id as string, r.deliverAt);
    byStream.set(r.stream, list);
  }
  // A world this small has no union response yet: one as an office records it, its note naming a worker.
  const enterpriseId = byStream.get("enterprises")![0]!.key;
  const action = {
    event_id: "0d6f4b7e-6c1a-4f3e-9b2d-7a5c3e1f9b01",
    enterprise_id: enterpriseId,
    action: "fact_finding",
    occurred_on: "2026-07-15",
    officer: "Lò Văn Thắng".normalize("NFD"),
    union_unit_id: "LDLD-TG",
    note: "Gặp chị Lò Thị Hoa, 0912 345 678, về lương tháng 6".normalize("NFD"),
    // As the simulator sends every event: with its arrival.
    received_at: "2026-07-15T16:30:00.000+07:00",
  };
  if (!byStream.has("case-actions")) {
    byStream.set("case-actions", [{ stream: "case-actions", key: enterpriseId, json: JSON.stringify(action) }]);
    arrivals.set(action.event_id, action.received_at);
  }
  return [...byStream.values()];
}

const where = (m: TopicRecord) => `${m.partition}:${m.offset}`;
const comparable = (records: TopicRecord[]) =>
  records
    .map((m) => ({ key: m.key?.toString() ?? null, value: m.value?.toString() ?? null, headers: m.headers }))
    .sort((a, b) => (a.headers.event_id ?? "").localeCompare(b.headers.event_id ?? ""));

async function readStreams(): Promise<Map<StreamName, TopicRecord[]>> {
  const out = new Map<StreamName, TopicRecord[]>();
  for (const s of STREAM_NAMES) out.set(s, await readTopic(config.kafka, topicOf(s, config.kafka.topicPrefix)));
  return out;
}

async function deliver(delivery: Delivery, batches: Outgoing[][]): Promise<void> {
  for (const b of batches) await delivery.send(b);
  await delivery.close();
}

describe("the simulator delivering straight to Kafka", () => {
  it("produces the messages ingest produces for the same events", async () => {
    const batches = sampleBatches();
    expect(batches.map((b) => b[0]!.stream).sort()).toEqual([...STREAM_NAMES].sort());
    const events = batches.flat().length;
    const { apiKeys, hmacKey } = resolveSecrets(config);
    const baseUrl = `http://127.0.0.1:${(ingest!.app.server.address() as AddressInfo).port}`;

    const http = new HttpDelivery({ baseUrl, apiKey: apiKeys[0]!.key });
    await deliver(http, batches);
    expect(http.stats).toMatchObject({ accepted: events, rejected: 0 });
    const viaIngest = await readStreams();

    const kafka = await KafkaDelivery.connect(config.kafka, hmacKey);
    await deliver(kafka, batches);
    expect(kafka.stats).toMatchObject({ accepted: events, rejected: 0 });
    const all = await readStreams();

    for (const s of STREAM_NAMES) {
      const ingested = viaIngest.get(s)!;
      const seen = new Set(ingested.map(where));
      const simulated = all.get(s)!.filter((m) => !seen.has(where(m)));
      expect(ingested.length, s).toBe(batches.find((b) => b[0]!.stream === s)!.length);
      expect(comparable(simulated), s).toEqual(comparable(ingested));
      for (const m of simulated) {
        const value = m.value!.toString();
        expect(value).toBe(value.normalize("NFC"));
        const sent = JSON.parse(value) as { event_id: string; received_at: string };
        expect(m.headers.event_id).toBe(sent.event_id);
        expect(sent.received_at).toBe(arrivals.get(sent.event_id));
        expect(m.headers["lrew-schema"]).toBe(topicOf(s, config.kafka.topicPrefix));
      }
    }
    const grievances = comparable(all.get("grievances")!)
      .map((m) => m.value!)
      .join("\n");
    expect(grievances).toContain("Thưởng Tết chưa trả");
    expect(grievances).not.toMatch(/0912 345 678|huong\.nt@gmail\.com|Nguyễn Thị Hương/);
  });
});
