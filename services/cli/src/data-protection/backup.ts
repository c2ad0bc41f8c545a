// `./lrew backup` and `./lrew restore`: ClickHouse's own BACKUP of lrew's databases, the state files
// that matter, the sink's Kafka offsets at backup time, and a manifest (tables, row counts,
// checksums; files with their SHA-256). A restore goes onto an empty state directory only, checks
// every table against the manifest, applies every erasure (the backup's and those recorded in Kafka
// since) and gives the sink back its offsets, so the restored pipeline re-reads what arrived after
// the backup; the sink's exactly-once storage keeps that from doubling. See docs/operations.md#backup-and-restore.
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hmacKeys, type LrewConfig } from "@lrew/config";
import { STREAM_NAMES, topicOf } from "@lrew/contracts";
import { describe as describeError, FatalError } from "@lrew/errors";
import { groupOffsets, setGroupOffsets, type CommittedOffset } from "@lrew/kafka";
import {
  applyErasures,
  applySummaryRetention,
  backupDatabases,
  checksumDifferences,
  insertErasures,
  migrate,
  openWarehouse,
  restoreDatabases,
  selectErasures,
  storedTableNames,
  tableChecksums,
  type ErasureReport,
  type TableChecksum,
  type Warehouse,
} from "@lrew/warehouse";
import { readErasures } from "./erasure-topic.ts";

export const MANIFEST = "manifest.json";
export const MANIFEST_FORMAT = "lrew-backup/1";

/** State under $LREW_HOME worth keeping (files or folders); ClickHouse's data goes through BACKUP. */
export const STATE_FILES = [
  "secrets", // HMAC key and retired keys (when not set in the environment)
  "api-key",
  "dashboard-token",
  "analyst-token",
  "models", // fitted models
  "simulation/reference", // areas and union units (the notifier's routing)
  "demo-loaded.json",
];

/** What a restore may find in a state directory it is given: the local broker's data and logs. */
const ALLOWED_IN_EMPTY_HOME = new Set(["kafka", "logs"]);

export interface BackupFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  created_at: string;
  clickhouse: { mode: "embedded" | "server"; database: string; tables: TableChecksum[]; erasures: number };
  files: BackupFile[];
  /** The sink's committed offsets when the backup began (its data are at least that far), or why they are missing. */
  kafka: { group: string; topic_prefix: string; offsets: CommittedOffset[] } | { group: string; topic_prefix: string; error: string };
}

function sha256Of(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function filesUnder(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs)
    .sort()
    .flatMap((name) => filesUnder(root, path.join(rel, name)));
}

function streamTopics(config: LrewConfig): string[] {
  return STREAM_NAMES.map((s) => topicOf(s, config.kafka.topicPrefix));
}

/** `dir` must be absent or empty. */
function requireEmptyDir(dir: string, what: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new FatalError(`${what} ${dir} is not empty`);
}

/**
 * Backs lrew up into `out` (absent or empty). With embedded ClickHouse nothing else may have it
 * open (stop `./lrew start`); with a server, stop the sink meanwhile so the manifest's checksums
 * describe what BACKUP copied.
 */
export async function backup(config: LrewConfig, out: string): Promise<Manifest> {
  const dir = path.resolve(out);
  requireEmptyDir(dir, "the backup directory");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const group = config.sink.groupId;
  const topic_prefix = config.kafka.topicPrefix;
  // Offsets first: the sink commits only after storing, so the data backed up next reach at least this far.
  let kafka: Manifest["kafka"];
  try {
    kafka = { group, topic_prefix, offsets: await groupOffsets(config.kafka, group, streamTopics(config)) };
  } catch (err) {
    kafka = { group, topic_prefix, error: describeError(err) };
  }
  const wh = await openWarehouse({ ...config.clickhouse, backupPath: dir });
  let tables: TableChecksum[];
  let erasures: number;
  try {
    await backupDatabases(wh, path.join(dir, "clickhouse"));
    tables = await tableChecksums(wh);
    erasures = (await selectErasures(wh).catch(() => [])).length;
  } finally {
    await wh.close();
  }
  const files: BackupFile[] = [];
  for (const rel of STATE_FILES.flatMap((f) => filesUnder(config.home, f))) {
    const target = path.join(dir, "state", rel);
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(path.join(config.home, rel), target);
    chmodSync(target, 0o600);
    files.push({ path: rel, bytes: statSync(target).size, sha256: sha256Of(target) });
  }
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    created_at: new Date().toISOString(),
    clickhouse: { mode: config.clickhouse.url ? "server" : "embedded", database: config.clickhouse.database, tables, erasures },
    files,
    kafka,
  };
  writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new FatalError(`${file} not found: not an lrew backup`);
  const m = JSON.parse(readFileSync(file, "utf8")) as Manifest;
  if (m.format !== MANIFEST_FORMAT) throw new FatalError(`${file}: format ${JSON.stringify(m.format)}, expected ${MANIFEST_FORMAT}`);
  return m;
}

