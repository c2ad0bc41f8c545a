// Reproduces the default model (models/default.json) and its evaluation, choices included:
//   node packages/scoring/src/tools/fit-default.ts [--out models/default.json] [--reports dir]
// 1. Fit worlds: the default province (1,500 enterprises) with the fit seeds (A, A2), four years
//    each. They give the weekly training rows and, for choosing, a daily replay of their last year
//    (the fit's validation period: no training label reaches into it).
// 2. Each candidate (factor set, penalty) is fitted on both fit worlds; its operating point (the
//    share of enterprise-days entering high, the exit band) is chosen on the fit worlds' replays
//    only: false alarms and flagged enterprise-days at or below the insurance rule's, recall above
//    both baselines, then the longest pooled median lead. The best candidate chosen the same way
//    becomes the default model.
// 3. That model is backtested once on the evaluation seeds (B … I, the default year), which no step
//    above saw, and the seeds are pooled; the reports and charts are written.
// Features are computed once per world and kept as columns, so a candidate is rescored with
// arithmetic rather than ClickHouse. --cache keeps those columns between runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { deserialize, serialize } from "node:v8";
import type { TruthRecord } from "@lrew/simulator";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { evaluateBacktest, type BacktestReport, type BacktestSeries, type EnterpriseSeries } from "../backtest.ts";
import { addDays, dateRange, dayNumber } from "../calendar.ts";
import { featureBatches, labelledRows, type LabelledRow } from "../dataset.ts";
import { FEATURE_NAMES } from "../features.ts";
import { fitOnRows, thresholdsFromRates } from "../fit.ts";
import { sigmoid } from "../logistic.ts";
import { DEFAULT_MODEL_FILE, loadModel, saveModel, scoreRow, standardised, type Model } from "../model.ts";
import { loadIncidents, type IncidentOutcome } from "../outcomes.ts";
import { keyBeats, operatingPointVerdict, parseSeeds, poolBacktests, type PooledReport } from "../pooled.ts";
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
    version: { type: "string", default: "default-2" },
    cache: { type: "string" },
  },
});
const say = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const root = mkdtempSync(join(tmpdir(), "lrew-fit-default-"));
const open = async (database: string): Promise<Warehouse> => {
  const wh = await openWarehouse({ username: "default", password: "", database, embeddedPath: join(root, "chdb") });
  await migrate(wh);
  return wh;
};

/** One world's daily features as columns (index enterprise × day), its incidents and truth. */
interface Cube {
  seed: string;
  from: string;
  dates: string[];
  ids: string[];
  areas: string[];
  present: Uint8Array;
  cols: Map<string, Float32Array>;
  incidents: IncidentOutcome[];
  truth: TruthRecord[];
}

async function cubeOf(wh: Warehouse, seed: string, from: string, to: string, truth: TruthRecord[]): Promise<Cube> {
  const dates = dateRange(from, to);
  const n = dates.length;
  const day0 = dayNumber(from);
  const index = new Map<string, number>();
  const ids: string[] = [];
  const areas: string[] = [];
  const cells: Array<{ e: number; d: number; v: Record<string, number> }> = [];
  for await (const batch of featureBatches(wh, dates)) {
    for (const r of batch) {
      let e = index.get(r.enterprise_id);
      if (e === undefined) {
        e = ids.length;
        index.set(r.enterprise_id, e);
        ids.push(r.enterprise_id);
      }
      areas[e] = r.area_code;
      cells.push({ e, d: dayNumber(r.as_of) - day0, v: r.values });
    }
  }
  const present = new Uint8Array(ids.length * n);
  const cols = new Map(FEATURE_NAMES.map((f) => [f, new Float32Array(ids.length * n)]));
  for (const { e, d, v } of cells) {
    present[e * n + d] = 1;
    for (const f of FEATURE_NAMES) cols.get(f)![e * n + d] = v[f] ?? 0;
  }
  const incidents = await loadIncidents(wh, { from: addDays(from, 1) });
  return { seed, from, dates, ids, areas, present, cols, incidents, truth };
}

