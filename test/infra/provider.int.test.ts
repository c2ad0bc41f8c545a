// Sanity of the test infrastructure itself: the provided brokers accept connections, testEnv() gives
// each caller its own topic prefix and home, and (native mode) the broker can be stopped and restarted.
import { existsSync } from "node:fs";
import net from "node:net";
import { describe, expect, inject, it } from "vitest";
import { brokerControl, brokerControlUnsupported, infraMode, kafkaBrokers, testEnv } from "./index.ts";

function connect(broker: string, timeoutMs = 3000): Promise<void> {
  const i = broker.lastIndexOf(":");
  const host = broker.slice(0, i).replace(/^\[|\]$/g, "");
  const port = Number(broker.slice(i + 1));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no connection to ${broker} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function refused(broker: string): Promise<boolean> {
  return connect(broker, 1000).then(
    () => false,
    () => true,
  );
}

describe("test infrastructure", () => {
  it("provides a mode and at least one broker", () => {
    expect(["native", "containers", "external"]).toContain(infraMode());
    expect(kafkaBrokers().length).toBeGreaterThan(0);
    for (const b of kafkaBrokers()) expect(b).toMatch(/^.+:\d+$/);
    if (infraMode() === "native") expect(inject("nativeKafka")?.port).toBe(Number(kafkaBrokers()[0]!.split(":")[1]));
  });

  it("every broker accepts TCP connections", async () => {
    for (const b of kafkaBrokers()) await connect(b);
  });

  it("testEnv gives each call its own topic prefix and LREW_HOME", () => {
    const a = testEnv();
    const b = testEnv({ LOG_LEVEL: "error", EXTRA: "1", LREW_HOME: undefined });
    expect(a.KAFKA_BROKERS).toBe(inject("kafkaBrokers"));
    expect(a.LREW_TOPIC_PREFIX).toMatch(/^t[0-9a-f]{10}$/);
    expect(a.LREW_TOPIC_PREFIX).not.toBe(b.LREW_TOPIC_PREFIX);
    expect(a.LOG_LEVEL).toBe("warn");
    expect(existsSync(a.LREW_HOME!)).toBe(true);
    expect(a.LREW_HOME!.startsWith(inject("tempRoot"))).toBe(true);
    expect(b.LOG_LEVEL).toBe("error");
    expect(b.EXTRA).toBe("1");
    expect("LREW_HOME" in b).toBe(false);
    expect(a.CLICKHOUSE_URL).toBe(inject("clickhouseUrl") ?? undefined);
  });

  it.skipIf(brokerControlUnsupported() !== undefined)("brokerControl stops and restarts the broker", async () => {
    const broker = brokerControl();
    const [first] = kafkaBrokers();
    try {
      await broker.stop();
      expect(await broker.running()).toBe(false);
      expect(await refused(first!)).toBe(true);
    } finally {
      await broker.start();
    }
    expect(await broker.running()).toBe(true);
    await connect(first!);
  });

  // Skipped in native mode (the default here), where brokerControl works and the test above runs;
  // it runs with containers or an external Kafka, where lrew cannot stop the broker.
  it.runIf(brokerControlUnsupported() !== undefined)("brokerControl says why it cannot work in this mode", () => {
    expect(() => brokerControl()).toThrowError(/not supported in mode/);
  });
});
