// Loads a simulated world (@lrew/simulator) into the warehouse for the scoring suite, quickly: every
// event becomes its table row exactly as the sink maps it (toRow), the rows are written to one NDJSON
// file per stream, and ClickHouse reads each file in one INSERT … SELECT (the materialized views fill
// the daily aggregates from those large blocks). Row by row through the client, a world of 100,000
// enterprises × one year (about 3 million events) took minutes of inserts alone.
//
// Generating the events in JavaScript is then the larger cost (about 3.5 ms per enterprise-year), so
// worlds above COPY_BASE enterprises are `copies` of one simulated world of size / copies: each copy
// is an INSERT … SELECT inside ClickHouse of the first copy's rows with the enterprise_id suffixed
// (`-c001`, `-c002`, …: a letter, so no simulated branch code `-001` is ever met again) and event ids derived anew. Every enterprise
// keeps a simulated history; an area then holds `copies` times as many enterprises of each sector,
// so contagion (incidents nearby, same sector) counts more incidents. Ground truth is not kept: the
// suite only scores.
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { StreamName } from "@lrew/contracts";
import { generateWorld, type SimulationParamsInput } from "@lrew/simulator";
import { DAILY_AGGREGATES, tableOf, toRow, type Warehouse } from "@lrew/warehouse";

export interface BenchWorld {
  /** Events stored per stream, copies included. */
  events: Record<string, number>;
  /** Enterprises simulated, and the number of copies stored. */
  simulated: number;
  copies: number;
  /** Last simulated day (YYYY-MM-DD). */
  end: string;
  /** Generating and mapping the events, and ClickHouse reading them in (ms). */
  generateMs: number;
  insertMs: number;
}

/** The last day of a simulation of `days` days from `start` (YYYY-MM-DD). Pure. */
export function lastDay(start: string, days: number): string {
  return new Date(Date.parse(`${start}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
}

const FLUSH_LINES = 10_000;
/** Worlds up to this many enterprises are simulated whole; larger ones are copies of a world of at most this size. */
export const COPY_BASE = 10_000;

/** How many copies of how large a simulated world make a world of `enterprises`. Pure. */
export function copyPlan(enterprises: number, base = COPY_BASE): { copies: number; simulated: number } {
  const copies = Math.max(1, Math.ceil(enterprises / base));
  return { copies, simulated: Math.round(enterprises / copies) };
}

/** The INSERT … SELECT that stores copy `copy` (≥ 1) of the first copy's rows of `table`. Pure. */
export function copySql(db: string, table: string, copy: number): string {
  const suffix = `-c${String(copy).padStart(3, "0")}`;
  // The filter sits in a subquery: in the outer WHERE, `_topic` would already be the REPLACE alias.
  return `INSERT INTO ${db}.${table}
SELECT * REPLACE (concat(enterprise_id, '${suffix}') AS enterprise_id,
  reinterpretAsUUID(sipHash128(toString(event_id), ${copy})) AS event_id, 'sim${suffix}' AS _topic)
FROM (SELECT * FROM ${db}.${table} WHERE _topic = 'sim' OR startsWith(_topic, 'sim-d'))`;
}

/**
 * Streams whose events a dense world repeats within the day, and how each copy differs from its
 * original: a new event id, and for insurance a report k seconds later (the same period and scheme,
 * so the daily aggregate folds it), for grievances a grievance of its own on the same day.
 */
const DENSE_STREAMS: Partial<Record<StreamName, (k: number) => string>> = {
  "insurance-contributions": (k) => `addSeconds(reported_at, ${k}) AS reported_at`,
  grievances: (k) => `concat(grievance_id, '-d${k}') AS grievance_id`,
};

/** The INSERT … SELECT that stores the k-th (≥ 1) same-day repeat of every simulated event of `stream`, or undefined. Pure. */
export function denseSql(db: string, stream: StreamName, k: number): string | undefined {
  const change = DENSE_STREAMS[stream];
  if (!change) return undefined;
  const table = tableOf(stream);
  return `INSERT INTO ${db}.${table}
SELECT * REPLACE (reinterpretAsUUID(sipHash128(toString(event_id), 'dense', ${k})) AS event_id, ${change(k)}, 'sim-d${k}' AS _topic)
FROM (SELECT * FROM ${db}.${table} WHERE _topic = 'sim')`;
}

export async function loadBenchWorld(
  wh: Warehouse,
  params: SimulationParamsInput & { start: string; days: number; enterprises: number },
  dir: string,
  /** dense: each insurance report and grievance stored this many times a day (a world where the daily aggregates fold many events). */
  opts: { copyBase?: number; dense?: number } = {},
): Promise<BenchWorld> {
  const t0 = performance.now();
  const { copies, simulated } = copyPlan(params.enterprises, opts.copyBase);
  const files = new Map<StreamName, { file: string; fd: number; lines: string[] }>();
  const events: Record<string, number> = {};
  const flush = (f: { fd: number; lines: string[] }) => {
    if (f.lines.length) writeSync(f.fd, `${f.lines.join("\n")}\n`);
    f.lines = [];
  };
  let offset = 0;
  try {
    for (const r of generateWorld({ ...params, enterprises: simulated })) {
      if (r.kind === "truth") continue;
      let f = files.get(r.stream);
      if (!f) {
        const file = path.join(dir, `${r.stream}.ndjson`);
        files.set(r.stream, (f = { file, fd: openSync(file, "w"), lines: [] }));
      }
      const row = toRow(r.stream, r.event as never, {
        topic: "sim",
        partition: 0,
        offset: String(offset++),
        ingestedAt: new Date(r.deliverAtMs),
      });
      f.lines.push(JSON.stringify(row));
      events[r.stream] = (events[r.stream] ?? 0) + 1;
      if (f.lines.length >= FLUSH_LINES) flush(f);
    }
    for (const f of files.values()) flush(f);
  } finally {
    for (const f of files.values()) closeSync(f.fd);
  }
  const t1 = performance.now();
  for (const [stream, f] of files) {
    await wh.client.command({
      query: `INSERT INTO ${wh.database}.${tableOf(stream)} SELECT * FROM file('${f.file.replaceAll("'", "\\'")}', 'JSONEachRow')`,
    });
    let repeats = 1;
    for (let k = 1; k < (opts.dense ?? 1); k++) {
      const sql = denseSql(wh.database, stream, k);
      if (!sql) break;
      await wh.client.command({ query: sql });
      repeats++;
    }
    for (let copy = 1; copy < copies; copy++) await wh.client.command({ query: copySql(wh.database, tableOf(stream), copy) });
    events[stream] = events[stream]! * copies * repeats;
  }
  // The daily aggregates at rest, as a running pipeline's background merges leave them: each repeat
  // and copy above was an INSERT of its own, so until merged the same (enterprise, day) key sits in
  // as many parts (a dense world's aggregates would otherwise hold one row per repeat).
  for (const table of Object.values(DAILY_AGGREGATES)) await wh.client.command({ query: `OPTIMIZE TABLE ${wh.database}.${table} FINAL` });
  return { events, simulated, copies, end: lastDay(params.start, params.days), generateMs: t1 - t0, insertMs: performance.now() - t1 };
}
