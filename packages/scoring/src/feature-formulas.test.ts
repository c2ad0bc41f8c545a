import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "@lrew/risk";
import { deriveFeatures, insuranceSpell, ownBaselineExpected30, surprise, type RawAggregates } from "./feature-formulas.ts";

const base: RawAggregates = {
  enterprise_id: "5600123456",
  as_of: "2026-01-15",
  area_code: "DB-DBP",
  sector: "garment",
  ownership: "fdi",
  workforce: 200,
  has_union: false,
  first_day: "2025-01-01",
  g30: 0,
  g90: 0,
  g_base: 0,
  g90_pay: 0,
  g90_collective: 0,
  unresolved_30: 0,
  sector_rate: 0,
  wa_outstanding: 0,
  wa_periods: 0,
  wa_workers: 0,
  wa_outstanding_then: 0,
  ins_periods: 12,
  ins_last_period: "2025-12-01",
  ins_due_last: 10_000_000,
  ins_arrears: 0,
  ins_arrears_then: 0,
  ins_spell_months: 0,
  uf_months: 0,
  uf_arrears: 0,
  uf_due_last: 2_000_000,
  past_365: 0,
  nearby_90: 0,
};
const v = (over: Partial<RawAggregates>) => deriveFeatures({ ...base, ...over });

describe("feature catalogue", () => {
  it("derives exactly the catalogue's features, all finite", () => {
    const out = deriveFeatures(base);
    expect(Object.keys(out).sort()).toEqual([...FEATURE_NAMES].sort());
    for (const x of Object.values(out)) expect(Number.isFinite(x)).toBe(true);
  });
});

describe("grievance factors", () => {
  it("rate per 100 workers over 30 days", () => {
    expect(v({ g30: 3 }).grievance_rate_30d).toBeCloseTo(1.5);
  });

  it("surprise against the own baseline, shrunk to the sector when history is short", () => {
    // 11 months of history with 11 grievances: ~1 a month expected; 5 observed → (5+1)/(~1+1)
    const own = v({ g30: 5, g_base: 11, first_day: "2025-01-01" }).grievance_surprise_own;
    expect(own).toBeGreaterThan(2.5);
    expect(own).toBeLessThan(3.5);
    // No history at all: the expectation is the sector's rate for this workforce.
    const sectorDaily = 0.01 * (200 / 100);
    expect(ownBaselineExpected30(0, 0, sectorDaily)).toBeCloseTo(30 * sectorDaily);
    expect(surprise(0, 0)).toBe(1);
    expect(surprise(3, 1)).toBe(2);
  });

  it("surprise against the sector's rate", () => {
    // sector: 0.5 grievances per 100 workers per month → 1 expected for 200 workers; 3 observed → 4/2
    expect(v({ g30: 3, sector_rate: 0.5 / 30 }).grievance_surprise_sector).toBeCloseTo(2);
  });

  it("share of pay-related grievances, collective and unresolved counts", () => {
    expect(v({ g90: 3, g90_pay: 3 }).grievance_pay_share_90d).toBeCloseTo(0.75);
    expect(v({ g90: 0, g90_pay: 0 }).grievance_pay_share_90d).toBe(0);
    expect(v({ g90_collective: 2 }).grievance_collective_90d).toBe(2);
    expect(v({ unresolved_30: 4 }).grievance_unresolved_30d).toBe(4);
  });
});

describe("wage-arrears factors", () => {
  it("amount relative to a month of payroll at the regional minimum wage", () => {
    // 200 workers × 4,140,000 (region III, 2026) = 828,000,000 per month
    const f = v({ wa_outstanding: 1_656_000_000, wa_periods: 2, wa_workers: 150, wa_outstanding_then: 828_000_000 });
    expect(f.wage_arrears_payroll).toBeCloseTo(2);
    expect(f.wage_arrears_months).toBe(2);
    expect(f.wage_arrears_workers_share).toBeCloseTo(0.75);
    expect(f.wage_arrears_growth_90d).toBeCloseTo(1);
  });

  it("uses region IV outside the city and caps the workforce share at 1", () => {
    const f = v({ area_code: "DB-MNHE", wa_outstanding: 740_000_000, wa_workers: 500 });
    expect(f.wage_arrears_payroll).toBeCloseTo(1); // 200 × 3,700,000
    expect(f.wage_arrears_workers_share).toBe(1);
  });
});

