// `./lrew score`, `./lrew model fit`, `./lrew backtest`: the scoring model from the command line.
// They open the warehouse themselves, so with embedded ClickHouse they run while `./lrew start` is
// stopped (its scorer runs on schedule), or against a ClickHouse server at any time.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, vietnamDate } from "@lrew/contracts";
import { followUpCapacityOf } from "@lrew/config";
import { FatalError } from "@lrew/errors";
import { loadResponsibilityOrUnits } from "@lrew/reference/files";
import { Scorer, modelsDir, policySettingsOf, resolveModelFile } from "@lrew/scorer";
import { loadModel, saveModel, scoreHorizonDays } from "@lrew/scoring";
import type { SimulationParamsInput, TruthRecord } from "@lrew/simulator";
import {
  backtestSimulatedSeeds,
  defaultFitWindow,
  evaluateBacktest,
  evaluateLikeForLike,
  fitModel,
  fitSeedsOf,
  hazardsOf,
  parseSeeds,
  poolBacktests,
  renderBacktestMarkdown,
  replaySeries,
  seedMethods,
  selectionSeedsOf,
  writeBacktestCharts,
  writeLikeForLike,
  writePooledReport,
} from "@lrew/scoring-offline";
import { loadResponsibility } from "@lrew/reference/files";
import { migrate, openWarehouse, selectIncidentStarts, selectLastDataDay, type Warehouse } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { progressBar } from "../progress.ts";

const say = (ctx: CliContext, vi: string, en: string) => console.error(`lrew: ${ctx.lang === "vi" ? vi : en}`);

async function withWarehouse<T>(ctx: CliContext, fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openWarehouse(ctx.config.clickhouse);
  try {
    await migrate(wh);
    return await fn(wh);
  } finally {
    await wh.close();
  }
}

export async function scoreCommand(ctx: CliContext, o: { asOf?: string; from?: string; step?: string }): Promise<number> {
  const modelFile = resolveModelFile(ctx.config.home, ctx.config.scorer.modelFile);
  return withWarehouse(ctx, async (wh) => {
    const policy = policySettingsOf(
      ctx.config.alerts,
      loadResponsibilityOrUnits(ctx.config.notifier.unionUnitsFile, ctx.config.notifier.federationUnitId),
    );
    const scorer = new Scorer(wh, loadModel(modelFile), undefined, policy);
    const to = o.asOf ?? vietnamDate(new Date());
    if (o.from) {
      const bar = progressBar(ctx.lang, {
        total: 1,
        unit: ctx.lang === "vi" ? "lần chấm" : "runs",
        counter: ctx.lang === "vi" ? "lần" : "runs",
      });
      const runs = await scorer.backfill(o.from, to, Number(o.step ?? 1), (done, total) => {
        bar.update(done, { count: done });
        void total;
      });
      bar.stop();
      say(
        ctx,
        `đã chấm điểm ${runs} ngày từ ${o.from} đến ${to} (mô hình ${scorer.model.version})`,
        `scored ${runs} days from ${o.from} to ${to} (model ${scorer.model.version})`,
      );
      return 0;
    }
    const r = await scorer.run("all", to);
    if (r === "skipped") return 0;
    const load = [...r.load].sort(([a], [b]) => a.localeCompare(b)).map(([area, l]) => `${area} ${l.open}/${l.capacity}`);
    say(
      ctx,
      `đã chấm điểm ${r.scored} doanh nghiệp tính đến ${to} (mô hình ${scorer.model.version}); ${r.stateChanges} thay đổi trạng thái; số doanh nghiệp mức cao + rất cao / khả năng theo dõi: ${load.join(", ")}`,
      `scored ${r.scored} enterprises as of ${to} (model ${scorer.model.version}); ${r.stateChanges} state changes; open high + critical / capacity: ${load.join(", ")}`,
    );
    return 0;
  });
}

