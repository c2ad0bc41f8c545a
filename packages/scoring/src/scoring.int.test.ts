// A small crafted world in ClickHouse: a healthy enterprise, a troubled one (4 months of insurance
// arrears, wage arrears, grievances), one whose only signal is a recent strike at another enterprise
// of its area and sector, and the enterprise that had that strike. Scored with a hand-written model
// (known weights) and with the default model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signalReasons } from "@lrew/risk";
import { publishCurrentScores, selectLatestScores, type Warehouse } from "@lrew/warehouse";
import { computeFeatures, featureChunks, type FeatureRow } from "./features.ts";
import { loadModel, scoreRow, topReasons, type Model } from "./model.ts";
import { recordRun, runScoring, scoreAll } from "./scoring.ts";
import {
  contributions,
  enterprise,
  grievance,
  incident,
  openScratchWarehouse,
  periods,
  put,
  reportDayOf,
  wageArrears,
} from "./test-world.ts";

const HEALTHY = "5600000001";
const TROUBLED = "5600000002";
const NEARBY = "5600000003";
const STRIKER = "5600000004";
const AS_OF = "2026-01-10";

const unit = (name: string, weight: number) => ({ name, mean: 0, std: 1, weight });
/** Standardisation is the identity (mean 0, std 1), so each contribution is weight × transformed value. */
const TEST_MODEL: Model = {
  version: "crafted-1",
  createdAt: "2026-01-01T00:00:00.000Z",
  horizonDays: 60,
  intercept: -5,
  features: [
    unit("grievance_rate_30d", 0.5),
    unit("grievance_pay_share_90d", 0.5),
    unit("wage_arrears_payroll", 1),
    unit("wage_arrears_workers_share", 1.5),
    unit("insurance_arrears_months", 1),
    unit("past_incidents_365d", 1),
    unit("tet_season", 0.3),
    unit("nearby_incidents_90d", 1.5),
  ],
  thresholds: { watch: { enter: 0.015, exit: 0.01 }, high: { enter: 0.05, exit: 0.03 }, critical: { enter: 0.2, exit: 0.12 } },
};

let wh: Warehouse;
let features: Map<string, FeatureRow>;

beforeAll(async () => {
  wh = await openScratchWarehouse("crafted");
  await put(wh, "enterprises", [
    enterprise(HEALTHY, { has_union: true, area_code: "DB-TGIAO", union_unit_id: "CD-HEALTHY" }),
    enterprise(TROUBLED, { sector: "footwear" }),
    enterprise(NEARBY),
    enterprise(STRIKER),
  ]);
  const months = periods("2025-01", 11); // 2025-01 .. 2025-11, the last reported on 12 December
  for (const p of months) {
    for (const id of [HEALTHY, NEARBY, STRIKER]) await put(wh, "insurance-contributions", contributions(id, p, reportDayOf(p), 1));
    // TROUBLED stops paying from August: 4 months of arrears (Aug–Nov) known by 10 January.
    await put(wh, "insurance-contributions", contributions(TROUBLED, p, reportDayOf(p), p >= "2025-08" ? 0 : 1));
  }
  await put(wh, "wage-arrears", [
    wageArrears(TROUBLED, "2025-10", "2025-11-20", 1_000_000_000, 240),
    wageArrears(TROUBLED, "2025-11", "2025-12-20", 1_200_000_000, 240),
  ]);
  await put(wh, "grievances", [
    ...[1, 2, 3, 4, 5, 6].map((n) =>
      grievance(TROUBLED, n, `2025-12-${String(11 + n).padStart(2, "0")}`, {
        category: n % 2 ? "wage_arrears" : "social_insurance",
        workers_involved: 40,
      }),
    ),
    grievance(HEALTHY, 1, "2025-09-10", { category: "safety", severity: 1 }),
  ]);
  await put(wh, "incidents", [incident(STRIKER, "2025-12-20")]);
  features = new Map((await computeFeatures(wh, { asOf: AS_OF })).map((r) => [r.enterprise_id, r]));
});

afterAll(async () => {
  await wh?.close();
});

