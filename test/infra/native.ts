// Paths and options of the native-mode test broker (packages/local-kafka), shared by global-setup.ts
// and brokerControl() in index.ts.
import path from "node:path";
import { KAFKA_VERSION } from "@lrew/local-kafka";
import type { LocalKafkaOptions } from "@lrew/local-kafka";
import type { NativeKafkaInfo } from "./provided.ts";

export const DEFAULT_TEST_KAFKA_PORT = 19092;
/** First port of the three-broker test cluster (cluster-failover tests): it uses this and the next five. */
export const DEFAULT_TEST_KAFKA_CLUSTER_PORT = 19200;

/** The checkout: `LREW_ROOT`, else two levels above this folder. */
export function repoRoot(): string {
  return process.env.LREW_ROOT ?? path.resolve(import.meta.dirname, "../..");
}

/** The jar cache, shared with `lrew` itself: `$LREW_TOOLS_DIR/kafka-<version>` (default `<root>/.tools`). */
export function kafkaDistDir(root: string = repoRoot()): string {
  return path.join(process.env.LREW_TOOLS_DIR ?? path.join(root, ".tools"), `kafka-${KAFKA_VERSION}`);
}

/** Where native-mode brokers keep their data: `<root>/.lrew/test`. */
export function testKafkaParent(root: string = repoRoot()): string {
  return path.join(root, ".lrew", "test");
}

/** Pure: the broker port from LREW_TEST_KAFKA_PORT (default 19092); the controller takes the next one. */
export function testKafkaPorts(env: Record<string, string | undefined>): { port: number; controllerPort: number } {
  const raw = env.LREW_TEST_KAFKA_PORT?.trim();
  const port = raw ? Number(raw) : DEFAULT_TEST_KAFKA_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`LREW_TEST_KAFKA_PORT=${raw}: expected a port number 1-65534`);
  return { port, controllerPort: port + 1 };
}

export function localKafkaOptions(info: NativeKafkaInfo, onProgress?: (msg: string) => void): LocalKafkaOptions {
  const o: LocalKafkaOptions = {
    distDir: info.distDir,
    dataDir: info.dataDir,
    infraDir: info.infraDir,
    port: info.port,
    controllerPort: info.controllerPort,
    heapMb: info.heapMb,
    portEnvVar: "LREW_TEST_KAFKA_PORT",
  };
  if (onProgress) o.onProgress = onProgress;
  return o;
}

/** Pure: the first port of the three-broker test cluster from LREW_TEST_KAFKA_CLUSTER_PORT (default 19200; six ports from it). */
export function testKafkaClusterPort(env: Record<string, string | undefined>): number {
  const raw = env.LREW_TEST_KAFKA_CLUSTER_PORT?.trim();
  const port = raw ? Number(raw) : DEFAULT_TEST_KAFKA_CLUSTER_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65530)
    throw new Error(`LREW_TEST_KAFKA_CLUSTER_PORT=${raw}: expected a port number 1-65530 (the cluster takes six from it)`);
  return port;
}
