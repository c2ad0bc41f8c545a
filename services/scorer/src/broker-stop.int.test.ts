// The scorer on its schedule while the Kafka broker is stopped, then started again (as
// test/e2e/broker-restart.int.test.ts does for ingest and the sink): runs fail while it cannot
// publish alerts — recorded as failed, none of their scores final — the scorer reports not ready,
// and the first run after the broker is back completes by itself with every alert published once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, type LrewConfig } from "@lrew/config";
import { addDays, alertsTopicOf, vietnamDate } from "@lrew/contracts";
import { EventProducer, ensureTopics, readTopic } from "@lrew/kafka";
import { loadModel } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { migrate, openWarehouse, selectEmailedOn, type Warehouse } from "@lrew/warehouse";
import { brokerControl, brokerControlUnsupported, testEnv } from "../../../test/infra/index.ts";
import { waitFor } from "../../../test/support/processes.ts";
import { AlertPublisher } from "./alert-publisher.ts";
import { Scorer } from "./scorer.ts";

let config: LrewConfig;
let wh: Warehouse;
let producer: EventProducer;
let scorer: Scorer | undefined;
const asOf = vietnamDate(new Date());

async function query<T>(sql: string): Promise<T[]> {
  const rs = await wh.client.query({ query: sql.replaceAll("{{db}}", wh.database), format: "JSONEachRow" });
  return (await rs.json()) as T[];
}

const runsWith = async (status: string) =>
  (await query<{ n: number }>(`SELECT count() AS n FROM {{db}}.scoring_runs FINAL WHERE status = '${status}'`))[0]!.n;

beforeAll(async () => {
  if (brokerControlUnsupported() !== undefined) return;
  config = parseConfig(testEnv(), process.cwd());
  await ensureTopics(config.kafka);
  wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  await loadSimulatedWorld(wh, { seed: 17, enterprises: 150, days: 150, start: addDays(asOf, -149) });
  producer = await EventProducer.connect(config.kafka, "scorer");
});

afterAll(async () => {
  await scorer?.stop();
  await producer?.disconnect();
  await wh?.close();
});

describe("the scorer while the Kafka broker stops and starts again", () => {
  // Only the native test infrastructure can stop and start its broker; elsewhere this says why.
  it.skipIf(brokerControlUnsupported() !== undefined)(
    "fails its runs while it cannot publish, then completes the next one by itself with every alert once",
    async () => {
      const broker = brokerControl();
      await broker.stop();
      try {
        await waitFor("the scorer to report not ready", async () => !(await producer.isReady()), 30_000);
        const publisher = new AlertPublisher(wh, producer, {
          topicPrefix: config.kafka.topicPrefix,
          ...config.alerts,
          federationUnitId: config.notifier.federationUnitId,
        });
        scorer = new Scorer(wh, loadModel(), publisher);
        // the frequent run every second (node-cron's seconds field); the nightly one never in the test
        scorer.schedule({ frequent: "* * * * * *", nightly: "0 0 1 1 *" });
        await waitFor("a scheduled run to fail while Kafka is down", async () => (await runsWith("failed")) >= 1, 120_000);
        expect(await runsWith("completed")).toBe(0);
        expect(await query("SELECT count() AS n FROM {{db}}.scores_final")).toEqual([{ n: 0 }]);
        expect(await query("SELECT count() AS n FROM {{db}}.alerts")).toEqual([{ n: 0 }]);
      } finally {
        await broker.start();
      }
      await waitFor("a scheduled run to complete by itself", async () => (await runsWith("completed")) >= 1, 180_000);
      await waitFor("the scorer to report ready again", () => producer.isReady(), 30_000);
      await scorer.stop();

      // Every enterprise once (from completed runs: a frequent run may follow the first one); one
      // alert per e-mail the policy decided, published once.
      const [final] = await query<{ rows: number; enterprises: number }>(
        `SELECT count() AS rows, uniqExact(enterprise_id) AS enterprises FROM {{db}}.scores_final WHERE as_of = '${asOf}'`,
      );
      const [known] = await query<{ n: number }>("SELECT count() AS n FROM {{db}}.enterprises_latest WHERE workforce > 0");
      expect(final).toEqual({ rows: known!.n, enterprises: known!.n });
      // What the alert policy decided to e-mail that day (its completed run's record of states).
      const risen = await selectEmailedOn(wh, asOf);
      expect(risen.length).toBeGreaterThan(0);
      const alerts = await query<{ alert_id: string; enterprise_id: string }>(
        "SELECT alert_id, enterprise_id FROM {{db}}.alerts FINAL ORDER BY enterprise_id",
      );
      expect(alerts.map((a) => a.enterprise_id)).toEqual(risen);
      const onTopic = (await readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix))).map(
        (r) => (JSON.parse(r.value!.toString("utf8")) as { alert_id: string }).alert_id,
      );
      expect(onTopic.sort()).toEqual(alerts.map((a) => a.alert_id).sort());
    },
    400_000,
  );
});
