import { BadInputError } from "@lrew/errors";
import { describe, expect, it } from "vitest";
import { alertId, alertSchema, decide, decideAlerts, keyFiguresFromValues, parseAlert, type AlertRecord } from "./alert.ts";
import { ENTERPRISE_ID, OPTIONS, VALUES, levelChange } from "./test-fixtures.ts";

const past = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  enterprise_id: ENTERPRISE_ID,
  level: "high",
  score: 0.6,
  as_of: "2026-11-10",
  reasons: [
    { feature: "insurance_arrears_months", value: 3 },
    { feature: "grievance_unresolved_30d", value: null },
  ],
  ...over,
});

describe("decide", () => {
  it("alerts raises into high and critical, not low ↔ watch", () => {
    expect(decide({ from: "watch", to: "high", score: 0.6, as_of: "2026-11-24" }, undefined)).toEqual({ emit: true, kind: "raised_high" });
    expect(decide({ from: null, to: "high", score: 0.6, as_of: "2026-11-24" }, undefined)).toEqual({ emit: true, kind: "raised_high" });
    expect(decide({ from: "high", to: "critical", score: 0.9, as_of: "2026-11-24" }, undefined)).toEqual({
      emit: true,
      kind: "raised_critical",
    });
    expect(decide({ from: "low", to: "critical", score: 0.9, as_of: "2026-11-24" }, undefined)).toEqual({
      emit: true,
      kind: "raised_critical",
    });
    expect(decide({ from: "low", to: "watch", score: 0.3, as_of: "2026-11-24" }, undefined)).toEqual({ emit: false, why: "not_alerting" });
    expect(decide({ from: "watch", to: "low", score: 0.1, as_of: "2026-11-24" }, undefined, { notifyLowered: true }).emit).toBe(false);
  });

  it("alerts lowered only when asked", () => {
    const c = { from: "high" as const, to: "watch" as const, score: 0.3, as_of: "2026-11-24" };
    expect(decide(c, undefined)).toEqual({ emit: false, why: "lowered_not_notified" });
    expect(decide(c, undefined, { notifyLowered: true })).toEqual({ emit: true, kind: "lowered" });
    expect(decide({ ...c, from: "critical", to: "high" }, undefined, { notifyLowered: true })).toEqual({ emit: true, kind: "lowered" });
  });

  it("suppresses the same level within the cooldown unless the score rose materially", () => {
    const c = { from: "watch" as const, to: "high" as const, score: 0.65, as_of: "2026-11-24" };
    const last = { score: 0.6, as_of: "2026-11-10" };
    expect(decide(c, last, { cooldownDays: 30, materialRise: 0.1 })).toEqual({ emit: false, why: "cooldown" });
    expect(decide({ ...c, score: 0.7 }, last, { cooldownDays: 30, materialRise: 0.1 })).toEqual({ emit: true, kind: "raised_high" });
    // After the cooldown: 30 days later it is alerted again.
    expect(decide({ ...c, as_of: "2026-12-10" }, last, { cooldownDays: 30 })).toEqual({ emit: true, kind: "raised_high" });
    expect(decide({ ...c, as_of: "2026-12-09" }, last, { cooldownDays: 30 })).toEqual({ emit: false, why: "cooldown" });
    expect(decide(c, last, { cooldownDays: 0 })).toEqual({ emit: true, kind: "raised_high" });
  });
});