describe("features of the crafted world", () => {
  it("sees the troubled enterprise's arrears and grievances", () => {
    const t = features.get(TROUBLED)!.values;
    expect(t.insurance_arrears_months).toBe(4);
    expect(t.insurance_arrears_ratio).toBeCloseTo(4, 1);
    expect(t.insurance_arrears_growth_3m).toBeCloseTo(3, 1);
    expect(t.wage_arrears_months).toBe(2);
    expect(t.wage_arrears_workers_share).toBeCloseTo(0.8);
    // 2.2 billion against 300 × 4,140,000 (Điện Biên Phủ, region III, 2026)
    expect(t.wage_arrears_payroll).toBeCloseTo(2_200_000_000 / (300 * 4_140_000), 6);
    expect(t.grievance_rate_30d).toBeCloseTo(2); // 6 per 300 workers
    expect(t.grievance_collective_90d).toBe(6);
    expect(t.grievance_pay_share_90d).toBeCloseTo(6 / 7);
    expect(t.grievance_surprise_own).toBeGreaterThan(3);
    expect(t.no_union).toBe(1);
  });

  it("sees nothing wrong at the healthy enterprise", () => {
    const h = features.get(HEALTHY)!.values;
    expect(h.insurance_arrears_months).toBe(0);
    expect(h.wage_arrears_payroll).toBe(0);
    expect(h.grievance_rate_30d).toBe(0);
    expect(h.grievance_unresolved_30d).toBe(1); // its September grievance was never closed
    expect(h.no_union).toBe(0);
    expect(h.nearby_incidents_90d).toBe(0); // another area than the striker's
  });

  it("counts the strike as nearby for others and as past for the striker", () => {
    expect(features.get(NEARBY)!.values.nearby_incidents_90d).toBe(1);
    expect(features.get(STRIKER)!.values.nearby_incidents_90d).toBe(0);
    expect(features.get(STRIKER)!.values.past_incidents_365d).toBe(1);
    expect(features.get(TROUBLED)!.values.nearby_incidents_90d).toBe(0); // same area, another sector
    expect(features.get(TROUBLED)!.values.tet_season).toBeCloseTo(51 / 60);
  });
});

describe("features chunk by chunk (what a run reads)", () => {
  it("gives every enterprise's row exactly as one query does, sector-wide factors included", async () => {
    const chunks: FeatureRow[][] = [];
    for await (const c of featureChunks(wh, { asOf: AS_OF, chunk: 1 })) chunks.push(c);
    // One enterprise per query: its incidents nearby and its sector's grievance rate still count the others.
    expect(chunks.map((c) => c.length)).toEqual([1, 1, 1, 1]);
    expect(chunks.flat()).toEqual([...features.values()]);
    expect(chunks.flat().find((r) => r.enterprise_id === NEARBY)!.values.nearby_incidents_90d).toBe(1);
    const some: FeatureRow[] = [];
    for await (const c of featureChunks(wh, { asOf: AS_OF, enterpriseIds: [STRIKER, NEARBY], chunk: 1 })) some.push(...c);
    expect(some).toEqual([features.get(NEARBY), features.get(STRIKER)]);
  });
});