export async function fitCommand(
  ctx: CliContext,
  o: { from?: string; to?: string; validationFrom?: string; horizon?: string; labelHorizon?: string; out?: string },
): Promise<number> {
  return withWarehouse(ctx, async (wh) => {
    const last = await selectLastDataDay(wh);
    if (!last) throw new FatalError("no data to fit on: load history first (./lrew start, ./lrew simulate or ./lrew import)");
    const horizon = Number(o.horizon ?? 60);
    const labelHorizon = Number(o.labelHorizon ?? horizon);
    if (!Number.isInteger(labelHorizon) || labelHorizon < 1)
      throw new FatalError(`--label-horizon: a whole number of days, got ${JSON.stringify(o.labelHorizon)}`);
    // Training as-of dates end one label horizon before validation starts (the purge gap): with a
    // long label on a short history nothing is left to train on, and the user should hear why.
    const { from, to, validationFrom, trainUntil } = defaultFitWindow(last, {
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
      ...(o.validationFrom ? { validationFrom: o.validationFrom } : {}),
      horizonDays: horizon,
      labelHorizonDays: labelHorizon,
    });
    if (trainUntil <= from)
      throw new FatalError(
        ctx.lang === "vi"
          ? `lịch sử quá ngắn cho nhãn ${labelHorizon} ngày: dữ liệu từ ${from}, kiểm định từ ${validationFrom}, nên ngày huấn luyện phải trước ${trainUntil}. ` +
              `Cần thêm lịch sử (--from sớm hơn) hoặc --label-horizon ngắn hơn.`
          : `history too short for a ${labelHorizon}-day label: data from ${from}, validation from ${validationFrom}, so training dates would have to be before ${trainUntil}. ` +
              `Load more history (an earlier --from) or use a shorter --label-horizon.`,
      );
    say(
      ctx,
      `khớp mô hình trên ${from} → ${to}, kiểm định từ ${validationFrom}, tầm dự báo ${horizon} ngày…`,
      `fitting on ${from} → ${to}, validating from ${validationFrom}, horizon ${horizon} days…`,
    );
    const model = await fitModel(wh, { from, to, validationFrom, horizonDays: horizon, labelHorizonDays: labelHorizon });
    const file = o.out ?? path.join(modelsDir(ctx.config.home), `${model.version}.json`);
    saveModel(file, model);
    console.log(JSON.stringify({ version: model.version, file, metrics: model.metrics }, null, 2));
    say(
      ctx,
      `đã ghi mô hình mới: ${file} (bộ chấm điểm dùng mô hình mới nhất trong ${modelsDir(ctx.config.home)})`,
      `wrote the new model: ${file} (the scorer uses the newest model in ${modelsDir(ctx.config.home)})`,
    );
    return 0;
  });
}

export interface BacktestOptions {
  from?: string;
  to?: string;
  horizon?: string;
  model?: string;
  out?: string;
  simulate?: boolean;
  seed?: string;
  seeds?: string;
  params?: string;
  selectSeeds?: string;
  budget?: string;
  truth?: string;
}

/** The newest truth file `./lrew simulate` wrote under $LREW_HOME/simulation (truth-<seed>.ndjson, or truth.ndjson of --to files). */
export function newestTruthFile(home: string): string | undefined {
  const dir = path.join(home, "simulation");
  if (!existsSync(dir)) return undefined;
  const files: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile() && /^truth.*\.ndjson$/.test(e.name)) files.push(path.join(dir, e.name));
    if (e.isDirectory() && existsSync(path.join(dir, e.name, "truth.ndjson"))) files.push(path.join(dir, e.name, "truth.ndjson"));
  }
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function readTruth(file: string): TruthRecord[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TruthRecord);
}

/** Each area's follow-up capacity as configured (LREW_FOLLOW_UP_CAPACITY, overrides by area code). */
function capacityOf(ctx: CliContext): (area: string) => number {
  return (area) => followUpCapacityOf(ctx.config.alerts.capacity, { areaCode: area });
}

function budgetOf(o: BacktestOptions): number {
  const b = Number(o.budget ?? 1);
  if (!(b > 0)) throw new FatalError(`--budget: a positive number of false e-mails per area per month, got ${JSON.stringify(o.budget)}`);
  return b;
}

