// @lrew/analytics: analysts' read-only SQL over the curated views (<database>_analytics).
export { analyticsDatabase, prepareAnalystQuery, runAnalystQuery, type AnalystQuery, type QueryParams } from "./executor.ts";
export { checkAst, checkSources, parseAst, sourcesOfQueryTree, statementName, type AstNode, type QueryTreeSources } from "./guard.ts";
export { DEFAULT_LIMITS, LIMIT_CODES, settingsClause } from "./limits.ts";
export { AnalystQueryError, refusalMessage, type RefusalReason } from "./refusals.ts";
export {
  CLICKHOUSE_FORMAT,
  CONTENT_TYPE,
  OUTPUT_FORMATS,
  isOutputFormat,
  type JsonResult,
  type OutputFormat,
  type WireFormat,
} from "./formats.ts";
export { displayWidth, cellText, renderTable } from "./table.ts";
export {
  loadSavedQueries,
  parseSavedQuery,
  savedQueryParams,
  listSavedQueries,
  parseParamArgs,
  retargetSql,
  type SavedQuery,
  type SavedParam,
} from "./saved.ts";
export { readAnalyticsSchema, schemaFromMigrations, renderDictionary, splitComment, type ViewSchema } from "./dictionary.ts";
export { basicCredentials, registerQueryApi, QuerySlots, QUERY_PATH, type QueryApiDeps, type QueryUser } from "./query-api.ts";
export { chooseQueryRoute, type QueryRoute } from "./route.ts";
export { AnalystSession } from "./session.ts";
