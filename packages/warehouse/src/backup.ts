// ClickHouse's own BACKUP and RESTORE of lrew's two databases (the tables and their views, the
// analysts' views), and what proves a restore complete: every table's row count and checksum.
// Embedded ClickHouse needs the warehouse opened with `backupPath` (its `backups.allowed_path`);
// a server needs `backups.allowed_path` in its own configuration, naming a directory it can write.
import { FatalError } from "@lrew/errors";
import type { Warehouse } from "./client.ts";
import { runCommand, selectRows } from "./query.ts";

/** lrew's databases: the warehouse's and the analysts' views beside it. */
export function lrewDatabases(wh: Warehouse): string[] {
  return [wh.database, `${wh.database}_analytics`];
}

function fileDestination(dir: string): string {
  if (dir.includes("'") || dir.includes("\\")) throw new FatalError(`backup directory ${JSON.stringify(dir)} may not contain ' or \\`);
  return `File('${dir.replace(/\/+$/, "")}/')`;
}

/** BACKUP of both databases, consistent per table, into `dir` (which must not exist yet). */
export async function backupDatabases(wh: Warehouse, dir: string): Promise<void> {
  const what = lrewDatabases(wh)
    .map((db) => `DATABASE ${db}`)
    .join(", ");
  await runCommand(wh, `BACKUP ${what} TO ${fileDestination(dir)}`, `cannot back up to ${dir}`);
}

/** RESTORE of both databases from a backup made by backupDatabases; they must be empty. */
export async function restoreDatabases(wh: Warehouse, dir: string): Promise<void> {
  const what = lrewDatabases(wh)
    .map((db) => `DATABASE ${db}`)
    .join(", ");
  await runCommand(wh, `RESTORE ${what} FROM ${fileDestination(dir)}`, `cannot restore from ${dir}`);
}

export interface TableChecksum {
  database: string;
  table: string;
  rows: number;
  /** sum of cityHash64 over every row's columns, as a decimal string (order of rows and parts does not matter). */
  checksum: string;
}

/** Every stored table of lrew's databases (views excluded: they store nothing) with its row count and checksum. */
export async function tableChecksums(wh: Warehouse): Promise<TableChecksum[]> {
  const tables = await selectRows<{ database: string; name: string }>(
    wh,
    `SELECT database, name FROM system.tables
     WHERE database IN {dbs:Array(String)} AND engine LIKE '%MergeTree%'
     ORDER BY database, name`,
    { dbs: lrewDatabases(wh) },
    "cannot list the tables",
  );
  const out: TableChecksum[] = [];
  for (const t of tables) {
    const [r] = await selectRows<{ rows: number; checksum: string }>(
      wh,
      `SELECT count() AS rows, toString(sum(cityHash64(*))) AS checksum FROM ${t.database}.${t.name}`,
      {},
      `cannot checksum ${t.database}.${t.name}`,
    );
    out.push({ database: t.database, table: t.name, rows: r?.rows ?? 0, checksum: r?.checksum ?? "0" });
  }
  return out;
}

/** The tables of lrew's databases (views included): a restore needs none there. */
export async function storedTableNames(wh: Warehouse): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    wh,
    "SELECT concat(database, '.', name) AS name FROM system.tables WHERE database IN {dbs:Array(String)} ORDER BY name",
    { dbs: lrewDatabases(wh) },
    "cannot list the tables",
  );
  return rows.map((r) => r.name);
}

/** Pure: how the restored tables differ from the manifest's (missing, extra, or other rows / checksum). */
export function checksumDifferences(expected: readonly TableChecksum[], actual: readonly TableChecksum[]): string[] {
  const key = (t: TableChecksum) => `${t.database}.${t.table}`;
  const got = new Map(actual.map((t) => [key(t), t]));
  const problems: string[] = [];
  for (const e of expected) {
    const a = got.get(key(e));
    if (!a) problems.push(`${key(e)}: missing`);
    else if (a.rows !== e.rows || a.checksum !== e.checksum)
      problems.push(`${key(e)}: ${a.rows} rows (checksum ${a.checksum}), expected ${e.rows} (checksum ${e.checksum})`);
    got.delete(key(e));
  }
  for (const extra of got.keys()) problems.push(`${extra}: not in the backup`);
  return problems;
}