export async function backtestCommand(ctx: CliContext, o: BacktestOptions): Promise<number> {
  const model = loadModel(o.model ?? resolveModelFile(ctx.config.home, ctx.config.scorer.modelFile));
  const out = o.out ?? path.join(ctx.config.home, "backtest", new Date().toISOString().replace(/[:.]/g, "-"));
  const seen = [...fitSeedsOf(model), ...selectionSeedsOf(model)];
  if (o.seeds !== undefined) return backtestSeeds(ctx, model, parseSeeds(o.seeds, seen), out, o);
  if (o.simulate) return backtestSeeds(ctx, model, [o.seed ?? parseSeeds("1", seen)[0]!], out, o);
  if (o.params) throw new FatalError("--params describes a simulated world: use it with --simulate or --seeds");
  // Stored history: the warehouse's own data.
  return withWarehouse(ctx, async (wh) => {
    const last = await selectLastDataDay(wh);
    if (!last) throw new FatalError("no data to backtest on");
    const horizon = Number(o.horizon ?? model.horizonDays);
    const to = o.to ?? last;
    const from = o.from ?? addDays(to, -300);
    const truthFile = o.truth ?? newestTruthFile(ctx.config.home);
    const truth = truthFile ? readTruth(truthFile) : undefined;
    say(
      ctx,
      `chạy lại chấm điểm hằng ngày ${from} → ${to} với mô hình ${model.version}${truthFile ? `, oracle từ ${truthFile}` : ""}…`,
      `replaying daily scoring ${from} → ${to} with model ${model.version}${truthFile ? `, oracle from ${truthFile}` : ""}…`,
    );
    const replay = await replaySeries(wh, model, { from, to });
    const incidents = await selectIncidentStarts(wh, { from: addDays(from, 1) });
    // False alarms also per receiving unit, when the responsibility data is at hand.
    const responsibility = loadResponsibility(ctx.config.notifier.unionUnitsFile);
    const fed = ctx.config.notifier.federationUnitId;
    const report = evaluateBacktest(replay, incidents, model, {
      from,
      to,
      horizonDays: horizon,
      ...(truth ? { truth } : {}),
      ...(responsibility
        ? {
            receivingUnit: (id: string, area: string, day: string) =>
              responsibility.responsibleUnit({ enterprise_id: id, area_code: area }, day) ?? fed,
          }
        : {}),
    });
    // The oracle only when the truth file describes these enterprises.
    const hazards = truth ? hazardsOf(truth) : undefined;
    const matches = hazards !== undefined && replay.series.some((s) => hazards.has(`${s.id}|${replay.dates[0]!.slice(0, 7)}`));
    if (truth && !matches)
      say(
        ctx,
        `tệp sự thật nền không khớp dữ liệu đã lưu: bỏ qua oracle`,
        `the truth file does not describe the stored enterprises: no oracle`,
      );
    const methods = seedMethods("stored", replay, incidents, matches ? truth : undefined);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(out, "backtest.md"), renderBacktestMarkdown(report));
    await writeBacktestCharts(report, out);
    const lfl = evaluateLikeForLike([], [methods], {
      budget: budgetOf(o),
      modelLabelHorizonDays: scoreHorizonDays(model),
      capacityOf: capacityOf(ctx),
    });
    console.log(await writeLikeForLike(lfl, out, `Like-for-like backtest, stored history ${from} – ${to}`));
    say(ctx, `báo cáo: ${out}`, `report: ${out}`);
    return 0;
  });
}

/** A backtest on a seed the model was fitted on would grade it on its own homework. */
function refuseSeenSeeds(
  ctx: CliContext,
  model: ReturnType<typeof loadModel>,
  seeds: readonly string[],
  selection: readonly string[],
): void {
  const [fitSeeds, selectionSeeds] = [fitSeedsOf(model), [...selectionSeedsOf(model), ...selection]];
  const fit = [...seeds, ...selection].filter((s) => fitSeeds.includes(s));
  const chosen = seeds.filter((s) => selectionSeeds.includes(s));
  if (fit.length)
    throw new FatalError(
      ctx.lang === "vi"
        ? `hạt giống ${fit.join(", ")} đã dùng để khớp mô hình ${model.version}: chọn hạt giống khác`
        : `seed ${fit.join(", ")} was used to fit model ${model.version}: choose other seeds`,
    );
  if (chosen.length)
    throw new FatalError(
      ctx.lang === "vi"
        ? `hạt giống ${chosen.join(", ")} dùng để chọn ngưỡng (của mô hình ${model.version} hoặc --select-seeds): chọn hạt giống khác`
        : `seed ${chosen.join(", ")} is used to choose thresholds (of model ${model.version} or --select-seeds): choose other seeds`,
    );
}