describe("decideAlerts", () => {
  it("builds a valid alert with a stable id, sentences, key figures and a dashboard link", () => {
    const [a, ...rest] = decideAlerts([levelChange()], [], OPTIONS);
    expect(rest).toEqual([]);
    expect(alertSchema.parse(a)).toEqual(a);
    expect(a!.alert_id).toBe(alertId(ENTERPRISE_ID, "2026-11-24", "high", "m-2026.11"));
    expect(decideAlerts([levelChange()], [], OPTIONS)[0]!.alert_id).toBe(a!.alert_id);
    expect(a!.alert_id).not.toBe(alertId(ENTERPRISE_ID, "2026-11-24", "critical", "m-2026.11"));
    expect(a).toMatchObject({
      enterprise_name: "Công ty TNHH May mặc Điện Biên Phủ",
      area_name: "Thành phố Điện Biên Phủ",
      union_unit_id: "CDCS-5600123456",
      kind: "raised_high",
      level: "high",
      previous_level: "watch",
      previous_alert: null,
      changes: [],
      dashboard_url: "https://lrew.example.vn/enterprises/5600123456",
      // 0.5 months × 4,140,000 VND (region III, 2026) × 200 workers
      key_figures: { insurance_arrears_months: 4, wage_arrears_vnd: 414_000_000, grievances_30d: 10 },
    });
    expect(a!.reasons.map((r) => r.feature)).toEqual(["insurance_arrears_months", "wage_arrears_payroll", "no_union"]);
    expect(a!.reasons[0]!.sentence_vi).toBe("Nợ BHXH 4 tháng liên tiếp (khoảng 1,8 lần mức đóng hằng tháng)");
    expect(a!.reasons[1]!.sentence_vi).toBe("Nợ lương tương đương 0,5 tháng quỹ lương tối thiểu (414.000.000 ₫)");
  });

  it("suppresses a small grievance count in the key figures", () => {
    const values = { ...VALUES, grievance_rate_30d: 1, workforce: 200 }; // 2 grievances
    const [a] = decideAlerts([levelChange({}, values)], [], OPTIONS);
    expect(a!.key_figures.grievances_30d).toBeNull();
    expect(JSON.stringify(a)).not.toContain('"grievances_30d":2');
    const [b] = decideAlerts([levelChange()], [], {
      ...OPTIONS,
      keyFigures: new Map([[ENTERPRISE_ID, { insurance_arrears_months: 4, wage_arrears_vnd: 1, grievances_30d: 1 }]]),
    });
    expect(b!.key_figures).toEqual({ insurance_arrears_months: 4, wage_arrears_vnd: 1, grievances_30d: null });
  });

  it("applies the cooldown against history: same level suppressed, material rise passes, after cooldown passes", () => {
    expect(decideAlerts([levelChange({ score: 0.65 })], [past()], OPTIONS)).toEqual([]);
    expect(decideAlerts([levelChange({ score: 0.71 })], [past()], OPTIONS)).toHaveLength(1);
    expect(decideAlerts([levelChange({ score: 0.65, as_of: "2026-12-15" })], [past()], OPTIONS)).toHaveLength(1);
    // Another level within the cooldown is alerted.
    expect(decideAlerts([levelChange({ from: "high", to: "critical", score: 0.65 })], [past()], OPTIONS)).toHaveLength(1);
    // The cooldown looks at the last alert at the same level, not just the last alert.
    const flapped = [past(), past({ level: "watch", score: 0.3, as_of: "2026-11-17" })];
    expect(decideAlerts([levelChange({ score: 0.65 })], flapped, { ...OPTIONS, notifyLowered: true })).toEqual([]);
  });

  it("reports what changed since the last alert", () => {
    const [a] = decideAlerts(
      [levelChange({ from: "high", to: "critical", score: 0.81 })],
      [past({ alert_id: alertId(ENTERPRISE_ID, "2026-11-10", "high", "m") })],
      OPTIONS,
    );
    expect(a!.previous_alert).toMatchObject({ level: "high", score: 0.6, as_of: "2026-11-10" });
    expect(a!.changes).toEqual([
      expect.objectContaining({ feature: "insurance_arrears_months", kind: "changed", before: 3, after: 4 }),
      expect.objectContaining({ feature: "wage_arrears_payroll", kind: "new", before: null, after: 0.5 }),
      expect.objectContaining({ feature: "no_union", kind: "new", before: null, after: 1 }),
      expect.objectContaining({ feature: "grievance_unresolved_30d", kind: "gone", before: null, after: 4 }),
    ]);
  });

  it("emits lowered alerts only when notifyLowered", () => {
    const down = levelChange({ from: "high", to: "watch", score: 0.35 });
    expect(decideAlerts([down], [past()], OPTIONS)).toEqual([]);
    const [a] = decideAlerts([down], [past()], { ...OPTIONS, notifyLowered: true });
    expect(a).toMatchObject({ kind: "lowered", level: "watch", previous_level: "high" });
  });

  it("orders a batch by date and lets earlier alerts of the batch count as history", () => {
    const out = decideAlerts(
      [levelChange({ as_of: "2026-11-20", score: 0.64 }), levelChange({ as_of: "2026-11-01", score: 0.6 })],
      [],
      OPTIONS,
    );
    expect(out.map((a) => a.as_of)).toEqual(["2026-11-01"]);
  });

  it("names an unknown enterprise by its tax code and routes it to the federation", () => {
    const [a] = decideAlerts([levelChange({ enterprise_id: "5600999999" })], [], OPTIONS);
    expect(a).toMatchObject({ enterprise_name: "5600999999", union_unit_id: "LDLD-DB" });
  });
});

describe("alert schema", () => {
  it("rejects unknown fields and bad values with a BadInputError", () => {
    const [a] = decideAlerts([levelChange()], [], OPTIONS);
    expect(() => parseAlert({ ...a, extra: 1 })).toThrow(BadInputError);
    expect(() => parseAlert({ ...a, dashboard_url: "javascript:alert(1)" })).toThrow(/dashboard_url/);
    expect(() => parseAlert({ ...a, score: 2 })).toThrow(/score/);
    expect(parseAlert(JSON.parse(JSON.stringify(a)))).toEqual(a);
  });

  it("derives key figures from feature values", () => {
    expect(keyFiguresFromValues(VALUES, "DB-DBP", "2026-11-24")).toEqual({
      insurance_arrears_months: 4,
      wage_arrears_vnd: 414_000_000,
      grievances_30d: 10,
    });
  });
});
