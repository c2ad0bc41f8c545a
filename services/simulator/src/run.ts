// Runs a simulation: builds the province, writes its reference data and the ground truth to files
// (never to Kafka or ClickHouse: evaluation may read the truth, the model must not), and delivers
// the events in delivery order, either as fast as possible or on an accelerated clock (--live).
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { StreamName } from "@lrew/contracts";
import { buildProvince, generateWorld, parseParams, writeProvinceReference, type SimulationParamsInput } from "@lrew/simulator";
import { StreamBatcher } from "./batcher.ts";
import type { Delivery } from "./delivery.ts";

export interface SimulationProgress {
  /** Simulated days covered so far, out of `days`. */
  day: number;
  days: number;
  events: number;
}

export interface RunOptions {
  params: SimulationParamsInput;
  delivery: Delivery;
  /** Ground truth goes here (NDJSON), never into the pipeline. */
  truthFile: string;
  /** Areas and union units of the simulated province (JSON files). */
  referenceDir: string;
  batchSize?: number;
  /** Accelerated clock: deliver history at once, then keep pace with `speed` simulated seconds per real second. */
  live?: { speed: number; now?: () => number };
  onProgress?: (p: SimulationProgress) => void;
  signal?: AbortSignal;
}

export interface RunSummary {
  events: number;
  duplicatesSent: number;
  byStream: Record<string, number>;
  truthRecords: number;
  seconds: number;
  accepted: number;
  rejected: number;
  retries: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The event as sent at real time `nowMs`: with its simulated arrival as received_at when that has
 * come by the real clock (all history, and everything on a live clock at speed 1), else without it,
 * so that ingest stamps its own time (a simulated future sent early, on a faster live clock or from
 * a start in the future, would otherwise be refused as a received_at in the future). Pure.
 */
export function arrivedBy(json: string, arrivalMs: number, nowMs: number): string {
  if (arrivalMs <= nowMs) return json;
  const { received_at: _, ...event } = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(event);
}

export async function runSimulation(o: RunOptions): Promise<RunSummary> {
  const started = Date.now();
  const params = parseParams(o.params);
  const province = buildProvince(params);
  await writeProvinceReference(o.referenceDir, province);
  mkdirSync(path.dirname(o.truthFile), { recursive: true });
  const truth = createWriteStream(o.truthFile, { encoding: "utf8" });

  const startMs = Date.parse(`${params.start}T00:00:00+07:00`);
  const days = params.days;
  const batcher = new StreamBatcher(o.batchSize ?? 500);
  const byStream: Record<string, number> = {};
  let events = 0;
  let duplicatesSent = 0;
  let truthRecords = 0;
  let lastReportedDay = -1;

  // On the live clock, simulated time `sim` is reached at real time realStart + (sim - simStart) / speed.
  const now = o.live?.now ?? Date.now;
  const liveStartReal = now();
  const liveStartSim = liveStartReal;

  try {
    for (const rec of generateWorld(params, { province })) {
      if (o.signal?.aborted) break;
      if (rec.kind === "truth") {
        truthRecords++;
        if (!truth.write(`${JSON.stringify(rec.truth)}\n`)) await once(truth, "drain");
        continue;
      }
      if (o.live && rec.deliverAtMs > liveStartSim) {
        const dueReal = liveStartReal + (rec.deliverAtMs - liveStartSim) / o.live.speed;
        if (dueReal > now()) {
          for (const batch of batcher.drain()) await o.delivery.send(batch);
          while (dueReal > now() && !o.signal?.aborted) await sleep(Math.min(1000, dueReal - now()));
        }
      }
      const stream: StreamName = rec.stream;
      events++;
      if (rec.duplicate) duplicatesSent++;
      byStream[stream] = (byStream[stream] ?? 0) + 1;
      const full = batcher.add({ stream, key: rec.event.enterprise_id, json: arrivedBy(rec.json, rec.deliverAtMs, now()) });
      if (full) await o.delivery.send(full);
      const day = Math.min(days, Math.max(0, Math.floor((rec.deliverAtMs - startMs) / 86_400_000)));
      if (day !== lastReportedDay) {
        lastReportedDay = day;
        o.onProgress?.({ day, days, events });
      }
    }
    for (const batch of batcher.drain()) await o.delivery.send(batch);
    await o.delivery.flush();
    o.onProgress?.({ day: days, days, events });
  } finally {
    truth.end();
    await once(truth, "finish").catch(() => undefined);
  }
  const { accepted, rejected, retries } = o.delivery.stats;
  return { events, duplicatesSent, byStream, truthRecords, seconds: (Date.now() - started) / 1000, accepted, rejected, retries };
}
