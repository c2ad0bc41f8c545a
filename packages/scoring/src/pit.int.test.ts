// No look-ahead: features as of D use only what was reported by the end of D (Vietnam time) and had
// reached lrew by then (received_at). Facts reported later, even about earlier days, and facts reported
// before D that arrive after D, leave features (and so scores) as of D unchanged and show up from the
// later of the two days. Duplicates and rebuilding the aggregates change nothing either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildDailyAggregates, type Warehouse } from "@lrew/warehouse";
import { computeFeatures, computeFeaturesForDates, type FeatureRow } from "./features.ts";
import { loadModel, scoreRow } from "./model.ts";
import {
  at,
  contributions,
  enterprise,
  grievance,
  incident,
  openScratchWarehouse,
  periods,
  put,
  reportDayOf,
  unionFee,
  wageArrears,
} from "./test-world.ts";

const A = "5600000011";
const B = "5600000012";
const C = "5600000013";
const D = "2025-11-15";
const LATER = "2026-01-20";

let wh: Warehouse;
const byId = (rows: FeatureRow[]) => Object.fromEntries(rows.map((r) => [r.enterprise_id, r.values]));

beforeAll(async () => {
  wh = await openScratchWarehouse("pit");
  await put(wh, "enterprises", [enterprise(A), enterprise(B), enterprise(C, { sector: "footwear" })]);
  for (const p of periods("2025-03", 7)) {
    // A is two months behind from September; B pays; C never appears in insurance data.
    await put(wh, "insurance-contributions", contributions(A, p, reportDayOf(p), p >= "2025-09" ? 0.2 : 1));
    await put(wh, "insurance-contributions", contributions(B, p, reportDayOf(p), 1));
  }
  await put(wh, "grievances", [
    grievance(A, 1, "2025-10-20"),
    grievance(A, 2, "2025-11-14"),
    grievance(B, 1, "2025-09-01", { category: "meals" }),
  ]);
  await put(wh, "wage-arrears", [wageArrears(A, "2025-09", "2025-10-25", 500_000_000, 100)]);
});

afterAll(async () => {
  await wh?.close();
});

/** Everything below is reported after D (some of it about days before D). */
async function insertLaterFacts(): Promise<void> {
  await put(wh, "enterprises", [enterprise(A, { workforce: 150, has_union: true, updated_at: "2025-11-16T08:00:00+07:00" })]);
  // The grievance occurred before D but reached the union the day after D (reported_at) …
  await put(wh, "grievances", [
    grievance(A, 3, "2025-11-10", { reported_at: "2025-11-16T08:00:00+07:00" }),
    // … and B's September grievance is resolved after D.
    grievance(B, 1, "2025-11-20", { category: "meals", status: "resolved" }),
    // 00:30 on 16 November in Vietnam is 17:30 UTC on 15 November: still after D.
    grievance(B, 2, "2025-11-16", { occurred_at: "2025-11-15T23:00:00+07:00", reported_at: "2025-11-16T00:30:00+07:00" }),
  ]);
  // October's contributions (normally reported on 12 November) arrive late, on 20 November.
  await put(wh, "insurance-contributions", contributions(A, "2025-10", "2025-11-20", 0));
  await put(wh, "insurance-contributions", contributions(B, "2025-10", "2025-11-20", 0));
  // Wages: September paid (reported after D), October newly owed.
  await put(wh, "wage-arrears", [
    wageArrears(A, "2025-09", "2025-11-18", 0, 100, "paid"),
    wageArrears(B, "2025-10", "2025-11-25", 300_000_000, 50),
  ]);
  // A strike at B that started on 10 November, reported on 17 November.
  await put(wh, "incidents", [incident(B, "2025-11-10", "2025-11-17")]);
}

