// @lrew/analytics: analysts' read-only SQL over the curated views (<database>_analytics).
export { analyticsDatabase, prepareAnalystQuery, runAnalystQuery, type AnalystQuery, type QueryParams } from "./executor.ts";
export { checkAst, checkSources, parseAst, sourcesOfQueryTree, statementName, type AstNode, type QueryTreeSources } from "./guard.ts";
export { DEFAULT_LIMITS, LIMIT_CODES, settingsClause } from "./limits.ts";
export { AnalystQueryError, refusalMessage, type Lang, type RefusalReason } from "./refusals.ts";
export { CLICKHOUSE_FORMAT, CONTENT_TYPE, OUTPUT_FORMATS, isOutputFormat, type JsonResult, type OutputFormat, type WireFormat } from "./formats.ts";
