// Runs one analyst query, safe by construction:
//  1. ClickHouse's formatter reads the text, bound as a parameter (never run): one statement or a refusal;
//  2. EXPLAIN AST of that canonical text: SELECT only, no SETTINGS / FORMAT / OUTFILE, no table
//     functions or data-reading functions, no table of another database (syntax only: nothing resolved);
//  3. EXPLAIN QUERY TREE: every table the analyzer resolves (CTEs, unqualified names, IN) is an analytics view;
//  4. the canonical text runs with readonly = 1 and the limits in its own SETTINGS clause, parameters
//     bound server-side ({name:Type}); for an analyst limited to some areas, the same clause carries
//     the scope's row filters on every base table (additional_table_filters, see @lrew/warehouse's
//     scope.ts): ClickHouse applies them inside every view, subquery, join and UNION the query reads,
//     and readonly = 1 plus the refusal of SETTINGS anywhere in the text keep the query from undoing them.
// What runs is exactly the text that was checked, plus the SETTINGS and FORMAT clauses lrew adds.
import type { AnalystLimits } from "@lrew/config";
import { createLogger } from "@lrew/telemetry";
import { vietnamDate } from "@lrew/contracts";
import { clickHouseCode, scopeSettings, splitStatements, type Scope, type Warehouse } from "@lrew/warehouse";
import { CLICKHOUSE_FORMAT, type WireFormat } from "./formats.ts";
import { checkAst, checkSources, parseAst, sourcesOfQueryTree } from "./guard.ts";
import { LIMIT_CODES, settingsClause } from "./limits.ts";
import { AnalystQueryError } from "./refusals.ts";

const log = createLogger("analytics");

export type QueryParams = Record<string, string | number | boolean>;

export interface AnalystQuery {
  sql: string;
  params?: QueryParams | undefined;
  format: WireFormat;
  /** What the analyst may read; default all areas. */
  scope?: Scope | undefined;
  /** The day the scope is taken on (YYYY-MM-DD); default today in Vietnam. */
  scopeDate?: string | undefined;
}

/** The database of the curated views: `<database>_analytics` (migration 0007). */
export function analyticsDatabase(database: string): string {
  return `${database}_analytics`;
}

const SYNTAX_ERROR = 62;
const UNKNOWN_QUERY_PARAMETER = 456;

/** Checks an analyst query and returns the text to run (without SETTINGS and FORMAT). */
export async function prepareAnalystQuery(wh: Warehouse, sql: string, params: QueryParams, limits: AnalystLimits): Promise<string> {
  if (!sql.trim()) throw new AnalystQueryError("empty");
  const database = analyticsDatabase(wh.database);
  const canonical = await canonicalText(wh, sql);
  if (/^INTO OUTFILE\b/m.test(canonical)) throw new AnalystQueryError("outfile");
  if (/^FORMAT\b/m.test(canonical)) throw new AnalystQueryError("format");
  if (/^SETTINGS\b/m.test(canonical)) throw new AnalystQueryError("settings");
  // EXPLAIN can only be read as a subquery for SELECTs: other statements are named from the
  // formatter's canonical first keyword (the AST check below backs it up).
  const head = /^\s*([A-Za-z]+)/.exec(canonical)?.[1]?.toUpperCase();
  if (!canonical.trimStart().startsWith("(") && head !== "SELECT" && head !== "WITH")
    throw new AnalystQueryError("not_select", head ?? "?");

  const ast = await explain(wh, `EXPLAIN AST ${canonical}`, params);
  checkAst(parseAst(ast), database);
  const tree = await explain(wh, `EXPLAIN QUERY TREE ${canonical}\nSETTINGS ${settingsClause(limits)}`, params);
  checkSources(sourcesOfQueryTree(tree), database);
  return canonical;
}

/** Runs a checked analyst query; the result in the chosen format, as ClickHouse wrote it. */
export async function runAnalystQuery(wh: Warehouse, q: AnalystQuery, limits: AnalystLimits): Promise<Buffer> {
  const params = q.params ?? {};
  const canonical = await prepareAnalystQuery(wh, q.sql, params, limits);
  const scoped = await scopeSettings(wh, q.scope ?? { kind: "all" }, q.scopeDate ?? vietnamDate(new Date()));
  // readonly = 1 stays last (settingsClause ends with it): nothing after it could be set.
  const settings = scoped === undefined ? settingsClause(limits) : `${scoped}, ${settingsClause(limits)}`;
  const started = Date.now();
  try {
    const result = await wh.client.exec({
      query: `${canonical}\nSETTINGS ${settings}\nFORMAT ${CLICKHOUSE_FORMAT[q.format]}`,
      query_params: params,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of result.stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    const body = Buffer.concat(chunks);
    log.info({ format: q.format, bytes: body.length, ms: Date.now() - started, scoped: scoped !== undefined }, "analyst query");
    return body;
  } catch (err) {
    throw asQueryError(err);
  }
}

/** ClickHouse's formatter as the single-statement gate: the text is a bound parameter, never executed. */
async function canonicalText(wh: Warehouse, sql: string): Promise<string> {
  try {
    const rs = await wh.client.query({
      query: "SELECT formatQuery({q:String}) AS q SETTINGS readonly = 1",
      query_params: { q: sql },
      format: "JSONEachRow",
    });
    const rows = await rs.json<{ q: string }>();
    return rows[0]!.q;
  } catch (err) {
    if (clickHouseCode(err) === SYNTAX_ERROR) {
      // ClickHouse refused the text; our lexer only picks the clearer of two messages.
      let many = false;
      try {
        many = splitStatements(sql).length > 1;
      } catch {
        many = false;
      }
      if (many) throw new AnalystQueryError("multiple_statements", "", { cause: err });
      throw new AnalystQueryError("syntax", clickHouseMessage(err), { cause: err });
    }
    throw asQueryError(err);
  }
}

async function explain(wh: Warehouse, query: string, params: QueryParams): Promise<string[]> {
  try {
    // As a subquery, so the FORMAT the client appends belongs to the outer SELECT, not to the explained query.
    const rs = await wh.client.query({ query: `SELECT explain FROM (${query}\n)`, query_params: params, format: "JSONEachRow" });
    return (await rs.json<{ explain: string }>()).map((r) => r.explain);
  } catch (err) {
    throw asQueryError(err);
  }
}

function asQueryError(err: unknown): AnalystQueryError {
  if (err instanceof AnalystQueryError) return err;
  const code = clickHouseCode(err);
  const message = clickHouseMessage(err);
  if (code === undefined) throw err;
  const limit = LIMIT_CODES[String(code)];
  if (limit) return new AnalystQueryError("limit", limit, { cause: err });
  if (code === UNKNOWN_QUERY_PARAMETER) {
    const name = /`([^`]+)`/.exec(message)?.[1] ?? "";
    return new AnalystQueryError("missing_param", name, { cause: err });
  }
  if (code === SYNTAX_ERROR) return new AnalystQueryError("syntax", message, { cause: err });
  return new AnalystQueryError("query_error", message, { cause: err });
}

/** ClickHouse's message without the stack-trace tail chDB appends. */
function clickHouseMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  // The SETTINGS clause lrew adds is noise in an analyst's error message.
  return m
    .split("\n")[0]!
    .replace(/\s*SETTINGS (additional_table_filters = .*?, )?max_execution_time = .*?readonly = 1/g, "")
    .replace(/[.\s]*:\s*In scope SELECT formatQuery\(.*$/, ".")
    .slice(0, 500)
    .trim();
}
