// Reproduces the default model (models/default.json) and its evaluation:
//   node packages/scoring/src/tools/fit-default.ts [--out models/default.json] [--reports dir]
// 1. simulates the default province (1,500 enterprises) with the fit seeds (A, A2) over four years
//    each and fits on both (weekly as-of dates, time split, validation from 2027-07-01);
// 2. sets the level thresholds from the fit rows' scores at the operating point chosen on the fit
//    seeds (search-model.ts: the insurance rule's false alarms or fewer on the fit seeds' last year);
// 3. backtests the model and both baselines on the evaluation seeds (B … I, the default year),
//    which no step above saw, and pools them; writes the reports and charts.
// Everything runs in one embedded ClickHouse (one database per world) in a temporary directory.
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { addDays, dateRange } from "../calendar.ts";
import { labelledRows, type LabelledRow } from "../dataset.ts";
import { FEATURE_NAMES } from "../features.ts";
import { fitOnRows } from "../fit.ts";
import { DEFAULT_MODEL_FILE, saveModel } from "../model.ts";
import { backtestSimulatedSeeds } from "../multi-seed.ts";
import { parseSeeds, poolBacktests } from "../pooled.ts";
import { writePooledReport } from "../pooled-report.ts";
import { renderBacktestMarkdown, writeBacktestCharts } from "../report.ts";
import { loadSimulatedWorld } from "../sim-load.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string", default: DEFAULT_MODEL_FILE },
    reports: { type: "string", default: "backtest-reports" },
    "fit-seeds": { type: "string", default: "A,A2" },
    "eval-seeds": { type: "string", default: "8" },
    "fit-days": { type: "string", default: "1461" },
    l2: { type: "string", default: "10" },
    // Operating point chosen on the fit seeds by search-model.ts (see the scoring README).
    "high-rate": { type: "string", default: "0.05" },
    "exit-factor": { type: "string", default: "3" },
    features: { type: "string", default: FEATURE_NAMES.join(",") },
    version: { type: "string", default: "default-2" },
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
  const fitSeeds = values["fit-seeds"]!.split(",").filter(Boolean);
  const evalSeeds = parseSeeds(values["eval-seeds"]!);
  const fitDays = Number(values["fit-days"]);
  const rows: LabelledRow[] = [];
  let end = "";
  for (const seed of fitSeeds) {
    const t0 = Date.now();
    const wh = await open(`lrew_fit_${seed.replace(/\W/g, "_")}`);
    const w = await loadSimulatedWorld(wh, { seed, enterprises: 1500, start: "2024-07-01", days: fitDays });
    end = w.end;
    for (const r of await labelledRows(wh, dateRange("2024-09-01", addDays(w.end, -60), 7), 60)) rows.push(r);
    say(`fit world: seed ${seed}, ${w.start} .. ${w.end}, events ${JSON.stringify(w.events)}, ${Date.now() - t0} ms`);
    await wh.client.command({ query: `DROP DATABASE IF EXISTS ${wh.database}` });
    await wh.close();
  }
  const t1 = Date.now();
  const highRate = Number(values["high-rate"]);
  const exitFactor = Number(values["exit-factor"]);
  const levelRates = { watch: Math.max(0.1, highRate * 1.5), high: highRate, critical: 0.0075 };
  const model = fitOnRows(rows, {
    from: "2024-09-01",
    to: addDays(end, -60),
    validationFrom: "2027-07-01",
    horizonDays: 60,
    stepDays: 7,
    l2: Number(values.l2),
    features: values.features!.split(","),
    levelRates,
    exitRateFactor: exitFactor,
    version: values.version!,
    description:
      `Default lrew model: fitted on the simulated default province (1,500 enterprises) with seeds ${fitSeeds.join(", ")}, ` +
      `2024-07-01 .. ${end} each; levels at the operating point chosen on those seeds; evaluated on the unseen seeds ${evalSeeds.join(", ")} (pooled, see README).`,
    provenance: { fitSeeds, simulator: { enterprises: 1500, start: "2024-07-01", days: fitDays } },
  });
  say(`fitted in ${Date.now() - t1} ms: validation ${JSON.stringify(model.metrics?.validation)}`);

  const reportsDir = resolve(values.reports!);
  const runs = await backtestSimulatedSeeds(model, evalSeeds, {
    open,
    onSeed: async (seed, report, ms) => {
      const dir = join(reportsDir, `seed-${seed}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
      await writeFile(join(dir, "backtest.md"), renderBacktestMarkdown(report));
      await writeBacktestCharts(report, dir);
      say(`seed ${seed}: ${ms} ms`);
    },
  });
  const pooled = poolBacktests(runs, { fitSeeds });
  await writePooledReport(pooled, reportsDir);
  const pick = (m: (typeof pooled.methods)[number]) => ({
    recall: m.recall,
    caught: m.caught,
    incidents: m.incidents,
    falseAlarmsPerAreaMonth: m.falseAlarmsPerAreaMonth,
    alertPrecision: m.alertPrecision,
    flaggedShare: m.flaggedShare,
    leadTimeMedian: m.leadTimeMedian,
    interval: m.interval,
    range: m.range,
  });
  model.metrics = {
    ...model.metrics,
    backtest: {
      seeds: pooled.seeds,
      fitSeeds,
      period: pooled.period,
      pooled: Object.fromEntries(pooled.methods.filter((m) => !m.diagnostic).map((m) => [m.name, pick(m)])),
      criterion: pooled.criterion,
    },
  };
  saveModel(resolve(values.out!), model);
  say(JSON.stringify(model.metrics.backtest, null, 1));
  say(`model written to ${resolve(values.out!)}; reports in ${reportsDir}`);
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
