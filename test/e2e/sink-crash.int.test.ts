// The sink killed (SIGKILL) after a ClickHouse insert and before its offset commit: the restarted
// sink receives the same messages again and must not store them twice: grievances and case actions
// (the union offices' stream) alike.
import type { AddressInfo } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig, resolveSecrets, type LrewConfig } from "@lrew/config";
import { STREAM_NAMES, topicOf } from "@lrew/contracts";
import { startIngest } from "@lrew/ingest";
import { ensureTopics, groupLag } from "@lrew/kafka";
import { countEvents, openWarehouse } from "@lrew/warehouse";
import { testEnv } from "../infra/index.ts";
import { caseAction, grievance } from "../support/events.ts";
import { ROOT, spawnService, waitFor } from "../support/processes.ts";

const N = 400;
const ACTIONS = 300;
let env: Record<string, string | undefined>;
let config: LrewConfig;

beforeAll(async () => {
  env = testEnv({
    LREW_INGEST_PORT: "0",
    LREW_SINK_BATCH_ROWS: "50",
    LREW_SINK_BATCH_MS: "100",
    LREW_SINK_PORT: "0",
    LREW_SINK_SESSION_TIMEOUT_MS: "6000",
  });
  config = parseConfig(env, ROOT);
  await ensureTopics(config.kafka);
  // Ingest needs no ClickHouse, so it can run here while the sink processes own the embedded database.
  const ingest = await startIngest(config);
  const port = (ingest.app.server.address() as AddressInfo).port;
  const key = resolveSecrets(config).apiKeys[0]!.key;
  const events = Array.from({ length: N }, (_, i) =>
    grievance({ enterprise_id: String(5600000000 + (i % 37)), summary: `Khiếu nại số ${i}: chậm trả lương` }),
  );
  const res = await fetch(`http://127.0.0.1:${port}/v1/events/grievances`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" },
    body: events.map((e) => JSON.stringify(e)).join("\n"),
  });
  expect(res.status).toBe(202);
  expect(((await res.json()) as { accepted: number }).accepted).toBe(N);
  const actions = Array.from({ length: ACTIONS }, (_, i) =>
    caseAction({ enterprise_id: String(5600000000 + (i % 37)), action: i % 5 === 0 ? "acknowledged" : "employer_contact" }),
  );
  const sent = await fetch(`http://127.0.0.1:${port}/v1/events/case-actions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" },
    body: actions.map((e) => JSON.stringify(e)).join("\n"),
  });
  expect(sent.status).toBe(202);
  expect(((await sent.json()) as { accepted: number }).accepted).toBe(ACTIONS);
  await ingest.close();
});

describe("sink crash between insert and commit", () => {
  it("stores every event exactly once after being killed and restarted", async () => {
    const crashing = spawnService("services/sink/src/main.ts", { ...env, LREW_FAULT: "sink.after-insert:2" });
    const how = await crashing.exited;
    expect(how, crashing.output()).toBe("SIGKILL");

    const topics = STREAM_NAMES.map((s) => topicOf(s, config.kafka.topicPrefix));
    const lagBefore = (await groupLag(config.kafka, config.sink.groupId, topics)).reduce((a, p) => a + p.lag, 0n);
    expect(lagBefore).toBeGreaterThan(0n); // the kill really left inserted-but-uncommitted messages behind

    const sink = spawnService("services/sink/src/main.ts", env);
    await waitFor(
      "the restarted sink to commit everything",
      async () => (await groupLag(config.kafka, config.sink.groupId, topics)).every((p) => p.lag === 0n),
      90_000,
    );
    sink.child.kill("SIGTERM");
    expect(await sink.exited, sink.output()).toBe(0);

    const wh = await openWarehouse(config.clickhouse);
    try {
      expect(await countEvents(wh, "grievances")).toEqual({ rows: N, uniqueEventIds: N });
      expect(await countEvents(wh, "case-actions")).toEqual({ rows: ACTIONS, uniqueEventIds: ACTIONS });
    } finally {
      await wh.close();
    }
  });
});
