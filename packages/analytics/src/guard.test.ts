import { describe, expect, it } from "vitest";
import { checkAst, checkSources, parseAst, sourcesOfQueryTree, statementName } from "./guard.ts";
import { AnalystQueryError } from "./refusals.ts";

// Real EXPLAIN AST output of ClickHouse 26 (chDB), one line per node.
const CTE_JOIN_IN = [
  "SelectWithUnionQuery (children 1)",
  " ExpressionList (children 1)",
  "  SelectQuery (children 4)",
  "   ExpressionList (children 1)",
  "    WithElement (children 1)",
  "     Subquery (children 1)",
  "      SelectWithUnionQuery (children 1)",
  "       ExpressionList (children 1)",
  "        SelectQuery (children 1)",
  "         ExpressionList (children 1)",
  "          Literal UInt64_1 (alias a)",
  "   ExpressionList (children 1)",
  "    Asterisk",
  "   TablesInSelectQuery (children 2)",
  "    TablesInSelectQueryElement (children 1)",
  "     TableExpression (children 1)",
  "      TableIdentifier x",
  "    TablesInSelectQueryElement (children 2)",
  "     TableExpression (children 1)",
  "      TableIdentifier lrew_analytics.enterprises (alias e)",
  "     TableJoin",
  "   Function in (children 1)",
  "    ExpressionList (children 2)",
  "     Literal UInt64_1",
  "     Identifier IN_TABLE",
];

function refusal(fn: () => void): AnalystQueryError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AnalystQueryError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const withIn = (table: string) => CTE_JOIN_IN.map((l) => l.replace("IN_TABLE", table));

describe("parseAst", () => {
  it("nests nodes by indentation and drops children counts and aliases", () => {
    const root = parseAst(withIn("lrew_analytics.alerts"));
    expect(root.kind).toBe("SelectWithUnionQuery");
    const select = root.children[0]!.children[0]!;
    expect(select.kind).toBe("SelectQuery");
    expect(select.children.map((c) => c.kind)).toEqual(["ExpressionList", "ExpressionList", "TablesInSelectQuery", "Function"]);
    expect(select.children[2]!.children[1]!.children[0]!.children[0]).toMatchObject({
      kind: "TableIdentifier",
      value: "lrew_analytics.enterprises",
    });
  });
  it("sees two statements as two roots", () => {
    expect(refusal(() => parseAst(["SelectWithUnionQuery (children 1)", "SelectWithUnionQuery (children 1)"])).reason).toBe(
      "multiple_statements",
    );
  });
});

