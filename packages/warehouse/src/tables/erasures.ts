// erasures: the erasure list (migration 0070) and what applies it. A complainant's grievances keep
// their de-identified rows (counts, features and history do not change) but lose everything that
// identifies or links them: summary and complainant_ref become NULL, the provider's grievance_id
// becomes 'erased:' + a keyed digest. The same matching (ErasureList) decides for the sink, one row
// at a time, and for applyErasures, over the stored tables (`./lrew erase`, restore).
import { createHmac, randomUUID } from "node:crypto";
import { FatalError } from "@lrew/errors";
import { createLogger } from "@lrew/telemetry";
import type { Warehouse } from "../client.ts";
import { onCluster } from "../client.ts";
import { insertInto, runCommand, selectRows } from "../query.ts";
import { DAILY_AGGREGATES } from "./daily-aggregates.ts";
import { GRIEVANCES_TABLE } from "./grievances.ts";

export const ERASURES_TABLE = "erasures";
/** What an erased grievance's grievance_id starts with. */
export const ERASED_PREFIX = "erased:";

export type ErasureKind = "complainant" | "grievance";

export interface ErasureEntry {
  digest: string;
  kind: ErasureKind;
  erasure_id: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  erased_at: string;
  enterprise_id: string;
}

const SEPARATOR = "\u001f";

/** Keyed digest of what an erasure covers: `p1:` + 40 hex of HMAC-SHA256(key, kind ␟ value). Pure. */
export function erasureDigest(kind: ErasureKind, value: string, key: string): string {
  if (!key) throw new FatalError("erasureDigest: the HMAC key must be a non-empty string");
  return `p1:${createHmac("sha256", key).update(`${kind}${SEPARATOR}${value}`, "utf8").digest("hex").slice(0, 40)}`;
}

function grievanceValue(enterpriseId: string, grievanceId: string): string {
  return `${enterpriseId}${SEPARATOR}${grievanceId}`;
}

/** The erasure entries of one `./lrew erase`: a digest of each of the complainant's pseudonyms (one per key). */
export function complainantErasure(pseudonyms: readonly string[], currentKey: string, erasedAt: string): ErasureEntry[] {
  const erasure_id = randomUUID();
  return [...new Set(pseudonyms)].map((p) => ({
    digest: erasureDigest("complainant", p, currentKey),
    kind: "complainant",
    erasure_id,
    erased_at: erasedAt,
    enterprise_id: "",
  }));
}

/** What identifies a grievance row, as the sink and the stored tables both have it. */
export interface GrievanceIdentity {
  enterprise_id: string;
  grievance_id: string;
  complainant_ref: string | null;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  occurred_at: string;
}

export interface ErasureMatch {
  /** The grievance_id the row gets ('erased:' + digest). */
  grievanceId: string;
  /** A grievance found through its complainant: added to the list, so its later events match too. */
  added?: ErasureEntry;
}

/** The erasure list with every HMAC key (current and retired) it is matched under. Pure. */
export class ErasureList {
  readonly #byDigest = new Map<string, ErasureEntry>();
  readonly #keys: readonly string[];

  constructor(entries: readonly ErasureEntry[], keys: readonly string[]) {
    if (keys.length === 0) throw new FatalError("ErasureList: at least one HMAC key is needed");
    this.#keys = keys;
    for (const e of entries) this.#byDigest.set(e.digest, e);
  }

  get size(): number {
    return this.#byDigest.size;
  }

