// Choosing where the integration tests get Kafka and ClickHouse from, and finding a Docker engine.
import { existsSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { InfraMode } from "./provided.ts";

export const INFRA_MODES: readonly InfraMode[] = ["native", "containers", "external"];

export interface ModeChoice {
  mode: InfraMode;
  why: string;
}

/**
 * Pure. `LREW_TEST_INFRA` forces a mode; otherwise: external when KAFKA_BROKERS is set, containers
 * when a Docker engine answers, native else. `dockerAnswers` is asked only when it matters.
 */
export async function chooseMode(env: Record<string, string | undefined>, dockerAnswers: () => Promise<boolean>): Promise<ModeChoice> {
  const forced = env.LREW_TEST_INFRA?.trim().toLowerCase();
  const brokers = env.KAFKA_BROKERS?.trim();
  if (forced) {
    if (!(INFRA_MODES as readonly string[]).includes(forced)) {
      throw new Error(`LREW_TEST_INFRA=${env.LREW_TEST_INFRA}: expected one of ${INFRA_MODES.join(", ")}`);
    }
    if (forced === "external" && !brokers) throw new Error("LREW_TEST_INFRA=external needs KAFKA_BROKERS (host:port,…) of a running Kafka");
    if (forced === "containers" && !(await dockerAnswers())) {
      throw new Error("LREW_TEST_INFRA=containers, but no Docker engine answers (checked DOCKER_HOST or the usual docker.sock paths)");
    }
    return { mode: forced as InfraMode, why: "LREW_TEST_INFRA" };
  }
  if (brokers) return { mode: "external", why: "KAFKA_BROKERS is set" };
  if (await dockerAnswers()) return { mode: "containers", why: "a Docker engine answers" };
  return { mode: "native", why: "no KAFKA_BROKERS and no Docker engine" };
}

export type DockerEndpoint = { socketPath: string } | { host: string; port: number; tls: boolean };

/** Pure: where a Docker engine would be, from DOCKER_HOST or the usual socket paths (only those that exist). */
export function dockerEndpoints(env: Record<string, string | undefined>, exists: (p: string) => boolean = existsSync): DockerEndpoint[] {
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    if (dockerHost.startsWith("unix://")) return [{ socketPath: dockerHost.slice("unix://".length) }];
    if (dockerHost.startsWith("tcp://")) {
      const url = new URL(dockerHost.replace(/^tcp:/, "http:"));
      const tls = Boolean(env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== "0");
      return [{ host: url.hostname, port: Number(url.port || (tls ? 2376 : 2375)), tls }];
    }
    return []; // npipe://, ssh://: leave those to testcontainers when forced
  }
  const home = env.HOME ?? os.homedir();
  const candidates = [
    "/var/run/docker.sock",
    env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, "docker.sock") : undefined,
    path.join(home, ".docker", "run", "docker.sock"),
    path.join(home, ".docker", "desktop", "docker.sock"),
    path.join(home, ".colima", "default", "docker.sock"),
    path.join(home, ".rd", "docker.sock"),
  ];
  return candidates.filter((p): p is string => p !== undefined && exists(p)).map((socketPath) => ({ socketPath }));
}

/** Asks one endpoint `GET /_ping` (a bare TCP connect for TLS endpoints); false on any failure within timeoutMs. */
function ping(endpoint: DockerEndpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket =
      "socketPath" in endpoint ? net.connect({ path: endpoint.socketPath }) : net.connect({ host: endpoint.host, port: endpoint.port });
    let answer = "";
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once("error", () => done(false));
    socket.once("connect", () => {
      if ("tls" in endpoint && endpoint.tls) return done(true);
      socket.write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n");
    });
    socket.on("data", (d: Buffer) => {
      answer += d.toString("latin1");
      if (answer.includes("\r\n")) done(/^HTTP\/1\.[01] 200/.test(answer));
    });
    socket.once("end", () => done(/^HTTP\/1\.[01] 200/.test(answer)));
  });
}

/** True when some Docker engine answers within timeoutMs; quick and silent when there is none. */
export async function dockerEngineAnswers(env: Record<string, string | undefined> = process.env, timeoutMs = 1000): Promise<boolean> {
  const endpoints = dockerEndpoints(env);
  if (endpoints.length === 0) return false;
  const results = await Promise.all(endpoints.map((e) => ping(e, timeoutMs)));
  return results.some(Boolean);
}
