// The scoring suite's naive reference must compute exactly what scoring computes, or the comparison
// means nothing: on a small simulated world (scoring's own loader), every feature of every enterprise
// on several dates is the same from the raw events as from the daily aggregates; the bench's fast
// loader stores the same world; and the naive path really reads the raw events (an event the
// aggregates never saw changes its features only).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { addDays } from "@lrew/contracts";
import { computeFeaturesForDates, type FeatureRow } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { DAILY_AGGREGATES, insertRows, migrate, openWarehouse, tableOf, toRow, type Warehouse } from "@lrew/warehouse";
import { STREAM_NAMES, type Grievance } from "@lrew/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareFeatures, computeNaiveFeatures, readAggregateSelects, type AggregateSelects } from "./naive-features.ts";
import { loadBenchWorld } from "./world-load.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "lrew-bench-naive-"));
const PARAMS = { seed: "naive-reference", enterprises: 150, start: "2025-07-01", days: 240 };
let wh: Warehouse;
let dates: string[];
let fromAggregates: FeatureRow[];
let selects: AggregateSelects;

beforeAll(async () => {
  wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: path.join(tmp, "clickhouse") });
  await migrate(wh);
  const world = await loadSimulatedWorld(wh, PARAMS);
  dates = [addDays(world.start, 45), addDays(world.start, 150), world.end];
  fromAggregates = await computeFeaturesForDates(wh, { dates });
  selects = await readAggregateSelects(wh);
});
afterAll(async () => {
  await wh?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const nonZero = (rows: FeatureRow[], name: string) => rows.filter((r) => (r.values[name] ?? 0) !== 0).length;

describe("naive features from raw events", () => {
  it("equal the aggregate ones in every value, on several dates", async () => {
    // Not a vacuous equality: the world has grievances, wage and insurance arrears and incidents.
    for (const f of ["grievance_rate_30d", "wage_arrears_months", "insurance_arrears_months", "past_incidents_365d"])
      expect(nonZero(fromAggregates, f)).toBeGreaterThan(0);
    const c = compareFeatures(fromAggregates, await computeNaiveFeatures(wh, dates, selects));
    expect(c.differences).toEqual([]);
    expect(c.rows).toBe(fromAggregates.length);
    expect(c.values).toBe(fromAggregates.reduce((s, r) => s + Object.keys(r.values).length, 0));
  });

  it("come from the same stored world with the bench's fast loader", async () => {
    for (const t of [...STREAM_NAMES.map(tableOf), ...Object.values(DAILY_AGGREGATES)])
      await wh.client.command({ query: `TRUNCATE TABLE lrew.${t}` });
    await loadBenchWorld(wh, PARAMS, tmp);
    expect(compareFeatures(fromAggregates, await computeFeaturesForDates(wh, { dates })).differences).toEqual([]);
  });

  it("see an event the daily aggregates never saw", async () => {
    const asOf = dates.at(-1)!;
    const target = fromAggregates.find((r) => r.as_of === asOf)!;
    await wh.client.command({ query: "DROP VIEW lrew.grievance_daily_mv" });
    const grievance: Grievance = {
      event_id: randomUUID(),
      grievance_id: `NAIVE-${randomUUID()}`,
      enterprise_id: target.enterprise_id,
      occurred_at: `${asOf}T09:00:00+07:00`,
      // Reached lrew that day too: without it the sink's write time (today) would hide it as of asOf.
      received_at: `${asOf}T09:30:00+07:00`,
      channel: "hotline",
      category: "wages",
      severity: 3,
      workers_involved: 5,
      status: "open",
      summary: "Chậm trả lương tháng này",
    };
    const row = toRow("grievances", grievance, { topic: "t", partition: 0, offset: "0", ingestedAt: new Date() });
    await insertRows(wh, "grievances", [row], { dedupToken: randomUUID() });
    const agg = await computeFeaturesForDates(wh, { dates: [asOf] });
    const naive = await computeNaiveFeatures(wh, [asOf], selects);
    const only = (rows: FeatureRow[], keep: (name: string) => boolean, id?: string) =>
      rows
        .filter((r) => !id || r.enterprise_id === id)
        .map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).filter(([k]) => keep(k))) }));
    // The enterprise's own grievance counts change, and through its sector's rate other enterprises'
    // grievance ratios; nothing else does.
    const mine = compareFeatures(
      only(agg, () => true, target.enterprise_id),
      only(naive, () => true, target.enterprise_id),
    );
    expect(mine.differences).toContainEqual(expect.stringMatching(/ grievance_rate_30d: /));
    const notGrievances = (k: string) => !k.startsWith("grievance_");
    const rest = compareFeatures(only(agg, notGrievances), only(naive, notGrievances));
    expect(rest.values).toBeGreaterThan(0);
    expect(rest.differences).toEqual([]);
  });
});
