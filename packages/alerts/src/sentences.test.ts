import { FEATURES } from "@lrew/risk";
import { describe, expect, it } from "vitest";
import { formatFeatureValue, SENTENCE_FEATURES, sentence, sentences, shownValue } from "./sentences.ts";
import { VALUES } from "./test-fixtures.ts";

describe("sentences", () => {
  it("has a sentence of its own for every feature of the catalogue, in both languages", () => {
    expect([...SENTENCE_FEATURES].sort()).toEqual(FEATURES.map((f) => f.name).sort());
    for (const f of FEATURES) {
      const s = sentences(f.name, VALUES[f.name] ?? 1, { values: VALUES });
      expect(s.vi.length).toBeGreaterThan(5);
      expect(s.en.length).toBeGreaterThan(5);
      expect(s.vi).not.toBe(s.en);
      expect(s.vi).not.toMatch(/NaN|undefined|Infinity/);
      expect(s.en).not.toMatch(/NaN|undefined|Infinity/);
    }
  });

  it("states insurance arrears with the months and the ratio, vi-VN numbers", () => {
    const ctx = { values: VALUES };
    expect(sentence("insurance_arrears_months", 4, "vi", ctx)).toBe("Nợ BHXH 4 tháng liên tiếp (khoảng 1,8 lần mức đóng hằng tháng)");
    expect(sentence("insurance_arrears_months", 4, "en", ctx)).toBe(
      "4 consecutive months of social-insurance arrears (about 1.8× the monthly contribution)",
    );
    expect(sentence("insurance_arrears_months", 1, "en")).toBe("1 consecutive month of social-insurance arrears");
  });

  it("states union-fee arrears with the months and the ratio, like the insurance arrears", () => {
    const ctx = { values: { union_fee_arrears_ratio: 2.5 } };
    expect(sentence("union_fee_arrears_months", 3, "vi", ctx)).toBe("Nợ kinh phí công đoàn 3 tháng (khoảng 2,5 lần mức đóng hằng tháng)");
    expect(sentence("union_fee_arrears_months", 3, "en", ctx)).toBe("3 months of union-fee arrears (about 2.5× the monthly fee)");
    expect(sentence("union_fee_arrears_months", 1, "en")).toBe("1 month of union-fee arrears");
    expect(sentence("union_fee_arrears_ratio", 2.5, "vi")).toBe("Nợ kinh phí công đoàn khoảng 2,5 lần mức đóng hằng tháng");
  });

  it("states the three-month threshold and worker-months of insurance arrears", () => {
    expect(sentence("insurance_arrears_3m", 3, "vi")).toBe("Nợ BHXH từ 3 tháng trở lên (ngưỡng của quy tắc 3 tháng)");
    expect(sentence("insurance_arrears_3m", 2, "en")).toBe("2 months of social-insurance arrears, nearing the three-month threshold");
    expect(sentence("insurance_arrears_worker_months", 1200, "vi")).toBe(
      "Khoảng 1.200 người-tháng chưa được đóng đủ BHXH (số tháng nợ × số lao động)",
    );
  });

  it("cites wage arrears in VND when known", () => {
    expect(sentence("wage_arrears_payroll", 0.5, "vi", { wageArrearsVnd: 1_234_567 })).toBe(
      "Nợ lương tương đương 0,5 tháng quỹ lương tối thiểu (1.234.567 ₫)",
    );
    expect(sentence("wage_arrears_payroll", 0.5, "en", { wageArrearsVnd: 1_234_567 })).toBe(
      "Wage arrears equal to 0.5 months of minimum-wage payroll (1,234,567 VND)",
    );
  });

  it("suppresses grievance counts below the minimum cell size", () => {
    expect(sentence("grievance_unresolved_30d", 2, "vi")).toBe("Dưới 3 khiếu nại tồn đọng quá 30 ngày chưa được giải quyết");
    expect(sentence("grievance_unresolved_30d", 2, "en")).toBe("Fewer than 3 grievances unresolved for over 30 days");
    expect(sentence("grievance_collective_90d", 1, "vi")).not.toMatch(/\b1\b/);
    expect(sentence("grievance_unresolved_30d", 4, "vi")).toBe("4 khiếu nại tồn đọng quá 30 ngày chưa được giải quyết");
    expect(sentence("grievance_unresolved_30d", 4, "vi", { minCellSize: 5 })).toBe(
      "Dưới 5 khiếu nại tồn đọng quá 30 ngày chưa được giải quyết",
    );
    expect(shownValue("grievance_collective_90d", 2)).toBeNull();
    expect(shownValue("grievance_collective_90d", 3)).toBe(3);
    expect(shownValue("insurance_arrears_months", 1)).toBe(1);
  });

  it("does not show a grievance rate that gives a small count away", () => {
    // 2 grievances among 100 workers: rate 2 per 100 → the count would be recoverable.
    const small = { values: { ...VALUES, workforce: 100 } };
    expect(shownValue("grievance_rate_30d", 2, small)).toBeNull();
    const vi = sentence("grievance_rate_30d", 2, "vi", small);
    expect(vi).toBe("Có dưới 3 khiếu nại trong 30 ngày qua");
    expect(sentence("grievance_rate_30d", 2, "en", small)).toBe("Fewer than 3 grievances in the last 30 days");
    // 10 grievances among 200 workers: shown.
    expect(sentence("grievance_rate_30d", 5, "vi", { values: VALUES })).toBe(
      "5 khiếu nại trên 100 lao động trong 30 ngày qua (10 khiếu nại)",
    );
  });

  it("formats a bare value for before → after lines", () => {
    expect(formatFeatureValue("insurance_arrears_months", 4, "vi")).toBe("4");
    expect(formatFeatureValue("insurance_arrears_ratio", 1.84, "vi")).toBe("1,8");
    expect(formatFeatureValue("no_union", 1, "vi")).toBe("có");
    expect(formatFeatureValue("grievance_unresolved_30d", null, "en")).toBe("fewer than 3");
  });
});
