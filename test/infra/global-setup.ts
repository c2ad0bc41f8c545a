// Global setup of the `integration` vitest project: provides a Kafka broker (and, where there is one,
// a ClickHouse server) to every integration test, through provide/inject (see provided.ts).
//
// Modes (LREW_TEST_INFRA=native|containers|external forces one):
// - external:   KAFKA_BROKERS is set; that Kafka is used as it is (and CLICKHOUSE_URL, if set).
// - containers: a Docker engine answers; Kafka and ClickHouse run in throwaway containers.
// - native:     otherwise; a dedicated broker from packages/local-kafka on 127.0.0.1:19092/19093
//               (LREW_TEST_KAFKA_PORT moves it) with a fresh data dir under <root>/.lrew/test,
//               stopped and deleted at the end (LREW_TEST_KEEP_KAFKA=1 keeps the data dir).
// Without CLICKHOUSE_URL (and outside containers mode) tests use embedded ClickHouse (chDB).
// testEnv() homes go under one temp dir per run, removed at the end (LREW_TEST_KEEP_HOME=1 keeps it).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { fetchKafkaMetadata, KAFKA_VERSION, localKafkaStatus, startLocalKafka, stopLocalKafka } from "@lrew/local-kafka";
import { chooseMode, dockerEngineAnswers } from "./modes.ts";
import { kafkaDistDir, localKafkaOptions, repoRoot, testKafkaParent, testKafkaPorts } from "./native.ts";
import type { InfraMode, NativeKafkaInfo } from "./provided.ts";
import "./provided.ts";

const say = (msg: string): void => {
  process.stderr.write(`lrew test infra: ${msg}\n`);
};

/** Removes data dirs of earlier runs whose broker is gone; stops leftover brokers that hold our ports. */
async function cleanEarlierRuns(info: NativeKafkaInfo): Promise<void> {
  const parent = path.dirname(info.dataDir);
  let entries: string[];
  try {
    entries = await fs.readdir(parent);
  } catch {
    return;
  }
  for (const name of entries) {
    if (!/^kafka-\d+/.test(name)) continue;
    const dataDir = path.join(parent, name);
    if (dataDir === info.dataDir) continue;
    const o = localKafkaOptions({ ...info, dataDir });
    const status = await localKafkaStatus(o);
    if (status.running) {
      const port = Number(status.brokers.split(":").pop());
      if (port !== info.port && port !== info.controllerPort && port + 1 !== info.port) continue; // someone else's, on other ports
      say(`stopping a test broker left over from an earlier run (pid ${status.pid}, ${dataDir})`);
      await stopLocalKafka(o);
    } else {
      // A run that is starting right now holds start.lock; leave it alone.
      const starting = await fs.stat(path.join(dataDir, "start.lock")).then(
        () => true,
        () => false,
      );
      if (starting) continue;
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

async function checkExternalKafka(brokers: string): Promise<void> {
  const errors: string[] = [];
  for (const b of brokers
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = b.lastIndexOf(":");
    const host = b.slice(0, i).replace(/^\[|\]$/g, "");
    const port = Number(b.slice(i + 1));
    try {
      await fetchKafkaMetadata(host, port, 3000);
      return;
    } catch (err) {
      errors.push(`${b}: ${(err as Error).message}`);
    }
  }
  throw new Error(`KAFKA_BROKERS=${brokers}: no broker answers (${errors.join("; ")})`);
}

async function checkClickHouse(url: string): Promise<void> {
  try {
    const res = await fetch(new URL("/ping", url), { signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (err) {
    throw new Error(`CLICKHOUSE_URL=${url}: ClickHouse does not answer /ping (${(err as Error).message})`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = process.env;
  const started = Date.now();
  const { mode, why } = await chooseMode(env, () => dockerEngineAnswers(env, 1000));
  const clickhouseFromEnv = env.CLICKHOUSE_URL?.trim() || null;
  if (clickhouseFromEnv) await checkClickHouse(clickhouseFromEnv);

  let kafkaBrokers: string;
  let clickhouseUrl: string | null = clickhouseFromEnv;
  let nativeKafka: NativeKafkaInfo | null = null;
  let teardown: () => Promise<void> = async () => undefined;

  if (mode === "external") {
    kafkaBrokers = env.KAFKA_BROKERS?.trim() ?? "";
    await checkExternalKafka(kafkaBrokers);
  } else if (mode === "containers") {
    const { startContainers } = await import("./containers.ts");
    const containers = await startContainers({ clickhouse: clickhouseFromEnv === null, env });
    kafkaBrokers = containers.kafkaBrokers;
    clickhouseUrl = clickhouseFromEnv ?? containers.clickhouseUrl;
    teardown = () => containers.stop();
  } else {
    const root = repoRoot();
    const { port, controllerPort } = testKafkaPorts(env);
    nativeKafka = {
      dataDir: path.join(testKafkaParent(root), `kafka-${Date.now()}`),
      distDir: kafkaDistDir(root),
      infraDir: path.join(root, "infra", "kafka"),
      port,
      controllerPort,
      heapMb: 512,
    };
    await cleanEarlierRuns(nativeKafka);
    const o = localKafkaOptions(nativeKafka, say);
    const broker = await startLocalKafka(o);
    kafkaBrokers = broker.brokers;
    const keep = env.LREW_TEST_KEEP_KAFKA === "1";
    const dataDir = nativeKafka.dataDir;
    teardown = async () => {
      await stopLocalKafka(o);
      if (keep) say(`kept the test broker's data in ${dataDir}`);
      else await fs.rm(dataDir, { recursive: true, force: true });
    };
  }

  const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), "lrew-test-run-"));
  const keepHomes = env.LREW_TEST_KEEP_HOME === "1";

  project.provide("infraMode", mode satisfies InfraMode);
  project.provide("tempRoot", tempRoot);
  project.provide("kafkaBrokers", kafkaBrokers);
  project.provide("clickhouseUrl", clickhouseUrl);
  project.provide("nativeKafka", nativeKafka);

  const what = mode === "native" ? `native Kafka ${KAFKA_VERSION}` : mode === "containers" ? "Kafka container" : "external Kafka";
  say(
    `${mode} (${why}): ${what} at ${kafkaBrokers}, ClickHouse ${clickhouseUrl ?? "embedded (chDB)"}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  return async () => {
    if (keepHomes) say(`kept the test homes in ${tempRoot}`);
    else await fs.rm(tempRoot, { recursive: true, force: true });
    try {
      await teardown();
    } catch (err) {
      say(`teardown failed: ${(err as Error).message}`);
      throw err;
    }
  };
}