  /** Whether (and how) a grievance row falls under an erasure; undefined when it does not. */
  match(row: GrievanceIdentity): ErasureMatch | undefined {
    if (row.grievance_id.startsWith(ERASED_PREFIX)) return { grievanceId: row.grievance_id };
    const value = grievanceValue(row.enterprise_id, row.grievance_id);
    for (const key of this.#keys) {
      const digest = erasureDigest("grievance", value, key);
      if (this.#byDigest.has(digest)) return { grievanceId: ERASED_PREFIX + digest };
    }
    if (row.complainant_ref === null) return undefined;
    for (const key of this.#keys) {
      const erasure = this.#byDigest.get(erasureDigest("complainant", row.complainant_ref, key));
      // A complaint made after the erasure is new data, not what the erasure covered.
      if (!erasure || row.occurred_at > erasure.erased_at) continue;
      const digest = erasureDigest("grievance", value, key);
      const added: ErasureEntry = {
        digest,
        kind: "grievance",
        erasure_id: erasure.erasure_id,
        erased_at: erasure.erased_at,
        enterprise_id: row.enterprise_id,
      };
      this.#byDigest.set(digest, added);
      return { grievanceId: ERASED_PREFIX + digest, added };
    }
    return undefined;
  }
}

/** A grievance row as the sink inserts it, cleared when an erasure covers it. */
export interface ClearableGrievance extends GrievanceIdentity {
  summary: string | null;
}

/**
 * The sink's step: rows an erasure covers come out de-identified (the rest unchanged), with the
 * entries the list gained. Pure apart from the list remembering what it gained.
 */
export function clearErasedRows<R extends ClearableGrievance>(rows: readonly R[], list: ErasureList): { rows: R[]; added: ErasureEntry[] } {
  const added: ErasureEntry[] = [];
  const out = rows.map((row) => {
    const m = list.match(row);
    if (!m) return row;
    if (m.added) added.push(m.added);
    return { ...row, grievance_id: m.grievanceId, summary: null, complainant_ref: null };
  });
  return { rows: out, added };
}

export function selectErasures(wh: Warehouse): Promise<ErasureEntry[]> {
  return selectRows<ErasureEntry>(
    wh,
    `SELECT digest, kind, toString(erasure_id) AS erasure_id, erased_at, enterprise_id FROM {{db}}.${ERASURES_TABLE} FINAL`,
    {},
    "cannot read the erasure list",
  );
}

/**
 * A version of the erasure list that changes whenever what selectErasures returns can: the number of
 * distinct entries (the list only grows — nothing is ever taken off it) and the latest erased_at (an
 * erasure made again keeps its digest but moves erased_at, which decides which complaints it covers).
 * One row, read without FINAL (unmerged copies change neither figure): cheap enough before every
 * chunk of grievances, where reading the whole list is not.
 */
export async function erasureListVersion(wh: Warehouse): Promise<string> {
  const [row] = await selectRows<{ version: string }>(
    wh,
    `SELECT concat(toString(uniqExact(kind, digest)), '/', toString(max(erased_at))) AS version FROM {{db}}.${ERASURES_TABLE}`,
    {},
    "cannot read the erasure list's version",
  );
  return row?.version ?? "";
}

/** Adds entries to the erasure list (ReplacingMergeTree by digest: adding one twice is harmless). */
export function insertErasures(wh: Warehouse, entries: readonly ErasureEntry[]): Promise<void> {
  return insertInto(wh, ERASURES_TABLE, entries, { deduplicate: false });
}

/** Where the cleared rows came from in Kafka: what remains there until its retention expires. */
export interface KafkaRemainder {
  topic: string;
  partition: number;
  first_offset: string;
  last_offset: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC, the last of them stored */
  last_ingested_at: string;
}

export interface ErasureReport {
  /** Grievances (distinct provider ids) cleared now. */
  grievances: number;
  /** Stored rows cleared now (every event of those grievances). */
  rows: number;
  enterprises: string[];
  kafka: KafkaRemainder[];
}

const log = createLogger("warehouse.erasure");

/**
 * Applies the whole erasure list to the stored tables: every grievance it covers (by its id, or by
 * its complainant under any of `keys`) is cleared in place, grievances found through their
 * complainant are added to the list, and the grievance aggregates of the enterprises concerned are
 * derived again from the cleared rows (distinct ids stay distinct, so the counts stay the same).
 * Idempotent: what is already cleared is not touched again.
 */
export async function applyErasures(wh: Warehouse, keys: readonly string[]): Promise<ErasureReport> {
  const list = new ErasureList(await selectErasures(wh), keys);
  const candidates = await selectRows<GrievanceIdentity & { event_ids: string[] }>(
    wh,
    `SELECT enterprise_id, grievance_id, complainant_ref, min(occurred_at) AS occurred_at, groupArray(toString(event_id)) AS event_ids
     FROM {{db}}.${GRIEVANCES_TABLE}
     WHERE NOT startsWith(grievance_id, {erased:String})
     GROUP BY enterprise_id, grievance_id, complainant_ref`,
    { erased: ERASED_PREFIX },
    "cannot read the grievances to erase",
  );
  // The rows are named by event_id (random, says nothing about anyone): ClickHouse keeps the text of
  // every mutation (system.mutations), so the provider's ids must not appear in it.
  const replacementOf = new Map<string, string>();
  const grievances = new Set<string>();
  const added: ErasureEntry[] = [];
  for (const c of candidates) {
    const m = list.match(c);
    if (!m) continue;
    if (m.added) added.push(m.added);
    grievances.add(m.grievanceId);
    for (const id of c.event_ids) replacementOf.set(id, m.grievanceId);
  }
  if (added.length > 0) await insertErasures(wh, added);
  const ids = [...replacementOf.keys()];
  const params = { ids, to: ids.map((id) => replacementOf.get(id)!), erased: ERASED_PREFIX };
  const covered = `(toString(event_id) IN {ids:Array(String)}
      OR (startsWith(grievance_id, {erased:String}) AND (summary IS NOT NULL OR complainant_ref IS NOT NULL)))`;
  const [found] = await selectRows<{ rows: number }>(
    wh,
    `SELECT count() AS rows FROM {{db}}.${GRIEVANCES_TABLE} WHERE ${covered}`,
    params,
    "cannot count the rows to erase",
  );
  const kafka = await selectRows<KafkaRemainder>(
    wh,
    `SELECT _topic AS topic, _partition AS partition, toString(min(_offset)) AS first_offset, toString(max(_offset)) AS last_offset,
            max(_ingested_at) AS last_ingested_at
     FROM {{db}}.${GRIEVANCES_TABLE} WHERE ${covered} GROUP BY topic, partition ORDER BY topic, partition`,
    params,
    "cannot read where the erased rows came from",
  );
  const enterprises = (
    await selectRows<{ enterprise_id: string }>(
      wh,
      `SELECT DISTINCT enterprise_id FROM {{db}}.${GRIEVANCES_TABLE} WHERE ${covered} ORDER BY enterprise_id`,
      params,
      "cannot read the enterprises to erase",
    )
  ).map((r) => r.enterprise_id);
  const rows = found?.rows ?? 0;
  if (rows > 0) {
    await runCommand(
      wh,
      `ALTER TABLE {{db}}.${GRIEVANCES_TABLE}${onCluster(wh.cluster)}
       UPDATE grievance_id = transform(toString(event_id), {ids:Array(String)}, {to:Array(String)}, grievance_id),
              summary = NULL, complainant_ref = NULL
       WHERE ${covered}`,
      "cannot clear the erased grievances",
      { mutations_sync: 2 },
      params,
    );
    await rederiveGrievanceAggregates(wh, enterprises);
  }
  log.info({ grievances: grievances.size, rows, enterprises: enterprises.length }, "erasures applied");
  return { grievances: grievances.size, rows, enterprises, kafka };
}

/** The grievance aggregates keyed by grievance_id (its states hash it): derived again for these enterprises. */
async function rederiveGrievanceAggregates(wh: Warehouse, enterprises: readonly string[]): Promise<void> {
  if (enterprises.length === 0) return;
  const grievanceViews = Object.entries(DAILY_AGGREGATES).filter(([, table]) => table.startsWith("grievance_"));
  const views = await selectRows<{ name: string; as_select: string }>(
    wh,
    "SELECT name, as_select FROM system.tables WHERE database = {db:String} AND name IN {names:Array(String)}",
    { db: wh.database, names: grievanceViews.map(([v]) => v) },
    "cannot read the grievance views",
  );
  for (const [view, table] of grievanceViews) {
    const query = views.find((v) => v.name === view)?.as_select;
    if (!query) throw new FatalError(`materialized view ${view} missing (run the migrations)`);
    const context = `cannot derive ${table} again`;
    await runCommand(
      wh,
      `ALTER TABLE {{db}}.${table}${onCluster(wh.cluster)} DELETE WHERE enterprise_id IN {enterprises:Array(String)}`,
      context,
      { mutations_sync: 2 },
      { enterprises },
    );
    await runCommand(
      wh,
      `INSERT INTO {{db}}.${table} SELECT * FROM (${query}) WHERE enterprise_id IN {enterprises:Array(String)}`,
      context,
      { insert_deduplicate: 0 },
      { enterprises },
    );
  }
}
