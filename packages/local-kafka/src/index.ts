export {
  DEFAULT_CONTROLLER_PORT,
  DEFAULT_HEAP_MB,
  DEFAULT_KAFKA_PORT,
  KAFKA_VERSION,
  LOCAL_KAFKA_HOST,
  brokerLogTail,
  ensureKafkaJars,
  localKafkaStatus,
  startLocalKafka,
  stopLocalKafka,
} from "./local-kafka.ts";
export type { LocalKafkaOptions, LocalKafkaStatus } from "./local-kafka.ts";
export { lastLines, newClusterId, parseJavaMajor, parseProperties, renderServerProperties } from "./properties.ts";
export type { TemplateVars } from "./properties.ts";
export { canConnect, decodeMetadataResponse, encodeMetadataRequest, fetchKafkaMetadata, isPortFree } from "./probe.ts";
export type { KafkaMetadata } from "./probe.ts";
export { localKafkaOptionsFromEnv, wantsLocalKafka } from "./env.ts";
