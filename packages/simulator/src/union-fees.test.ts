// The union fee in the simulated province: on the insurance's payroll base at 2 %, paid much as the
// insurance is, deferrals that never exceed 12 months, and — because it draws from a stream of its
// own — every other event of a seed exactly as it is without it.
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
