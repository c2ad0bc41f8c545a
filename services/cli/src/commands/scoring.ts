// `./lrew score`, `./lrew model fit`, `./lrew backtest`: the scoring model from the command line.
// They open the warehouse themselves, so with embedded ClickHouse they run while `./lrew start` is
// stopped (its scorer runs on schedule), or against a ClickHouse server at any time.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays, vietnamDate } from "@lrew/contracts";
import { FatalError } from "@lrew/errors";
import { readResponsibleUnits } from "@lrew/reference";
import { Scorer, modelsDir, policySettingsOf, resolveModelFile } from "@lrew/scorer";
import { loadModel, saveModel } from "@lrew/scoring";
import {
  backtest,
  backtestSimulatedSeeds,
  defaultFitWindow,
  fitModel,
  fitSeedsOf,
  selectionSeedsOf,
  loadSimulatedWorld,
  parseSeeds,
  poolBacktests,
  renderBacktestMarkdown,
  renderPooledMarkdown,
  simulatorSeed,
  writeBacktestCharts,
  writePooledReport,
} from "@lrew/scoring-offline";
import { migrate, openWarehouse, selectLastDataDay, type Warehouse } from "@lrew/warehouse";
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
    const policy = policySettingsOf(ctx.config.alerts, readResponsibleUnits(ctx.config.notifier.unionUnitsFile));
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
}

export async function backtestCommand(ctx: CliContext, o: BacktestOptions): Promise<number> {
  const model = loadModel(o.model ?? resolveModelFile(ctx.config.home, ctx.config.scorer.modelFile));
  const out = o.out ?? path.join(ctx.config.home, "backtest", new Date().toISOString().replace(/[:.]/g, "-"));
  const run = async (wh: Warehouse, truth?: Parameters<typeof backtest>[2]["truth"]) => {
    const last = await selectLastDataDay(wh);
    if (!last) throw new FatalError("no data to backtest on");
    const horizon = Number(o.horizon ?? model.horizonDays);
    const to = o.to ?? last;
    const from = o.from ?? addDays(to, -300);
    say(
      ctx,
      `chạy lại chấm điểm hằng ngày ${from} → ${to} với mô hình ${model.version}…`,
      `replaying daily scoring ${from} → ${to} with model ${model.version}…`,
    );
    const report = await backtest(wh, model, { from, to, horizonDays: horizon, ...(truth ? { truth } : {}) });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
    const md = renderBacktestMarkdown(report);
    writeFileSync(path.join(out, "backtest.md"), md);
    const charts = await writeBacktestCharts(report, out);
    console.log(md);
    say(ctx, `báo cáo: ${out} (${["backtest.md", "backtest.json", ...charts.map((c) => path.basename(c))].join(", ")})`, `report: ${out}`);
    return 0;
  };
  const seen = [...fitSeedsOf(model), ...selectionSeedsOf(model)];
  if (o.seeds !== undefined) return backtestSeeds(ctx, model, parseSeeds(o.seeds, seen), out, o);
  if (!o.simulate) return withWarehouse(ctx, (wh) => run(wh));
  // A fresh simulated province in a throw-away embedded database: the model meets a world it never saw.
  const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-backtest-"));
  const wh = await openWarehouse({
    ...ctx.config.clickhouse,
    url: undefined,
    cluster: undefined,
    embeddedPath: dir,
    database: "lrew_backtest",
  });
  try {
    await migrate(wh);
    const given = o.seed ?? parseSeeds("1", seen)[0]!;
    refuseSeenSeeds(ctx, model, [given]);
    const seed = simulatorSeed(given);
    say(ctx, `nạp tỉnh mô phỏng (hạt giống ${seed})…`, `loading a simulated province (seed ${seed})…`);
    const world = await loadSimulatedWorld(wh, { seed, start: "2025-07-01", days: 365 });
    return await run(wh, world.truth);
  } finally {
    await wh.close();
  }
}

/** A backtest on a seed the model was fitted or chosen on would grade it on its own homework. */
function refuseSeenSeeds(ctx: CliContext, model: ReturnType<typeof loadModel>, seeds: readonly string[]): void {
  const [fitSeeds, selectionSeeds] = [fitSeedsOf(model), selectionSeedsOf(model)];
  const fit = seeds.filter((s) => fitSeeds.includes(s));
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
        ? `hạt giống ${chosen.join(", ")} đã dùng để chọn ngưỡng mô hình ${model.version}: chọn hạt giống khác`
        : `seed ${chosen.join(", ")} was used to choose the levels of model ${model.version}: choose other seeds`,
    );
}

/**
 * `--seeds`: one fresh simulated province per seed (throw-away embedded databases), a backtest each
 * (reports in <out>/seed-<seed>/), then the figures pooled over all seeds (<out>/backtest.md …).
 */
async function backtestSeeds(
  ctx: CliContext,
  model: ReturnType<typeof loadModel>,
  seeds: string[],
  out: string,
  o: BacktestOptions,
): Promise<number> {
  refuseSeenSeeds(ctx, model, seeds);
  const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-backtest-"));
  const open = async (database: string) => {
    const wh = await openWarehouse({ ...ctx.config.clickhouse, url: undefined, cluster: undefined, embeddedPath: dir, database });
    await migrate(wh);
    return wh;
  };
  const runs = await backtestSimulatedSeeds(model, seeds, {
    open,
    ...(o.from ? { from: o.from } : {}),
    ...(o.horizon ? { horizonDays: Number(o.horizon) } : {}),
    onSeed: async (seed, report, ms) => {
      const seedDir = path.join(out, `seed-${seed}`);
      mkdirSync(seedDir, { recursive: true });
      writeFileSync(path.join(seedDir, "backtest.json"), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(path.join(seedDir, "backtest.md"), renderBacktestMarkdown(report));
      await writeBacktestCharts(report, seedDir);
      const m = report.methods[0]!;
      say(
        ctx,
        `hạt giống ${seed}: ${m.caught}/${m.incidents} sự cố được báo trước, ${(ms / 1000).toFixed(0)} giây`,
        `seed ${seed}: ${m.caught}/${m.incidents} incidents caught, ${(ms / 1000).toFixed(0)} s`,
      );
    },
  });
  const pooled = poolBacktests(runs, { fitSeeds: fitSeedsOf(model), selectionSeeds: selectionSeedsOf(model) });
  await writePooledReport(pooled, out);
  console.log(renderPooledMarkdown(pooled));
  say(ctx, `báo cáo gộp: ${out}`, `pooled report: ${out}`);
  return 0;
}
