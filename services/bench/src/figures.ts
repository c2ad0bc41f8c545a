// The figures of services/bench/README.md come from accepted runs only: a run of `./lrew bench
// --accept` is committed as bench/baselines/<date>-<suite>.json, and the README's figures are
// rendered from the newest baseline of each suite, between `<!-- figures:begin -->` and
// `<!-- figures:end -->` (write-figures.ts writes them; figures.test.ts fails when they differ).
// Pure.
import { machineLine, renderResultsMarkdown, renderTotals, type BenchReport } from "./report.ts";

export const BASELINES_DIR = "bench/baselines";
export const FIGURES_MARKERS = { begin: "<!-- figures:begin -->", end: "<!-- figures:end -->" };
export const REGENERATE_FIGURES = "./lrew pnpm exec node services/bench/src/write-figures.ts";

export interface Baseline {
  /** Path from the repository root, e.g. `bench/baselines/2026-12-02-all.json`. */
  file: string;
  report: BenchReport;
}

/** The file an accepted run is committed as: `bench/baselines/2026-12-02-all.json` (a later run of the same day and suite replaces it). */
export function baselineFile(report: BenchReport): string {
  return `${BASELINES_DIR}/${report.startedAt.slice(0, 10)}-${String(report.options.suite ?? "all")}.json`;
}

/** Pure: for each suite, the newest baseline that did it; the baselines in use, newest first, each with the suites taken from it. */
export function pickBaselines(baselines: readonly Baseline[]): Array<{ baseline: Baseline; suites: string[] }> {
  const newestFirst = [...baselines].sort((a, b) => b.report.startedAt.localeCompare(a.report.startedAt));
  const taken = new Set<string>();
  const picked: Array<{ baseline: Baseline; suites: string[] }> = [];
  for (const baseline of newestFirst) {
    const suites = baseline.report.suites.filter((s) => s.status === "done" && !taken.has(s.suite)).map((s) => s.suite);
    if (suites.length === 0) continue;
    for (const s of suites) taken.add(s);
    picked.push({ baseline, suites });
  }
  return picked;
}

/** Pure: the Markdown between the README's markers. */
export function renderFigures(baselines: readonly Baseline[]): string {
  const picked = pickBaselines(baselines);
  if (picked.length === 0) return "No accepted run yet: `./lrew bench --accept` makes one.\n";
  return picked
    .map(({ baseline, suites }) => {
      const r = baseline.report;
      const results = r.results.filter((l) => suites.includes(l.suite));
      return [
        `From [\`${baseline.file}\`](../../${baseline.file}) (${suites.join(", ")}): \`./lrew bench ${String(r.options.suite ?? "all")}\` ` +
          `started ${r.startedAt.slice(0, 16).replace("T", " ")} UTC on ${machineLine(r.machine)}; ${renderTotals(r)}.`,
        "",
        renderResultsMarkdown(results, []),
      ].join("\n");
    })
    .join("\n");
}
