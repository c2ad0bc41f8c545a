// Where a process's time goes, from a V8 CPU profile (`./lrew bench --cpu-prof <dir>` writes one per
// ingest and sink process): self time grouped by package (a dependency, a workspace package, or V8's
// own buckets such as "(garbage collector)" and "(idle)") and by function.
//
//   node services/bench/src/profile.ts <file.cpuprofile> [top]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  share: number;
}

/** The package a script URL belongs to: `kafkajs`, `@clickhouse/client`, `packages/kafka`, or `node:internal`. Pure. */
export function packageOf(url: string): string {
  if (!url) return "";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const parts = url.slice(nm + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const ws = /\/((?:packages|services)\/[^/]+)\//.exec(url);
  if (ws) return ws[1]!;
  if (url.startsWith("node:")) return "node (built-in)";
  return url;
}

/** Self time per package and per function, largest first. Pure. */
export function summariseProfile(p: CpuProfile, top = 15): { totalMs: number; byPackage: ProfileShare[]; byFunction: ProfileShare[] } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const pkg = new Map<string, number>();
  const fn = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node || us <= 0) return;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const owner = packageOf(url) || functionName || "(anonymous)";
    pkg.set(owner, (pkg.get(owner) ?? 0) + us);
    const name = url ? `${functionName || "(anonymous)"} (${owner}:${lineNumber + 1})` : functionName || "(anonymous)";
    fn.set(name, (fn.get(name) ?? 0) + us);
  });
  const shares = (m: Map<string, number>) =>
    [...m.entries()]
      .map(([name, us]) => ({ name, ms: us / 1000, share: total > 0 ? us / total : 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return { totalMs: total / 1000, byPackage: shares(pkg), byFunction: shares(fn) };
}

/** The top of the CPU profile a service wrote on exit (`--cpu-prof`), for "where the time goes". */
export function profileNote(dir: string | undefined, service: string): string | undefined {
  if (!dir) return undefined;
  const sub = path.join(dir, service);
  const files = existsSync(sub)
    ? readdirSync(sub)
        .filter((f) => f.endsWith(".cpuprofile"))
        .sort()
    : [];
  if (!files.length) return undefined;
  const file = path.join(sub, files.at(-1)!);
  const s = summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, 8);
  const top = s.byPackage.map((p) => `${p.name} ${(100 * p.share).toFixed(0)} %`).join(", ");
  return `CPU profile of the whole ${service} process (${service}/${files.at(-1)} in the --cpu-prof directory), self time by package: ${top}`;
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node services/bench/src/profile.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  const s = summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, Number(process.argv[3] ?? 15));
  const line = (r: ProfileShare) => `  ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`;
  console.log(`${file}: ${(s.totalMs / 1000).toFixed(1)} s sampled\nby package:`);
  for (const r of s.byPackage) console.log(line(r));
  console.log("by function:");
  for (const r of s.byFunction) console.log(line(r));
}
