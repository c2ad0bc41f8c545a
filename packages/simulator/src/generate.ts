// The world as a stream: events in delivery order, with ground truth alongside.
//
// How memory stays bounded. The simulation advances one calendar month at a time across all
// enterprises. Every event generated in month t has its own time (reported_at / updated_at) at or
// after the first day of month t, and its delivery time at or after its own time. So once month t
// is generated, every queued delivery earlier than the first day of month t+1 is final and can be
// yielded: nothing generated later can come before it. What stays in memory is
//   - one small state object per enterprise (O(enterprises), ~1 KB each), and
//   - the queue of deliveries due after the current month: reports with long delays (late grievance
//     status changes, wage-arrears reports, late batches, duplicates), a fraction of one month's events.
// Neither grows with the number of simulated months. Output is exactly sorted by delivery time
// (ties in generation order), which is what makes it deterministic.
import type { AnyStreamEvent, StreamName } from "@lrew/contracts";
import { parseParams, type SimulationParams, type SimulationParamsInput } from "./params.ts";
import { buildProvince, type Province } from "./province.ts";
import { normaliseSeed, Rng, STREAM_TAGS } from "./rng.ts";
import { planResponses } from "./responses.ts";
import { dateMs, DAY_MS, formatLocal, MINUTE_MS, monthCount, toEpochMs } from "./time.ts";
import { EnterpriseSim, monthInfo, worldTables, type Emitter, type TruthRecord } from "./world.ts";

export interface EventRecord {
  kind: "event";
  stream: StreamName;
  /** The event exactly as a provider would send it; passes `validateRecord(stream, event)`. */
  event: AnyStreamEvent;
  /** The same event serialised (JSON, one line): what to put in an NDJSON body or a Kafka value. */
  json: string;
  /**
   * When to deliver it: ISO-8601, +07:00; never before the event's own time. The event's received_at
   * is the same instant (for a duplicate: the first copy's).
   */
  deliverAt: string;
  /** The same instant as epoch milliseconds (UTC). */
  deliverAtMs: number;
  /** True for the second copy of an event delivered twice (same event_id). */
  duplicate: boolean;
}

export interface TruthOutput {
  kind: "truth";
  truth: TruthRecord;
}

export type WorldRecord = EventRecord | TruthOutput;

/** Queued deliveries hold the serialised event: about half the memory of the object. */
interface Queued {
  ms: number;
  seq: number;
  stream: StreamName;
  json: string;
  duplicate: boolean;
}