describe("checkAst", () => {
  const db = "lrew_analytics";
  it("accepts a SELECT over analytics views, CTE names and IN over a view", () => {
    expect(() => checkAst(parseAst(withIn("lrew_analytics.alerts")), db)).not.toThrow();
  });
  it("refuses IN over a table of another database", () => {
    const r = refusal(() => checkAst(parseAst(withIn("lrew.grievances")), db));
    expect([r.reason, r.detail, r.status]).toEqual(["table", "lrew.grievances", 403]);
  });
  it("refuses other statements by name", () => {
    const r = refusal(() => checkAst(parseAst(["InsertQuery   (children 3)", " Identifier lrew", " Identifier enterprises"]), db));
    expect([r.reason, r.detail]).toEqual(["not_select", "INSERT"]);
  });
  it("refuses SETTINGS anywhere, INTO OUTFILE and FORMAT", () => {
    const settings = [...withIn("lrew_analytics.alerts"), "   Set"];
    expect(refusal(() => checkAst(parseAst(settings), db)).reason).toBe("settings");
    const outfile = ["SelectWithUnionQuery (children 3)", " ExpressionList (children 1)", " Literal 'x.csv'"];
    expect(refusal(() => checkAst(parseAst(outfile), db)).reason).toBe("outfile");
    const format = ["SelectWithUnionQuery (children 2)", " ExpressionList (children 1)", " Identifier CSV"];
    expect(refusal(() => checkAst(parseAst(format), db)).reason).toBe("format");
  });
  it("refuses table functions and data-reading functions, allows ordinary ones", () => {
    const tableFn = (name: string) => [
      "SelectWithUnionQuery (children 1)",
      " ExpressionList (children 1)",
      "  SelectQuery (children 2)",
      "   ExpressionList (children 1)",
      "    Asterisk",
      "   TablesInSelectQuery (children 1)",
      "    TablesInSelectQueryElement (children 1)",
      "     TableExpression (children 1)",
      `      Function ${name} (children 1)`,
      "       ExpressionList (children 1)",
      "        Literal '/etc/passwd'",
    ];
    for (const name of ["file", "url", "remote", "s3", "numbers", "merge"]) {
      const r = refusal(() => checkAst(parseAst(tableFn(name)), db));
      expect([r.reason, r.detail]).toEqual(["table_function", name]);
    }
    const scalar = (name: string) => [
      "SelectWithUnionQuery (children 1)",
      " ExpressionList (children 1)",
      "  SelectQuery (children 1)",
      "   ExpressionList (children 1)",
      `    Function ${name} (children 1)`,
      "     ExpressionList (children 1)",
      "      Literal 'a'",
    ];
    for (const name of ["file", "dictGet", "dictGetString", "joinGet", "hasColumnInTable", "getServerSetting"]) {
      expect(refusal(() => checkAst(parseAst(scalar(name)), db)).reason).toBe("function");
    }
    for (const name of ["lower", "toStartOfMonth", "profile", "filter"]) {
      expect(() => checkAst(parseAst(scalar(name)), db)).not.toThrow();
    }
  });
  it("refuses system tables and other databases in FROM, but not the implicit system.one", () => {
    const from = (table: string) => withIn("lrew_analytics.alerts").map((l) => l.replace("lrew_analytics.enterprises", table));
    for (const t of ["system.tables", "lrew.grievances", "default.x", "INFORMATION_SCHEMA.COLUMNS"]) {
      expect(refusal(() => checkAst(parseAst(from(t)), db)).detail).toBe(t);
    }
    expect(() => checkAst(parseAst(from("system.one")), db)).not.toThrow();
  });
});

describe("statementName", () => {
  it("names statements the way analysts write them", () => {
    expect(["InsertQuery", "AlterQuery", "DropQuery", "SetQuery", "ShowTablesQuery"].map(statementName)).toEqual([
      "INSERT",
      "ALTER",
      "DROP/TRUNCATE",
      "SET",
      "SHOWTABLES",
    ]);
  });
});

describe("query tree sources", () => {
  const TREE = [
    "QUERY id: 0",
    "  JOIN TREE",
    "    JOIN id: 9, strictness: ALL, kind: INNER",
    "      LEFT TABLE EXPRESSION",
    "        TABLE id: 10, alias: __table3, table_name: lrew_analytics.enterprises",
    "      RIGHT TABLE EXPRESSION",
    "        TABLE id: 11, alias: __table4, table_name: lrew.grievances",
    "        TABLE_FUNCTION id: 12, alias: __table5, table_function_name: numbers",
  ];
  it("lists resolved tables and table functions", () => {
    expect(sourcesOfQueryTree(TREE)).toEqual({ tables: ["lrew.grievances", "lrew_analytics.enterprises"], tableFunctions: ["numbers"] });
  });
  it("refuses anything outside the analytics database", () => {
    expect(refusal(() => checkSources(sourcesOfQueryTree(TREE), "lrew_analytics")).reason).toBe("table_function");
    expect(
      refusal(() => checkSources({ tables: ["lrew_analytics.a", "lrew.grievances"], tableFunctions: [] }, "lrew_analytics")).detail,
    ).toBe("lrew.grievances");
    // a database whose name merely starts like the analytics one
    expect(refusal(() => checkSources({ tables: ["lrew_analytics2.a"], tableFunctions: [] }, "lrew_analytics")).reason).toBe("table");
    expect(() => checkSources({ tables: ["lrew_analytics.a", "system.one"], tableFunctions: [] }, "lrew_analytics")).not.toThrow();
  });
});
