// A single-node Apache Kafka broker (KRaft) run straight from its jars, for development and tests
// on machines without Docker. The jars come from Maven once (infra/kafka/pom.xml) into `distDir`;
// the broker keeps its data, configuration, pid and logs in `dataDir` and outlives the process that
// started it, so that `lrew` commands can share it.
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
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { openSync, closeSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { ConfigError, FatalError, RetryableError } from "@lrew/errors";
import { canConnect, fetchKafkaMetadata, isPortFree } from "./probe.ts";
import type { KafkaMetadata } from "./probe.ts";
import { lastLines, newClusterId, parseJavaMajor, renderServerProperties } from "./properties.ts";

export const KAFKA_VERSION = "4.1.1";
export const LOCAL_KAFKA_HOST = "127.0.0.1";
export const DEFAULT_KAFKA_PORT = 9092;
export const DEFAULT_CONTROLLER_PORT = 9093;
export const DEFAULT_HEAP_MB = 512;
const MIN_JAVA = 17;

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

interface BrokerState {
  pid: number;
  port: number;
  controllerPort: number;
  startedAt: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function files(o: LocalKafkaOptions) {
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

function ports(o: LocalKafkaOptions): { port: number; controllerPort: number } {
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

// ---------------------------------------------------------------------------------------------
// Processes

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Alive, and (where /proc can tell) really a Kafka broker started with this dataDir's properties. */
function isOurBroker(pid: number, o: LocalKafkaOptions): boolean {
  if (!isAlive(pid)) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
  return cmdline.includes("kafka.Kafka") && cmdline.includes(files(o).properties);
}

async function readPid(o: LocalKafkaOptions): Promise<number | undefined> {
  try {
    const pid = Number((await fs.readFile(files(o).pid, "utf8")).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function readState(o: LocalKafkaOptions): Promise<BrokerState | undefined> {
  try {
    return JSON.parse(await fs.readFile(files(o).state, "utf8")) as BrokerState;
  } catch {
    return undefined;
  }
}

async function removeRunFiles(o: LocalKafkaOptions): Promise<void> {
  const f = files(o);
  await fs.rm(f.pid, { force: true });
  await fs.rm(f.state, { force: true });
}

interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion, capturing its output; FatalError naming `missing` when it is not installed. */
function run(cmd: string, args: string[], missing: string, opts: { cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT") reject(new FatalError(missing));
      else reject(err);
    });
    child.once("close", (code) => resolve({ code, output }));
  });
}

function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const java = path.join(home, "bin", process.platform === "win32" ? "java.exe" : "java");
    if (existsSync(java)) return java;
  }
  return "java";
}

const JAVA_MISSING = `java not found: install a JDK ${MIN_JAVA}+ (e.g. the openjdk-${MIN_JAVA}-jdk-headless package) or set JAVA_HOME`;

async function checkJava(): Promise<string> {
  const java = javaCommand();
  const { output } = await run(java, ["-version"], JAVA_MISSING);
  const major = parseJavaMajor(output);
  if (major === undefined) throw new FatalError(`could not tell the Java version from \`${java} -version\`:\n${lastLines(output, 5)}`);
  if (major < MIN_JAVA)
    throw new FatalError(`Java ${major} found (${java}); Kafka ${KAFKA_VERSION} needs a JDK ${MIN_JAVA}+ (install one or set JAVA_HOME)`);
  return java;
}

// ---------------------------------------------------------------------------------------------
// Lock: one process at a time starts or stops the broker of a dataDir.

async function withLock<T>(o: LocalKafkaOptions, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const lock = files(o).lock;
  await fs.mkdir(o.dataDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lock, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let holder = NaN;
      try {
        holder = Number(readFileSync(lock, "utf8").trim());
      } catch {
        // vanished or half-written; look again
      }
      if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
        try {
          unlinkSync(lock); // left by a process that died
        } catch {
          // someone else removed it first
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new RetryableError(
          `another process (pid ${holder}) is starting or stopping the local Kafka broker in ${o.dataDir}; try again, or remove ${lock} if that process is gone`,
        );
      }
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lock, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Jars

async function pomDigest(infraDir: string): Promise<string> {
  const pom = path.join(infraDir, "pom.xml");
  try {
    return createHash("sha256")
      .update(await fs.readFile(pom))
      .digest("hex");
  } catch {
    throw new FatalError(`${pom} not found: infraDir must point at infra/kafka of an lrew checkout`);
  }
}

const MARKER = ".lrew-jars.json";

async function jarsComplete(distDir: string, digest: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await fs.readFile(path.join(distDir, MARKER), "utf8")) as { pomSha256?: string };
    return marker.pomSha256 === digest && existsSync(path.join(distDir, "libs"));
  } catch {
    return false;
  }
}

/**
 * Makes sure the broker's jars are in `<distDir>/libs` and returns that directory (use `<dir>/*` as
 * the classpath). Runs Maven only when the jars are missing or infra/kafka/pom.xml changed; Maven
 * downloads into a temporary sibling directory that is renamed into place when complete, so an
 * interrupted download never leaves a half-filled cache.
 */
export async function ensureKafkaJars(o: LocalKafkaOptions): Promise<string> {
  const digest = await pomDigest(o.infraDir);
  const libs = path.join(o.distDir, "libs");
  if (await jarsComplete(o.distDir, digest)) return libs;

  const parent = path.dirname(o.distDir);
  await fs.mkdir(parent, { recursive: true });
  const tmp = `${o.distDir}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  await fs.mkdir(tmp, { recursive: true });
  try {
    o.onProgress?.(`fetching the Kafka ${KAFKA_VERSION} jars with Maven into ${o.distDir} (once; about 55 MB on a fresh machine)`);
    const started = Date.now();
    const { code, output } = await run(
      "mvn",
      [
        "-q",
        "-B",
        "-Dstyle.color=never",
        "-f",
        path.join(o.infraDir, "pom.xml"),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        `-DoutputDirectory=${path.join(tmp, "libs")}`,
      ],
      `mvn not found: install Apache Maven 3.8+ (it fetches the Kafka ${KAFKA_VERSION} jars once into ${o.distDir})`,
      { cwd: o.infraDir },
    );
    if (code !== 0) {
      throw new RetryableError(
        `fetching the Kafka ${KAFKA_VERSION} jars with Maven failed (exit ${code}); is the Maven repository reachable?\n${lastLines(output, 30)}`,
      );
    }
    const jars = (await fs.readdir(path.join(tmp, "libs"))).filter((f) => f.endsWith(".jar"));
    if (!jars.some((j) => j.startsWith("kafka_2.13-"))) throw new FatalError(`Maven finished but no kafka_2.13 jar is in ${tmp}/libs`);
    await fs.writeFile(
      path.join(tmp, MARKER),
      JSON.stringify({ kafkaVersion: KAFKA_VERSION, pomSha256: digest, jars: jars.length, fetchedAt: new Date().toISOString() }, null, 2) +
        "\n",
    );
    // Swap in: an older or incomplete cache is moved aside first.
    if (existsSync(o.distDir) && !(await jarsComplete(o.distDir, digest))) {
      const old = `${o.distDir}.old-${process.pid}-${randomBytes(4).toString("hex")}`;
      await fs.rename(o.distDir, old).catch(() => undefined);
      await fs.rm(old, { recursive: true, force: true });
    }
    try {
      await fs.rename(tmp, o.distDir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code === "ENOTEMPTY" || code === "EEXIST") && (await jarsComplete(o.distDir, digest))) {
        // Another process finished first; use its copy.
      } else {
        throw err;
      }
    }
    o.onProgress?.(`Kafka jars ready in ${libs} (${jars.length} jars, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return libs;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Logs

async function tail(file: string, n: number): Promise<string | undefined> {
  try {
    const fh = await fs.open(file, "r");
    try {
      const { size } = await fh.stat();
      const len = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return lastLines(buf.toString("utf8"), n);
    } finally {
      await fh.close();
    }
  } catch {
    return undefined;
  }
}

/** The last lines of broker.log and logs/server.log, for error messages. */
export async function brokerLogTail(o: LocalKafkaOptions, lines = 25): Promise<string> {
  const f = files(o);
  const parts: string[] = [];
  const out = await tail(f.brokerLog, lines);
  if (out) parts.push(`--- last lines of ${f.brokerLog} ---\n${out}`);
  const server = await tail(f.serverLog, lines);
  if (server) parts.push(`--- last lines of ${f.serverLog} ---\n${server}`);
  return parts.length ? parts.join("\n") : `(no broker log yet in ${o.dataDir})`;
}

// ---------------------------------------------------------------------------------------------
// Readiness

function isReady(md: KafkaMetadata, port: number): boolean {
  return md.brokers.some((b) => b.port === port) && md.controllerId >= 0;
}

async function probeReady(port: number): Promise<KafkaMetadata | undefined> {
  try {
    const md = await fetchKafkaMetadata(LOCAL_KAFKA_HOST, port, 2000);
    return isReady(md, port) ? md : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until the broker answers Metadata with itself as a live broker, the process dies, or time runs out. */
async function waitReady(
  o: LocalKafkaOptions,
  pid: number,
  port: number,
  timeoutMs: number,
  exited: () => string | undefined,
): Promise<KafkaMetadata> {
  const deadline = Date.now() + timeoutMs;
  let lastNote = Date.now();
  for (;;) {
    const md = await probeReady(port);
    if (md) return md;
    const exit = exited() ?? (isAlive(pid) ? undefined : "exited");
    if (exit) {
      throw new RetryableError(
        `the local Kafka broker (pid ${pid}) ${exit} before it became ready on ${LOCAL_KAFKA_HOST}:${port}\n${await brokerLogTail(o)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new RetryableError(
        `the local Kafka broker (pid ${pid}) did not become ready on ${LOCAL_KAFKA_HOST}:${port} within ${Math.round(timeoutMs / 1000)} s\n${await brokerLogTail(o)}`,
      );
    }
    if (Date.now() - lastNote > 10_000) {
      o.onProgress?.(`still waiting for the Kafka broker on ${LOCAL_KAFKA_HOST}:${port}…`);
      lastNote = Date.now();
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// Start / stop / status

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

function brokersOf(port: number): string {
  return `${LOCAL_KAFKA_HOST}:${port}`;
}

async function formatStorage(o: LocalKafkaOptions, java: string, libs: string): Promise<void> {
  const f = files(o);
  if (existsSync(f.meta)) return;
  const clusterId = newClusterId();
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
  const { port, controllerPort } = ports(o);
  const timeoutMs = o.startTimeoutMs ?? 90_000;
  const f = files(o);
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
    try {
      template = await fs.readFile(path.join(o.infraDir, "server.properties.template"), "utf8");
      await fs.copyFile(path.join(o.infraDir, "log4j2.yaml"), f.log4j);
    } catch (err) {
      throw new FatalError(`${o.infraDir} lacks server.properties.template or log4j2.yaml: ${(err as Error).message}`);
    }
    await fs.writeFile(f.properties, renderServerProperties(template, { host: LOCAL_KAFKA_HOST, port, controllerPort, logDirs: f.data }));
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
  const { port } = ports(o);
  const pid = await readPid(o);
  if (pid === undefined || !isOurBroker(pid, o)) return { running: false, ready: false, brokers: brokersOf(port) };
  const runningPort = (await readState(o))?.port ?? port;
  const md = await probeReady(runningPort);
  const status: LocalKafkaStatus = { running: true, ready: md !== undefined, pid, brokers: brokersOf(runningPort) };
  if (md?.clusterId) status.clusterId = md.clusterId;
  return status;
}
