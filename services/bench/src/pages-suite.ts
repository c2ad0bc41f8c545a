// The pages suite: the dashboard on a large simulated province (default 100,000 enterprises × 180
// days, loaded by the scoring worker's load step, then four weekly scoring runs in a process of its
// own): every page's median time through the app, and each list's queries on the latest-state tables
// against the same queries over the latest-row views (the join every list page paid before migration
// 0130), both warmed up and measured alike in the same run.
import path from "node:path";
import { FatalError } from "@lrew/errors";
import { runPagesWorld, runScoringWorld } from "./processes.ts";
import type { SuiteContext } from "./suite-context.ts";

export async function pagesSuite(c: Pick<SuiteContext, "o" | "work" | "results" | "progress" | "sampler">): Promise<void> {
  const { enterprises, days } = c.o.pagesWorld;
  const label = `${enterprises.toLocaleString("en")} enterprises`;
  c.progress(`pages: loading ${label} × ${days} days into a fresh embedded ClickHouse`);
  const dir = path.join(c.work, "pages");
  const loaded = await runScoringWorld({ step: "load", dir, enterprises, days, seed: "bench-pages" }, () => undefined);
  if (!loaded.ok) throw new FatalError(`pages: loading ${label} failed: ${loaded.error}`);
  c.progress(`pages: four weekly scoring runs, then every page and list query (median of 5 after a warm-up)`);
  const r = await runPagesWorld({ dir, asOf: loaded.asOf }, (pid) => c.sampler.watch("dashboard (pages worker)", pid));
  await c.sampler.release("dashboard (pages worker)");
  if (!r.ok) throw new FatalError(`pages: ${r.error}`);
  const world = `${label} × ${days} days, ${r.scoringRuns} weekly scoring runs (${(r.scoringMs / 1000).toFixed(0)} s)`;
  for (const p of r.pages)
    c.results.push({
      suite: "pages",
      name: `${p.name}, median ms`,
      value: p.medianMs,
      unit: "ms",
      note: `GET ${p.url} through the app (${(p.bytes / 1024).toFixed(0)} KiB), median of 5 after a warm-up; ${world}`,
    });
  for (const l of r.lists)
    c.results.push({
      suite: "pages",
      name: `${l.name}: latest-state tables vs the latest-row views, ms`,
      value: l.currentMs,
      unit: "ms",
      reference: { name: "join over the latest-row views", value: l.viewsMs },
      note: "the list's own queries (page + count; the CSV: its first chunk of 1,000 rows), median of 5 after a warm-up each",
    });
}
