// docs/configuration.md cannot rot: its tables are what write-configuration-doc.ts renders from the
// configuration schema and variables.ts, and every variable the schema reads is described there.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, envSchema, parseConfig } from "./config.ts";
import { CONFIG_VARIABLE_DOCS, OTHER_VARIABLE_DOCS, type ConfigVariable } from "./variables.ts";
import {
  BEGIN_MARKER,
  CONFIGURATION_DOC,
  END_MARKER,
  REGENERATE_COMMAND,
  renderConfigurationTables,
  schemaDefault,
  spliceGenerated,
} from "./write-configuration-doc.ts";

const TABLES = renderConfigurationTables();

/** The table row of a variable, split into its cells. */
function row(variable: string): string[] {
  const lines = TABLES.split("\n").filter((l) => l.startsWith(`| \`${variable}\` |`));
  expect(lines, variable).toHaveLength(1);
  return lines[0]!
    .split(/(?<!\\)\|/)
    .map((c) => c.trim())
    .slice(1, -1);
}

describe("the described variables", () => {
  it("describe exactly the variables of the configuration schema", () => {
    expect(Object.keys(CONFIG_VARIABLE_DOCS).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it("give an 'unset' text only where the schema has no default", () => {
    const contradicting = (Object.keys(CONFIG_VARIABLE_DOCS) as ConfigVariable[]).filter(
      (v) => CONFIG_VARIABLE_DOCS[v].unset !== undefined && schemaDefault(v) !== undefined,
    );
    expect(contradicting).toEqual([]);
  });

  it("keep the variables read elsewhere apart from the schema's", () => {
    expect(Object.keys(OTHER_VARIABLE_DOCS).filter((v) => v in envSchema.shape)).toEqual([]);
  });
});

describe("renderConfigurationTables", () => {
  it("has one row per variable, the ones the old hand-written table missed included", () => {
    for (const v of [...CONFIG_VARIABLES, ...Object.keys(OTHER_VARIABLE_DOCS)]) row(v);
    expect(row("KAFKA_CLIENT_ID")[1]).toBe("`lrew`");
    expect(row("LREW_NOTIFIER_SESSION_TIMEOUT_MS")[1]).toBe("`30000`");
  });

  it("shows the schema's defaults as they are written in the environment", () => {
    const defaults = parseConfig({}, "/repo");
    expect(row("LREW_INGEST_PORT")[1]).toBe(`\`${defaults.ingest.port}\``);
    expect(row("LREW_DEMO")[1]).toBe("`1`");
    expect(row("LREW_ALERT_NOTIFY_LOWERED")[1]).toBe("`0`");
    expect(row("CLICKHOUSE_PASSWORD")[1]).toBe("empty");
    expect(row("LREW_SCORER_FREQUENT")[1]).toBe(`\`${defaults.scorer.frequent}\``);
    expect(row("CLICKHOUSE_URL")[1]).toBe(CONFIG_VARIABLE_DOCS.CLICKHOUSE_URL.unset);
    expect(row("LREW_SMTP_USER")[1]).toBe("no login");
  });

  it("escapes what would break a table cell", () => {
    expect(
      TABLES.split("\n")
        .filter((l) => l.startsWith("| `"))
        .every((l) => l.split(/(?<!\\)\|/).length === 5),
    ).toBe(true);
  });
});

describe("spliceGenerated", () => {
  it("replaces only what lies between the markers", () => {
    const page = `# Title\n\nintro\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nafter\n`;
    expect(spliceGenerated(page, "new table\n")).toBe(`# Title\n\nintro\n\n${BEGIN_MARKER}\n\nnew table\n\n${END_MARKER}\n\nafter\n`);
  });

  it("is stable: splicing its own output again changes nothing", () => {
    const once = spliceGenerated(`${BEGIN_MARKER}\n${END_MARKER}\n`, TABLES);
    expect(spliceGenerated(once, TABLES)).toBe(once);
  });

  it("refuses a page without the markers", () => {
    expect(() => spliceGenerated("# no markers\n", TABLES)).toThrow(BEGIN_MARKER);
    expect(() => spliceGenerated(`${END_MARKER}\n${BEGIN_MARKER}\n`, TABLES)).toThrow(BEGIN_MARKER);
  });
});

describe("docs/configuration.md", () => {
  it(`is what the configuration schema generates (regenerate with: ${REGENERATE_COMMAND})`, () => {
    const committed = readFileSync(CONFIGURATION_DOC, "utf8");
    expect(committed, `docs/configuration.md is out of date: run ${REGENERATE_COMMAND}`).toBe(spliceGenerated(committed, TABLES));
  });
});
