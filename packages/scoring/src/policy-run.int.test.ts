// Scoring runs through the alert policy, on a crafted world in ClickHouse with a hand-written model:
// four enterprises of one area with 4, 3, 2 and 1 months of insurance arrears against a capacity of
// 2; a very large enterprise high on its size alone; one that closes (workforce 0); one silent for
// seven months, one whose insurance stopped but whose union fees go on, one whose last months came
// only after the scoring day. Checks what the runs store (scores.level, policy_states) and decide (e-mails, load).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSignalFactor } from "@lrew/risk";
import { selectLatestScores, type Warehouse } from "@lrew/warehouse";
import type { Model } from "./model.ts";
import { runScoring, type PolicySettings, type ScoringRunResult } from "./scoring.ts";
import { DEFAULT_POLICY } from "@lrew/risk";
import { at, contributions, enterprise, openScratchWarehouse, periods, put, reportDayOf, unionFee } from "./test-world.ts";

const [A1, A2, A3, A4] = ["5600000011", "5600000012", "5600000013", "5600000014"];
const BIG = "5600000021";
const CLOSING = "5600000031";
const QUIET = "5600000041";
const FEES_ONLY = "5600000042";
const LATE = "5600000043";

/** Contributions are weight × (transformed value − mean): insurance months weigh 2 (log1p), the workforce 1 above log1p(300). */
const MODEL: Model = {
  version: "policy-1",
  createdAt: "2026-01-01T00:00:00.000Z",
  horizonDays: 60,
  intercept: -5,
  features: [
    { name: "insurance_arrears_months", mean: 0, std: 1, weight: 2 },
    { name: "workforce", mean: Math.log1p(300), std: 1, weight: 1 },
  ],
  thresholds: { watch: { enter: 0.015, exit: 0.01 }, high: { enter: 0.05, exit: 0.03 }, critical: { enter: 0.2, exit: 0.12 } },
};
const POLICY: PolicySettings = { policy: DEFAULT_POLICY, capacityOf: () => 2 };

let wh: Warehouse;
let day1: ScoringRunResult;

const states = async () => new Map((await selectLatestScores(wh)).map((s) => [s.enterprise_id, s.level]));

beforeAll(async () => {
  wh = await openScratchWarehouse("policy");
  await put(wh, "enterprises", [
    ...[A1, A2, A3, A4].map((id) => enterprise(id)),
    enterprise(BIG, { area_code: "DB-TGIAO", workforce: 5000 }),
    enterprise(CLOSING, { area_code: "DB-MANG" }),
    enterprise(QUIET, { area_code: "DB-MNHE" }),
    enterprise(FEES_ONLY, { area_code: "DB-MNHE" }),
    enterprise(LATE, { area_code: "DB-MNHE" }),
  ]);
  // Arrears of 4, 3, 2, 1 months by 10 January (the last period reported is 2025-11).
  const unpaidFrom: Record<string, string> = { [A1]: "2025-08", [A2]: "2025-09", [A3]: "2025-10", [A4]: "2025-11", [CLOSING]: "2025-08" };
  for (const p of periods("2025-01", 11)) {
    for (const id of [A1, A2, A3, A4, BIG, CLOSING]) {
      await put(wh, "insurance-contributions", contributions(id, p, reportDayOf(p), unpaidFrom[id] && p >= unpaidFrom[id] ? 0 : 1));
    }
    // The quiet enterprise's agency stops reporting after May: its last event is on 12 June 2025.
    if (p <= "2025-05") await put(wh, "insurance-contributions", contributions(QUIET, p, reportDayOf(p), 1));
    // Insurance stops after May here too, but the federation's union-fee ledger goes on every month.
    if (p <= "2025-05") await put(wh, "insurance-contributions", contributions(FEES_ONLY, p, reportDayOf(p), 1));
    await put(wh, "union-fees", [unionFee(FEES_ONLY, p, reportDayOf(p), true)]);
    // Reported on time, but the months after May reached lrew only on 20 January, after the first run.
    const received = p <= "2025-05" ? {} : { received_at: at("2026-01-20") };
    await put(
      wh,
      "insurance-contributions",
      contributions(LATE, p, reportDayOf(p), 1).map((c) => ({ ...c, ...received })),
    );
  }
  day1 = await runScoring(wh, MODEL, { asOf: "2026-01-10", runId: "day-1", policy: POLICY });
});

afterAll(async () => {
  await wh?.close();
});

describe("scoring runs through the alert policy", () => {
  it("opens the highest-ranked up to each area's capacity; the next waits at watch", async () => {
    const s = await states();
    expect([A1, A2, A3, A4].map((id) => s.get(id))).toEqual(["high", "high", "watch", "watch"]);
    expect(day1.load.get("DB-DBP")).toEqual({ open: 2, capacity: 2, waiting: 1 });
  });

  it("keeps an enterprise high on its size alone on the list, without an e-mail", async () => {
    expect((await states()).get(BIG)).toBe("high");
    expect(day1.emails.map((e) => e.enterprise_id).sort()).toEqual([A1, A2, CLOSING].sort());
  });

  it("e-mails state signals only", () => {
    for (const e of day1.emails) {
      expect(e.kind).toBe("raised_high");
      expect(e.reasons.length).toBeGreaterThan(0);
      for (const r of e.reasons) expect(isSignalFactor(r.feature), r.feature).toBe(true);
    }
  });

  it("puts an enterprise with no event for six months in a state of its own", async () => {
    expect((await states()).get(QUIET)).toBe("silent");
  });

  it("counts union fees as events, and only events lrew had by the scoring day", async () => {
    const s = await states();
    expect(s.get(FEES_ONLY)).not.toBe("silent");
    expect(s.get(LATE)).toBe("silent");
  });

  it("closes an enterprise whose workforce drops to 0, and frees its place", async () => {
    await put(wh, "enterprises", [enterprise(CLOSING, { area_code: "DB-MANG", workforce: 0, updated_at: at("2026-01-11") })]);
    const day2 = await runScoring(wh, MODEL, { asOf: "2026-01-11", runId: "day-2", policy: POLICY });
    const closed = (await selectLatestScores(wh, { enterpriseIds: [CLOSING] }))[0]!;
    expect(closed).toMatchObject({ level: "closed", previous_level: "high", score: 0, contributions: [], area_code: "DB-MANG" });
    expect(day2.load.get("DB-MANG")).toEqual({ open: 0, capacity: 2, waiting: 0 });
    expect(day2.emails).toEqual([]); // no repeat for those still open
    expect((await states()).get(A1)).toBe("high");
  });

  it("a partial run keeps the places of the enterprises it does not score", async () => {
    const partial = await runScoring(wh, MODEL, { asOf: "2026-01-12", runId: "day-3", enterpriseIds: [A3], policy: POLICY });
    expect(partial.scored).toBe(1);
    expect(partial.load.get("DB-DBP")).toEqual({ open: 2, capacity: 2, waiting: 1 });
    const s = await states();
    expect([A1, A2, A3].map((id) => s.get(id))).toEqual(["high", "high", "watch"]);
  });

  it("a rerun of the same day decides the same states and e-mails", async () => {
    const again = await runScoring(wh, MODEL, { asOf: "2026-01-10", runId: "day-1-rerun", policy: POLICY });
    expect(again.emails.map((e) => `${e.enterprise_id}:${e.kind}`).sort()).toEqual(
      day1.emails.map((e) => `${e.enterprise_id}:${e.kind}`).sort(),
    );
  });
});