describe("scores, levels and contributions", () => {
  it("orders the enterprises and explains why (hand-written model)", () => {
    const s = (id: string) => scoreRow(TEST_MODEL, features.get(id)!);
    const troubled = s(TROUBLED);
    expect(troubled.score).toBeGreaterThan(0.2);
    expect(topReasons(troubled.contributions, 3).map((c) => c.feature)).toEqual([
      "insurance_arrears_months",
      "wage_arrears_workers_share",
      "wage_arrears_payroll",
    ]);
    expect(troubled.contributions.find((c) => c.feature === "insurance_arrears_months")!.contribution).toBeCloseTo(Math.log(5), 10);
    const nearby = s(NEARBY);
    expect(topReasons(nearby.contributions, 1)[0]!.feature).toBe("nearby_incidents_90d");
    expect(nearby.contributions.find((c) => c.feature === "nearby_incidents_90d")!.contribution).toBeCloseTo(1.5 * Math.log(2), 10);
    for (const id of [HEALTHY, TROUBLED, NEARBY, STRIKER]) {
      const r = s(id);
      expect(r.contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(r.logit - TEST_MODEL.intercept, 10);
    }
  });

  it("writes levels, changes and contributions through a scoring run", async () => {
    const run = await runScoring(wh, TEST_MODEL, { asOf: AS_OF, runId: "run-1" });
    expect(run.scored).toBe(4);
    const latest = new Map((await selectLatestScores(wh)).map((r) => [r.enterprise_id, r]));
    expect(Object.fromEntries([...latest].map(([id, r]) => [id, r.level]))).toEqual({
      [HEALTHY]: "low",
      [TROUBLED]: "critical",
      [NEARBY]: "watch",
      [STRIKER]: "watch",
    });
    const t = latest.get(TROUBLED)!;
    expect(t.as_of).toBe(AS_OF);
    expect(t.model_version).toBe("crafted-1");
    expect(t.contributions.map((c) => c.feature)).toEqual(TEST_MODEL.features.map((f) => f.name));
    expect(t.contributions.find((c) => c.feature === "insurance_arrears_months")!.value).toBe(4);
    // The policy's e-mail decisions: only the enterprise entering critical, with signal reasons.
    const emails = new Map(run.emails.map((c) => [c.enterprise_id, c]));
    expect(emails.get(TROUBLED)).toMatchObject({
      kind: "raised_critical",
      from: null,
      to: "critical",
      area_code: "DB-DBP",
      sector: "footwear",
    });
    expect(emails.get(TROUBLED)!.reasons[0]!.feature).toBe("insurance_arrears_months");
    expect(emails.size).toBe(1);
    expect(run.stateChanges).toBe(3); // a first score at low is not a change
    expect(run.load.get("DB-DBP")).toMatchObject({ open: 1, capacity: 5 });
  });

  it("keeps levels on the next day (hysteresis) and reports no change", async () => {
    const run = await runScoring(wh, TEST_MODEL, { asOf: "2026-01-11", runId: "run-2" });
    expect(run.stateChanges).toBe(0);
    expect(run.emails).toEqual([]);
    const rs = await wh.client.query({ query: `SELECT count() AS n FROM lrew.score_level_changes`, format: "JSONEachRow" });
    expect(Number((await rs.json<{ n: string }>())[0]!.n)).toBe(3);
  });

  it("never shows scores of a run that did not complete, and replaces a rerun of the same day", async () => {
    // A scorer killed mid-run: scores written, run never recorded as completed.
    await recordRun(wh, {
      runId: "run-killed",
      startedAt: new Date(),
      asOf: "2026-01-12",
      enterprisesScored: 0,
      modelVersion: TEST_MODEL.version,
      status: "running",
    });
    await scoreAll(wh, TEST_MODEL, { asOf: "2026-01-12", runId: "run-killed" });
    expect(new Set((await selectLatestScores(wh)).map((r) => r.as_of))).toEqual(new Set(["2026-01-11"]));
    // Nor in the lists' latest-state table (copied only from completed runs).
    const current = async () => {
      const rs = await wh.client.query({
        query: "SELECT enterprise_id, run_id FROM lrew.scores_current FINAL ORDER BY enterprise_id",
        format: "JSONEachRow",
      });
      return rs.json<{ enterprise_id: string; run_id: string }>();
    };
    expect(new Set((await current()).map((r) => r.run_id))).toEqual(new Set(["run-2"]));
    // The next run of the same day completes and becomes visible; a second rerun replaces it.
    await runScoring(wh, TEST_MODEL, { asOf: "2026-01-12", runId: "run-3" });
    await runScoring(wh, TEST_MODEL, { asOf: "2026-01-12", runId: "run-4" });
    const latest = await selectLatestScores(wh);
    expect(latest).toHaveLength(4);
    expect(new Set(latest.map((r) => r.run_id))).toEqual(new Set(["run-4"]));
    expect(await current()).toEqual(latest.map((r) => ({ enterprise_id: r.enterprise_id, run_id: r.run_id })));
    // A run completed but never copied (its scorer killed in between) is copied by the next run's publish.
    await scoreAll(wh, TEST_MODEL, { asOf: "2026-01-13", runId: "run-5" });
    await recordRun(wh, {
      runId: "run-5",
      startedAt: new Date(),
      asOf: "2026-01-13",
      enterprisesScored: 4,
      modelVersion: TEST_MODEL.version,
    });
    expect(new Set((await current()).map((r) => r.run_id))).toEqual(new Set(["run-4"]));
    expect(await publishCurrentScores(wh)).toBe(1);
    expect(new Set((await current()).map((r) => r.run_id))).toEqual(new Set(["run-5"]));
    expect(await publishCurrentScores(wh)).toBe(0);
    const rs = await wh.client.query({
      query: `SELECT count() AS n FROM lrew.scores_final WHERE as_of = '2026-01-12'`,
      format: "JSONEachRow",
    });
    expect(Number((await rs.json<{ n: string }>())[0]!.n)).toBe(4);
    const runs = await wh.client.query({
      query: `SELECT run_id, status, enterprises_scored FROM lrew.scoring_runs FINAL ORDER BY run_id`,
      format: "JSONEachRow",
    });
    expect(await runs.json()).toEqual([
      { run_id: "run-1", status: "completed", enterprises_scored: 4 },
      { run_id: "run-2", status: "completed", enterprises_scored: 4 },
      { run_id: "run-3", status: "completed", enterprises_scored: 4 },
      { run_id: "run-4", status: "completed", enterprises_scored: 4 },
      { run_id: "run-5", status: "completed", enterprises_scored: 4 },
      { run_id: "run-killed", status: "running", enterprises_scored: 0 },
    ]);
  });

  it("the default model puts the troubled enterprise at high or critical, above the others, for the right reasons", () => {
    const m = loadModel();
    const s = (id: string) => scoreRow(m, features.get(id)!);
    const troubled = s(TROUBLED);
    expect(troubled.score).toBeGreaterThanOrEqual(m.thresholds.high.enter);
    for (const id of [HEALTHY, NEARBY, STRIKER]) expect(s(id).score).toBeLessThan(troubled.score);
    // The reasons an alert states are its signal reasons (size and ownership are context, never a
    // reason): the arrears are among them. Among all contributions, default-4 spreads the
    // insurance arrears over five related factors sharing a weight, so size or ownership alone may
    // outweigh any single one of them; the family together must still outweigh the workforce.
    const reasons = signalReasons(troubled.contributions, 0, 3).map((c) => c.feature.split("_")[0]);
    expect(reasons.some((f) => f === "insurance" || f === "wage")).toBe(true);
    const family = (prefix: string) =>
      troubled.contributions.filter((c) => c.feature.startsWith(prefix)).reduce((a, c) => a + c.contribution, 0);
    const workforce = troubled.contributions.find((c) => c.feature === "workforce")!.contribution;
    expect(family("insurance_arrears") + family("wage_arrears")).toBeGreaterThan(workforce);
  });
});