function replayOf(c: Cube, model: Model): BacktestSeries {
  const n = c.dates.length;
  const logit = new Float64Array(c.ids.length * n).fill(model.intercept);
  for (const f of model.features) {
    if (f.weight === 0) continue;
    const col = c.cols.get(f.name)!;
    for (let i = 0; i < col.length; i++) logit[i] = logit[i]! + f.weight * standardised(f, col[i]!);
  }
  const rate = c.cols.get("grievance_rate_30d")!;
  const w = c.cols.get("workforce")!;
  const series: EnterpriseSeries[] = c.ids.map((id, e) => {
    const s: EnterpriseSeries = {
      id,
      area: c.areas[e]!,
      present: c.present.slice(e * n, (e + 1) * n),
      score: new Float32Array(n),
      insMonths: c.cols.get("insurance_arrears_months")!.slice(e * n, (e + 1) * n),
      g30: new Float32Array(n),
    };
    for (let d = 0; d < n; d++) {
      s.score[d] = sigmoid(logit[e * n + d]!);
      s.g30[d] = Math.round((rate[e * n + d]! * w[e * n + d]!) / 100);
    }
    return s;
  });
  return { from: c.from, dates: c.dates, series: series.sort((a, b) => a.id.localeCompare(b.id)), featuresMs: 0 };
}

function backtests(cubes: readonly Cube[], model: Model, withTruth: boolean): Array<{ seed: string; report: BacktestReport }> {
  return cubes.map((c) => ({
    seed: c.seed,
    report: evaluateBacktest(replayOf(c, model), c.incidents, model, {
      from: c.from,
      to: c.dates[c.dates.length - 1]!,
      ...(withTruth ? { truth: c.truth } : {}),
    }),
  }));
}

const brief = (p: PooledReport) =>
  Object.fromEntries(
    p.methods
      .filter((m) => !m.diagnostic)
      .map((m) => [
        m.name,
        {
          recall: Number((m.recall ?? 0).toFixed(3)),
          caught: `${m.caught}/${m.incidents}`,
          fa: Number(m.falseAlarmsPerAreaMonth.toFixed(2)),
          lead: m.leadTimeMedian,
          flagged: Number(m.flaggedShare.toFixed(3)),
        },
      ]),
  );

async function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!values.cache) return make();
  mkdirSync(values.cache, { recursive: true });
  const file = join(values.cache, `${key}.v8`);
  if (existsSync(file)) return deserialize(readFileSync(file)) as T;
  const v = await make();
  writeFileSync(file, serialize(v));
  return v;
}

