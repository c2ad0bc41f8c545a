// What test/infra/global-setup.ts hands to every integration test through vitest's provide/inject.
export type InfraMode = "native" | "containers" | "external";

/** Where the native-mode broker lives, so that a test process can stop and restart it (brokerControl). */
export interface NativeKafkaInfo {
  dataDir: string;
  distDir: string;
  infraDir: string;
  port: number;
  controllerPort: number;
  heapMb: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** How Kafka (and ClickHouse) were provided for this run. */
    infraMode: InfraMode;
    /** Comma-separated host:port list, in the format of KAFKA_BROKERS. */
    kafkaBrokers: string;
    /** A ClickHouse server's HTTP URL, or null: use embedded ClickHouse (chDB). */
    clickhouseUrl: string | null;
    /** Set in native mode only. */
    nativeKafka: NativeKafkaInfo | null;
    /** A temp dir for this run (testEnv's LREW_HOMEs), removed by the global teardown. */
    tempRoot: string;
  }
}
