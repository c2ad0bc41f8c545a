// @lrew/scoring: features in ClickHouse, the explainable model, fitting, levels with hysteresis,
// scoring runs and the backtest engine.
export {
  FEATURES,
  FEATURE_NAMES,
  featureSpec,
  computeFeatures,
  computeFeaturesForDates,
  computeRawAggregates,
  deriveFeatures,
  featureSql,
  insuranceSpell,
  ownBaselineExpected30,
  surprise,
  OWN_BASELINE_PRIOR_DAYS,
  type FeatureSpec,
  type FeatureFamily,
  type FeatureRow,
  type RawAggregates,
  type Transform,
} from "./features.ts";
export { TET_DATES, TET_SEASON, TET_LOOKAHEAD_DAYS, tetSeason, addDays, daysBetween, dateRange, dayNumber, isDate } from "./calendar.ts";
export { WAGE_REGIONS, minimumWage, wageRegionOf, type WageRegion, type WageRegionTable } from "./wage-regions.ts";
export {
  LEVELS,
  nextLevel,
  levelSequence,
  levelRank,
  isLevel,
  isFlagged,
  levelThresholdsSchema,
  type Level,
  type LevelBand,
  type LevelThresholds,
} from "./levels.ts";
export {
  DEFAULT_MODEL_FILE,
  loadModel,
  saveModel,
  parseModel,
  scoreRow,
  scoreHorizonDays,
  standardised,
  transformValue,
  topReasons,
  modelSchema,
  type Model,
  type ModelFeature,
  type Contribution,
  type ScoredRow,
} from "./model.ts";
export { fitLogistic, auc, logLoss, sigmoid, type LogisticFit } from "./logistic.ts";
export {
  defaultFitWindow,
  fitModel,
  fitOnRows,
  thresholdsFromRates,
  DEFAULT_LEVEL_RATES,
  DEFAULT_EXIT_RATE_FACTOR,
  DEFAULT_L2,
  type FitOptions,
} from "./fit.ts";
export { labelledRows, featureBatches, type LabelledRow } from "./dataset.ts";
export { loadIncidents, lastDataDay, labelOf, type IncidentOutcome } from "./outcomes.ts";
export {
  scoreAll,
  recordRun,
  runScoring,
  previousLevels,
  enterprisesWithNewEvents,
  lastCompletedRunStart,
  latestScores,
  SCORE_INSERT_CHUNK,
  type LevelChange,
  type ScoreAllOptions,
  type RunRecord,
  type ScoringRunResult,
  type StoredScore,
} from "./scoring.ts";
export { rebuildDailyAggregates, optimizeDailyAggregates, DAILY_AGGREGATES } from "./aggregates.ts";
export {
  backtest,
  replaySeries,
  evaluateBacktest,
  hysteresisFlags,
  runsOf,
  type BacktestOptions,
  type BacktestReport,
  type BacktestSeries,
  type MethodResult,
  type CurvePoint,
} from "./backtest.ts";
export { renderBacktestMarkdown, writeBacktestCharts, precisionRecallSvg, leadTimeSvg, leadTimeBarsSvg, leadTimeBins } from "./report.ts";
export { loadSimulatedWorld, type LoadedWorld } from "./sim-load.ts";
export {
  poolBacktests,
  criterionParts,
  parseSeeds,
  seededRandom,
  type PooledReport,
  type PooledMethod,
  type SeedBacktest,
  type SeedFigures,
  type CriterionCheck,
} from "./pooled.ts";
export { renderPooledMarkdown, pooledLeadTimeSvg, pooledSeedsSvg, writePooledReport } from "./pooled-report.ts";
export { backtestSimulatedSeeds, fitSeedsOf, selectionSeedsOf, simulatorSeed, type SimulatedBacktestOptions } from "./multi-seed.ts";
