// @lrew/warehouse: the only package that talks to ClickHouse (embedded chDB or a server/cluster).
export { openWarehouse, checkSettings, warehouseAnswers, type Warehouse, type WarehouseSettings } from "./client.ts";
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
export { dedupToken } from "./dedup.ts";
export { toRow, insertRows, countEvents, storedOffsets, storedEventIds, tableOf, type Row, type RowOf, type RowByStream } from "./rows.ts";
export { toUtcText, formatUtc, parseInstant, periodToDate } from "./time.ts";
export { META_COLUMNS, type SourceMeta, type MetaColumns } from "./tables/common.ts";
export * from "./tables/enterprises.ts";
export * from "./tables/grievances.ts";
export * from "./tables/wage-arrears.ts";
export * from "./tables/insurance-contributions.ts";
export * from "./tables/incidents.ts";
export * from "./tables/alert-deliveries.ts";
export * from "./read-models/digest.ts";
