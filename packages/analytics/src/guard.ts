// Which data a query reaches, read from ClickHouse's own parser and analyzer output, never from
// our own reading of the SQL text: EXPLAIN AST (syntax only, nothing resolved or run) and
// EXPLAIN QUERY TREE (names resolved: CTEs, aliases, `IN table`). Pure functions of that output.
import { AnalystQueryError } from "./refusals.ts";

export interface AstNode {
  kind: string;
  /** What follows the kind on the line, without "(children N)" and "(alias x)". */
  value: string;
  children: AstNode[];
}

/** Builds the tree EXPLAIN AST prints, one node per line, depth = leading spaces. Pure. */
export function parseAst(lines: readonly string[]): AstNode {
  const root: AstNode = { kind: "", value: "", children: [] };
  const stack: Array<{ depth: number; node: AstNode }> = [{ depth: -1, node: root }];
  for (const line of lines) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    const body = line
      .trim()
      .replace(/\s*\(children \d+\)$/, "")
      .replace(/\s*\(alias [^()]*\)$/, "")
      .replace(/\s*\(children \d+\)$/, "");
    const space = body.indexOf(" ");
    const node: AstNode = {
      kind: space < 0 ? body : body.slice(0, space),
      value: space < 0 ? "" : body.slice(space + 1).trim(),
      children: [],
    };
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    stack.at(-1)!.node.children.push(node);
    stack.push({ depth, node });
  }
  const top = root.children;
  if (top.length !== 1) throw new AnalystQueryError(top.length === 0 ? "empty" : "multiple_statements");
  return top[0]!;
}

/** The one-row table (one UInt8 column, `dummy`) that a SELECT without FROM reads: nothing to protect. */
const IMPLICIT_TABLE = "system.one";

const SELECT_ROOTS = new Set(["SelectWithUnionQuery", "SelectIntersectExceptQuery"]);

/** Scalar functions that read something other than their arguments: dictionaries, Join tables, files, server config. */
const DATA_READING_FUNCTION =
  /^(dict[a-z]*|joinget[a-z]*|file|hascolumnintable|getserversetting|getmergetreesetting|getclienthttpheader|catboostevaluate|evalmlmethod|getmacro|filesystem[a-z]*)$/i;
const IN_FUNCTIONS = new Set(["in", "notIn", "globalIn", "globalNotIn", "nullIn", "notNullIn", "globalNullIn", "globalNotNullIn"]);

/** Human name of a statement kind: "InsertQuery" → "INSERT". */
export function statementName(kind: string): string {
  const k = kind.replace(/Query$/, "");
  const words: Record<string, string> = {
    Insert: "INSERT",
    AlterCommand: "ALTER",
    Alter: "ALTER",
    Drop: "DROP/TRUNCATE",
    Create: "CREATE",
    Set: "SET",
    Rename: "RENAME",
    Optimize: "OPTIMIZE",
    Explain: "EXPLAIN",
    System: "SYSTEM",
    Show: "SHOW",
    Delete: "DELETE",
    Update: "UPDATE",
    Grant: "GRANT",
    Use: "USE",
    Kill: "KILL",
  };
  return words[k] ?? k.toUpperCase();
}

/**
 * Refuses, from the AST of one statement, everything that is not a plain SELECT over tables of
 * `database`: other statements, SETTINGS, INTO OUTFILE, FORMAT, table functions, data-reading functions, tables of other
 * databases (FROM, JOIN, IN). Unqualified names pass here (a CTE, or resolved by the query tree). Pure.
 */
export function checkAst(root: AstNode, database: string): void {
  if (!SELECT_ROOTS.has(root.kind)) throw new AnalystQueryError("not_select", statementName(root.kind));
  for (const child of root.children) {
    if (child.kind === "ExpressionList") continue;
    if (child.kind === "Identifier") throw new AnalystQueryError("format");
    throw new AnalystQueryError("outfile");
  }
  walk(root, database);
}

function walk(node: AstNode, database: string): void {
  if (node.kind === "Set" || node.kind === "SetQuery") throw new AnalystQueryError("settings");
  if (node.kind === "TableExpression") {
    for (const c of node.children) {
      if (c.kind === "Function") throw new AnalystQueryError("table_function", c.value);
      if (c.kind === "TableIdentifier") checkTableName(c.value, database);
    }
  }
  if (node.kind === "Function") {
    if (DATA_READING_FUNCTION.test(node.value)) throw new AnalystQueryError("function", node.value);
    if (IN_FUNCTIONS.has(node.value)) {
      const args = node.children.find((c) => c.kind === "ExpressionList")?.children ?? [];
      const right = args[1];
      if (right && (right.kind === "Identifier" || right.kind === "TableIdentifier")) checkTableName(right.value, database);
    }
  }
  for (const c of node.children) walk(c, database);
}

function checkTableName(name: string, database: string): void {
  const dot = name.indexOf(".");
  if (dot < 0 || name === IMPLICIT_TABLE) return;
  if (name.slice(0, dot) !== database) throw new AnalystQueryError("table", name);
}

export interface QueryTreeSources {
  tables: string[];
  tableFunctions: string[];
}

/** The tables (database.table) and table functions named in EXPLAIN QUERY TREE output. Pure. */
export function sourcesOfQueryTree(lines: readonly string[]): QueryTreeSources {
  const tables = new Set<string>();
  const tableFunctions = new Set<string>();
  for (const line of lines) {
    const t = /^\s*TABLE id: \d+.*?\btable_name: ([^,\s]+)/.exec(line);
    if (t) tables.add(t[1]!);
    const f = /^\s*TABLE_FUNCTION id: \d+.*?\btable_function_name: ([^,\s]+)/.exec(line);
    if (f) tableFunctions.add(f[1]!);
  }
  return { tables: [...tables].sort(), tableFunctions: [...tableFunctions].sort() };
}

/** Refuses any resolved source outside `database`. Pure. */
export function checkSources(sources: QueryTreeSources, database: string): void {
  const fn = sources.tableFunctions[0];
  if (fn) throw new AnalystQueryError("table_function", fn);
  for (const t of sources.tables) {
    if (t !== IMPLICIT_TABLE && !t.startsWith(`${database}.`)) throw new AnalystQueryError("table", t);
  }
}
