// Backtests on several fresh simulated provinces, one database each, one after the other (a
// province-year needs ~1 GB while it is loaded; dropping it before the next keeps memory flat).
import { addDays } from "@lrew/contracts";
import type { Model } from "@lrew/scoring";
import { Responsibility } from "@lrew/reference";
import { buildProvince, parseParams, provinceReorganisation, type SimulationParamsInput } from "@lrew/simulator";
import { dropDatabase, selectIncidentStarts, type Warehouse } from "@lrew/warehouse";
import { evaluateBacktest, replaySeries, type BacktestReport } from "./backtest.ts";
import { seedMethods, type SeedMethods } from "./like-for-like.ts";
import type { SeedBacktest } from "./pooled.ts";
import { loadSimulatedWorld } from "./sim-load.ts";

export interface SimulatedBacktestOptions {
  /** Opens (and migrates) a warehouse database of that name. */
  open: (database: string) => Promise<Warehouse>;
  /** Backtest start (default: two months of warm-up after the world's start, 2025-09-01 for the default). */
  from?: string;
  horizonDays?: number;
  /** Simulated province: the default one (1,500 enterprises, 2025-07-01, 365 days) unless given. */
  world?: { enterprises?: number; start?: string; days?: number };
  /** Simulator parameters of a variant world (a `--params` file); the seed and `world` take precedence. */
  params?: SimulationParamsInput;
  onSeed?: (seed: string, report: BacktestReport, ms: number) => void | Promise<void>;
  /** The federation's unit, where an alert goes when no unit answers for the area: false alarms are also counted per receiving unit. */
  federationUnitId?: string;
}

/** Who receives an alert in a simulated province on a day: its commune union after 1 July 2025, its district federation before. */
function receivingUnitOf(params: SimulationParamsInput, federationUnitId: string) {
  const reorg = provinceReorganisation(buildProvince(parseParams(params)));
  if (!reorg) return {};
  const r = Responsibility.parse(reorg.responsibility);
  return {
    receivingUnit: (id: string, area: string, day: string) =>
      r.responsibleUnit({ enterprise_id: id, area_code: area }, day) ?? federationUnitId,
  };
}

/** A seed's backtest report and every method's daily scores (for the like-for-like comparison). */
export interface SimulatedSeed extends SeedBacktest {
  methods: SeedMethods;
}

/** A seed given on the command line: digits are a number seed, anything else a string seed. */
export function simulatorSeed(s: string): string | number {
  return /^\d+$/.test(s) ? Number(s) : s;
}

export async function backtestSimulatedSeeds(
  model: Model,
  seeds: readonly string[],
  opts: SimulatedBacktestOptions,
): Promise<SimulatedSeed[]> {
  const out: SimulatedSeed[] = [];
  for (const seed of seeds) {
    const started = Date.now();
    const wh = await opts.open(`lrew_backtest_${seed.replace(/\W/g, "_")}`);
    try {
      const params: SimulationParamsInput = {
        ...opts.params,
        seed: simulatorSeed(seed),
        enterprises: opts.world?.enterprises ?? opts.params?.enterprises ?? 1500,
        start: opts.world?.start ?? opts.params?.start ?? "2025-07-01",
        days: opts.world?.days ?? opts.params?.days ?? 365,
      };
      const world = await loadSimulatedWorld(wh, params);
      const from = opts.from ?? addDays(world.start, 62);
      // Replayed once: the run-based report and the like-for-like scores read the same series.
      const replay = await replaySeries(wh, model, { from, to: world.end });
      const incidents = await selectIncidentStarts(wh, { from: addDays(from, 1) });
      const report = evaluateBacktest(replay, incidents, model, {
        from,
        to: world.end,
        truth: world.truth,
        ...(opts.horizonDays ? { horizonDays: opts.horizonDays } : {}),
        ...(opts.federationUnitId ? receivingUnitOf(params, opts.federationUnitId) : {}),
      });
      report.timings.totalMs = Date.now() - started;
      out.push({ seed, report, methods: seedMethods(seed, replay, incidents, world.truth) });
      await opts.onSeed?.(seed, report, Date.now() - started);
      await dropDatabase(wh);
    } finally {
      await wh.close();
    }
  }
  return out;
}

/** The seeds a model was fitted on, as its file records them (metrics.training). Pure. */
export function fitSeedsOf(model: Model): string[] {
  const t = (model.metrics?.training ?? {}) as { fitSeeds?: unknown; simulator?: { seed?: unknown } };
  if (Array.isArray(t.fitSeeds)) return t.fitSeeds.map(String);
  if (t.simulator && t.simulator.seed !== undefined) return [String(t.simulator.seed)];
  return [];
}

/** The seeds a model's levels and factors were chosen on, as its file records them (metrics.selection). Pure. */
export function selectionSeedsOf(model: Model): string[] {
  const sel = (model.metrics?.selection ?? {}) as { seeds?: unknown };
  if (!Array.isArray(sel.seeds)) return [];
  const fit = fitSeedsOf(model);
  return sel.seeds.map(String).filter((s) => !fit.includes(s));
}
