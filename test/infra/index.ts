// Helpers for integration tests. Values come from test/infra/global-setup.ts through vitest's inject:
//
//   import { testEnv, brokerControl, brokerControlUnsupported } from "../../../test/infra/index.ts";
//   const env = testEnv();                         // KAFKA_BROKERS, fresh LREW_TOPIC_PREFIX and LREW_HOME, …
//   const config = parseConfig(env, repoRoot());
//   it.skipIf(brokerControlUnsupported())("survives a broker restart", async () => {
//     const broker = brokerControl();
//     await broker.stop(); … await broker.start();
//   });
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import {
  localClusterNodes,
  localKafkaStatus,
  startLocalCluster,
  startLocalKafka,
  stopLocalCluster,
  stopLocalKafka,
  type LocalClusterOptions,
  type LocalKafkaOptions,
} from "@lrew/local-kafka";
import { localKafkaOptions, repoRoot, testKafkaClusterPort, testKafkaParent } from "./native.ts";
import type { InfraMode } from "./provided.ts";
import "./provided.ts";

export { repoRoot };
export type { InfraMode, NativeKafkaInfo } from "./provided.ts";

/** How this run got its Kafka: "native", "containers" or "external". */
export function infraMode(): InfraMode {
  return inject("infraMode");
}

/** The Kafka bootstrap servers as a list (inject("kafkaBrokers") is the comma-separated form). */
export function kafkaBrokers(): string[] {
  return inject("kafkaBrokers")
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
}

/** A ClickHouse server's URL, or undefined when tests use embedded ClickHouse (chDB). */
export function clickhouseUrl(): string | undefined {
  return inject("clickhouseUrl") ?? undefined;
}

/** A topic prefix no other test uses: `t` + 10 hex digits (valid for LREW_TOPIC_PREFIX). */
export function uniqueTopicPrefix(): string {
  return `t${randomBytes(5).toString("hex")}`;
}

const homes: string[] = [];
let cleanupRegistered = false;

/**
 * A fresh LREW_HOME: under this run's temp dir, which the global teardown removes (LREW_TEST_KEEP_HOME=1
 * keeps it); outside the integration project under the OS temp dir, removed when this process exits.
 */
export function tempLrewHome(): string {
  const runRoot = inject("tempRoot") as string | undefined;
  if (runRoot) return mkdtempSync(path.join(runRoot, "home-"));
  const home = mkdtempSync(path.join(os.tmpdir(), "lrew-test-"));
  homes.push(home);
  if (!cleanupRegistered && process.env.LREW_TEST_KEEP_HOME !== "1") {
    cleanupRegistered = true;
    process.once("exit", () => {
      for (const h of homes) rmSync(h, { recursive: true, force: true });
    });
  }
  return home;
}

/**
 * An environment for lrew's configuration (parseConfig) in a test: KAFKA_BROKERS of this run, a unique
 * LREW_TOPIC_PREFIX and a fresh LREW_HOME per call, CLICKHOUSE_URL when the run has a ClickHouse server,
 * LOG_LEVEL=warn. `overrides` win; an override of `undefined` removes that variable.
 */
export function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    KAFKA_BROKERS: inject("kafkaBrokers"),
    LREW_TOPIC_PREFIX: uniqueTopicPrefix(),
    LREW_HOME: tempLrewHome(),
    LOG_LEVEL: "warn",
  };
  const ch = inject("clickhouseUrl");
  if (ch) env.CLICKHOUSE_URL = ch;
  Object.assign(env, overrides);
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export interface BrokerControl {
  /** Stops the broker (SIGTERM, clean shutdown); resolves when the process is gone. */
  stop(): Promise<void>;
  /** Starts it again with the same data (topics and offsets survive); resolves when it is ready. */
  start(): Promise<void>;
  /** SIGKILLs the broker at once (no clean shutdown), for crash tests; start() recovers it. */
  kill(): Promise<void>;
  /** Whether the broker process is running. */
  running(): Promise<boolean>;
}

/** Why brokerControl() cannot work in this run, or undefined when it can; for `it.skipIf(...)` / `skip(reason)`. */
export function brokerControlUnsupported(): string | undefined {
  const mode = inject("infraMode");
  if (mode !== "native" || !inject("nativeKafka")) return `stopping and starting the broker is not supported in mode ${mode} (only native)`;
  return undefined;
}

/**
 * Stop/start the run's broker, for fault tests. Native mode only; elsewhere it throws an Error that
 * says so. Tests that stop the broker must start it again (e.g. in `finally`), since the next test
 * file shares it.
 */
export function brokerControl(): BrokerControl {
  const reason = brokerControlUnsupported();
  const info = inject("nativeKafka");
  if (reason || !info) throw new Error(reason);
  const o = localKafkaOptions(info);
  return {
    async stop() {
      await stopLocalKafka(o);
    },
    async start() {
      await startLocalKafka(o);
    },
    async kill() {
      await stopLocalKafka(o, { kill: true });
    },
    async running() {
      return (await localKafkaStatus(o)).running;
    },
  };
}

export interface TestCluster {
  /** KAFKA_BROKERS of the cluster. */
  brokers: string;
  /** Each node's options (node n at index n-1), for stopLocalKafka / startLocalKafka of one node. */
  nodes: LocalKafkaOptions[];
  /** Stops every node and removes the cluster's data. */
  stop(): Promise<void>;
}

/**
 * A three-broker Kafka cluster of the test's own (replication 3, min.insync.replicas=2) from the
 * native broker's jars, on LREW_TEST_KAFKA_CLUSTER_PORT and the next five ports; native mode only
 * (it needs Java and the jars: see brokerControlUnsupported).
 */
export async function startTestCluster(onProgress?: (msg: string) => void): Promise<TestCluster> {
  const info = inject("nativeKafka");
  if (!info) throw new Error(brokerControlUnsupported());
  const { controllerPort: _c, ...single } = localKafkaOptions(info, onProgress);
  const o: LocalClusterOptions = {
    ...single,
    dataDir: path.join(testKafkaParent(), `cluster-${Date.now()}`),
    port: testKafkaClusterPort(process.env),
    heapMb: 256,
    brokers: 3,
    portEnvVar: "LREW_TEST_KAFKA_CLUSTER_PORT",
  };
  const started = await startLocalCluster(o);
  return {
    brokers: started.brokers,
    nodes: await localClusterNodes(o),
    async stop() {
      await stopLocalCluster(o);
      if (process.env.LREW_TEST_KEEP_KAFKA !== "1") rmSync(o.dataDir, { recursive: true, force: true });
    },
  };
}
