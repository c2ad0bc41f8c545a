// The local broker's options and where it keeps its files: the vocabulary every other file of
// this package speaks.
//
// dataDir layout:
//   server.properties   rendered from infra/kafka/server.properties.template at every start
//   log4j2.yaml         copied from infra/kafka at every start
//   data/               Kafka's log.dirs (topics, KRaft metadata log); formatted once
//   logs/server.log     the broker's own log (INFO, rolled)
//   broker.log          the JVM's stdout/stderr (WARN+ and crashes)
//   broker.pid          pid of the running broker
//   broker.json         ports and start time of the running broker
//   start.lock          held while a process starts or stops the broker
import path from "node:path";
import { ConfigError } from "@lrew/errors";

export const KAFKA_VERSION = "4.1.1";
export const LOCAL_KAFKA_HOST = "127.0.0.1";
export const DEFAULT_KAFKA_PORT = 9092;
export const DEFAULT_CONTROLLER_PORT = 9093;
export const DEFAULT_HEAP_MB = 512;

export interface LocalKafkaOptions {
  /** Jar cache, e.g. `<root>/.tools/kafka-4.1.1`; the classpath is `<distDir>/libs`. */
  distDir: string;
  /** The broker's home: data, config, logs, pid file. E.g. `$LREW_HOME/kafka`. */
  dataDir: string;
  /** Client (PLAINTEXT) port on 127.0.0.1; default 9092. */
  port?: number;
  /** KRaft controller port on 127.0.0.1; default 9093. */
  controllerPort?: number;
  /** JVM heap (-Xmx) in MiB; default 512. */
  heapMb?: number;
  /** `<root>/infra/kafka`: pom.xml, server.properties.template, log4j2.yaml. */
  infraDir: string;
  /** Told about slow steps (jar download, storage format, waiting for the broker). */
  onProgress?: (msg: string) => void;
  /** How long to wait for the broker to become ready; default 90 s. */
  startTimeoutMs?: number;
  /** How long `stopLocalKafka` waits after SIGTERM before SIGKILL; default 30 s. */
  stopTimeoutMs?: number;
  /** Named in port-clash errors as the setting to change; default `LREW_KAFKA_PORT`. */
  portEnvVar?: string;
  /** Set for one node of a cluster of several brokers (see cluster.ts); absent for the single broker. */
  clusterNode?: ClusterNode;
}

/** What one node of a local cluster needs beyond a single broker's options. */
export interface ClusterNode {
  /** node.id, 1-based. */
  nodeId: number;
  /** controller.quorum.voters: `1@127.0.0.1:<controller port>,2@…`. */
  voters: string;
  /** The cluster id every node's storage is formatted with. */
  clusterId: string;
  /** Replication factor of every topic (the number of nodes). */
  replication: number;
  /** min.insync.replicas. */
  minIsr: number;
}

export interface LocalKafkaStatus {
  /** A broker process started from this dataDir is alive. */
  running: boolean;
  /** It also answers Kafka Metadata requests with itself as a live broker. */
  ready: boolean;
  pid?: number;
  /** `127.0.0.1:<port>`: the running broker's, or the configured one when none runs. */
  brokers: string;
  clusterId?: string;
}

/** The files of the broker of `o.dataDir` (see the layout above). */
export function brokerFiles(o: LocalKafkaOptions) {
  const d = o.dataDir;
  return {
    properties: path.join(d, "server.properties"),
    log4j: path.join(d, "log4j2.yaml"),
    data: path.join(d, "data"),
    meta: path.join(d, "data", "meta.properties"),
    logs: path.join(d, "logs"),
    serverLog: path.join(d, "logs", "server.log"),
    brokerLog: path.join(d, "broker.log"),
    pid: path.join(d, "broker.pid"),
    state: path.join(d, "broker.json"),
    lock: path.join(d, "start.lock"),
  };
}

/** The configured client and controller ports, checked. */
export function brokerPorts(o: LocalKafkaOptions): { port: number; controllerPort: number } {
  const port = o.port ?? DEFAULT_KAFKA_PORT;
  const controllerPort = o.controllerPort ?? DEFAULT_CONTROLLER_PORT;
  for (const [name, p] of [
    ["port", port],
    ["controllerPort", controllerPort],
  ] as const) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new ConfigError(`local Kafka ${name} must be 1-65535, got ${p}`);
  }
  if (port === controllerPort) throw new ConfigError(`local Kafka port and controller port must differ (both ${port})`);
  return { port, controllerPort };
}

/** The bootstrap address of a local broker on `port`. */
export function brokersOf(port: number): string {
  return `${LOCAL_KAFKA_HOST}:${port}`;
}
