import { describe, expect, it } from "vitest";
import { copyPlan, copySql, denseSql, lastDay } from "./world-load.ts";

describe("lastDay", () => {
  it("is the last of `days` days from the start, across month and leap-year ends", () => {
    expect(lastDay("2025-07-01", 365)).toBe("2026-06-30");
    expect(lastDay("2024-02-28", 2)).toBe("2024-02-29");
    expect(lastDay("2025-01-01", 1)).toBe("2025-01-01");
  });
});

describe("copyPlan", () => {
  it("simulates small worlds whole and larger ones as copies of at most the base size", () => {
    expect(copyPlan(1000)).toEqual({ copies: 1, simulated: 1000 });
    expect(copyPlan(10_000)).toEqual({ copies: 1, simulated: 10_000 });
    expect(copyPlan(100_000)).toEqual({ copies: 10, simulated: 10_000 });
    expect(copyPlan(25_000)).toEqual({ copies: 3, simulated: 8333 });
    expect(copyPlan(300, 100)).toEqual({ copies: 3, simulated: 100 });
  });
});

describe("copySql", () => {
  it("copies the first copy's rows with a suffixed enterprise_id, new event ids and its own source topic", () => {
    const sql = copySql("lrew", "grievances", 7);
    expect(sql).toMatch(/^INSERT INTO lrew\.grievances\nSELECT \* REPLACE/);
    expect(sql).toContain("concat(enterprise_id, '-c007') AS enterprise_id");
    expect(sql).toContain("sipHash128(toString(event_id), 7)");
    expect(sql).toContain("'sim-c007' AS _topic");
    expect(sql).toContain("FROM (SELECT * FROM lrew.grievances WHERE _topic = 'sim' OR startsWith(_topic, 'sim-d'))");
  });
});

describe("denseSql", () => {
  it("repeats insurance reports later the same day and grievances as grievances of their own, with new event ids", () => {
    const ins = denseSql("lrew", "insurance-contributions", 3)!;
    expect(ins).toMatch(/^INSERT INTO lrew\.insurance_contributions\nSELECT \* REPLACE/);
    expect(ins).toContain("addSeconds(reported_at, 3) AS reported_at");
    expect(ins).toContain("sipHash128(toString(event_id), 'dense', 3)");
    expect(ins).toContain("'sim-d3' AS _topic");
    expect(denseSql("lrew", "grievances", 2)).toContain("concat(grievance_id, '-d2') AS grievance_id");
    expect(denseSql("lrew", "incidents", 2)).toBeUndefined();
  });
});
