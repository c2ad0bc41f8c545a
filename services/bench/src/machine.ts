// The machine a run measured: stated with every result so figures from different machines are not compared blindly.
import { spawnSync } from "node:child_process";
import os from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  java: string;
}

/** Pure: the version of `java -version` output (printed on stderr), e.g. `21.0.5 (OpenJDK)`. */
export function parseJavaVersion(output: string): string | undefined {
  const m = /version\s+"([^"]+)"/.exec(output);
  if (!m) return undefined;
  const vendor = /OpenJDK|Java\(TM\)|GraalVM|Zulu|Temurin|Corretto/.exec(output)?.[0];
  return vendor ? `${m[1]} (${vendor})` : m[1];
}

/** Pure: the CPU model from /proc/cpuinfo text (Linux), undefined when absent. */
export function parseCpuModel(cpuinfo: string): string | undefined {
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim().replace(/\s+/g, " ");
}

export function machineInfo(java = "java"): MachineInfo {
  const cpus = os.cpus();
  const r = spawnSync(java, ["-version"], { encoding: "utf8" });
  return {
    cpuModel: cpus[0]?.model.trim().replace(/\s+/g, " ") || "unknown",
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: parseJavaVersion(`${r.stderr ?? ""}${r.stdout ?? ""}`) ?? "unknown",
  };
}
