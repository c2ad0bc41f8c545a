// How many enterprises of a fresh demo province are `silent` (no event of any stream for
// LREW_SILENT_AFTER_DAYS, 183) on its last day, with and without the half-yearly labour-use reports
// the simulator sends (Decree 145/2020/NĐ-CP, Art. 4): the figures of docs/simulator-and-demo.md.
//   node packages/scoring-offline/src/tools/silent-share.ts [--out packages/simulator/reports/silent-share.json]
// Each variant is the demo's world (default parameters: seed 20211110, 1,500 enterprises, a year)
// loaded into a scratch embedded ClickHouse and scored weekly over its last 26 weeks with the shipped
// model through the product's alert policy (runScoring, default settings), as the demo scores its
// year: the silent count of every run (the half-yearly cadence makes it move around the deadlines of
// 5 June and 5 December) and the states on the last day.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { addDays } from "@lrew/contracts";
import { loadModel, runScoring } from "@lrew/scoring";
import { migrate, openWarehouse, selectLatestEnterprises, selectLatestScores } from "@lrew/warehouse";
import { loadSimulatedWorld } from "../sim-load.ts";

const { values } = parseArgs({ options: { out: { type: "string", default: "packages/simulator/reports/silent-share.json" } } });

/** A demo as `./lrew start` loads it (a year up to its day), on a fixed day so that the figures reproduce: the day of this measurement, 2 December 2026, three days before a deadline. */
const WORLD = { start: "2025-12-03", days: 365 } as const;
const AS_OF = addDays(WORLD.start, WORLD.days - 1);

const VARIANTS = {
  without_labour_use_reports: { ...WORLD, registry: { labourUseReportProbability: 0 } },
  with_labour_use_reports: { ...WORLD },
} as const;

async function measure(params: (typeof VARIANTS)[keyof typeof VARIANTS]) {
  const dir = mkdtempSync(join(tmpdir(), "lrew-silent-"));
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: join(dir, "chdb") });
  try {
    await migrate(wh);
    const loaded = await loadSimulatedWorld(wh, params);
    const model = loadModel();
    const weekly: Array<{ as_of: string; silent: number }> = [];
    for (let k = 26 * 7; k >= 0; k -= 7) {
      const asOf = addDays(AS_OF, -k);
      await runScoring(wh, model, { asOf, runId: `silent-share-${asOf}` });
      weekly.push({ as_of: asOf, silent: (await selectLatestScores(wh)).filter((x) => x.level === "silent").length });
    }
    const states = new Map<string, number>();
    const scores = await selectLatestScores(wh);
    for (const s of scores) states.set(s.level, (states.get(s.level) ?? 0) + 1);
    // A first run scores no enterprise already at workforce 0 (closed needs a state before): count them from the registry.
    const registry = await selectLatestEnterprises(wh);
    const enterprises = registry.length;
    const closed = registry.filter((e) => e.workforce === 0).length;
    const silent = states.get("silent") ?? 0;
    return {
      registry_events: loaded.events.enterprises ?? 0,
      enterprises,
      scored: scores.length,
      closed,
      silent,
      silent_share: Math.round((silent / enterprises) * 10_000) / 10_000,
      silent_share_of_operating: Math.round((silent / (enterprises - closed)) * 10_000) / 10_000,
      states: Object.fromEntries([...states].sort(([a], [b]) => a.localeCompare(b))),
      weekly_silent: {
        min: Math.min(...weekly.map((w) => w.silent)),
        mean: Math.round((weekly.reduce((a, w) => a + w.silent, 0) / weekly.length) * 10) / 10,
        max: Math.max(...weekly.map((w) => w.silent)),
        runs: weekly,
      },
    };
  } finally {
    await wh.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const out: Record<string, unknown> = {
  what: "enterprises by state on the demo's last day, and silent ones at each weekly run of its last 26 weeks (shipped model, the alert policy)",
  command: "node packages/scoring-offline/src/tools/silent-share.ts",
  world: { seed: "default (20211110)", enterprises: 1500, ...WORLD, as_of: AS_OF },
};
for (const [name, params] of Object.entries(VARIANTS)) {
  out[name] = await measure(params);
  console.log(name, JSON.stringify(out[name]));
}
const file = resolve(values.out!);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`written ${file}`);
