import { describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import { localKafkaOptionsFromEnv, wantsLocalKafka } from "./env.ts";

const where = { root: "/r", home: "/r/.lrew" };

describe("localKafkaOptionsFromEnv", () => {
  it("defaults: 9092/9093, 512 MiB, jars in <root>/.tools, data in <home>/kafka", () => {
    expect(localKafkaOptionsFromEnv({}, where)).toEqual({
      distDir: "/r/.tools/kafka-4.1.1",
      dataDir: "/r/.lrew/kafka",
      infraDir: "/r/infra/kafka",
      port: 9092,
      controllerPort: 9093,
      heapMb: 512,
      portEnvVar: "LREW_KAFKA_PORT",
    });
  });

  it("follows LREW_KAFKA_PORT, LREW_KAFKA_CONTROLLER_PORT, LREW_KAFKA_HEAP_MB and LREW_TOOLS_DIR", () => {
    expect(localKafkaOptionsFromEnv({ LREW_KAFKA_PORT: "9192" }, where)).toMatchObject({ port: 9192, controllerPort: 9193 });
    expect(
      localKafkaOptionsFromEnv(
        { LREW_KAFKA_PORT: "9192", LREW_KAFKA_CONTROLLER_PORT: "9500", LREW_KAFKA_HEAP_MB: "1024", LREW_TOOLS_DIR: "/cache" },
        where,
      ),
    ).toMatchObject({ port: 9192, controllerPort: 9500, heapMb: 1024, distDir: "/cache/kafka-4.1.1" });
  });

  it("names the bad variable", () => {
    expect(() => localKafkaOptionsFromEnv({ LREW_KAFKA_PORT: "nine" }, where)).toThrowError(ConfigError);
    expect(() => localKafkaOptionsFromEnv({ LREW_KAFKA_PORT: "70000" }, where)).toThrowError(/LREW_KAFKA_PORT/);
    expect(() => localKafkaOptionsFromEnv({ LREW_KAFKA_PORT: "9092", LREW_KAFKA_CONTROLLER_PORT: "9092" }, where)).toThrowError(
      /LREW_KAFKA_CONTROLLER_PORT/,
    );
    expect(() => localKafkaOptionsFromEnv({ LREW_KAFKA_PORT: "65535" }, where)).toThrowError(/LREW_KAFKA_CONTROLLER_PORT/);
    expect(() => localKafkaOptionsFromEnv({ LREW_KAFKA_HEAP_MB: "16" }, where)).toThrowError(/LREW_KAFKA_HEAP_MB/);
  });
});

describe("wantsLocalKafka", () => {
  it("is true unless KAFKA_BROKERS is set; LREW_LOCAL_KAFKA overrides", () => {
    expect(wantsLocalKafka({})).toBe(true);
    expect(wantsLocalKafka({ KAFKA_BROKERS: "" })).toBe(true);
    expect(wantsLocalKafka({ KAFKA_BROKERS: "k:9092" })).toBe(false);
    expect(wantsLocalKafka({ KAFKA_BROKERS: "k:9092", LREW_LOCAL_KAFKA: "1" })).toBe(true);
    expect(wantsLocalKafka({ LREW_LOCAL_KAFKA: "off" })).toBe(false);
  });
});
