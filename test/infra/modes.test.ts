import net from "node:net";
import os from "node:os";
import path from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chooseMode, dockerEndpoints, dockerEngineAnswers } from "./modes.ts";
import { testKafkaPorts } from "./native.ts";

const yes = async () => true;
const no = async () => false;
const never = async (): Promise<boolean> => {
  throw new Error("docker should not be asked");
};

describe("chooseMode", () => {
  it("uses external when KAFKA_BROKERS is set, without asking Docker", async () => {
    expect((await chooseMode({ KAFKA_BROKERS: "k:9092" }, never)).mode).toBe("external");
  });

  it("uses containers when Docker answers, native otherwise", async () => {
    expect((await chooseMode({}, yes)).mode).toBe("containers");
    expect((await chooseMode({ KAFKA_BROKERS: " " }, no)).mode).toBe("native");
  });

  it("honours LREW_TEST_INFRA", async () => {
    expect((await chooseMode({ LREW_TEST_INFRA: "native", KAFKA_BROKERS: "k:1" }, never)).mode).toBe("native");
    expect((await chooseMode({ LREW_TEST_INFRA: "Containers" }, yes)).mode).toBe("containers");
    expect((await chooseMode({ LREW_TEST_INFRA: "external", KAFKA_BROKERS: "k:1" }, never)).mode).toBe("external");
  });

  it("explains impossible choices", async () => {
    await expect(chooseMode({ LREW_TEST_INFRA: "docker" }, no)).rejects.toThrowError(/expected one of native, containers, external/);
    await expect(chooseMode({ LREW_TEST_INFRA: "external" }, no)).rejects.toThrowError(/needs KAFKA_BROKERS/);
    await expect(chooseMode({ LREW_TEST_INFRA: "containers" }, no)).rejects.toThrowError(/no Docker engine answers/);
  });
});

describe("dockerEndpoints", () => {
  it("reads DOCKER_HOST", () => {
    expect(dockerEndpoints({ DOCKER_HOST: "unix:///run/d.sock" })).toEqual([{ socketPath: "/run/d.sock" }]);
    expect(dockerEndpoints({ DOCKER_HOST: "tcp://10.0.0.5:2375" })).toEqual([{ host: "10.0.0.5", port: 2375, tls: false }]);
    expect(dockerEndpoints({ DOCKER_HOST: "tcp://d", DOCKER_TLS_VERIFY: "1" })).toEqual([{ host: "d", port: 2376, tls: true }]);
    expect(dockerEndpoints({ DOCKER_HOST: "ssh://me@d" })).toEqual([]);
  });

  it("lists only socket files that exist", () => {
    const seen = new Set(["/var/run/docker.sock", "/h/.docker/run/docker.sock"]);
    expect(dockerEndpoints({ HOME: "/h" }, (p) => seen.has(p))).toEqual([
      { socketPath: "/var/run/docker.sock" },
      { socketPath: "/h/.docker/run/docker.sock" },
    ]);
    expect(dockerEndpoints({ HOME: "/h" }, () => false)).toEqual([]);
  });
});

describe("dockerEngineAnswers", () => {
  it("is false without an engine", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-docker-"));
    try {
      expect(await dockerEngineAnswers({ DOCKER_HOST: `unix://${path.join(dir, "missing.sock")}` })).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pings an engine-like socket, and gives up on a silent one within the timeout", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-docker-"));
    const good = path.join(dir, "good.sock");
    const silent = path.join(dir, "silent.sock");
    const sockets: net.Socket[] = [];
    const servers = [
      net.createServer((s) => s.once("data", () => s.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"))),
      net.createServer((s) => void sockets.push(s)),
    ];
    await new Promise<void>((r) => servers[0]!.listen(good, r));
    await new Promise<void>((r) => servers[1]!.listen(silent, r));
    try {
      expect(await dockerEngineAnswers({ DOCKER_HOST: `unix://${good}` })).toBe(true);
      // A silent socket would hang forever without the timeout; the test's own timeout catches that.
      expect(await dockerEngineAnswers({ DOCKER_HOST: `unix://${silent}` }, 300)).toBe(false);
    } finally {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("testKafkaPorts", () => {
  it("defaults to 19092/19093 and follows LREW_TEST_KAFKA_PORT", () => {
    expect(testKafkaPorts({})).toEqual({ port: 19092, controllerPort: 19093 });
    expect(testKafkaPorts({ LREW_TEST_KAFKA_PORT: "29092" })).toEqual({ port: 29092, controllerPort: 29093 });
    expect(() => testKafkaPorts({ LREW_TEST_KAFKA_PORT: "x" })).toThrowError(/LREW_TEST_KAFKA_PORT/);
  });
});
