// Loads a simulated world (@lrew/simulator) into the warehouse for the scoring suite, quickly: every
// event becomes its table row exactly as the sink maps it (toRow), the rows are written to one NDJSON
// file per stream, and ClickHouse reads each file in one INSERT … SELECT (the materialized views fill
// the daily aggregates from those large blocks). Row by row through the client, a world of 100,000
// enterprises × one year (about 3 million events) took minutes; the files take the JSON round trip
// through the client out of the way. Ground truth is not kept: the suite only scores.
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import type { StreamName } from "@lrew/contracts";
import { generateWorld, type SimulationParamsInput } from "@lrew/simulator";
import { tableOf, toRow, type Warehouse } from "@lrew/warehouse";

export interface BenchWorld {
  events: Record<string, number>;
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

export async function loadBenchWorld(
  wh: Warehouse,
  params: SimulationParamsInput & { start: string; days: number },
  dir: string,
): Promise<BenchWorld> {
  const t0 = performance.now();
  const files = new Map<StreamName, { file: string; fd: number; lines: string[] }>();
  const events: Record<string, number> = {};
  const flush = (f: { fd: number; lines: string[] }) => {
    if (f.lines.length) writeSync(f.fd, `${f.lines.join("\n")}\n`);
    f.lines = [];
  };
  let offset = 0;
  try {
    for (const r of generateWorld(params)) {
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
  }
  return { events, end: lastDay(params.start, params.days), generateMs: t1 - t0, insertMs: performance.now() - t1 };
}