/** A binary min-heap on (ms, seq). */
class DeliveryQueue {
  private readonly items: Queued[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Queued | undefined {
    return this.items[0];
  }
  push(q: Queued): void {
    const a = this.items;
    a.push(q);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): Queued | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Queued, y: Queued): boolean {
  return x.ms < y.ms || (x.ms === y.ms && x.seq < y.seq);
}

export interface GenerateOptions {
  /** A province already built from the same parameters (saves building it twice). */
  province?: Province;
  /** Called after each simulated month with the queue size: for progress and memory checks. */
  onMonth?: (info: { month: number; months: number; queued: number }) => void;
}

/**
 * Generate the world: events in delivery order, interleaved with ground-truth records. A plain
 * synchronous generator (use `for … of`, or `for await … of` in async code); nothing is buffered
 * beyond what the comment at the top of this file describes. Same parameters → same sequence.
 */
export function* generateWorld(
  input: SimulationParamsInput | SimulationParams = {},
  options: GenerateOptions = {},
): Generator<WorldRecord> {
  const params = parseParams(input);
  const seed = normaliseSeed(params.seed);
  const province = options.province ?? buildProvince(params);
  const months = monthCount(params.start, params.days);
  const startMs = dateMs(params.start);
  const endMs = startMs + params.days * DAY_MS;
  const rep = params.reporting;
  const queue = new DeliveryQueue();
  let seq = 0;
  const truths: TruthRecord[] = [];
  const contagion = new Map<string, number[]>();
  let initialRegistry = true;
  // Union responses to episodes of distress: a stream of their own, queued like any event.
  const responseRng = new Rng(seed, STREAM_TAGS.responses);
  const lastState = new Map<string, string>();
  const districtOf = new Map(province.enterprises.map((p) => [p.enterprise_id, p.districtUnitId]));
  const respondTo = (record: TruthRecord) => {
    if (record.type !== "state") return;
    const before = lastState.get(record.enterprise_id);
    lastState.set(record.enterprise_id, record.state);
    const distress = record.state === "distressed" || record.state === "collapsing";
    if (!distress || before === undefined || before === "distressed" || before === "collapsing") return;
    const unit = districtOf.get(record.enterprise_id);
    if (!unit) return;
    const startMs = dateMs(`${record.month}-01`);
    for (const r of planResponses(responseRng, { enterprise_id: record.enterprise_id, unit_id: unit, startMs })) {
      if (r.atMs < startMs || r.atMs >= endMs) continue;
      // Recorded by the office when it acted: that is also when lrew has it (received_at, as for every event).
      queue.push({
        ms: r.atMs,
        seq: seq++,
        stream: "case-actions",
        json: JSON.stringify({ ...r.event, received_at: formatLocal(r.atMs) }),
        duplicate: false,
      });
    }
  };

  const deliveryLag = (r: Rng): number => {
    if (r.chance(rep.lateBatchProbability)) {
      const [lo, hi] = rep.lateBatchDays;
      return Math.round((r.uniform(lo, Math.max(lo, hi)) * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    }
    const m = rep.deliveryLagMinutes;
    return Math.round(Math.min(m.max, r.lognormal(m.median, m.sigma)) * 60) * 1000;
  };

  const out: Emitter = {
    emit(sim, stream, event, atMs, rng) {
      if (atMs >= endMs) return false;
      if (atMs < startMs && !(initialRegistry && stream === "enterprises")) return false;
      const r = rng ?? sim.deliveryRng;
      const ms = atMs + deliveryLag(r);
      // The simulated arrival is the event's received_at, on every delivery path (HTTP, Kafka, files):
      // a history loaded at once is then seen by the features from the day it would have arrived, and
      // a late batch from the day it came. A duplicate is the same record sent again: it keeps the first.
      const json = JSON.stringify({ ...event, received_at: formatLocal(ms) });
      queue.push({ ms, seq: seq++, stream, json, duplicate: false });
      if (r.chance(rep.duplicateProbability)) {
        const d = rep.duplicateLagMinutes;
        const lag = Math.max(1000, Math.round(Math.min(d.max, r.lognormal(d.median, d.sigma)) * 60) * 1000);
        queue.push({ ms: ms + lag, seq: seq++, stream, json, duplicate: true });
      }
      return true;
    },
    truth(record) {
      truths.push(record);
      respondTo(record);
    },
    recentIncidents(areaCode, sector, fromMonth, beforeMonth) {
      const list = contagion.get(`${areaCode}|${sector}`);
      if (!list) return 0;
      let n = 0;
      for (let i = list.length - 1; i >= 0; i--) {
        const m = list[i]!;
        if (m < fromMonth) break;
        if (m < beforeMonth) n++;
      }
      return n;
    },
    recordIncident(areaCode, sector, month) {
      const key = `${areaCode}|${sector}`;
      const list = contagion.get(key);
      if (list) {
        list.push(month);
        // Keep only what a contagion window can still see.
        const keepFrom = month - params.incidents.contagionMonths;
        let drop = 0;
        while (drop < list.length && list[drop]! < keepFrom) drop++;
        if (drop > 0) list.splice(0, drop);
      } else contagion.set(key, [month]);
    },
  };

  const tables = worldTables(params);
  const sims: EnterpriseSim[] = [];
  for (const profile of province.enterprises) {
    sims.push(new EnterpriseSim(profile, params, seed, tables, out));
    yield* drainTruths(truths);
  }

  for (let t = 0; t < months; t++) {
    initialRegistry = t === 0;
    const month = monthInfo(params, t, tables.tetMonths);
    for (const sim of sims) {
      sim.step(month);
      if (truths.length > 0) yield* drainTruths(truths);
    }
    const horizon = month.end;
    yield* drainQueue(queue, horizon);
    options.onMonth?.({ month: t, months, queued: queue.size });
  }
  yield* drainQueue(queue, Number.POSITIVE_INFINITY);
}

function* drainTruths(truths: TruthRecord[]): Generator<WorldRecord> {
  for (const truth of truths) yield { kind: "truth", truth };
  truths.length = 0;
}

function* drainQueue(queue: DeliveryQueue, horizon: number): Generator<WorldRecord> {
  for (;;) {
    const top = queue.peek();
    if (top === undefined || top.ms >= horizon) return;
    queue.pop();
    yield {
      kind: "event",
      stream: top.stream,
      event: JSON.parse(top.json) as AnyStreamEvent,
      json: top.json,
      deliverAt: formatLocal(top.ms),
      deliverAtMs: toEpochMs(Math.floor(top.ms / 1000) * 1000),
      duplicate: top.duplicate,
    };
  }
}

/** Only the events (what a delivery adapter sends), in delivery order. */
export function* worldEvents(input: SimulationParamsInput | SimulationParams = {}, options: GenerateOptions = {}): Generator<EventRecord> {
  for (const r of generateWorld(input, options)) if (r.kind === "event") yield r;
}
