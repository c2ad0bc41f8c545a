// The streams added to the simulated province after the first seeds were pinned, each drawing from a
// random stream of its own so that every other event of a seed stays exactly as it is without it:
// the union fee (on the insurance's payroll base at 2 %, paid much as the insurance is, deferrals
// that never exceed 12 months) and the half-yearly labour-use report (a registry entry of each
// operating enterprise by 5 June and 5 December, Decree 145/2020/NĐ-CP, Art. 4).
import { describe, expect, it } from "vitest";
import { generateWorld } from "./generate.ts";
import { csvColumns, csvRow } from "./writers.ts";

function events(params: Parameters<typeof generateWorld>[0]) {
  const out: Array<{ stream: string; json: string }> = [];
  for (const r of generateWorld(params)) if (r.kind === "event") out.push({ stream: r.stream, json: JSON.stringify(r.event) });
  return out;
}

describe("the union fee", () => {
  const world = { seed: 31, enterprises: 300, days: 540, start: "2025-01-01" };
  const all = events(world);
  const fees = all.filter((e) => e.stream === "union-fees").map((e) => JSON.parse(e.json));

  it("is 2 % of the payroll base the insurance uses, for most months of registered enterprises", () => {
    expect(fees.length).toBeGreaterThan(300 * 6);
    for (const f of fees) expect(f.amount_due_vnd).toBe(Math.round(f.payroll_base_vnd * 0.02));
  });

  it("has months paid and months in arrears, and deferrals within the law's 12 months", () => {
    const unpaid = fees.filter((f) => f.amount_paid_vnd < f.amount_due_vnd);
    expect(unpaid.length).toBeGreaterThan(0);
    expect(unpaid.length).toBeLessThan(fees.length / 2);
    const deferred = fees.filter((f) => f.relief);
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.some((f) => f.amount_paid_vnd === 0)).toBe(true);
    for (const f of deferred) {
      expect(f.relief.kind).toBe("deferral");
      // Nothing is paid while a deferral runs; a month is re-recorded as paid when the arrears are settled.
      expect([0, f.amount_due_vnd]).toContain(f.amount_paid_vnd);
      expect(f.period >= f.relief.from && f.period <= f.relief.to).toBe(true);
    }
  });

  it("leaves every other event of the seed byte for byte as it is without union fees", () => {
    const without = events({ ...world, unionFees: { neverRecorded: 1 } });
    expect(without.some((e) => e.stream === "union-fees")).toBe(false);
    const others = all.filter((e) => e.stream !== "union-fees");
    expect(others).toEqual(without);
  });

  it("writes a relief as dotted CSV columns, as the importer reads them back", () => {
    const columns = csvColumns("union-fees");
    expect(columns).toEqual([
      "event_id",
      "enterprise_id",
      "period",
      "payroll_base_vnd",
      "amount_due_vnd",
      "amount_paid_vnd",
      "relief.kind",
      "relief.from",
      "relief.to",
      "relief.decision_ref",
      "reported_at",
      "received_at",
    ]);
    const deferred = fees.find((f) => f.relief)!;
    const cells = csvRow(columns, deferred).split(",");
    expect(cells.slice(6, 10)).toEqual([deferred.relief.kind, deferred.relief.from, deferred.relief.to, deferred.relief.decision_ref]);
  });
});

describe("the half-yearly labour-use report", () => {
  const world = { seed: 31, enterprises: 300, days: 540, start: "2025-01-01" };
  const all = events(world);
  const without = events({ ...world, registry: { labourUseReportProbability: 0 } });
  /** The events of `all` that `without` lacks; every other one in the same order (ids are unique UUIDs). */
  const added: Array<{ stream: string; json: string }> = [];
  let j = 0;
  for (const e of all) {
    if (j < without.length && e.stream === without[j]!.stream && e.json === without[j]!.json) j++;
    else added.push(e);
  }

  it("leaves every other event of the seed byte for byte as it is without the reports", () => {
    expect(j).toBe(without.length);
    expect(all.length).toBe(without.length + added.length);
  });

  it("is a registry entry of an operating enterprise in June or December, most by the 5th", () => {
    expect(added.length).toBeGreaterThan(300 * 2);
    const reports = added.map((e) => ({ stream: e.stream, ...JSON.parse(e.json) }));
    for (const r of reports) {
      expect(r.stream).toBe("enterprises");
      expect(r.workforce).toBeGreaterThan(0);
      expect(["06", "12"]).toContain(r.updated_at.slice(5, 7));
    }
    const onTime = reports.filter((r) => Number(r.updated_at.slice(8, 10)) <= 5).length;
    expect(onTime / reports.length).toBeGreaterThan(0.75);
    expect(onTime).toBeLessThan(reports.length); // some come late
    // Three half-years (June 2025, December 2025, June 2026): most operating enterprises file each.
    expect(new Set(reports.map((r) => r.updated_at.slice(0, 7)))).toEqual(new Set(["2025-06", "2025-12", "2026-06"]));
  });
});
