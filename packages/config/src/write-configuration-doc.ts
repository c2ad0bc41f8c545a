// Writes the table of environment variables into docs/configuration.md, between the markers
// `<!-- config:begin -->` and `<!-- config:end -->`, from the configuration schema (defaults) and
// variables.ts (meanings). Run after adding or changing a variable:
//   ./lrew pnpm exec node packages/config/src/write-configuration-doc.ts
// A unit test (configuration-doc.test.ts) fails when the committed page differs from what this writes.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { envSchema } from "./config.ts";
import { CONFIG_VARIABLE_DOCS, OTHER_VARIABLE_DOCS, SECTIONS, type ConfigVariable } from "./variables.ts";

export const CONFIGURATION_DOC = fileURLToPath(new URL("../../../docs/configuration.md", import.meta.url));
export const BEGIN_MARKER = "<!-- config:begin -->";
export const END_MARKER = "<!-- config:end -->";
export const REGENERATE_COMMAND = "./lrew pnpm exec node packages/config/src/write-configuration-doc.ts";

/** The schema's default of a variable as it would be written in the environment; undefined without one. */
export function schemaDefault(variable: ConfigVariable): string | undefined {
  const field = envSchema.shape[variable];
  if (!(field instanceof z.ZodDefault)) return undefined;
  const value: unknown = field.def.defaultValue;
  // The boolean variables accept 1/0 (and true/false, yes/no, on/off); 1/0 is what the docs show.
  if (typeof value === "boolean") return value ? "1" : "0";
  return String(value);
}

/** Text safe inside one Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function defaultCell(variable: ConfigVariable): string {
  const value = schemaDefault(variable);
  if (value === "") return "empty";
  if (value !== undefined) return `\`${value}\``;
  return CONFIG_VARIABLE_DOCS[variable].unset ?? "unset";
}

const TABLE_HEAD = "| variable | default | meaning |\n|---|---|---|\n";

/** Pure: the Markdown written between the markers: one table per section, then the variables read elsewhere. */
export function renderConfigurationTables(): string {
  const variables = Object.keys(CONFIG_VARIABLE_DOCS) as ConfigVariable[];
  const parts = SECTIONS.map((section) => {
    const rows = variables
      .filter((v) => CONFIG_VARIABLE_DOCS[v].section === section)
      .map((v) => `| \`${v}\` | ${cell(defaultCell(v))} | ${cell(CONFIG_VARIABLE_DOCS[v].meaning)} |\n`);
    return `### ${section}\n\n${TABLE_HEAD}${rows.join("")}`;
  });
  const others = Object.entries(OTHER_VARIABLE_DOCS).map(([v, d]) => `| \`${v}\` | ${cell(d.default)} | ${cell(d.meaning)} |\n`);
  parts.push(`### Read outside the configuration (launcher, command line, local broker, fault tests)\n\n${TABLE_HEAD}${others.join("")}`);
  return parts.join("\n");
}

/**
 * Pure: `doc` with what lies between the markers replaced by `generated`. Throws when the markers are
 * missing. The one way lrew's generated pages are written (also the bench's figures).
 */
export function spliceGenerated(doc: string, generated: string, markers = { begin: BEGIN_MARKER, end: END_MARKER }): string {
  const begin = doc.indexOf(markers.begin);
  const end = doc.indexOf(markers.end);
  if (begin < 0 || end < begin) throw new Error(`expected ${markers.begin} … ${markers.end} in the page`);
  return `${doc.slice(0, begin + markers.begin.length)}\n\n${generated}\n${doc.slice(end)}`;
}

/** Rewrites the page's generated part; returns true when it changed. */
export function writeConfigurationDoc(file: string = CONFIGURATION_DOC): boolean {
  const before = readFileSync(file, "utf8");
  const after = spliceGenerated(before, renderConfigurationTables());
  if (after === before) return false;
  writeFileSync(file, after, "utf8");
  return true;
}

const runAsScript =
  (import.meta as { main?: boolean }).main ??
  (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url));

if (runAsScript) {
  const file = process.argv[2] ? resolve(process.argv[2]) : CONFIGURATION_DOC;
  process.stdout.write(writeConfigurationDoc(file) ? `wrote ${file}\n` : `${file} is up to date\n`);
}
