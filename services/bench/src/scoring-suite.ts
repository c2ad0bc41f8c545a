// The scoring suite: a full scoring run on simulated worlds of growing size, each in its own process
// and embedded ClickHouse (scoring-world.ts: one process loads the world, another scores it, so the
// scoring worker's peak memory is the scoring's), then the frequent run (new events at 1 % of the
// enterprises) against that full run; reference: the same features computed naively from the raw
// event tables (naive-features.ts), checked equal before they are timed, and the same on a dense
// world (many events per enterprise and day), where the daily aggregates should pay off.
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { FEATURE_NAMES } from "@lrew/risk";
import { runScoringWorld } from "./processes.ts";
import { FREQUENT_SHARE, type ScoringWorldRequest, type ScoringWorldResult } from "./scoring-world.ts";
import { growthSteps, ratePerSecond } from "./stats.ts";
import type { SuiteContext } from "./suite-context.ts";

export async function scoringSuite(c: Pick<SuiteContext, "o" | "work" | "results" | "progress" | "sampler">): Promise<void> {
  const full: Array<{ size: number; ms: number }> = [];
  const aggregate: Array<{ size: number; ms: number }> = [];
  const naive: Array<{ size: number; ms: number }> = [];
  const factors = FEATURE_NAMES.length;
  // A world loaded by one worker, then scored by another (watched as "scoring worker").
  const world = async (req: Omit<ScoringWorldRequest, "step" | "asOf">, label: string): Promise<ScoringWorldResult> => {
    const loaded = await runScoringWorld({ ...req, step: "load" }, () => undefined);
    if (!loaded.ok) throw new FatalError(`scoring: loading ${label} failed: ${loaded.error}`);
    // The runs in one process (its peak memory is the scoring's), the feature paths in another.
    const scored =
      req.runs === false
        ? undefined
        : await runScoringWorld({ ...req, step: "score", asOf: loaded.asOf, paths: false }, (pid) =>
            c.sampler.watch("scoring worker", pid),
          );
    await c.sampler.release("scoring worker");
    if (scored && !scored.ok) throw new FatalError(`scoring ${label} failed: ${scored.error}`);
    const paths = await runScoringWorld({ ...req, step: "score", asOf: loaded.asOf, runs: false }, (pid) =>
      c.sampler.watch("feature paths worker", pid),
    );
    await c.sampler.release("feature paths worker");
    if (!paths.ok) throw new FatalError(`scoring ${label}: the feature paths failed: ${paths.error}`);
    const r: ScoringWorldResult = scored
      ? { ...paths, scored: scored.scored, scoringMs: scored.scoringMs, phases: scored.phases, frequent: scored.frequent }
      : paths;
    // A reference that computes something else would make the comparison meaningless.
    if (r.comparison.differing > 0 || r.comparison.values === 0)
      throw new FatalError(
        `scoring ${label}: the naive features differ from the aggregate ones in ${r.comparison.differing} of ${r.comparison.values} values: ${r.comparison.differences.join("; ")}`,
      );
    const { events, simulated, copies, generateMs, insertMs } = loaded;
    return { ...r, events, simulated, copies, generateMs, insertMs };
  };
  for (const n of [...c.o.scoringSizes].sort((a, b) => a - b)) {
    c.progress(`scoring: loading ${n.toLocaleString("en")} enterprises × 1 year into a fresh embedded ClickHouse, then scoring`);
    const r = await world({ dir: path.join(c.work, `scoring-${n}`), enterprises: n, days: 365, seed: "bench" }, `at ${n} enterprises`);
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
        note: `${r.events.toLocaleString("en")} events over 1 year (${load}); ${r.scored.toLocaleString("en")} scored as of ${r.asOf}; features, scores, score history insert; phases ${phases(r.phases)}`,
      },
      {
        suite: "scoring",
        name: `${label}, full scoring run vs naive features, s`,
        value: r.scoringMs / 1000,
        unit: "s",
        reference: naiveRef,
        note: "the whole run (features in chunks of 10,000 enterprises, scores, the alert policy, every row written) against computing the naive features alone",
      },
      {
        suite: "scoring",
        name: `${label}, frequent run vs full run, s`,
        value: r.frequent.ms / 1000,
        unit: "s",
        reference: { name: "full scoring run", value: r.scoringMs / 1000 },
        note: `the scorer's 15-minute run: ${r.frequent.changed.toLocaleString("en")} enterprises (${FREQUENT_SHARE * 100} %) reported new events after the full run; it found ${r.frequent.found.toLocaleString("en")} with events since the full run started (${(r.frequent.findMs / 1000).toFixed(2)} s) and rescored ${r.frequent.scored.toLocaleString("en")} as of the same day`,
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
  const { enterprises: denseN, perDay } = c.o.scoringDense;
  c.progress(
    `scoring: a dense world of ${denseN.toLocaleString("en")} enterprises (insurance reports and grievances ${perDay} times a day)`,
  );
  const d = await world(
    { dir: path.join(c.work, "scoring-dense"), enterprises: denseN, days: 365, seed: "bench", dense: perDay, runs: false },
    "on the dense world",
  );
  c.results.push(
    {
      suite: "scoring",
      name: `dense world, ${denseN.toLocaleString("en")} enterprises, features naive from raw events, s`,
      value: d.naiveMs / 1000,
      unit: "s",
      note: `each insurance report and grievance of a simulated year stored ${perDay} times a day: ${d.rawRows.toLocaleString("en")} raw event rows; identical to the aggregate path in all ${d.comparison.values.toLocaleString("en")} values; best of 2`,
    },
    {
      suite: "scoring",
      name: `dense world, ${denseN.toLocaleString("en")} enterprises, features from daily aggregates vs naive, s`,
      value: d.featuresMs / 1000,
      unit: "s",
      reference: { name: "naive (raw events)", value: d.naiveMs / 1000 },
      note: `computeFeatures over ${d.aggregateRows.toLocaleString("en")} daily-aggregate rows (${(d.aggregateRows / Math.max(1, d.rawRows)).toFixed(2)} per raw event row); best of 2`,
    },
  );
  const peak = c.sampler.peaks().get("scoring worker");
  if (peak !== undefined)
    c.results.push({
      suite: "scoring",
      name: "scoring worker, peak RSS",
      value: peak,
      unit: "bytes",
      note: "the process of the full and frequent runs alone (the world is loaded by another, the feature paths timed in a third), embedded ClickHouse (chDB) included; the largest world's",
    });
  const pathsPeak = c.sampler.peaks().get("feature paths worker");
  if (pathsPeak !== undefined)
    c.results.push({
      suite: "scoring",
      name: "feature paths worker, peak RSS",
      value: pathsPeak,
      unit: "bytes",
      note: "the process timing the aggregate and the naive feature paths (one query each over every enterprise), embedded ClickHouse included",
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

/** "features 1.2 s, policy 0.1 s, …" from a run's phases in ms. Pure. */
function phases(ms: Record<string, number>): string {
  return Object.entries(ms)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
    .join(", ");
}
