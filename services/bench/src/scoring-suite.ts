// The scoring suite: a full scoring run on simulated worlds of growing size, each in its own process
// and embedded ClickHouse (scoring-world.ts); reference: the same features computed naively from the
// raw event tables (naive-features.ts), checked equal before they are timed.
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { FEATURE_NAMES } from "@lrew/risk";
import { runScoringWorld } from "./processes.ts";
import { growthSteps, ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";

export async function scoringSuite(c: Pick<SuiteContext, "o" | "work" | "results" | "progress" | "sampler">): Promise<void> {
  const full: Array<{ size: number; ms: number }> = [];
  const aggregate: Array<{ size: number; ms: number }> = [];
  const naive: Array<{ size: number; ms: number }> = [];
  const factors = FEATURE_NAMES.length;
  for (const n of [...c.o.scoringSizes].sort((a, b) => a - b)) {
    c.progress(`scoring: loading ${n.toLocaleString("en")} enterprises × 1 year into a fresh embedded ClickHouse, then scoring`);
    const r = await runScoringWorld({ dir: path.join(c.work, `scoring-${n}`), enterprises: n, days: 365, seed: "bench" }, (pid) =>
      c.sampler.watch("scoring worker", pid),
    );
    await c.sampler.release("scoring worker");
    if (!r.ok) throw new FatalError(`scoring at ${n} enterprises failed: ${r.error}`);
    // A reference that computes something else would make the comparison meaningless.
    if (r.comparison.differing > 0 || r.comparison.values === 0)
      throw new FatalError(
        `scoring at ${n} enterprises: the naive features differ from the aggregate ones in ${r.comparison.differing} of ${r.comparison.values} values: ${r.comparison.differences.join("; ")}`,
      );
    full.push({ size: n, ms: r.scoringMs });
    aggregate.push({ size: n, ms: r.featuresMs });
    naive.push({ size: n, ms: r.naiveMs });
    const label = `${n.toLocaleString("en")} enterprises`;
    const copies = r.copies > 1 ? `${r.copies} copies of a simulated world of ${r.simulated.toLocaleString("en")} enterprises, ` : "";
    const load = `${copies}loaded in ${((r.generateMs + r.insertMs) / 1000).toFixed(1)} s: generated and mapped ${(r.generateMs / 1000).toFixed(1)} s, INSERT … SELECT ${(r.insertMs / 1000).toFixed(1)} s`;
    const naiveRef = { name: "naive (raw events)", value: r.naiveMs / 1000 };
    c.results.push(
      {
        suite: "scoring",
        name: `${label}, full scoring run, s`,
        value: r.scoringMs / 1000,
        unit: "s",
        note: `${r.events.toLocaleString("en")} events over 1 year (${load}); ${r.scored.toLocaleString("en")} scored as of ${r.asOf}; features, scores, score history insert`,
      },
      {
        suite: "scoring",
        name: `${label}, full scoring run, enterprises/s`,
        value: ratePerSecond(r.scored, r.scoringMs),
        unit: "enterprises/s",
      },
      {
        suite: "scoring",
        name: `${label}, features naive from raw events (${factors} factors), s`,
        value: r.naiveMs / 1000,
        unit: "s",
        note: `scoring's own feature SQL with each daily-aggregate table replaced by its materialized view's SELECT over ${r.rawRows.toLocaleString("en")} raw event rows; identical to the aggregate path in all ${r.comparison.values.toLocaleString("en")} values (${r.comparison.rows.toLocaleString("en")} enterprises × ${factors}); best of 2`,
      },
      {
        suite: "scoring",
        name: `${label}, features from daily aggregates vs naive, s`,
        value: r.featuresMs / 1000,
        unit: "s",
        reference: naiveRef,
        note: `computeFeatures over ${r.aggregateRows.toLocaleString("en")} daily-aggregate rows (${(r.aggregateRows / Math.max(1, r.rawRows)).toFixed(2)} per raw event row); best of 2`,
      },
    );
  }
  const peak = c.sampler.peaks().get("scoring worker");
  if (peak !== undefined)
    c.results.push({
      suite: "scoring",
      name: "scoring worker, peak RSS",
      value: peak,
      unit: "bytes",
      note: "largest world, includes embedded ClickHouse (chDB) and the world's generation",
    });
  const growth = (what: string, points: Array<{ size: number; ms: number }>) => {
    for (const g of growthSteps(points)) {
      c.results.push({
        suite: "scoring",
        name: `growth ${g.from.toLocaleString("en")} → ${g.to.toLocaleString("en")} enterprises, ${what}, time factor`,
        value: g.timeFactor,
        unit: "×",
        reference: { name: "size factor", value: g.sizeFactor },
        note: `time ∝ enterprises^${g.exponent.toFixed(2)} (1 = linear)`,
      });
    }
  };
  growth("full scoring run", full);
  growth("aggregate features", aggregate);
  growth("naive features", naive);
}
