// @lrew/warehouse: the only package that talks to ClickHouse (embedded chDB or a server/cluster).
// Every table family has one module (src/tables/*.ts) and every dashboard page one read model
// (src/read-models/*.ts): SQL is found by the name of the function that runs it.
export {
  openWarehouse,
  checkSettings,
  settleAfterError,
  warehouseAnswers,
  dropDatabase,
  type Warehouse,
  type WarehouseSettings,
} from "./client.ts";
export { otherOwnerOf } from "./owner-lock.ts";
export {
  migrate,
  renderMigration,
  splitStatements,
  loadMigrations,
  checksumOf,
  MIGRATIONS_DIR,
  MIGRATIONS_TABLE,
  type MigrationFile,
  type RenderTarget,
} from "./migrations.ts";
export { classifyError, clickHouseCode, toLrewError, RETRYABLE_CODES, BAD_INPUT_CODES, type ErrorKind } from "./errors.ts";
// The query helper behind every named function; outside this package only tests call it.
export { selectRows } from "./query.ts";
export { dedupToken } from "./dedup.ts";
export { formatUtc, parseUtc, toUtcText } from "./time.ts";

// Event tables (what the sink writes), stream by stream.
export {
  toRow,
  insertRows,
  countEvents,
  selectEventIds,
  storedEventIds,
  enterprisesWithEventsSince,
  tableOf,
  type Row,
} from "./rows.ts";
export type { SourceMeta } from "./tables/common.ts";
export { selectLatestEnterprises, type LatestEnterprise } from "./tables/enterprises.ts";
export { selectWageArrears, type StoredWageArrears } from "./tables/wage-arrears.ts";

// What scoring and alerting write and read.
export {
  DAILY_AGGREGATES,
  rebuildDailyAggregates,
  selectFeatureAggregates,
  selectIncidentStarts,
  selectLastDataDay,
  type IncidentStart,
} from "./tables/daily-aggregates.ts";
export {
  insertScores,
  selectPreviousLevels,
  selectLatestScores,
  type ScoreRow,
  type StoredScore,
} from "./tables/scores.ts";
export {
  insertScoringRun,
  selectLastCompletedRunStart,
  selectRecentScoringRuns,
  type RunStatus,
  type ScoringRun,
  type ScoringRunRow,
} from "./tables/scoring-runs.ts";
export { selectCaseActions, type StoredCaseAction } from "./tables/case-actions.ts";
export {
  CASE_DECISIONS,
  CASE_STATES,
  insertCaseAlert,
  selectCaseDecision,
  selectCasesByArea,
  selectEnterpriseCases,
  selectOpenCase,
  selectUnclosedCases,
  type CaseAlertRow,
  type CaseDecision,
  type CaseRow,
  type CaseState,
  type CasesByArea,
} from "./tables/cases.ts";
export { insertAlerts, selectAlertHistory, type AlertHistoryRow, type AlertRow } from "./tables/alerts.ts";

// The dashboard's read models.
export { LATEST_SCORES } from "./read-models/latest-scores.ts";
export {
  SORT_COLUMNS,
  riskWhere,
  riskOrderBy,
  countRisk,
  riskPage,
  areaCodes,
  type RiskListFilter,
  type RiskRow,
  type SortKey,
} from "./read-models/risk-list.ts";
export { overview, type Overview } from "./read-models/overview.ts";
export { enterprisePage, type EnterprisePage, type GrievanceCell } from "./read-models/enterprise-page.ts";
export { selectViewSchemas, type ViewSchema } from "./read-models/view-schemas.ts";
export { ingestRate, freshness, type Freshness, type IngestMinute } from "./read-models/pipeline-health.ts";

// What the notifier writes and reads: the delivery log and the digest.
export * from "./tables/alert-deliveries.ts";
export * from "./read-models/digest.ts";
