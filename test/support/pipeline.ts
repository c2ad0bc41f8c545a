// The pipeline in this test process, started through its public pieces: ingest (HTTP), a real
// Kafka broker, the sink, embedded ClickHouse (or the run's ClickHouse server).
import type { AddressInfo } from "node:net";
import { hmacKeys, parseConfig, resolveSecrets, type LrewConfig } from "@lrew/config";
import { STREAM_NAMES, topicOf } from "@lrew/contracts";
import { startIngest } from "@lrew/ingest";
import { IngestClient } from "@lrew/ingest-client";
import { ensureTopics, groupLag } from "@lrew/kafka";
import { Sink } from "@lrew/sink";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../infra/index.ts";
import { ROOT, waitFor } from "./processes.ts";

export interface TestPipeline {
  config: LrewConfig;
  wh: Warehouse;
  baseUrl: string;
  apiKey: string;
  client: IngestClient;
  sink: Sink;
  /** Resolves when the sink has committed everything in every stream topic. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPipeline(overrides: Record<string, string | undefined> = {}): Promise<TestPipeline> {
  const config = parseConfig(testEnv({ LREW_INGEST_PORT: "0", LREW_SINK_BATCH_MS: "200", ...overrides }), ROOT);
  await ensureTopics(config.kafka);
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  const sink = await Sink.start({ kafka: config.kafka, ...config.sink, hmacKeys: hmacKeys(config).all }, wh);
  const ingest = await startIngest(config);
  const baseUrl = `http://127.0.0.1:${(ingest.app.server.address() as AddressInfo).port}`;
  const apiKey = resolveSecrets(config).apiKeys[0]!.key;
  const topics = STREAM_NAMES.map((s) => topicOf(s, config.kafka.topicPrefix));
  return {
    config,
    wh,
    baseUrl,
    apiKey,
    client: new IngestClient({ baseUrl, apiKey }),
    sink,
    caughtUp: (timeoutMs = 60_000) =>
      waitFor(
        "the sink to commit everything",
        async () => (await groupLag(config.kafka, config.sink.groupId, topics)).every((p) => p.lag === 0n),
        timeoutMs,
      ),
    stop: async () => {
      await ingest.close();
      await sink.stop();
      await wh.close();
    },
  };
}
