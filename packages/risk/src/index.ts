// @lrew/risk: the vocabulary of risk shared by scoring, alerts, the warehouse's score rows and the
// dashboard: levels with hysteresis, the factor catalogue, level changes, the regional minimum wage.
// Pure: no I/O, no ClickHouse, no Kafka.
export {
  LEVELS,
  nextLevel,
  levelRank,
  isLevel,
  isFlagged,
  levelThresholdsSchema,
  type Level,
  type LevelBand,
  type LevelThresholds,
} from "./levels.ts";
export { FEATURES, FEATURE_NAMES, featureSpec, type FeatureSpec, type FeatureFamily, type Transform } from "./factors.ts";
export type { Contribution, LevelChange } from "./level-change.ts";
export { minimumWage, type WageRegion } from "./wage-regions.ts";
export { LEVEL_NAMES } from "./level-names.ts";