describe("point-in-time features", () => {
  it("do not change as of D when facts reported after D arrive, and do change as of a later date", async () => {
    const before = byId(await computeFeatures(wh, { asOf: D }));
    const laterBefore = byId(await computeFeatures(wh, { asOf: LATER }));
    expect(before[A]!.grievance_rate_30d).toBeCloseTo((2 / 300) * 100);
    expect(before[A]!.wage_arrears_months).toBe(1);

    await insertLaterFacts();

    const after = byId(await computeFeatures(wh, { asOf: D }));
    expect(after).toEqual(before);
    // The day before D too (one query over several dates).
    const multi = await computeFeaturesForDates(wh, { dates: ["2025-11-14", D] });
    expect(byId(multi.filter((r) => r.as_of === D))).toEqual(before);

    const laterAfter = byId(await computeFeatures(wh, { asOf: LATER }));
    expect(laterAfter).not.toEqual(laterBefore);
    expect(laterAfter[A]!.workforce).toBe(150);
    expect(laterAfter[A]!.no_union).toBe(0);
    expect(laterAfter[A]!.wage_arrears_months).toBe(0); // paid
    expect(laterAfter[A]!.insurance_arrears_ratio).toBeGreaterThan(laterBefore[A]!.insurance_arrears_ratio!);
    expect(laterAfter[B]!.insurance_arrears_months).toBe(1); // the October shortfall
    expect(laterAfter[B]!.wage_arrears_months).toBe(1);
    expect(laterAfter[B]!.past_incidents_365d).toBe(1);
    expect(laterAfter[A]!.nearby_incidents_90d).toBe(1); // B's strike: same area and sector
    expect(laterAfter[C]!.nearby_incidents_90d).toBe(0); // another sector
    // The strike is visible from the day it was reported, not the day it started.
    const around = await computeFeaturesForDates(wh, { dates: ["2025-11-16", "2025-11-17"], enterpriseIds: [B] });
    expect(around.map((r) => r.values.past_incidents_365d)).toEqual([0, 1]);
  });

  it("count nothing twice: duplicates of events and a rebuild of the aggregates leave features unchanged", async () => {
    const before = byId(await computeFeatures(wh, { asOf: LATER }));
    // Re-send the same events (same event_ids), as an at-least-once sender would.
    const rs = await wh.client.query({ query: `SELECT * EXCEPT (_offset) FROM lrew.grievances`, format: "JSONEachRow" });
    const rows = await rs.json<Record<string, unknown>>();
    await wh.client.insert({ table: "lrew.grievances", values: rows.map((r) => ({ ...r, _offset: 999_999 })), format: "JSONEachRow" });
    await rebuildDailyAggregates(wh);
    const after = byId(await computeFeatures(wh, { asOf: LATER }));
    expect(after).toEqual(before);
  });

  it("restricts to the given enterprises without changing their values", async () => {
    const all = byId(await computeFeatures(wh, { asOf: LATER }));
    const some = await computeFeatures(wh, { asOf: LATER, enterpriseIds: [A] });
    expect(some.map((r) => r.enterprise_id)).toEqual([A]);
    expect(some[0]!.values).toEqual(all[A]);
  });
});

describe("point in time on arrival", () => {
  const E = "5600000014";
  const ARRIVAL = "2025-11-18";
  const DATES = [D, "2025-11-17", ARRIVAL, "2025-11-25", "2025-12-05"];
  const model = loadModel();
  const asOf = async () => {
    const rows = await computeFeaturesForDates(wh, { dates: DATES, enterpriseIds: [E] });
    return Object.fromEntries(rows.map((r) => [r.as_of, { values: r.values, score: scoreRow(model, r).score }]));
  };

  it("an event reported before D that reaches lrew after D changes no feature or score before its arrival", async () => {
    // E lives in another area, so nothing here reaches A, B or C through nearby incidents.
    await put(wh, "enterprises", [enterprise(E, { area_code: "DB-MLAY", union_unit_id: "LDLD-DB-MLAY" })]);
    for (const p of periods("2025-03", 8)) await put(wh, "insurance-contributions", contributions(E, p, reportDayOf(p), 1));
    await put(wh, "grievances", [grievance(E, 1, "2025-10-01")]);
    const before = await asOf();
    expect(Object.keys(before)).toEqual(DATES);

    // All of it reported (or updated) before D, received by lrew on ARRIVAL.
    const late = { received_at: at(ARRIVAL, "10:00:00") };
    await put(wh, "enterprises", [enterprise(E, { area_code: "DB-MLAY", workforce: 500, updated_at: at("2025-11-01"), ...late })]);
    await put(wh, "grievances", [
      grievance(E, 2, "2025-11-05", late),
      grievance(E, 3, "2025-11-06", { ...late, workers_involved: 40, category: "bonus" }),
    ]);
    await put(wh, "wage-arrears", [{ ...wageArrears(E, "2025-10", "2025-11-10", 400_000_000, 80), ...late }]);
    // October's position, first reported paid on 12 November, corrected (unpaid) in a record of 14 November.
    await put(
      wh,
      "insurance-contributions",
      contributions(E, "2025-10", "2025-11-14", 0).map((c) => ({ ...c, ...late })),
    );
    await put(wh, "incidents", [{ ...incident(E, "2025-11-08"), ...late }]);

    const after = await asOf();
    expect(after[D]).toEqual(before[D]);
    expect(after["2025-11-17"]).toEqual(before["2025-11-17"]);
    // From the arrival day on, all of it counts.
    const seen = after[ARRIVAL]!.values;
    expect(seen.workforce).toBe(500);
    expect(seen.past_incidents_365d).toBe(1);
    expect(seen.wage_arrears_months).toBe(1);
    expect(seen.insurance_arrears_months).toBe(1);
    expect(seen.grievance_rate_30d).toBeGreaterThan(before[ARRIVAL]!.values.grievance_rate_30d!);
    expect(after[ARRIVAL]!.score).toBeGreaterThan(before[ARRIVAL]!.score);
  });

  it("a stale report that arrives late does not override a newer one already known", async () => {
    // The wages of October are paid (reported on time on 20 November) …
    await put(wh, "wage-arrears", [wageArrears(E, "2025-10", "2025-11-20", 0, 80, "paid")]);
    expect((await asOf())["2025-11-25"]!.values.wage_arrears_months).toBe(0);
    // … and an older report (15 November: partly paid) reaches lrew only on 1 December.
    await put(wh, "wage-arrears", [
      { ...wageArrears(E, "2025-10", "2025-11-15", 200_000_000, 80, "partially_paid"), received_at: at("2025-12-01") },
    ]);
    const now = await asOf();
    expect(now["2025-11-25"]!.values.wage_arrears_months).toBe(0);
    expect(now["2025-12-05"]!.values.wage_arrears_months).toBe(0);
  });
});

