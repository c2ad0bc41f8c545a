// Runs lrew services as real child processes, the way an operator would, so tests can kill them.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = process.env.LREW_ROOT ?? path.resolve(import.meta.dirname, "../..");

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves with the exit code, or the signal name when killed by one. */
  exited: Promise<number | NodeJS.Signals>;
  output(): string;
}

export function spawnService(entry: string, env: Record<string, string | undefined>): ServiceProcess {
  const child = spawn(process.execPath, ["--disable-warning=TimeoutNegativeWarning", path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env, LREW_ROOT: ROOT },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code ?? -1)));
  return { child, exited, output: () => out };
}

/** Polls `probe` until it returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}`);
}