/** ClickHouse and the files are restored, but Kafka's part (erasures since, the sink's offsets) failed. */
export class KafkaStepError extends FatalError {
  constructor(cause: unknown) {
    super(describeError(cause), { cause });
    this.name = "KafkaStepError";
  }
}

export interface RestoreOutcome {
  manifest: Manifest;
  tables: TableChecksum[];
  erasures: ErasureReport;
  /** Erasures recorded in Kafka that the backup did not have. */
  erasuresFromKafka: number;
  offsets: CommittedOffset[];
}

/** Refuses a state directory (or a ClickHouse server database) that holds anything already. */
async function requireEmptyTarget(wh: Warehouse): Promise<void> {
  const tables = await storedTableNames(wh);
  if (tables.length > 0) throw new FatalError(`ClickHouse already holds lrew's tables (${tables.slice(0, 3).join(", ")}…)`);
}

function requireEmptyHome(config: LrewConfig): void {
  if (!existsSync(config.home)) return;
  const found = readdirSync(config.home).filter((n) => !ALLOWED_IN_EMPTY_HOME.has(n));
  if (found.length > 0) throw new FatalError(`the state directory ${config.home} is not empty (${found.slice(0, 5).join(", ")})`);
}

/** Restores a backup onto an empty state directory; see the file's first comment. */
export async function restore(config: LrewConfig, from: string): Promise<RestoreOutcome> {
  const dir = path.resolve(from);
  const manifest = readManifest(dir);
  if (manifest.clickhouse.database !== config.clickhouse.database)
    throw new FatalError(`the backup is of database ${manifest.clickhouse.database}, CLICKHOUSE_DATABASE is ${config.clickhouse.database}`);
  requireEmptyHome(config);
  for (const f of manifest.files) {
    const source = path.join(dir, "state", f.path);
    if (!existsSync(source) || sha256Of(source) !== f.sha256) throw new FatalError(`backup file state/${f.path} is missing or altered`);
  }
  mkdirSync(config.home, { recursive: true });
  const wh = await openWarehouse({ ...config.clickhouse, backupPath: dir });
  try {
    await requireEmptyTarget(wh);
    for (const f of manifest.files) {
      const target = path.join(config.home, f.path);
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      copyFileSync(path.join(dir, "state", f.path), target);
      chmodSync(target, 0o600);
    }
    await restoreDatabases(wh, path.join(dir, "clickhouse"));
    const tables = await tableChecksums(wh);
    const problems = checksumDifferences(manifest.clickhouse.tables, tables);
    if (problems.length > 0) throw new FatalError(`the restored tables differ from the backup's manifest: ${problems.join("; ")}`);
    await migrate(wh);
    await applySummaryRetention(wh, config.retention.summaryDays);
    try {
      return { manifest, tables, ...(await reconnectToKafka(config, wh, manifest)) };
    } catch (err) {
      throw new KafkaStepError(err);
    }
  } finally {
    await wh.close();
  }
}

/** Only the Kafka step of a restore, when Kafka did not answer during it: `./lrew restore <dir> --kafka-only`. */
export async function restoreKafkaStep(
  config: LrewConfig,
  from: string,
): Promise<{ manifest: Manifest; erasures: ErasureReport; erasuresFromKafka: number; offsets: CommittedOffset[] }> {
  const manifest = readManifest(path.resolve(from));
  const wh = await openWarehouse(config.clickhouse);
  try {
    return { manifest, ...(await reconnectToKafka(config, wh, manifest)) };
  } finally {
    await wh.close();
  }
}

/**
 * What the restored warehouse needs from Kafka: the erasures recorded there since the backup
 * (applied with the backup's own), and the sink's offsets as the backup recorded them.
 */
async function reconnectToKafka(
  config: LrewConfig,
  wh: Warehouse,
  manifest: Manifest,
): Promise<{ erasures: ErasureReport; erasuresFromKafka: number; offsets: CommittedOffset[] }> {
  const known = new Set((await selectErasures(wh)).map((e) => e.digest));
  const fromKafka = (await readErasures(config.kafka)).filter((e) => !known.has(e.digest));
  if (fromKafka.length > 0) await insertErasures(wh, fromKafka);
  const erasures = await applyErasures(wh, hmacKeys(config).all);
  if ("error" in manifest.kafka) throw new FatalError(`the backup has no Kafka offsets (${manifest.kafka.error}); set the sink's by hand`);
  if (manifest.kafka.topic_prefix !== config.kafka.topicPrefix)
    throw new FatalError(`the backup's topics are under ${manifest.kafka.topic_prefix}, LREW_TOPIC_PREFIX is ${config.kafka.topicPrefix}`);
  await setGroupOffsets(config.kafka, manifest.kafka.group, manifest.kafka.offsets);
  return { erasures, erasuresFromKafka: fromKafka.length, offsets: manifest.kafka.offsets };
}