/**
 * `--seeds` and `--simulate`: one fresh simulated province per seed (throw-away embedded databases),
 * a backtest each (reports in <out>/seed-<seed>/), the run-based figures pooled (<out>/backtest.md …),
 * and every method like for like through the one alert policy, thresholds chosen on the selection
 * seeds (<out>/like-for-like.md …, printed).
 */
async function backtestSeeds(
  ctx: CliContext,
  model: ReturnType<typeof loadModel>,
  seeds: string[],
  out: string,
  o: BacktestOptions,
): Promise<number> {
  const selection = o.selectSeeds
    ? o.selectSeeds
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
    : selectionSeedsOf(model).slice(0, 2);
  refuseSeenSeeds(ctx, model, seeds, selection);
  const budget = budgetOf(o);
  const params = o.params ? (JSON.parse(readFileSync(o.params, "utf8")) as SimulationParamsInput) : undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-backtest-"));
  const open = async (database: string) => {
    const wh = await openWarehouse({ ...ctx.config.clickhouse, url: undefined, cluster: undefined, embeddedPath: dir, database });
    await migrate(wh);
    return wh;
  };
  const common = {
    open,
    federationUnitId: ctx.config.notifier.federationUnitId,
    ...(o.from ? { from: o.from } : {}),
    ...(o.horizon ? { horizonDays: Number(o.horizon) } : {}),
    ...(params ? { params } : {}),
  };
  const world = o.params ? `, ${path.basename(o.params)}` : "";
  const selRuns = await backtestSimulatedSeeds(model, selection, {
    ...common,
    onSeed: (seed, _report, ms) =>
      say(
        ctx,
        `hạt giống chọn ngưỡng ${seed}${world}: ${(ms / 1000).toFixed(0)} giây`,
        `selection seed ${seed}${world}: ${(ms / 1000).toFixed(0)} s`,
      ),
  });
  const runs = await backtestSimulatedSeeds(model, seeds, {
    ...common,
    onSeed: async (seed, report, ms) => {
      const seedDir = path.join(out, `seed-${seed}`);
      mkdirSync(seedDir, { recursive: true });
      writeFileSync(path.join(seedDir, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(seedDir, "backtest.md"), renderBacktestMarkdown(report));
      await writeBacktestCharts(report, seedDir);
      say(
        ctx,
        `hạt giống ${seed}${world}: ${report.incidentsInPeriod} sự cố, ${(ms / 1000).toFixed(0)} giây`,
        `seed ${seed}${world}: ${report.incidentsInPeriod} incidents, ${(ms / 1000).toFixed(0)} s`,
      );
    },
  });
  const pooled = poolBacktests(runs, { fitSeeds: fitSeedsOf(model), selectionSeeds: [...selectionSeedsOf(model), ...selection] });
  await writePooledReport(pooled, out);
  const lfl = evaluateLikeForLike(
    selRuns.map((r) => r.methods),
    runs.map((r) => r.methods),
    { budget, modelLabelHorizonDays: scoreHorizonDays(model), capacityOf: capacityOf(ctx) },
  );
  const title = `Like-for-like backtest, ${seeds.length} seed${seeds.length > 1 ? "s" : ""}${o.params ? ` of ${path.basename(o.params)}` : " of the default province"}`;
  console.log(await writeLikeForLike(lfl, out, title));
  say(ctx, `báo cáo: ${out} (like-for-like.md, backtest.md)`, `report: ${out} (like-for-like.md, backtest.md)`);
  return 0;
}
