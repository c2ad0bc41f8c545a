// @lrew/scoring: live scoring, what the scorer runs every day: features in ClickHouse, the
// explainable model, levels with hysteresis (@lrew/risk), scoring runs. Fitting, backtests and
// reports are @lrew/scoring-offline.
export { computeFeatures, computeFeaturesForDates, type FeatureRow } from "./features.ts";
export { featureSql } from "./feature-sql.ts";
export {
  DEFAULT_MODEL_FILE,
  loadModel,
  saveModel,
  parseModel,
  scoreRow,
  scoreHorizonDays,
  sigmoid,
  standardised,
  transformValue,
  type Model,
} from "./model.ts";
export { DEFAULT_POLICY_SETTINGS, runScoring, type PolicySettings, type RunScoringOptions, type ScoringRunResult } from "./scoring.ts";
