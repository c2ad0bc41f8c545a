// Reproduces the default model (models/default.json) and its evaluation:
//   node packages/scoring/src/tools/fit-default.ts [--out models/default.json] [--reports dir]
// 1. simulates the default province (1,500 enterprises) with seed A over four years and fits on it;
// 2. simulates seeds B and C (the default year, 2025-07-01 .. 2026-06-30), which the fit never saw,
//    and backtests the model and both baselines on them; writes the reports and charts.
// Everything runs in one embedded ClickHouse (one database per world) in a temporary directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { backtest, type BacktestReport } from "../backtest.ts";
import { fitModel } from "../fit.ts";
import { DEFAULT_MODEL_FILE, saveModel } from "../model.ts";
import { renderBacktestMarkdown, writeBacktestCharts } from "../report.ts";
import { loadSimulatedWorld } from "../sim-load.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: DEFAULT_MODEL_FILE },
    reports: { type: "string", default: "backtest-reports" },
    "fit-seed": { type: "string", default: "A" },
    "eval-seeds": { type: "string", default: "B,C" },
    "fit-days": { type: "string", default: "1461" },
    l2: { type: "string", default: "10" },
    keep: { type: "boolean", default: false },
  },
});

const root = mkdtempSync(join(tmpdir(), "lrew-fit-default-"));
const open = async (database: string): Promise<Warehouse> => {
  const wh = await openWarehouse({ username: "default", password: "", database, embeddedPath: join(root, "chdb") });
  await migrate(wh);
  return wh;
};
const say = (s: string) => process.stderr.write(`${s}\n`);

try {
  const fitSeed = values["fit-seed"]!;
  const fitDays = Number(values["fit-days"]);
  const t0 = Date.now();
  const fitWh = await open("lrew_fit");
  const fitWorld = await loadSimulatedWorld(fitWh, { seed: fitSeed, enterprises: 1500, start: "2024-07-01", days: fitDays });
  say(`fit world: seed ${fitSeed}, ${fitWorld.start} .. ${fitWorld.end}, events ${JSON.stringify(fitWorld.events)}, ${Date.now() - t0} ms`);
  const t1 = Date.now();
  const model = await fitModel(fitWh, {
    from: "2024-09-01",
    validationFrom: "2027-07-01",
    horizonDays: 60,
    stepDays: 7,
    l2: Number(values.l2),
    version: "default-1",
    description: `Default lrew model: fitted on the simulated default province (1,500 enterprises, seed ${JSON.stringify(fitSeed)}, ${fitWorld.start} .. ${fitWorld.end}); evaluated on seeds ${values["eval-seeds"]} (see README).`,
    provenance: { simulator: { seed: fitSeed, enterprises: 1500, start: fitWorld.start, days: fitDays } },
  });
  say(`fitted in ${Date.now() - t1} ms: validation ${JSON.stringify(model.metrics?.validation)}`);
  const evaluations: Record<string, unknown> = {};
  const reportsDir = resolve(values.reports!);
  mkdirSync(reportsDir, { recursive: true });
  for (const seed of values["eval-seeds"]!.split(",").filter(Boolean)) {
    const wh = await open(`lrew_eval_${seed.replace(/\W/g, "_")}`);
    const t2 = Date.now();
    const world = await loadSimulatedWorld(wh, { seed, enterprises: 1500 });
    const report: BacktestReport = await backtest(wh, model, { from: "2025-09-01", to: world.end, truth: world.truth });
    say(`seed ${seed}: backtest ${report.timings.totalMs} ms (load + backtest ${Date.now() - t2} ms)`);
    const dir = join(reportsDir, `seed-${seed}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(dir, "backtest.md"), renderBacktestMarkdown(report));
    await writeBacktestCharts(report, dir);
    const pick = (r: BacktestReport["methods"][number]) => ({
      recall: r.recall,
      alertPrecision: r.alertPrecision,
      dayPrecision: r.dayPrecision,
      falseAlarmsPerAreaMonth: r.falseAlarmsPerAreaMonth,
      leadTimeMedian: r.leadTimeMedian,
      caught: r.caught,
      incidents: r.incidents,
      flaggedShare: r.flaggedShare,
    });
    evaluations[seed] = {
      period: report.period,
      grievanceK: report.grievanceK,
      ...Object.fromEntries(report.methods.map((m) => [m.name, pick(m)])),
      ...Object.fromEntries(report.matched.map((m) => [m.model.name, pick(m.model)])),
    };
    say(JSON.stringify(evaluations[seed], null, 1));
  }
  model.metrics = { ...model.metrics, backtests: evaluations };
  saveModel(resolve(values.out!), model);
  say(`model written to ${resolve(values.out!)}; reports in ${reportsDir}`);
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
