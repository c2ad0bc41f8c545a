// The processes a suite runs besides itself: lrew's services as an operator runs them, Java tools
// of the Kafka distribution, and the forked workers (load generator, scoring worker); and waiting
// for them.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { FatalError } from "@lrew/errors";
import type { LoadRequest, LoadResult } from "./loadgen.ts";
import type { PagesWorldRequest, PagesWorldResult } from "./pages-world.ts";
import type { ScoringWorldRequest, ScoringWorldResult } from "./scoring-world.ts";
import type { SuiteContext } from "./suite-context.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  exited?: () => string | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not yet
    }
    const gone = exited?.();
    if (gone) throw new FatalError(`${what}: ${gone}`);
    if (Date.now() > deadline) throw new FatalError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(100);
  }
}

export interface Service {
  child: ChildProcess;
  output(): string;
  exitNote(): string | undefined;
  stop(): Promise<void>;
}

/**
 * A service as its own process (`node services/<name>/src/main.ts`), as an operator runs it: on the
 * run's broker and topic prefix, with a home of its own in the run's directory, plus `env`.
 */
export function spawnService(
  c: Pick<SuiteContext, "root" | "work" | "kafka" | "o">,
  name: "ingest" | "sink",
  env: Record<string, string>,
): Service {
  const { root, o } = c;
  const entry = `services/${name}/src/main.ts`;
  const profile = o.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(o.cpuProfileDir, name)}`] : [];
  const child = spawn(process.execPath, [...profile, "--disable-warning=TimeoutNegativeWarning", path.join(root, entry)], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: "warn",
      KAFKA_BROKERS: c.kafka.brokers.join(","),
      LREW_HOME: path.join(c.work, `${name}-home`),
      LREW_TOPIC_PREFIX: c.kafka.topicPrefix,
      ...env,
      LREW_ROOT: root,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let note: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      note = `exited (${signal ?? `code ${code}`})\n${out.slice(-3000)}`;
      resolve();
    }),
  );
  return {
    child,
    output: () => out,
    exitNote: () => note,
    stop: async () => {
      if (note) return;
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export async function httpOk(url: string): Promise<boolean> {
  const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await r.body?.cancel();
  return r.ok;
}

export function runJava(args: string[], onPid: (pid: number) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
    const child = spawn(java, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("spawn", () => onPid(child.pid!));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

/** Forks a worker file of this folder, sends it one request; `result` resolves with its one answer, `send` passes it more messages. */
function startWorker<Req, Res>(
  file: string,
  name: string,
  req: Req,
  onPid: (pid: number) => void,
  env: Record<string, string> = {},
): { result: Promise<Res>; send(message: unknown): void } {
  const child = fork(path.join(import.meta.dirname, file), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...env },
  });
  onPid(child.pid!);
  const result = new Promise<Res>((resolve, reject) => {
    let answer: Res | undefined;
    child.once("message", (m) => (answer = m as Res));
    child.once("error", reject);
    child.once("exit", (code) => (answer ? resolve(answer) : reject(new FatalError(`${name} exited (code ${code}) without a result`))));
  });
  child.send(req as object);
  return { result, send: (m) => child.connected && child.send(m as object) };
}

export function runLoadGenerator(req: LoadRequest, onPid: (pid: number) => void): Promise<LoadResult> {
  return startWorker<LoadRequest, LoadResult>("loadgen.ts", "the load generator", req, onPid).result;
}

/** A load generator that runs until `stop()` (or the end of its request): an open-loop load beside another. */
export function startLoadGenerator(req: LoadRequest, onPid: (pid: number) => void): { result: Promise<LoadResult>; stop(): void } {
  const worker = startWorker<LoadRequest, LoadResult>("loadgen.ts", "the load generator", req, onPid);
  return { result: worker.result, stop: () => worker.send("stop") };
}

export function runScoringWorld(req: ScoringWorldRequest, onPid: (pid: number) => void): Promise<ScoringWorldResult> {
  return startWorker<ScoringWorldRequest, ScoringWorldResult>("scoring-world.ts", "the scoring worker", req, onPid, { LOG_LEVEL: "warn" })
    .result;
}

export function runPagesWorld(req: PagesWorldRequest, onPid: (pid: number) => void): Promise<PagesWorldResult> {
  return startWorker<PagesWorldRequest, PagesWorldResult>("pages-world.ts", "the pages worker", req, onPid, { LOG_LEVEL: "warn" }).result;
}
