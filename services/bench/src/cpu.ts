// CPU time of processes, from /proc (Linux): what a measurement cost in CPU, which a shared machine
// disturbs far less than the time it took. A running process's own time (utime + stime of
// /proc/<pid>/stat), and this process's finished children's (cutime + cstime of /proc/self/stat),
// for tools that exit when done (ProducerPerformance). NaN where there is no /proc.
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc's times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Pure: the fields of a /proc/<pid>/stat line after the command name, which may hold spaces and parentheses. */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** Pure: CPU milliseconds of a stat line: the process's own (utime + stime), or its waited-for children's (cutime + cstime). */
export function cpuMsOf(stat: string, whose: "own" | "children"): number {
  const f = statFields(stat);
  // After the name: state is field 3 of the stat line, so field n is f[n - 3].
  const [a, b] = whose === "own" ? [f[14 - 3], f[15 - 3]] : [f[16 - 3], f[17 - 3]];
  return ((Number(a) + Number(b)) * 1000) / TICKS_PER_SECOND;
}

function read(path: string, whose: "own" | "children"): number {
  try {
    return cpuMsOf(readFileSync(path, "utf8"), whose);
  } catch {
    return Number.NaN;
  }
}

/** CPU milliseconds a running process has used so far. */
export function processCpuMs(pid: number): number {
  return read(`/proc/${pid}/stat`, "own");
}

/** CPU milliseconds this process's finished children used. */
export function finishedChildrenCpuMs(): number {
  return read("/proc/self/stat", "children");
}
