// Recovery: replaying a dead-letter topic after a fix, through the command line an operator uses.
// A row the warehouse refused (a CHECK constraint, as in poison-record) and a record ingest refused
// (an impossible period) sit in the wage-arrears dead-letter topic. After the fix (the constraint
// dropped), `./lrew dlq replay` sends back the one that is valid now and leaves the other with its
// reason; the replayed event is stored once, and replaying again changes nothing.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { EventProducer, readTopic } from "@lrew/kafka";
import { countEvents, tableOf } from "@lrew/warehouse";
import { wageArrears } from "../support/events.ts";
import { differencesOfWageArrears } from "../support/intact.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { ROOT, waitFor } from "../support/processes.ts";

const run = promisify(execFile);
const ENTERPRISE = "5600888002";
let p: TestPipeline;

beforeAll(async () => {
  p = await startPipeline();
});

afterAll(async () => {
  await p?.stop();
});

async function lrew(...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    KAFKA_BROKERS: p.config.kafka.brokers.join(","),
    LREW_TOPIC_PREFIX: p.config.kafka.topicPrefix,
    LREW_LANG: "en",
  };
  const { stdout } = await run(process.execPath, [path.join(ROOT, "services/cli/src/main.ts"), ...args], { cwd: ROOT, env });
  return stdout;
}

describe("dead-letter replay after a fix", () => {
  it("sends back what is valid now, keeps what is not, and is idempotent", async () => {
    const table = `${p.wh.database}.${tableOf("wage-arrears")}`;
    await p.wh.client.command({ query: `ALTER TABLE ${table} ADD CONSTRAINT small_amounts CHECK amount_owed_vnd < 1000000000` });
    const good = Array.from({ length: 10 }, (_, i) => wageArrears({ enterprise_id: ENTERPRISE, amount_owed_vnd: 1_000_000 * (i + 1) }));
    const refusedByWarehouse = wageArrears({ enterprise_id: ENTERPRISE, amount_owed_vnd: 7_500_000_000 });
    const producer = await EventProducer.connect(p.config.kafka, "test");
    try {
      await producer.send(
        topicOf("wage-arrears", p.config.kafka.topicPrefix),
        [...good, refusedByWarehouse].map((e) => ({ key: ENTERPRISE, value: JSON.stringify(e) })),
      );
    } finally {
      await producer.disconnect();
    }
    const refusedByIngest = await p.client.post("wage-arrears", [wageArrears({ enterprise_id: ENTERPRISE, period: "2026-13" })]);
    expect(refusedByIngest.rejected).toHaveLength(1);
    await p.caughtUp();
    const dlq = deadLetterTopicOf("wage-arrears", p.config.kafka.topicPrefix);
    await waitFor("both dead letters", async () => (await readTopic(p.config.kafka, dlq)).length === 2, 30_000);
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: 10, uniqueEventIds: 10 });

    const listed = await lrew("dlq", "list", "wage-arrears");
    expect(listed).toContain(String(refusedByWarehouse.event_id));
    expect(listed).toMatch(/\tsink\t.*VIOLATED_CONSTRAINT/);
    expect(listed).toMatch(/\tingest\t/);
    expect(listed).toContain("records: 2");

    expect(await lrew("dlq", "replay", "wage-arrears", "--dry-run")).toContain("would send back: 1; still invalid: 1");

    // the fix: the constraint was wrong
    await p.wh.client.command({ query: `ALTER TABLE ${table} DROP CONSTRAINT small_amounts` });
    const replayed = await lrew("dlq", "replay", "wage-arrears");
    expect(replayed).toMatch(/still invalid\t\d+\/\d+\tperiod: /);
    expect(replayed).toContain("sent back: 1; still invalid: 1");
    await p.caughtUp();
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: 11, uniqueEventIds: 11 });
    expect(await differencesOfWageArrears(p.wh, [...good, refusedByWarehouse])).toEqual([]);

    expect(await lrew("dlq", "replay", "wage-arrears")).toContain("sent back: 1; still invalid: 1");
    await p.caughtUp();
    expect(await countEvents(p.wh, "wage-arrears")).toEqual({ rows: 11, uniqueEventIds: 11 });
    // the dead-letter topic is the record of what went wrong: replay never removes from it
    expect(await readTopic(p.config.kafka, dlq)).toHaveLength(2);
  });
});
