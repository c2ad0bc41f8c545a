// Starts a real broker from the Kafka jars (fetched once into <root>/.tools by Maven) on ports of its
// own in a temp dir, next to the test run's broker.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import { fetchKafkaMetadata, isPortFree, KAFKA_VERSION, localKafkaStatus, startLocalKafka, stopLocalKafka } from "./index.ts";
import type { LocalKafkaOptions } from "./index.ts";

const root = process.env.LREW_ROOT ?? path.resolve(import.meta.dirname, "../../..");

async function freePortPair(from: number): Promise<number> {
  for (let p = from; p < from + 200; p += 2) {
    if ((await isPortFree("127.0.0.1", p)) && (await isPortFree("127.0.0.1", p + 1))) return p;
  }
  throw new Error(`no two free ports from ${from}`);
}

// The broker needs Java; on a machine that provides Kafka otherwise (Docker, KAFKA_BROKERS) it may lack it.
const noJava =
  spawnSync(process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java", ["-version"]).error !== undefined;

describe.skipIf(noJava)("local Kafka broker (needs Java 17+)", () => {
  let dir: string;
  let o: LocalKafkaOptions;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "lrew-local-kafka-"));
    const port = await freePortPair(29300 + Math.floor(Math.random() * 50) * 2);
    o = {
      distDir: path.join(process.env.LREW_TOOLS_DIR ?? path.join(root, ".tools"), `kafka-${KAFKA_VERSION}`),
      dataDir: path.join(dir, "kafka"),
      infraDir: path.join(root, "infra", "kafka"),
      port,
      controllerPort: port + 1,
      heapMb: 384,
    };
  });

  afterAll(async () => {
    if (o) await stopLocalKafka(o).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is not running before the first start", async () => {
    expect(await localKafkaStatus(o)).toEqual({ running: false, ready: false, brokers: `127.0.0.1:${o.port}` });
    expect(await stopLocalKafka(o)).toBe(false);
  });

  it("starts, answers Kafka requests, and is reused by a second start", async () => {
    const progress: string[] = [];
    const first = await startLocalKafka({ ...o, onProgress: (m) => progress.push(m) });
    expect(first).toMatchObject({ brokers: `127.0.0.1:${o.port}`, reused: false });
    expect(progress.some((m) => m.startsWith("formatting Kafka storage"))).toBe(true);

    const status = await localKafkaStatus(o);
    expect(status).toMatchObject({ running: true, ready: true, pid: first.pid, brokers: first.brokers });
    const md = await fetchKafkaMetadata("127.0.0.1", o.port!);
    expect(md.brokers).toEqual([{ nodeId: 1, host: "127.0.0.1", port: o.port }]);
    expect(md.clusterId).toBe(status.clusterId);

    const again = await startLocalKafka(o);
    expect(again).toEqual({ brokers: first.brokers, pid: first.pid, reused: true });
    expect(readFileSync(path.join(o.dataDir, "broker.pid"), "utf8").trim()).toBe(String(first.pid));
    expect(existsSync(path.join(o.dataDir, "logs", "server.log"))).toBe(true);
  });

  it("refuses a port that another broker holds, naming the port and the setting", async () => {
    const other = { ...o, dataDir: path.join(dir, "other"), portEnvVar: "LREW_KAFKA_PORT" };
    const err = await startLocalKafka(other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`port ${o.port}`);
    expect((err as Error).message).toContain("LREW_KAFKA_PORT");
    expect((err as Error).message).toContain("a Kafka broker");
  });

  it("refuses to reuse the running broker on a different port", async () => {
    await expect(startLocalKafka({ ...o, port: o.port! + 2, controllerPort: o.port! + 3 })).rejects.toThrowError(/already runs on port/);
  });

  it("stops, and starts again with the same cluster", async () => {
    const before = await localKafkaStatus(o);
    expect(await stopLocalKafka(o)).toBe(true);
    expect(await localKafkaStatus(o)).toMatchObject({ running: false });
    expect(existsSync(path.join(o.dataDir, "broker.pid"))).toBe(false);
    expect(await isPortFree("127.0.0.1", o.port!)).toBe(true);

    const restarted = await startLocalKafka(o);
    expect(restarted.reused).toBe(false);
    expect((await localKafkaStatus(o)).clusterId).toBe(before.clusterId);
    expect(await stopLocalKafka(o, { kill: true })).toBe(true);
    expect(await stopLocalKafka(o)).toBe(false);
  });
});
