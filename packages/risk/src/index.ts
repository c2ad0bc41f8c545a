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
export {
  FEATURES,
  FEATURE_NAMES,
  featureSpec,
  isSignalFactor,
  signalMask,
  signalReasons,
  signalStrength,
  type FactorRole,
  type FeatureSpec,
  type FeatureFamily,
  type Transform,
} from "./factors.ts";
export type { AlertDecision, Contribution } from "./level-change.ts";
export { minimumWage, type WageRegion } from "./wage-regions.ts";
export { LEVEL_NAMES } from "./level-names.ts";
export {
  AlertPolicy,
  DEFAULT_FOLLOW_UP_CAPACITY,
  DEFAULT_POLICY,
  EMAIL_KINDS,
  INITIAL_STATE,
  POLICY_STATES,
  STATE_CODES,
  applyPolicy,
  capacityGroupOf,
  dayNumberOf,
  isOpen,
  isPolicyState,
  materialRiseOf,
  type AlertPolicyConfig,
  type EmailDecision,
  type EmailKind,
  type EnterpriseState,
  type GroupLoad,
  type OnEmail,
  type PolicyDay,
  type PolicyInput,
  type PolicyState,
  type ScoredEnterprise,
} from "./policy.ts";
