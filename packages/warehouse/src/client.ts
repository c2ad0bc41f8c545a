// The client factory: embedded chDB by default, a ClickHouse server (or cluster) when a URL is set.
// The same SQL and the same @clickhouse/client API run on both.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimDataDirectory } from "./owner-lock.ts";
import { resolve } from "node:path";
import { createClient, type ClickHouseClient } from "@clickhouse/client";
import { Session } from "chdb";
import { createChdbConnection } from "chdb/connection";
import { ConfigError, FatalError } from "@lrew/errors";
import { createLogger } from "@lrew/telemetry";
import { toLrewError } from "./errors.ts";
import { withOutageFault } from "./outage.ts";
import { runCommand } from "./query.ts";

export interface WarehouseSettings {
  /** ClickHouse HTTP(S) URL; absent = embedded chDB at embeddedPath. */
  url?: string;
  username: string;
  password: string;
  database: string;
  /** Cluster name for ON CLUSTER DDL and Replicated engines; server mode only. */
  cluster?: string;
  /** Data directory of embedded ClickHouse (one per process). */
  embeddedPath: string;
  /**
   * Embedded only: a directory BACKUP and RESTORE may use (ClickHouse's `backups.allowed_path`,
   * given to the engine in a configuration file when it starts). A server has its own setting.
   */
  backupPath?: string;
}

export interface Warehouse {
  client: ClickHouseClient;
  database: string;
  embedded: boolean;
  cluster?: string;
  close(): Promise<void>;
}

/** Whether ClickHouse answers a ping now (never throws): what readiness endpoints report. */
export async function warehouseAnswers(wh: Warehouse): Promise<boolean> {
  return wh.client.ping().then(
    (r) => r.success,
    () => false,
  );
}

/**
 * Embedded ClickHouse only: after a failed query, a chDB session can hand that query's partial output
 * to the next one; a trivial statement in between clears it. Never throws.
 */
export async function settleAfterError(wh: Warehouse): Promise<void> {
  if (wh.embedded) await wh.client.command({ query: "SELECT 1" }).catch(() => undefined);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLUSTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

const log = createLogger("warehouse");

/** Checks the settings that SQL will be built from; throws ConfigError naming every bad one. */
export function checkSettings(s: WarehouseSettings): void {
  const problems: string[] = [];
  if (!IDENTIFIER.test(s.database)) problems.push(`database ${JSON.stringify(s.database)} must match ${IDENTIFIER}`);
  if (s.cluster !== undefined && s.cluster !== "") {
    if (!CLUSTER_NAME.test(s.cluster)) problems.push(`cluster ${JSON.stringify(s.cluster)} must match ${CLUSTER_NAME}`);
    if (!s.url) problems.push("cluster is set but url is not: embedded ClickHouse cannot run a cluster");
  }
  if (!s.url && !s.embeddedPath) problems.push("embeddedPath is required when url is not set");
  if (problems.length > 0) throw new ConfigError(`warehouse settings: ${problems.join("; ")}`);
}

export async function openWarehouse(s: WarehouseSettings): Promise<Warehouse> {
  checkSettings(s);
  const cluster = s.cluster ? s.cluster : undefined;
  let client: ClickHouseClient;
  let release: () => void = () => {};
  if (s.url) {
    client = createClient({
      url: s.url,
      username: s.username,
      password: s.password,
      application: "lrew",
    });
  } else {
    const path = resolve(s.embeddedPath);
    mkdirSync(path, { recursive: true });
    release = claimDataDirectory(path);
    // chdb types its connection against @clickhouse/client-common 1.23.0, the client bundles its own
    // copy of the same interface: identical at runtime, distinct to the type checker.
    let connection: NonNullable<Parameters<typeof createClient>[0]>["connection"];
    try {
      if (s.backupPath) release = withBackupSession(path, resolve(s.backupPath), release);
      connection = createChdbConnection({ path }) as unknown as typeof connection;
    } catch (err) {
      release();
      // e.g. a second, different data directory in this process (chDB binds one per process)
      throw new FatalError(`cannot open embedded ClickHouse at ${path}: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    }
    client = createClient({ connection });
  }
  client = withOutageFault(client);
  const wh: Warehouse = {
    client,
    database: s.database,
    embedded: !s.url,
    ...(cluster ? { cluster } : {}),
    close: async () => {
      await client.close();
      release();
    },
  };
  try {
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${s.database}${onCluster(cluster)}` });
  } catch (err) {
    await client.close().catch(() => undefined);
    release();
    throw toLrewError(err, `cannot create database ${s.database}`);
  }
  log.info({ database: s.database, embedded: wh.embedded, cluster }, "warehouse open");
  return wh;
}

/**
 * Starts the embedded engine at `path` with a configuration that allows BACKUP and RESTORE in
 * `backupPath` (chDB reads a configuration file only when the engine starts, so this session opens
 * first and the client's connection then shares its engine). Returns the release that also closes it.
 */
function withBackupSession(path: string, backupPath: string, release: () => void): () => void {
  const dir = mkdtempSync(join(tmpdir(), "lrew-chdb-config-"));
  const file = join(dir, "backups.xml");
  const xmlPath = `${backupPath.replace(/\/+$/, "")}/`.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
  writeFileSync(file, `<clickhouse><backups><allowed_path>${xmlPath}</allowed_path></backups></clickhouse>\n`);
  const session = new Session(path, { connectionArgs: [`--config-file=${file}`] });
  return () => {
    try {
      session.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      release();
    }
  };
}

/** Drops the warehouse's database (throw-away databases: backtest provinces, tests); the client stays open. */
export function dropDatabase(wh: Warehouse): Promise<void> {
  return runCommand(wh, `DROP DATABASE IF EXISTS {{db}}${onCluster(wh.cluster)}`, `cannot drop database ${wh.database}`);
}

/** ` ON CLUSTER `name`` or the empty string. */
export function onCluster(cluster: string | undefined): string {
  return cluster ? ` ON CLUSTER \`${cluster}\`` : "";
}
