// The backtest replay cannot see a fact before it reached lrew: facts about an enterprise reported on
// one day but received three weeks later (a late batch) change no feature, score or decision of the
// replay before their arrival day, and do change them from that day. Loaded as the simulator's own
// late batches are: toRow with the event's received_at.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayNumber, type AnyStreamEvent, type StreamName } from "@lrew/contracts";
import { computeFeatures, loadModel } from "@lrew/scoring";
import { openScratchWarehouse } from "@lrew/scoring/test-world";
import { insertRows, selectIncidentStarts, selectLastEventDays, toRow, type Warehouse } from "@lrew/warehouse";
import { evaluateBacktest, replaySeries, type BacktestSeries } from "./backtest.ts";
import { loadSimulatedWorld } from "./sim-load.ts";

const FROM = "2025-09-01";
const TO = "2025-12-15";
const REPORTED = "2025-10-10";
const ARRIVAL = "2025-11-01";
const model = loadModel();
let wh: Warehouse;
let id: string;

beforeAll(async () => {
  wh = await openScratchWarehouse("arrival");
  await loadSimulatedWorld(wh, { seed: "arrival", enterprises: 150, start: "2025-07-01", days: 180 });
  id = (await computeFeatures(wh, { asOf: FROM }))[0]!.enterprise_id;
});

afterAll(async () => {
  await wh?.close();
});

let offset = 0;
async function putLate(stream: StreamName, events: Array<Record<string, unknown>>): Promise<void> {
  const received_at = `${ARRIVAL}T10:00:00+07:00`;
  const rows = events.map((e) =>
    toRow(stream, { ...e, received_at } as AnyStreamEvent as never, {
      topic: "late",
      partition: 0,
      offset: String(offset++),
      ingestedAt: new Date(received_at),
    }),
  );
  await insertRows(wh, stream, rows, { dedupToken: `late/${stream}/${randomUUID()}` });
}

/** A late batch: months of unpaid insurance and wages, and collective grievances, all reported on REPORTED. */
async function insertLateBatch(): Promise<void> {
  const reported_at = `${REPORTED}T09:00:00+07:00`;
  await putLate(
    "insurance-contributions",
    ["2025-06", "2025-07", "2025-08", "2025-09"].map((period) => ({
      event_id: randomUUID(),
      enterprise_id: id,
      period,
      scheme: "social",
      amount_due_vnd: 200_000_000,
      amount_paid_vnd: 0,
      insured_workers: 150,
      reported_at,
    })),
  );
  await putLate("wage-arrears", [
    {
      event_id: randomUUID(),
      enterprise_id: id,
      reported_at,
      period: "2025-09",
      amount_owed_vnd: 900_000_000,
      workers_affected: 150,
      status: "outstanding",
      source: "labour_inspectorate",
    },
  ]);
  await putLate(
    "grievances",
    [1, 2, 3, 4, 5].map((n) => ({
      event_id: randomUUID(),
      grievance_id: `LATE-${n}`,
      enterprise_id: id,
      occurred_at: reported_at,
      channel: "union_officer",
      category: "wage_arrears",
      severity: 4,
      workers_involved: 60,
      status: "open",
    })),
  );
}

const withoutTiming = (s: BacktestSeries) => ({ ...s, featuresMs: 0 });
const daysBefore = (s: BacktestSeries, n: number) => {
  const e = s.series.find((x) => x.id === id)!;
  return { score: Array.from(e.score.slice(0, n)), insMonths: Array.from(e.insMonths.slice(0, n)), g30: Array.from(e.g30.slice(0, n)) };
};

describe("backtest replay and late arrivals", () => {
  it("a fact that arrives late changes no feature, score or decision before its arrival day", async () => {
    const dayBefore = addDays(ARRIVAL, -1);
    const full = await replaySeries(wh, model, { from: FROM, to: TO, enterpriseIds: [id] });
    const upTo = await replaySeries(wh, model, { from: FROM, to: dayBefore });
    const incidents = await selectIncidentStarts(wh);
    const options = { from: FROM, to: dayBefore, diagnostics: false };
    const decided = evaluateBacktest(upTo, incidents, model, options);

    await insertLateBatch();

    const fullAfter = await replaySeries(wh, model, { from: FROM, to: TO, enterpriseIds: [id] });
    const upToAfter = await replaySeries(wh, model, { from: FROM, to: dayBefore });
    const arrival = full.dates.indexOf(ARRIVAL);
    expect(arrival).toBeGreaterThan(30);
    // Every day before the arrival: the same features, scores and (over the whole province) decisions.
    expect(daysBefore(fullAfter, arrival)).toEqual(daysBefore(full, arrival));
    expect(withoutTiming(upToAfter)).toEqual(withoutTiming(upTo));
    const decidedAfter = evaluateBacktest(upToAfter, incidents, model, options);
    const stable = (r: typeof decided) => ({ ...r, timings: null, generatedAt: null });
    expect(stable(decidedAfter)).toEqual(stable(decided));
    // From the arrival day: the batch counts (so the assertions above could fail).
    const e = fullAfter.series.find((x) => x.id === id)!;
    const was = full.series.find((x) => x.id === id)!;
    expect(e.insMonths[arrival]).toBeGreaterThanOrEqual(4);
    expect(e.g30[arrival]).toBeGreaterThanOrEqual(was.g30[arrival]!);
    expect(e.score[arrival]).toBeGreaterThan(was.score[arrival]!);
  });

  it("counts days since the last event as the scorer does on each day (the alert policy's silent)", async () => {
    const replay = await replaySeries(wh, model, { from: FROM, to: TO });
    for (const day of [FROM, addDays(ARRIVAL, -1), ARRIVAL, TO]) {
      const d = replay.dates.indexOf(day);
      const last = await selectLastEventDays(wh, { asOf: day });
      for (const s of replay.series) {
        const known = last.get(s.id);
        expect(s.daysSinceEvent![d], `${s.id} on ${day}`).toBe(known ? dayNumber(day) - dayNumber(known) : Number.POSITIVE_INFINITY);
      }
    }
  });
});
