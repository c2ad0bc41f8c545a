// A single-node Apache Kafka broker (KRaft) run straight from its jars, for development and tests
// on machines without Docker. The jars come from Maven once (infra/kafka/pom.xml) into `distDir`;
// the broker keeps its data, configuration, pid and logs in `dataDir` and outlives the process that
// started it, so that `lrew` commands can share it. This file starts, stops and reports on it; the
// files beside it hold its options (options.ts), jars (jars.ts), run state (run-state.ts), logs,
// readiness and child processes.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ConfigError, FatalError, RetryableError } from "@lrew/errors";
import { ensureKafkaJars } from "./jars.ts";
import {
  DEFAULT_HEAP_MB,
  KAFKA_VERSION,
  LOCAL_KAFKA_HOST,
  brokerFiles,
  brokerPorts,
  brokersOf,
  type LocalKafkaOptions,
  type LocalKafkaStatus,
} from "./options.ts";
import { canConnect, fetchKafkaMetadata, isPortFree } from "./probe.ts";
import { JAVA_MISSING, checkJava, isAlive, run } from "./processes.ts";
import { lastLines, newClusterId, renderServerProperties } from "./properties.ts";
import { probeReady, waitReady } from "./readiness.ts";
import { isOurBroker, readPid, readState, removeRunFiles, withLock, type BrokerState } from "./run-state.ts";

async function describePortUser(port: number): Promise<string> {
  try {
    const md = await fetchKafkaMetadata(LOCAL_KAFKA_HOST, port, 1500);
    return `a Kafka broker (cluster ${md.clusterId ?? "?"}) that was not started from this data directory`;
  } catch {
    return (await canConnect(LOCAL_KAFKA_HOST, port)) ? "another program" : "another program (or a socket still closing)";
  }
}

async function checkPortsFree(o: LocalKafkaOptions, port: number, controllerPort: number): Promise<void> {
  const envVar = o.portEnvVar ?? "LREW_KAFKA_PORT";
  if (!(await isPortFree(LOCAL_KAFKA_HOST, port))) {
    throw new ConfigError(
      `cannot start the local Kafka broker: port ${port} on ${LOCAL_KAFKA_HOST} is in use by ${await describePortUser(port)}. ` +
        `Stop that, or set ${envVar} to a free port (the controller uses the next port unless set), or point KAFKA_BROKERS at an existing broker.`,
    );
  }
  if (!(await isPortFree(LOCAL_KAFKA_HOST, controllerPort))) {
    throw new ConfigError(
      `cannot start the local Kafka broker: its controller port ${controllerPort} on ${LOCAL_KAFKA_HOST} is in use by another program. ` +
        `Stop that, or set ${envVar} so that the broker and controller ports are both free.`,
    );
  }
}

async function formatStorage(o: LocalKafkaOptions, java: string, libs: string): Promise<void> {
  const f = brokerFiles(o);
  if (existsSync(f.meta)) return;
  const clusterId = o.clusterNode?.clusterId ?? newClusterId();
  o.onProgress?.(`formatting Kafka storage in ${f.data} (cluster ${clusterId})`);
  await fs.mkdir(f.data, { recursive: true });
  const { code, output } = await run(
    java,
    [
      `-Dlog4j2.configurationFile=${f.log4j}`,
      `-Dkafka.logs.dir=${f.logs}`,
      "-cp",
      path.join(libs, "*"),
      "kafka.tools.StorageTool",
      "format",
      "--ignore-formatted",
      "-t",
      clusterId,
      "-c",
      f.properties,
    ],
    JAVA_MISSING,
  );
  if (code !== 0) throw new FatalError(`formatting Kafka storage in ${f.data} failed (exit ${code}):\n${lastLines(output, 20)}`);
}

/**
 * Starts the broker of `dataDir`, or reuses it when it already runs (its pid is alive and it answers
 * on its port). A new broker is spawned detached, so it outlives the caller; the promise resolves
 * once it answers Kafka Metadata requests with itself as a live broker.
 */
