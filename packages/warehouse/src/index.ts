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
  backupDatabases,
  checksumDifferences,
  lrewDatabases,
  restoreDatabases,
  storedTableNames,
  tableChecksums,
  type TableChecksum,
} from "./backup.ts";
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
export {
  classifyError,
  clickHouseCode,
  isOutOfSpace,
  toLrewError,
  RETRYABLE_CODES,
  BAD_INPUT_CODES,
  NO_SPACE_CODES,
  type ErrorKind,
} from "./errors.ts";
// What staff may see, enforced in ClickHouse (row filters on every base table), and the audit log.
export {
  NOT_ENTERPRISE_DATA,
  scopeAreasSql,
  scopeFilterSetting,
  scopeSettings,
  scopeTables,
  scopedWarehouse,
  warehouseInScope,
  type Scope,
  type ScopeTables,
} from "./scope.ts";
export { AUDIT_TABLE, auditEntrySchema, recordAudit, selectAuditLog, type AuditEntry, type AuditRow } from "./tables/audit-log.ts";
export {
  REFERENCE_TABLES,
  loadResponsibilityTables,
  selectResponsibleUnits,
  type ReferenceCounts,
} from "./tables/reference.ts";
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
  type RowOf,
} from "./rows.ts";
export type { SourceMeta } from "./tables/common.ts";
export { selectLatestEnterprises, type LatestEnterprise } from "./tables/enterprises.ts";
export { applySummaryRetention, summaryTtl } from "./tables/grievances.ts";
// Data protection: the erasure list and what applies it (migration 0070).
export {
  ERASED_PREFIX,
  ERASURES_TABLE,
  ErasureList,
  applyErasures,
  clearErasedRows,
  complainantErasure,
  erasureDigest,
  erasureListVersion,
  insertErasures,
  selectErasures,
  type ErasureEntry,
  type ErasureReport,
  type KafkaRemainder,
} from "./tables/erasures.ts";
export { selectWageArrears, type StoredWageArrears } from "./tables/wage-arrears.ts";

// What scoring and alerting write and read.
export {
  DAILY_AGGREGATES,
  rebuildDailyAggregates,
  selectFeatureAggregates,
  selectIncidentStarts,
  selectLastDataDay,
  selectLastEventDays,
  selectEventDaysByArrival,
  type EventArrival,
  selectKnownEnterpriseIds,
  type IncidentStart,
} from "./tables/daily-aggregates.ts";
export {
  insertScores,
  publishCurrentScores,
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
export {
  insertPolicyStates,
  policyStateRow,
  selectEmailedOn,
  selectPolicyStates,
  type PolicyStateRow,
} from "./tables/policy-states.ts";

export { insertAlerts, selectAlertHistory, selectPublishedAlert, type AlertHistoryRow, type AlertRow } from "./tables/alerts.ts";
export { selectCaseActions, selectInterventionDays, type StoredCaseAction } from "./tables/case-actions.ts";
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

// The dashboard's read models.
export { CURRENT_ENTERPRISES, LATEST_SCORES } from "./read-models/latest-scores.ts";
export {
  SORT_COLUMNS,
  riskWhere,
  riskOrderBy,
  countRisk,
  riskPage,
  riskListSql,
  RISK_FROM_VIEWS,
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
export * from "./read-models/periodic-report.ts";
export { selectUnionFeeMonths, type UnionFeeMonth, type UnionFeeRow } from "./tables/union-fees.ts";
