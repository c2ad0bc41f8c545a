// A local Kafka cluster of several brokers (KRaft, each node broker and controller) from the same
// jars as the single broker, for rehearsing failover on one machine: every topic replicated on
// every node, min.insync.replicas=2, so lrew's acks=all writes survive the loss of one broker.
// Each node is a single broker of this package with its own directory `<dataDir>/node-<n>`;
// `<dataDir>/cluster.json` keeps the cluster's id and size. Node n listens on port + 2(n-1) and its
// controller on the next port (3 nodes from 9092: 9092-9097).
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import { localKafkaStatus, startLocalKafka, stopLocalKafka } from "./local-kafka.ts";
import { brokersOf, DEFAULT_KAFKA_PORT, type LocalKafkaOptions, type LocalKafkaStatus } from "./options.ts";
import { newClusterId } from "./properties.ts";

export interface LocalClusterOptions extends Omit<LocalKafkaOptions, "clusterNode" | "controllerPort"> {
  /** How many brokers: 3 or 5 (a controller quorum needs an odd number of at least 3). */
  brokers: number;
}

interface ClusterFile {
  clusterId: string;
  brokers: number;
  port: number;
}

const clusterFile = (dataDir: string) => path.join(dataDir, "cluster.json");

/** Whether `dataDir` holds a cluster (rather than nothing, or a single broker). */
export function isLocalCluster(dataDir: string): boolean {
  return existsSync(clusterFile(dataDir));
}

/** Pure: min.insync.replicas of a cluster of `brokers` (2 from 3 brokers: one may be lost). */
export function minInsyncReplicas(brokers: number): number {
  return brokers >= 3 ? 2 : 1;
}

/** Pure: the options of each node (1-based ids, ports from `o.port`, directories under `o.dataDir`). */
export function clusterNodeOptions(o: LocalClusterOptions, clusterId: string): LocalKafkaOptions[] {
  if (!Number.isInteger(o.brokers) || o.brokers < 3 || o.brokers > 5 || o.brokers % 2 === 0)
    throw new ConfigError(`a local Kafka cluster has 3 or 5 brokers (an odd controller quorum), not ${o.brokers}`);
  const base = o.port ?? DEFAULT_KAFKA_PORT;
  if (base + 2 * o.brokers - 1 > 65535) throw new ConfigError(`ports ${base}-${base + 2 * o.brokers - 1} do not all exist`);
  const ids = Array.from({ length: o.brokers }, (_, i) => i + 1);
  const voters = ids.map((id) => `${id}@127.0.0.1:${base + 2 * (id - 1) + 1}`).join(",");
  const { brokers: _brokers, ...common } = o;
  return ids.map((nodeId) => ({
    ...common,
    dataDir: path.join(o.dataDir, `node-${nodeId}`),
    port: base + 2 * (nodeId - 1),
    controllerPort: base + 2 * (nodeId - 1) + 1,
    clusterNode: { nodeId, voters, clusterId, replication: o.brokers, minIsr: minInsyncReplicas(o.brokers) },
  }));
}

/** Pure: the bootstrap list of the cluster (every node). */
export function clusterBrokers(o: Pick<LocalClusterOptions, "brokers" | "port">): string {
  const base = o.port ?? DEFAULT_KAFKA_PORT;
  return Array.from({ length: o.brokers }, (_, i) => brokersOf(base + 2 * i)).join(",");
}

async function clusterIdOf(o: LocalClusterOptions): Promise<string> {
  const file = clusterFile(o.dataDir);
  try {
    const known = JSON.parse(await fs.readFile(file, "utf8")) as ClusterFile;
    if (known.brokers !== o.brokers || known.port !== (o.port ?? DEFAULT_KAFKA_PORT))
      throw new ConfigError(
        `the local Kafka cluster in ${o.dataDir} has ${known.brokers} brokers from port ${known.port}; stop it and remove the directory to change that`,
      );
    return known.clusterId;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const created: ClusterFile = { clusterId: newClusterId(), brokers: o.brokers, port: o.port ?? DEFAULT_KAFKA_PORT };
  await fs.mkdir(o.dataDir, { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(created, null, 2)}\n`);
  return created.clusterId;
}

/** The nodes of the cluster of `o.dataDir` (its id created on the first start). */
export async function localClusterNodes(o: LocalClusterOptions): Promise<LocalKafkaOptions[]> {
  return clusterNodeOptions(o, await clusterIdOf(o));
}

/**
 * Starts every node of the cluster at once (a node becomes ready only once a quorum of
 * controllers answers), reusing those already running; resolves when all are ready.
 */
export async function startLocalCluster(o: LocalClusterOptions): Promise<{ brokers: string; pids: number[] }> {
  const nodes = await localClusterNodes(o);
  const started = await Promise.all(nodes.map((n) => startLocalKafka({ ...n, startTimeoutMs: n.startTimeoutMs ?? 180_000 })));
  return { brokers: clusterBrokers(o), pids: started.map((s) => s.pid) };
}

/** Stops every node (SIGTERM, or SIGKILL with `kill`); resolves true when any was running. */
export async function stopLocalCluster(o: LocalClusterOptions, opts: { kill?: boolean } = {}): Promise<boolean> {
  if (!isLocalCluster(o.dataDir)) return false;
  const nodes = await localClusterNodes(o);
  return (await Promise.all(nodes.map((n) => stopLocalKafka(n, opts)))).some(Boolean);
}

/** Each node's status, in node order. */
export async function localClusterStatus(o: LocalClusterOptions): Promise<LocalKafkaStatus[]> {
  if (!isLocalCluster(o.dataDir)) return [];
  return Promise.all((await localClusterNodes(o)).map((n) => localKafkaStatus(n)));
}
