// Peak resident memory of processes: /proc/<pid>/status (VmRSS now, VmHWM the kernel's own peak) on
// Linux, `ps -o rss=` elsewhere, sampled while they run.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";

/** Pure: VmRSS and VmHWM of a /proc/<pid>/status text, in bytes. */
export function parseProcStatus(status: string): { rss?: number; hwm?: number } {
  const kb = (name: string): number | undefined => {
    const m = new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, "m").exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  };
  const out: { rss?: number; hwm?: number } = {};
  const rss = kb("VmRSS");
  const hwm = kb("VmHWM");
  if (rss !== undefined) out.rss = rss;
  if (hwm !== undefined) out.hwm = hwm;
  return out;
}

async function sampleOnce(pid: number): Promise<number | undefined> {
  try {
    const s = parseProcStatus(await readFile(`/proc/${pid}/status`, "utf8"));
    const v = Math.max(s.rss ?? 0, s.hwm ?? 0);
    if (v > 0) return v;
  } catch {
    // no /proc (macOS) or the process is gone
  }
  if (process.platform === "linux") return undefined;
  return new Promise((resolve) =>
    execFile("ps", ["-o", "rss=", "-p", String(pid)], (err, stdout) => {
      const kb = Number(stdout.trim());
      resolve(err || !Number.isFinite(kb) || kb <= 0 ? undefined : kb * 1024);
    }),
  );
}

/** Samples the resident memory of named processes every `everyMs`; `peaks()` has the highest seen per name. */
export class RssSampler {
  #pids = new Map<string, number>();
  #peaks = new Map<string, number>();
  #timer: NodeJS.Timeout;
  #busy = false;

  constructor(everyMs = 200) {
    this.#timer = setInterval(() => void this.sample(), everyMs);
    this.#timer.unref();
  }

  watch(name: string, pid: number): void {
    this.#pids.set(name, pid);
  }

  /** Takes a last sample (VmHWM is the process's whole-life peak) and stops watching `name`. */
  async release(name: string): Promise<void> {
    const pid = this.#pids.get(name);
    if (pid === undefined) return;
    await this.#record(name, pid);
    this.#pids.delete(name);
  }

  async sample(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      await Promise.all([...this.#pids].map(([name, pid]) => this.#record(name, pid)));
    } finally {
      this.#busy = false;
    }
  }

  async #record(name: string, pid: number): Promise<void> {
    const v = await sampleOnce(pid);
    if (v !== undefined && v > (this.#peaks.get(name) ?? 0)) this.#peaks.set(name, v);
  }

  peaks(): Map<string, number> {
    return new Map(this.#peaks);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
