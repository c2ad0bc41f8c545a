// Writes the README's figures from the committed baselines (figures.ts renders them):
//   ./lrew pnpm exec node services/bench/src/write-figures.ts
// `./lrew bench --accept` runs it after adding its own run to bench/baselines/.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spliceGenerated } from "@lrew/config";
import { BASELINES_DIR, baselineFile, FIGURES_MARKERS, renderFigures, type Baseline } from "./figures.ts";
import type { BenchReport } from "./report.ts";

export const BENCH_README = "services/bench/README.md";

/** Every committed baseline of the checkout at `root`. */
export function readBaselines(root: string): Baseline[] {
  let names: string[];
  try {
    names = readdirSync(path.join(root, BASELINES_DIR)).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  return names.map((n) => {
    const file = `${BASELINES_DIR}/${n}`;
    return { file, report: JSON.parse(readFileSync(path.join(root, file), "utf8")) as BenchReport };
  });
}

/** Commits a run as a baseline (bench/baselines/<date>-<suite>.json); returns its path from the root. */
export function acceptRun(root: string, report: BenchReport): string {
  const file = baselineFile(report);
  mkdirSync(path.join(root, BASELINES_DIR), { recursive: true });
  writeFileSync(path.join(root, file), `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Rewrites the README's figures from the baselines; returns true when they changed. */
export function writeFigures(root: string): boolean {
  const file = path.join(root, BENCH_README);
  const before = readFileSync(file, "utf8");
  const after = spliceGenerated(before, renderFigures(readBaselines(root)), FIGURES_MARKERS);
  if (after === before) return false;
  writeFileSync(file, after);
  return true;
}

if (import.meta.main) {
  const root = path.resolve(import.meta.dirname, "../../..");
  process.stdout.write(writeFigures(root) ? `wrote ${BENCH_README}\n` : `${BENCH_README} is up to date\n`);
}