try {
  const fitSeeds = values["fit-seeds"]!.split(",").filter(Boolean);
  const evalSeeds = parseSeeds(values["eval-seeds"]!);
  const clash = evalSeeds.filter((s) => fitSeeds.includes(s));
  if (clash.length) throw new Error(`evaluation seeds ${clash.join(", ")} are fit seeds`);
  const fitDays = Number(values["fit-days"]);
  const rows: LabelledRow[] = [];
  const selection: Cube[] = [];
  let fitEnd = "";
  for (const seed of fitSeeds) {
    const got = await cached(`fit-${seed}-${fitDays}`, async () => {
      const wh = await open(`fit_${seed.replace(/\W/g, "_")}`);
      const w = await loadSimulatedWorld(wh, { seed, enterprises: 1500, start: "2024-07-01", days: fitDays });
      const r = await labelledRows(wh, dateRange("2024-09-01", addDays(w.end, -60), 7), 60);
      const c = await cubeOf(wh, seed, addDays(w.end, -301), w.end, w.truth);
      await wh.client.command({ query: `DROP DATABASE IF EXISTS ${wh.database}` });
      await wh.close();
      return { end: w.end, rows: r, cube: c };
    });
    fitEnd = got.end;
    for (const r of got.rows) rows.push(r);
    selection.push(got.cube);
    say(`fit seed ${seed}: ${rows.length} training rows so far; choosing on ${got.cube.dates[0]} .. ${got.end}`);
  }
  const evals: Cube[] = [];
  for (const seed of evalSeeds) {
    evals.push(
      await cached(`eval-${seed}`, async () => {
        const wh = await open(`eval_${seed.replace(/\W/g, "_")}`);
        const w = await loadSimulatedWorld(wh, { seed, enterprises: 1500 });
        const c = await cubeOf(wh, seed, "2025-09-01", w.end, w.truth);
        await wh.client.command({ query: `DROP DATABASE IF EXISTS ${wh.database}` });
        await wh.close();
        return c;
      }),
    );
    say(`evaluation seed ${seed} loaded`);
  }
  // Choosing happens on the fit seeds' own last year: pooling them is not an evaluation.
  const onSelection = (m: Model) => poolBacktests(backtests(selection, m, false), { resamples: 200 });

  const extra = ["insurance_arrears_3m", "insurance_arrears_worker_months"];
  const candidates = [
    { name: "previous-factors", features: FEATURE_NAMES.filter((f) => !extra.includes(f)), l2: 10 },
    { name: "with-insurance-3m", features: FEATURE_NAMES.filter((f) => f !== "insurance_arrears_worker_months"), l2: 10 },
    { name: "with-insurance-3m-and-worker-months", features: [...FEATURE_NAMES], l2: 10 },
    { name: "with-insurance-3m-and-worker-months-l2-30", features: [...FEATURE_NAMES], l2: 30 },
  ];
  const table: Array<Record<string, unknown>> = [];
  let best: { key: number[]; candidate: (typeof candidates)[number]; high: number; exitFactor: number; sel: PooledReport } | undefined;
  const fitOpts = (c: (typeof candidates)[number], high: number, exitFactor: number) => ({
    from: "2024-09-01",
    to: addDays(fitEnd, -60),
    validationFrom: "2027-07-01",
    horizonDays: 60,
    stepDays: 7,
    l2: c.l2,
    features: c.features,
    levelRates: { watch: Math.max(0.1, high * 1.5), high, critical: 0.0075 },
    exitRateFactor: exitFactor,
    version: values.version!,
  });
  const trainUntil = addDays("2027-07-01", -60);
  for (const c of candidates) {
    // Weights do not depend on the operating point: fit once per candidate, vary only the levels.
    const fitted = fitOnRows(rows, fitOpts(c, 0.03, 3));
    say(`weights ${c.name}: ${JSON.stringify(Object.fromEntries(fitted.features.map((f) => [f.name, Number(f.weight.toFixed(3))])))}`);
    const scores = rows.filter((r) => r.as_of < trainUntil || r.as_of >= "2027-07-01").map((r) => scoreRow(fitted, r).score);
    for (const high of [0.03, 0.05, 0.08]) {
      for (const exitFactor of [3, 8]) {
        const o = fitOpts(c, high, exitFactor);
        const model: Model = { ...fitted, thresholds: thresholdsFromRates(scores, o.levelRates, exitFactor) };
        const sel = onSelection(model);
        const { admissible: ok, leadMargin: margin, key } = operatingPointVerdict(sel);
        table.push({ candidate: c.name, high, exitFactor, admissible: ok, leadMargin: margin, ...brief(sel) });
        say(`${c.name} high ${high} exit×${exitFactor}: admissible ${ok}, lead margin ${margin}, ${JSON.stringify(brief(sel))}`);
        if (keyBeats(key, best?.key)) best = { key, candidate: c, high, exitFactor, sel };
      }
    }
  }
  const chosen = best!;
  say(
    `chosen on the fit seeds: ${chosen.candidate.name}, high ${chosen.high}, exit×${chosen.exitFactor}: ${JSON.stringify(brief(chosen.sel))}`,
  );
  const model = fitOnRows(rows, fitOpts(chosen.candidate, chosen.high, chosen.exitFactor));
  model.description =
    `Default lrew model: fitted on the simulated default province (1,500 enterprises) with seeds ${fitSeeds.join(", ")}, ` +
    `2024-07-01 .. ${fitEnd} each; factors and levels chosen on those seeds (${chosen.candidate.name}); evaluated on the unseen seeds ${evalSeeds.join(", ")}, pooled.`;
  model.metrics = {
    ...model.metrics,
    training: {
      ...(model.metrics?.training as object),
      fitSeeds,
      simulator: { enterprises: 1500, start: "2024-07-01", days: fitDays },
    },
    selection: {
      how: "on the fit seeds' last year (daily replay): false alarms and flagged enterprise-days at or below the insurance rule's, recall above both baselines, then the longest pooled median lead",
      candidate: chosen.candidate.name,
      highRate: chosen.high,
      exitRateFactor: chosen.exitFactor,
      figures: brief(chosen.sel),
      searched: table,
    },
  };

  const old = loadModel();
  say(
    `previous default on the evaluation seeds: ${JSON.stringify(brief(poolBacktests(backtests(evals, old, false), { resamples: 200 })))}`,
  );
  const runs = backtests(evals, model, true);
  const reportsDir = resolve(values.reports!);
  for (const { seed, report } of runs) {
    const dir = join(reportsDir, `seed-${seed}`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(dir, "backtest.md"), renderBacktestMarkdown(report));
    await writeBacktestCharts(report, dir);
  }
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
  model.metrics.backtest = {
    seeds: pooled.seeds,
    period: pooled.period,
    pooled: Object.fromEntries(pooled.methods.filter((m) => !m.diagnostic).map((m) => [m.name, pick(m)])),
    criterion: pooled.criterion,
  };
  saveModel(resolve(values.out!), model);
  say(`evaluation: ${JSON.stringify(brief(pooled))}`);
  say(`criterion: ${JSON.stringify(pooled.criterion)}`);
  say(`model written to ${resolve(values.out!)}; reports in ${reportsDir}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
