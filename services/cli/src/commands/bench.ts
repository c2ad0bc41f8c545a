// `./lrew bench [suite]`: benchmarks that print figures and their ratio to a reference measured in
// the same run (see services/bench). Results go to bench/results/ (JSON and Markdown); with
// --accept the run also becomes a baseline (bench/baselines/) and the README's figures are regenerated.
import path from "node:path";
import { runBench } from "@lrew/bench";
import { logToFile } from "@lrew/telemetry";
import type { CliContext } from "../context.ts";

export interface BenchCommandOptions {
  records?: string;
  seconds?: string;
  events?: string;
  accept?: boolean;
  scoringSizes?: string;
  pagesSize?: string;
  kafkaPort?: string;
  cpuProf?: string;
  out?: string;
}

export async function benchCommand(ctx: CliContext, suite: string | undefined, o: BenchCommandOptions): Promise<number> {
  logToFile(path.join(ctx.config.home, "logs", "bench.log"));
  const run = await runBench({
    root: ctx.root,
    ...(suite ? { suite } : {}),
    ...(o.out ? { out: o.out } : {}),
    ...(o.records ? { referenceRecords: Number(o.records) } : {}),
    ...(o.seconds ? { ingestSeconds: Number(o.seconds) } : {}),
    ...(o.events ? { sinkEvents: Number(o.events) } : {}),
    ...(o.scoringSizes ? { scoringSizes: o.scoringSizes.split(",").map((v) => Number(v.trim())) } : {}),
    ...(o.pagesSize ? { pagesWorld: parsePagesSize(o.pagesSize) } : {}),
    ...(o.kafkaPort ? { kafkaPort: Number(o.kafkaPort), controllerPort: Number(o.kafkaPort) + 1 } : {}),
    ...(o.cpuProf ? { cpuProfileDir: path.resolve(o.cpuProf) } : {}),
    ...(o.accept ? { accept: true } : {}),
    onProgress: (msg) => console.error(`lrew bench: ${msg}`),
  });
  console.log(run.table);
  console.log(`\n${run.totals}`);
  console.error(`lrew bench: ${run.jsonFile}, ${run.markdownFile}`);
  if (run.baselineFile) console.error(`lrew bench: accepted as ${run.baselineFile}; figures regenerated in ${run.figuresFile}`);
  return 0;
}

/** `100000x180` → 100,000 enterprises × 180 days (resolveOptions checks they are positive integers). */
function parsePagesSize(s: string): { enterprises: number; days: number } {
  const [enterprises, days] = s
    .toLowerCase()
    .split(/[x×]/)
    .map((v) => Number(v.trim()));
  return { enterprises: enterprises ?? Number.NaN, days: days ?? Number.NaN };
}
