// What the chaos scenarios share: child processes of lrew's services, bounded waits, free ports.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const n = (x: number) => x.toLocaleString("vi-VN");

export async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // a probe that throws a "exited" error stops the wait at once: what it waits for cannot happen
    if (
      await probe().catch((err: unknown) => {
        if (err instanceof Error && err.message.includes(" exited (")) throw err;
        return false;
      })
    )
      return;
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Child {
  child: ChildProcess;
  exited: Promise<number | string>;
  output(): string;
}

export function spawnNode(root: string, entry: string, env: Record<string, string>, args: string[] = []): Child {
  const child = spawn(process.execPath, ["--disable-warning=TimeoutNegativeWarning", path.join(root, entry), ...args], {
    cwd: root,
    env: { ...process.env, ...env, LREW_ROOT: root },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  child.stderr?.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code ?? -1)));
  return { child, exited, output: () => out };
}

export async function killAndWait(c: Child, signal: NodeJS.Signals, timeoutMs = 30_000): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return;
  c.child.kill(signal);
  const done = await Promise.race([c.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!done) {
    c.child.kill("SIGKILL");
    await c.exited;
  }
}

/** Runs the verifier child (verify-main.ts) on a scenario's ClickHouse and returns its JSON answer. */
export async function verifyInChild<T>(root: string, env: Record<string, string>, args: string[], timeoutMs = 180_000): Promise<T> {
  const verifier = spawnNode(root, "services/cli/src/chaos/verify-main.ts", env, args);
  const code = await exitedWithin(verifier, timeoutMs);
  if (code !== 0) {
    await killAndWait(verifier, "SIGKILL");
    throw new Error(`the verifier (${args[0]}) failed (${code}): ${verifier.output().slice(-500)}`);
  }
  return JSON.parse(verifier.output().trim().split("\n").at(-1)!) as T;
}

/** How a child ended, or "not reached" after `ms`; the timer is cleared, so it never holds the process. */
export async function exitedWithin(c: Child, ms: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve("not reached"), ms);
  });
  try {
    return await Promise.race([c.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}