describe("union-fee arrears, point in time", () => {
  const F = "5600000015";
  const G = "5600000016";
  const DATES = ["2025-10-20", "2025-11-20", "2025-12-20", "2026-01-20", "2026-02-20"];
  const feeFeatures = async () => {
    const rows = await computeFeaturesForDates(wh, { dates: DATES, enterpriseIds: [F, G] });
    return Object.fromEntries(
      rows.map((r) => [`${r.enterprise_id} ${r.as_of}`, [r.values.union_fee_arrears_months, r.values.union_fee_arrears_ratio]]),
    );
  };

  it("count months owed from the day the ledger's record reached lrew, and a running deferral as no arrears", async () => {
    // Both live in another area and sector, so nothing here reaches A … E through nearby incidents.
    await put(wh, "enterprises", [
      enterprise(F, { area_code: "DB-MNHE", union_unit_id: "LDLD-DB-MNHE", sector: "construction" }),
      enterprise(G, { area_code: "DB-MNHE", union_unit_id: "LDLD-DB-MNHE", sector: "construction" }),
    ]);
    // F pays until August, then nothing for September and October (each recorded on the 15th of the
    // next month); October's record only reaches lrew on 5 December (a quarterly reconciliation).
    for (const p of periods("2025-06", 3)) await put(wh, "union-fees", [unionFee(F, p, `${periods(p, 2)[1]}-15`, true)]);
    await put(wh, "union-fees", [
      unionFee(F, "2025-09", "2025-10-15", false),
      unionFee(F, "2025-10", "2025-11-15", false, { received_at: at("2025-12-05") }),
    ]);
    // G is granted a deferral for September … December 2025 and pays nothing in it.
    const relief = { kind: "deferral" as const, from: "2025-09", to: "2025-12", decision_ref: "12/QĐ-LĐLĐ" };
    for (const p of periods("2025-09", 4)) await put(wh, "union-fees", [unionFee(G, p, `${periods(p, 2)[1]}-15`, false, { relief })]);

    const got = await feeFeatures();
    // F: September from 15 October; October only from its arrival (5 December), not from its report day.
    expect(got[`${F} 2025-10-20`]).toEqual([1, 1]);
    expect(got[`${F} 2025-11-20`]).toEqual([1, 1]);
    expect(got[`${F} 2025-12-20`]).toEqual([2, 2]);
    // G: nothing while the deferral runs (through December); all four months owed once it has ended.
    expect(got[`${G} 2025-11-20`]).toEqual([0, 0]);
    expect(got[`${G} 2025-12-20`]).toEqual([0, 0]);
    expect(got[`${G} 2026-01-20`]).toEqual([4, 4]);

    // F settles September and October (re-recorded paid on 20 January): no arrears from then on.
    await put(wh, "union-fees", [unionFee(F, "2025-09", "2026-01-20", true), unionFee(F, "2025-10", "2026-01-20", true)]);
    const settled = await feeFeatures();
    expect(settled[`${F} 2025-12-20`]).toEqual([2, 2]);
    expect(settled[`${F} 2026-01-20`]).toEqual([0, 0]);
    expect(settled[`${F} 2026-02-20`]).toEqual([0, 0]);
  });
});
