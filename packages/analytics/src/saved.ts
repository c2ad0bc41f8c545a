// Saved queries: `queries/<name>.sql` with a header of `--` comments:
//   -- vi: mô tả tiếng Việt
//   -- en: English description
//   -- param: name Type = default | mô tả | description      (default optional; one line per parameter)
// Parameters appear in the SQL as {name:Type}; values are bound server-side, never pasted in.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { BadInputError } from "@lrew/errors";
import type { Lang } from "@lrew/contracts";

export interface SavedParam {
  name: string;
  type: string;
  default?: string | undefined;
  description: { vi: string; en: string };
}

export interface SavedQuery {
  name: string;
  description: { vi: string; en: string };
  params: SavedParam[];
  sql: string;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/** Parses one saved query file. Pure. */
export function parseSavedQuery(name: string, text: string): SavedQuery {
  if (!NAME.test(name)) throw new BadInputError(`saved query name ${JSON.stringify(name)} must be lower-case words joined by -`);
  const description = { vi: "", en: "" };
  const params: SavedParam[] = [];
  for (const line of text.split("\n")) {
    const m = /^--\s*(vi|en|param):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, key, rest] = m;
    if (key === "vi" || key === "en") {
      description[key] = description[key] ? `${description[key]} ${rest!.trim()}` : rest!.trim();
      continue;
    }
    const p = /^([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z0-9_(), ']+?)\s*(?:=\s*([^|]*?))?\s*\|\s*([^|]*?)\s*\|\s*(.*)$/.exec(rest!.trim());
    if (!p) throw new BadInputError(`saved query ${name}: cannot read parameter line ${JSON.stringify(line.trim())}`);
    params.push({ name: p[1]!, type: p[2]!, default: p[3] || undefined, description: { vi: p[4]!, en: p[5]!.trim() } });
  }
  if (!description.vi || !description.en) throw new BadInputError(`saved query ${name}: needs "-- vi:" and "-- en:" description lines`);
  for (const p of params) {
    if (!text.includes(`{${p.name}:${p.type}}`))
      throw new BadInputError(`saved query ${name}: parameter ${p.name} is not used as {${p.name}:${p.type}}`);
  }
  return { name, description, params, sql: text };
}

/** Every saved query of a folder, by name. */
export function loadSavedQueries(dir: string): SavedQuery[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => parseSavedQuery(f.slice(0, -4), readFileSync(path.join(dir, f), "utf8")));
}

/** Values for a saved query: given ones, else defaults; a missing value without default is BadInputError. Pure. */
export function savedQueryParams(q: SavedQuery, given: Record<string, string>): Record<string, string> {
  const known = new Set(q.params.map((p) => p.name));
  const unknown = Object.keys(given).filter((k) => !known.has(k));
  if (unknown.length) throw new BadInputError(`saved query ${q.name} has no parameter ${unknown.join(", ")}`);
  const out: Record<string, string> = {};
  for (const p of q.params) {
    const v = given[p.name] ?? p.default;
    if (v === undefined) throw new BadInputError(`saved query ${q.name} needs --param ${p.name}=… (${p.type})`);
    out[p.name] = v;
  }
  return out;
}

/** The `--list` text. Pure. */
export function listSavedQueries(queries: readonly SavedQuery[], lang: Lang): string {
  const lines: string[] = [];
  for (const q of queries) {
    lines.push(`${q.name}`, `    ${q.description[lang]}`);
    for (const p of q.params) {
      const def = p.default !== undefined ? ` = ${p.default}` : "";
      lines.push(`    --param ${p.name}=<${p.type}>${def}  ${p.description[lang]}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** `name=value` pairs of --param into an object; the first "=" splits. Pure. */
export function parseParamArgs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new BadInputError(`--param ${JSON.stringify(pair)}: expected name=value`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/** Saved queries name `lrew_analytics`; another CLICKHOUSE_DATABASE gets its own analytics database. Pure. */
export function retargetSql(sql: string, analyticsDb: string): string {
  return analyticsDb === "lrew_analytics" ? sql : sql.replace(/\blrew_analytics\./g, `${analyticsDb}.`);
}