describe("insurance factors", () => {
  it("counts shortfall months since arrears were last cleared", () => {
    const paid = { due: 100, paid: 100 };
    const none = { due: 100, paid: 0 };
    const part = { due: 100, paid: 50 };
    expect(insuranceSpell([paid, paid, none, none, part, none])).toEqual({ months: 4, arrears: 350, arrearsThen: 100, dueLast: 100 });
    // Paying back clears the spell; a new shortfall starts a new one.
    expect(insuranceSpell([none, { due: 100, paid: 200 }, paid, none]).months).toBe(1);
    // A full payment while arrears remain does not end the spell, and does not add a month.
    expect(insuranceSpell([none, none, paid, none]).months).toBe(3);
    expect(insuranceSpell([]).months).toBe(0);
  });

  it("arrears relative to the monthly amount due, growth over three periods, blind spot", () => {
    const f = v({ ins_arrears: 40_000_000, ins_arrears_then: 10_000_000, ins_spell_months: 4 });
    expect(f.insurance_arrears_ratio).toBeCloseTo(4);
    expect(f.insurance_arrears_growth_3m).toBeCloseTo(3);
    expect(f.insurance_arrears_months).toBe(4);
    expect(f.insurance_unreported).toBe(0);
    expect(v({ ins_periods: 0, ins_last_period: "1970-01-01", ins_due_last: 0 }).insurance_unreported).toBe(1);
    expect(v({ ins_last_period: "2025-08-01" }).insurance_unreported).toBe(1); // nothing for 4+ months
    expect(v({ ins_periods: 0, ins_due_last: 0, ins_arrears: 5 }).insurance_arrears_ratio).toBe(0);
  });
});

describe("union-fee arrears", () => {
  it("months owed and the amount owed in months of the latest fee; nothing without a known fee", () => {
    const f = v({ uf_months: 3, uf_arrears: 5_000_000 });
    expect(f.union_fee_arrears_months).toBe(3);
    expect(f.union_fee_arrears_ratio).toBeCloseTo(2.5);
    expect(v({}).union_fee_arrears_months).toBe(0);
    expect(v({}).union_fee_arrears_ratio).toBe(0);
    expect(v({ uf_months: 2, uf_arrears: 4_000_000, uf_due_last: 0 }).union_fee_arrears_ratio).toBe(0);
  });
});

describe("insurance arrears counted up to three months, and by workforce", () => {
  it("rises month by month to the rule's three months, then stays", () => {
    expect([0, 1, 2, 3, 4, 9].map((m) => v({ ins_spell_months: m }).insurance_arrears_3m)).toEqual([0, 1, 2, 3, 3, 3]);
  });

  it("weighs the same months more at a larger workforce (worker-months)", () => {
    expect(v({ ins_spell_months: 4, workforce: 200 }).insurance_arrears_worker_months).toBe(800);
    expect(v({ ins_spell_months: 4, workforce: 10 }).insurance_arrears_worker_months).toBe(40);
    expect(v({ ins_spell_months: 0, workforce: 200 }).insurance_arrears_worker_months).toBe(0);
  });
});

describe("structure, calendar and contagion factors", () => {
  it("union, size, sector, ownership, past incidents", () => {
    const f = v({ has_union: true, past_365: 2 });
    expect(f.no_union).toBe(0);
    expect(v({}).no_union).toBe(1);
    expect(f.workforce).toBe(200);
    expect(f.strike_prone_sector).toBe(1);
    expect(v({ sector: "retail_trade" }).strike_prone_sector).toBe(0);
    expect(f.ownership_fdi).toBe(1);
    expect(f.ownership_private).toBe(0);
    expect(v({ ownership: "private" }).ownership_private).toBe(1);
    expect(f.past_incidents_365d).toBe(2);
  });

  it("Tết season from the as-of date, nearby incidents", () => {
    expect(v({ as_of: "2025-12-22" }).tet_season).toBe(1);
    expect(v({ as_of: "2025-08-01" }).tet_season).toBe(0);
    expect(v({ nearby_90: 3 }).nearby_incidents_90d).toBe(3);
  });
});
