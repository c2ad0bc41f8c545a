// lrew on a three-broker Kafka cluster (replication 3, min.insync.replicas=2, lrew's producer
// acks=all): the leader of a busy partition is SIGKILLed under load. Ingest carries on by itself
// once another replica leads, nothing acknowledged is lost or stored twice, and no answer 202 is
// given for an event only one broker holds: with a second broker killed too — the sink's group
// coordinator, on purpose, so its offset commits lose their coordinator under load — ingest refuses
// (503) until a broker returns, and the sink finds its new coordinator and commits everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IngestResponse } from "@lrew/contracts";
import { topicOf } from "@lrew/contracts";
import { groupCoordinator, partitionReplicas } from "@lrew/kafka";
import { startLocalKafka, stopLocalKafka } from "@lrew/local-kafka";
import { countEvents, selectEventIds } from "@lrew/warehouse";
import { brokerControlUnsupported, startTestCluster, type TestCluster } from "../infra/index.ts";
import { grievance } from "../support/events.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { waitFor } from "../support/processes.ts";

let cluster: TestCluster | undefined;
let p: TestPipeline | undefined;

beforeAll(async () => {
  if (brokerControlUnsupported() !== undefined) return;
  cluster = await startTestCluster((m) => process.stderr.write(`test cluster: ${m}\n`));
  p = await startPipeline({ KAFKA_BROKERS: cluster.brokers, LREW_KAFKA_REPLICATION: "3" });
}, 300_000);

afterAll(async () => {
  await p?.stop();
  await cluster?.stop();
}, 120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function answerOf(text: string | undefined): IngestResponse | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as IngestResponse);
  } catch {
    return undefined;
  }
}

describe("a three-broker cluster losing the leader of a busy partition", () => {
  // The cluster runs from the native broker's jars (Java); elsewhere this says why it cannot.
  it.skipIf(brokerControlUnsupported() !== undefined)(
    "fails over by itself, loses and doubles nothing acknowledged, and never acknowledges an unreplicated event",
    async () => {
      const pl = p!;
      const nodes = cluster!.nodes;
      const topic = topicOf("grievances", pl.config.kafka.topicPrefix);
      const accepted = new Set<string>();
      const sent = new Set<string>();
      const statuses = new Map<number, number>();
      const partial: string[] = [];
      // 202 answers received while only one broker was alive (there must be none)
      let acknowledgedByOneBroker = 0;
      let oneBrokerLeft = false;
      let running = true;
      const load = (async () => {
        let i = 0;
        while (running) {
          const batch = Array.from({ length: 20 }, () => grievance({ enterprise_id: String(5600000000 + (i++ % 50)) }));
          for (const e of batch) sent.add(e.event_id as string);
          const askedWithOneBroker = oneBrokerLeft;
          let res: Response | undefined;
          try {
            res = await fetch(`${pl.baseUrl}/v1/events/grievances`, {
              method: "POST",
              headers: { authorization: `Bearer ${pl.apiKey}`, "content-type": "application/x-ndjson" },
              body: batch.map((e) => JSON.stringify(e)).join("\n"),
              signal: AbortSignal.timeout(60_000),
            });
          } catch {
            statuses.set(0, (statuses.get(0) ?? 0) + 1);
          }
          if (res) {
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const text = await res.text().catch(() => undefined);
            if (res.status === 202) {
              if (askedWithOneBroker && oneBrokerLeft) acknowledgedByOneBroker++;
              const body = answerOf(text);
              const rejected = new Set((body?.rejected ?? []).map((r) => r.index));
              batch.forEach((e, k) => {
                if (!rejected.has(k)) accepted.add(e.event_id as string);
              });
              if (body?.accepted !== batch.length) partial.push(text ?? "(an unreadable body)");
            }
          }
          await sleep(50);
        }
      })();

      await waitFor("some events accepted", () => accepted.size >= 200, 60_000);
      const before = await partitionReplicas(pl.config.kafka, topic);
      expect(before.every((q) => q.replicas.length === 3 && q.isr.length === 3)).toBe(true);
      const leader = before[0]!.leader;
      const victim = nodes[leader - 1]!;
      await stopLocalKafka(victim, { kill: true });
      const atKill = accepted.size;

      // Another replica leads and ingest goes on accepting, with no operator action.
      await waitFor(
        "partition 0 to have a new leader",
        async () => {
          const l = (await partitionReplicas(pl.config.kafka, topic))[0]!.leader;
          return l >= 0 && l !== leader;
        },
        60_000,
      );
      await waitFor("ingest to accept again after the leader's loss", () => accepted.size >= atKill + 200, 120_000);

      // A second broker down: an acks=all write cannot reach two replicas, so nothing may be acknowledged.
      // It is the sink's group coordinator now (the first victim's successor if it was the first), so
      // every run shows the sink recovering its commits from a lost coordinator.
      const coordinator = await groupCoordinator(pl.config.kafka, pl.config.sink.groupId);
      expect(coordinator).not.toBe(leader);
      const second = nodes[coordinator - 1]!;
      await stopLocalKafka(second, { kill: true });
      oneBrokerLeft = true; // from now on (the process is gone) a request can reach one broker only
      const unavailableBefore = statuses.get(503) ?? 0;
      await waitFor("ingest to refuse with a single broker left", () => (statuses.get(503) ?? 0) > unavailableBefore, 120_000);
      const acceptedAlone = accepted.size;
      await sleep(5000);
      expect(acknowledgedByOneBroker).toBe(0);
      oneBrokerLeft = false;

      // Both return; the pipeline carries on by itself.
      await Promise.all([startLocalKafka(victim), startLocalKafka(second)]);
      await waitFor("ingest to accept again with the brokers back", () => accepted.size >= acceptedAlone + 200, 180_000);
      running = false;
      await load;

      await pl.caughtUp(180_000);
      const counts = await countEvents(pl.wh, "grievances");
      expect(counts.rows).toBe(counts.uniqueEventIds); // nothing twice
      const stored = await selectEventIds(pl.wh, "grievances");
      expect([...accepted].filter((id) => !stored.has(id))).toEqual([]); // nothing acknowledged lost
      expect([...stored].filter((id) => !sent.has(id))).toEqual([]);
      expect(partial).toEqual([]);
    },
    900_000,
  );
});