export async function startLocalKafka(o: LocalKafkaOptions): Promise<{ brokers: string; pid: number; reused: boolean }> {
  const { port, controllerPort } = brokerPorts(o);
  const timeoutMs = o.startTimeoutMs ?? 90_000;
  const f = brokerFiles(o);
  return withLock(o, timeoutMs, async () => {
    const pid = await readPid(o);
    if (pid !== undefined && isOurBroker(pid, o)) {
      const state = await readState(o);
      const runningPort = state?.port ?? port;
      if (runningPort !== port) {
        throw new ConfigError(
          `the local Kafka broker of ${o.dataDir} already runs on port ${runningPort} (pid ${pid}), not ${port}; stop it first to change ports`,
        );
      }
      await waitReady(o, pid, runningPort, timeoutMs, () => undefined);
      return { brokers: brokersOf(runningPort), pid, reused: true };
    }
    await removeRunFiles(o);

    await checkPortsFree(o, port, controllerPort);
    const java = await checkJava();
    const libs = await ensureKafkaJars(o);

    await fs.mkdir(f.logs, { recursive: true });
    let template: string;
    const templateFile = o.clusterNode ? "server-cluster.properties.template" : "server.properties.template";
    try {
      template = await fs.readFile(path.join(o.infraDir, templateFile), "utf8");
      await fs.copyFile(path.join(o.infraDir, "log4j2.yaml"), f.log4j);
    } catch (err) {
      throw new FatalError(`${o.infraDir} lacks ${templateFile} or log4j2.yaml: ${(err as Error).message}`);
    }
    const node = o.clusterNode;
    const vars = { host: LOCAL_KAFKA_HOST, port, controllerPort, logDirs: f.data };
    await fs.writeFile(
      f.properties,
      renderServerProperties(
        template,
        node ? { ...vars, nodeId: node.nodeId, voters: node.voters, replication: node.replication, minIsr: node.minIsr } : vars,
      ),
    );
    await formatStorage(o, java, libs);

    const heapMb = o.heapMb ?? DEFAULT_HEAP_MB;
    const args = [
      `-Xmx${heapMb}m`,
      `-Xms${Math.min(heapMb, 128)}m`,
      "-XX:+UseG1GC",
      "-XX:MaxGCPauseMillis=20",
      "-Djava.awt.headless=true",
      `-Dlog4j2.configurationFile=${f.log4j}`,
      `-Dkafka.logs.dir=${f.logs}`,
      "-cp",
      path.join(libs, "*"),
      "kafka.Kafka",
      f.properties,
    ];
    const logFd = openSync(f.brokerLog, "a");
    writeSync(
      logFd,
      `\n=== ${new Date().toISOString()} starting Kafka ${KAFKA_VERSION} on ${brokersOf(port)} (controller ${controllerPort}) ===\n`,
    );
    let exitNote: string | undefined;
    const child = spawn(java, args, { cwd: o.dataDir, detached: true, stdio: ["ignore", logFd, logFd] });
    closeSync(logFd);
    const childPid = await new Promise<number>((resolve, reject) => {
      child.once("spawn", () => resolve(child.pid as number));
      child.once("error", (err: NodeJS.ErrnoException) => reject(err.code === "ENOENT" ? new FatalError(JAVA_MISSING) : err));
    });
    child.once("exit", (code, signal) => (exitNote = `exited (${signal ?? `code ${code}`})`));
    child.unref();
    await fs.writeFile(f.pid, `${childPid}\n`);
    const state: BrokerState = { pid: childPid, port, controllerPort, startedAt: new Date().toISOString() };
    await fs.writeFile(f.state, `${JSON.stringify(state, null, 2)}\n`);

    o.onProgress?.(`started Kafka ${KAFKA_VERSION} (pid ${childPid}) on ${brokersOf(port)}; waiting until it is ready`);
    try {
      await waitReady(o, childPid, port, timeoutMs, () => exitNote);
    } catch (err) {
      if (isAlive(childPid)) {
        try {
          process.kill(childPid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      await removeRunFiles(o);
      throw err;
    }
    return { brokers: brokersOf(port), pid: childPid, reused: false };
  });
}

/**
 * Stops the broker of `dataDir`: SIGTERM (Kafka shuts down cleanly), then SIGKILL if it is still
 * alive after `stopTimeoutMs` (30 s). `{ kill: true }` sends SIGKILL at once (crash tests).
 * Resolves true when a broker was running.
 */
export async function stopLocalKafka(o: LocalKafkaOptions, opts: { kill?: boolean } = {}): Promise<boolean> {
  const timeoutMs = o.stopTimeoutMs ?? 30_000;
  return withLock(o, timeoutMs + 15_000, async () => {
    const pid = await readPid(o);
    if (pid === undefined || !isOurBroker(pid, o)) {
      await removeRunFiles(o);
      return false;
    }
    o.onProgress?.(`stopping the Kafka broker (pid ${pid})`);
    const signal = (sig: NodeJS.Signals): void => {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    };
    signal(opts.kill ? "SIGKILL" : "SIGTERM");
    const deadline = Date.now() + timeoutMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) {
      o.onProgress?.(`the Kafka broker (pid ${pid}) did not stop within ${Math.round(timeoutMs / 1000)} s; killing it`);
      signal("SIGKILL");
      const killDeadline = Date.now() + 10_000;
      while (isAlive(pid) && Date.now() < killDeadline) await sleep(100);
      if (isAlive(pid)) throw new RetryableError(`the Kafka broker (pid ${pid}) survived SIGKILL`);
    }
    await removeRunFiles(o);
    return true;
  });
}

/** Whether the broker of `dataDir` runs, and whether it answers on its port. */
export async function localKafkaStatus(o: LocalKafkaOptions): Promise<LocalKafkaStatus> {
  const { port } = brokerPorts(o);
  const pid = await readPid(o);
  if (pid === undefined || !isOurBroker(pid, o)) return { running: false, ready: false, brokers: brokersOf(port) };
  const runningPort = (await readState(o))?.port ?? port;
  const md = await probeReady(runningPort);
  const status: LocalKafkaStatus = { running: true, ready: md !== undefined, pid, brokers: brokersOf(runningPort) };
  if (md?.clusterId) status.clusterId = md.clusterId;
  return status;
}
