// Numbered SQL migrations (migrations/NNNN_name.sql), applied in order and recorded in
// schema_migrations. The same files serve embedded, single-server and cluster deployments through
// placeholders that renderMigration expands:
//   {{db}}                         the database
//   {{on_cluster}}                 '' or ' ON CLUSTER `name`'
//   {{XMergeTree(args)}}           engine; on a cluster Replicated...MergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', args)
//   {{dedup_window(N)}}            non_replicated_deduplication_window = N, or on a cluster
//                                  replicated_deduplication_window = N, replicated_deduplication_window_seconds = 604800
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FatalError } from "@lrew/errors";
import { createLogger } from "@lrew/telemetry";
import type { Warehouse } from "./client.ts";
import { insertInto, runCommand, selectRows } from "./query.ts";
import { formatUtc } from "./time.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../migrations/", import.meta.url));
export const MIGRATIONS_TABLE = "schema_migrations";
/** How long a replicated table remembers insert tokens: a sink down for a week still retries safely. */
export const REPLICATED_DEDUP_SECONDS = 604_800;

const log = createLogger("warehouse.migrate");

export interface RenderTarget {
  database: string;
  cluster?: string | undefined;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*(?:\(([^(){}]*)\))?\s*\}\}/g;
const ENGINE = /^(|Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing)MergeTree$/;

/** Expands the placeholders of a migration for one target. Unknown placeholders are a FatalError. Pure. */
export function renderMigration(sql: string, target: RenderTarget): string {
  const cluster = target.cluster ? target.cluster : undefined;
  const out = sql.replace(PLACEHOLDER, (whole, name: string, rawArgs: string | undefined) => {
    const args = rawArgs?.trim() ?? "";
    if (name === "db" && rawArgs === undefined) return target.database;
    if (name === "on_cluster" && rawArgs === undefined) return cluster ? ` ON CLUSTER \`${cluster}\`` : "";
    if (name === "dedup_window" && /^\d+$/.test(args)) {
      // Replicated tables deduplicate by default, but only the last 3600 s in recent releases: keep a week.
      return cluster
        ? `replicated_deduplication_window = ${args}, replicated_deduplication_window_seconds = ${REPLICATED_DEDUP_SECONDS}`
        : `non_replicated_deduplication_window = ${args}`;
    }
    const engine = ENGINE.exec(name);
    if (engine && rawArgs !== undefined) {
      if (!cluster) return `${name}(${args})`;
      const zk = `'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'`;
      return `Replicated${name}(${zk}${args ? `, ${args}` : ""})`;
    }
    throw new FatalError(`unknown migration placeholder ${whole}`);
  });
  if (out.includes("{{"))
    throw new FatalError(
      `unexpanded placeholder in migration near ${JSON.stringify(out.slice(out.indexOf("{{"), out.indexOf("{{") + 40))}`,
    );
  return out;
}

/**
 * Splits SQL text into statements at `;` outside strings ('...', "...", `...`) and comments
 * (-- ..., # ..., /* ... *\/). Statements that are only comments or blank are dropped. Pure.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const n = sql.length;
  const push = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (hasCode && text) statements.push(text);
    hasCode = false;
  };
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "-" && next === "-") {
      i = lineEnd(sql, i);
    } else if (c === "#" && (next === " " || next === "!")) {
      i = lineEnd(sql, i);
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      if (close < 0) throw new FatalError("unterminated /* comment in migration");
      i = close + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      i = quotedEnd(sql, i, c);
      hasCode = true;
    } else if (c === ";") {
      push(i);
      i += 1;
      start = i;
    } else {
      if (c !== undefined && !/\s/.test(c)) hasCode = true;
      i += 1;
    }
  }
  push(n);
  return statements;
}

function lineEnd(sql: string, from: number): number {
  const nl = sql.indexOf("\n", from);
  return nl < 0 ? sql.length : nl + 1;
}

/** Index just after the closing quote; handles backslash escapes and doubled quotes. */
function quotedEnd(sql: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "\\") {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  throw new FatalError(`unterminated ${quote} quote in migration`);
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** sha256 of the file text with line endings normalised, so a checkout on Windows is not a change. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n"), "utf8").digest("hex");
}

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The migration files of dir, in order; duplicate numbers are a FatalError. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const seen = new Map<string, string>();
  return names.map((name) => {
    const m = FILE_NAME.exec(name);
    if (!m) throw new FatalError(`migration file name ${name} must look like 0001_name.sql`);
    const prior = seen.get(m[1]!);
    if (prior) throw new FatalError(`migrations ${prior} and ${name} share the number ${m[1]}`);
    seen.set(m[1]!, name);
    const sql = readFileSync(join(dir, name), "utf8");
    return { name, sql, checksum: checksumOf(sql) };
  });
}

function migrationsTableSql(): string {
  return `CREATE TABLE IF NOT EXISTS {{db}}.${MIGRATIONS_TABLE}{{on_cluster}} (
  name String,
  checksum String,
  applied_at DateTime64(3, 'UTC')
) ENGINE = {{MergeTree()}} ORDER BY name`;
}

/** Applies the migrations not applied yet, in order; returns their names. Idempotent. */
export async function migrate(wh: Warehouse, opts: { onApplied?: (name: string) => void; migrationsDir?: string } = {}): Promise<string[]> {
  const target: RenderTarget = { database: wh.database, cluster: wh.cluster };
  const files = loadMigrations(opts.migrationsDir);
  await runCommand(wh, renderMigration(migrationsTableSql(), target), `cannot create ${MIGRATIONS_TABLE}`);
  const recorded = await selectRows<{ name: string; checksum: string }>(
    wh,
    `SELECT name, any(checksum) AS checksum FROM {{db}}.${MIGRATIONS_TABLE} GROUP BY name`,
    {},
    `cannot read ${MIGRATIONS_TABLE}`,
  );
  const applied = new Map(recorded.map((r) => [r.name, r.checksum]));

  for (const f of files) {
    const recorded = applied.get(f.name);
    if (recorded !== undefined && recorded !== f.checksum) {
      throw new FatalError(
        `migration ${f.name} was changed after it was applied (checksum ${recorded} applied, ${f.checksum} on disk): add a new migration instead`,
      );
    }
  }
  const known = new Set(files.map((f) => f.name));
  for (const name of applied.keys()) {
    if (!known.has(name)) log.warn({ migration: name }, "applied migration has no file here (newer code deployed elsewhere?)");
  }

  const done: string[] = [];
  for (const f of files) {
    if (applied.has(f.name)) continue;
    const statements = splitStatements(renderMigration(f.sql, target));
    for (const [i, statement] of statements.entries()) {
      await runCommand(wh, statement, `migration ${f.name} statement ${i + 1}`);
    }
    await insertInto(wh, MIGRATIONS_TABLE, [{ name: f.name, checksum: f.checksum, applied_at: formatUtc(new Date()) }], {
      deduplicate: false,
    });
    log.info({ migration: f.name, statements: statements.length }, "migration applied");
    done.push(f.name);
    opts.onApplied?.(f.name);
  }
  return done;
}
