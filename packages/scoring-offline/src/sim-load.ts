// Loads a simulated world (@lrew/simulator) straight into the warehouse tables, bypassing Kafka:
// for tests, fitting and backtests. Events keep their simulated arrival as received_at (the
// simulator sets it) and as _ingested_at, so features see each one from the day it arrived; the
// materialized views fill the daily aggregates as rows arrive. Ground truth is returned, never stored.
import type { StreamName } from "@lrew/contracts";
import { generateWorld, type SimulationParamsInput, type TruthRecord } from "@lrew/simulator";
import { insertRows, toRow, type Row, type Warehouse } from "@lrew/warehouse";

export interface LoadedWorld {
  truth: TruthRecord[];
  events: Record<string, number>;
  /** First and last simulated day (YYYY-MM-DD). */
  start: string;
  end: string;
}

const CHUNK = 20_000;

export async function loadSimulatedWorld(
  wh: Warehouse,
  params: SimulationParamsInput,
  opts: { topic?: string } = {},
): Promise<LoadedWorld> {
  const topic = opts.topic ?? "sim";
  const buffers = new Map<StreamName, Row[]>();
  const events: Record<string, number> = {};
  const truth: TruthRecord[] = [];
  let offset = 0;
  let seq = 0;
  const flush = async (stream: StreamName) => {
    const rows = buffers.get(stream);
    if (!rows || rows.length === 0) return;
    buffers.set(stream, []);
    await insertRows(wh, stream, rows, { dedupToken: `${topic}/${stream}/${seq++}/${rows[0]!._offset}` });
  };
  for (const r of generateWorld(params)) {
    if (r.kind === "truth") {
      truth.push(r.truth);
      continue;
    }
    const row = toRow(r.stream, r.event as never, { topic, partition: 0, offset: String(offset++), ingestedAt: new Date(r.deliverAtMs) });
    let rows = buffers.get(r.stream);
    if (!rows) buffers.set(r.stream, (rows = []));
    rows.push(row);
    events[r.stream] = (events[r.stream] ?? 0) + 1;
    if (rows.length >= CHUNK) await flush(r.stream);
  }
  for (const stream of buffers.keys()) await flush(stream);
  const p = params as { start?: string; days?: number };
  const start = p.start ?? "2025-07-01";
  const days = p.days ?? 365;
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { truth, events, start, end };
}
