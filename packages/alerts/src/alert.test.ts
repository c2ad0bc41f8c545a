import { BadInputError } from "@lrew/errors";
import { describe, expect, it } from "vitest";
import { isSignalFactor } from "@lrew/risk";
import { alertId, alertSchema, alertsFor, keyFiguresFromValues, parseAlert, type AlertRecord } from "./alert.ts";
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

describe("alertsFor", () => {
  it("builds a valid alert with a stable id, sentences, key figures and a dashboard link", () => {
    const [a, ...rest] = alertsFor([levelChange()], [], OPTIONS);
    expect(rest).toEqual([]);
    expect(alertSchema.parse(a)).toEqual(a);
    expect(a!.alert_id).toBe(alertId(ENTERPRISE_ID, "2026-11-24", "high", "m-2026.11"));
    expect(alertsFor([levelChange()], [], OPTIONS)[0]!.alert_id).toBe(a!.alert_id);
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
    const [a] = alertsFor([levelChange({}, values)], [], OPTIONS);
    expect(a!.key_figures.grievances_30d).toBeNull();
    expect(JSON.stringify(a)).not.toContain('"grievances_30d":2');
    const [b] = alertsFor([levelChange()], [], {
      ...OPTIONS,
      keyFigures: new Map([[ENTERPRISE_ID, { insurance_arrears_months: 4, wage_arrears_vnd: 1, grievances_30d: 1 }]]),
    });
    expect(b!.key_figures).toEqual({ insurance_arrears_months: 4, wage_arrears_vnd: 1, grievances_30d: null });
  });

  it("states signals only, with structure as a context phrase, even when structure contributes most", () => {
    const d = levelChange();
    expect(Math.max(...d.contributions.map((c) => c.contribution))).toBe(1.4); // workforce, the largest
    const [a] = alertsFor([d], [], OPTIONS);
    for (const r of a!.reasons) expect(isSignalFactor(r.feature), r.feature).toBe(true);
    expect(a!.context.vi).toBe("Một doanh nghiệp may mặc vừa (200 lao động); đang vào mùa Tết, khi tranh chấp về thưởng Tết thường tăng.");
    expect(a!.context.en).toBe("A medium-sized garment plant (200 workers); entering the Tết season, when bonus disputes cluster.");
    // Even a decision that names structure among its reasons never states it.
    const [b] = alertsFor([{ ...d, reasons: [{ feature: "workforce", value: 200, contribution: 1.4 }, ...d.reasons] }], [], OPTIONS);
    expect(b!.reasons.map((r) => r.feature)).toEqual(["insurance_arrears_months", "wage_arrears_payroll", "no_union"]);
    expect(() => parseAlert({ ...b, reasons: [{ ...b!.reasons[0]!, feature: "workforce" }] })).toThrow(/signal factor/);
  });

  it("reports what changed since the last alert", () => {
    const [a] = alertsFor(
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

  it("words every kind the policy decides, risen and lowered included", () => {
    const [r] = alertsFor([levelChange({ kind: "risen", from: "high", to: "high", score: 0.7 })], [past()], OPTIONS);
    expect(r).toMatchObject({ kind: "risen", level: "high", previous_level: "high", previous_alert: { score: 0.6 } });
    const [l] = alertsFor([levelChange({ kind: "lowered", from: "high", to: "watch", score: 0.35 })], [past()], OPTIONS);
    expect(l).toMatchObject({ kind: "lowered", level: "watch", previous_level: "high" });
    const [c] = alertsFor([levelChange({ from: "silent" })], [], OPTIONS);
    expect(c!.previous_level).toBe("silent");
  });

  it("orders a batch by date and lets earlier alerts of the batch be the next one's previous alert", () => {
    const out = alertsFor(
      [levelChange({ as_of: "2026-11-20", kind: "risen", from: "high", score: 0.7 }), levelChange({ as_of: "2026-11-01", score: 0.6 })],
      [],
      OPTIONS,
    );
    expect(out.map((a) => a.as_of)).toEqual(["2026-11-01", "2026-11-20"]);
    expect(out[1]!.previous_alert).toMatchObject({ as_of: "2026-11-01", alert_id: out[0]!.alert_id });
  });

  it("names an unknown enterprise by its tax code and routes it to the federation", () => {
    const [a] = alertsFor([levelChange({ enterprise_id: "5600999999" })], [], OPTIONS);
    expect(a).toMatchObject({ enterprise_name: "5600999999", union_unit_id: "LDLD-DB" });
  });
});

describe("alert schema", () => {
  it("rejects unknown fields and bad values with a BadInputError", () => {
    const [a] = alertsFor([levelChange()], [], OPTIONS);
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
