export {
  DEFAULT_CONTROLLER_PORT,
  DEFAULT_HEAP_MB,
  DEFAULT_KAFKA_PORT,
  KAFKA_VERSION,
  LOCAL_KAFKA_HOST,
  type LocalKafkaOptions,
  type LocalKafkaStatus,
} from "./options.ts";
export { localKafkaStatus, startLocalKafka, stopLocalKafka } from "./local-kafka.ts";
export { ensureKafkaJars } from "./jars.ts";
export { brokerLogTail } from "./logs.ts";
export { isAlive } from "./processes.ts";
export { lastLines, newClusterId, parseJavaMajor, parseProperties, renderServerProperties } from "./properties.ts";
export type { TemplateVars } from "./properties.ts";
export { canConnect, decodeMetadataResponse, encodeMetadataRequest, fetchKafkaMetadata, isPortFree } from "./probe.ts";
export type { KafkaMetadata } from "./probe.ts";
export { localKafkaOptionsFromEnv, wantsLocalKafka } from "./env.ts";
export type { ClusterNode } from "./options.ts";
export {
  clusterBrokers,
  clusterNodeOptions,
  isLocalCluster,
  localClusterNodes,
  localClusterStatus,
  minInsyncReplicas,
  startLocalCluster,
  stopLocalCluster,
  type LocalClusterOptions,
} from "./cluster.ts";
