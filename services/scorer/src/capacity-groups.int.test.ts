// The alert policy's capacity groups follow who answers for an enterprise on the scoring day
// (policySettingsOf over the effective-dated reference data), on a crafted world in ClickHouse with a
// hand-written model: four enterprises of the 2021 district DB-DBP, all high on their insurance
// arrears. Until 30 June 2025 the district union answers for all four (capacity 2: two open, two
// wait); from 1 July 2025 two commune unions answer for two each (capacity 2, and 1 by an override
// keyed by the unit). An enterprise whose area no unit answers for falls back to its area_code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@lrew/config";
import { Responsibility } from "@lrew/reference";
import { runScoring, type Model } from "@lrew/scoring";
import { contributions, enterprise, openScratchWarehouse, periods, put, reportDayOf } from "@lrew/scoring/test-world";
import { selectLatestScores, selectPolicyStates, type Warehouse } from "@lrew/warehouse";
import { policySettingsOf } from "./policy-settings.ts";

const [A1, A2, A3, A4] = ["5600000011", "5600000012", "5600000013", "5600000014"];
const LONE = "5600000021";
const REFORM = "2025-07-01";

const MODEL: Model = {
  version: "groups-1",
  createdAt: "2026-01-01T00:00:00.000Z",
  horizonDays: 60,
  intercept: -5,
  features: [{ name: "insurance_arrears_months", mean: 0, std: 1, weight: 2 }],
  thresholds: { watch: { enter: 0.015, exit: 0.01 }, high: { enter: 0.05, exit: 0.03 }, critical: { enter: 0.9, exit: 0.8 } },
};

const responsibility = Responsibility.parse({
  areas: [
    { code: "DB", name: "Tỉnh Điện Biên", kind: "province" },
    { code: "DB-DBP", name: "TP. Điện Biên Phủ", kind: "district", parent: "DB", valid_to: REFORM },
    { code: "DB-MANG", name: "Huyện Mường Ảng", kind: "district", parent: "DB", valid_to: REFORM },
    { code: "DB-X-C1", name: "Phường Một", kind: "ward", parent: "DB-DBP", valid_from: REFORM },
    { code: "DB-X-C2", name: "Phường Hai", kind: "ward", parent: "DB-DBP", valid_from: REFORM },
  ],
  units: [
    { id: "LDLD-DB", kind: "province" },
    { id: "LDLD-DB-DBP", kind: "district", parent: "LDLD-DB", valid_to: REFORM },
    { id: "CD-C1", kind: "commune", parent: "LDLD-DB", valid_from: REFORM },
    { id: "CD-C2", kind: "commune", parent: "LDLD-DB", valid_from: REFORM },
  ],
  area_units: [
    { area: "DB-DBP", unit: "LDLD-DB-DBP", valid_to: REFORM },
    { area: "DB-X-C1", unit: "CD-C1", valid_from: REFORM },
    { area: "DB-X-C2", unit: "CD-C2", valid_from: REFORM },
  ],
  enterprise_areas: [
    { enterprise_id: A1, area: "DB-X-C1", valid_from: REFORM },
    { enterprise_id: A3, area: "DB-X-C1", valid_from: REFORM },
    { enterprise_id: A2, area: "DB-X-C2", valid_from: REFORM },
    { enterprise_id: A4, area: "DB-X-C2", valid_from: REFORM },
  ],
});
const alerts = parseConfig({ LREW_FOLLOW_UP_CAPACITY: "2", LREW_FOLLOW_UP_CAPACITY_OVERRIDES: "CD-C2=1" }, "/x").alerts;
const POLICY = policySettingsOf(alerts, responsibility);

let wh: Warehouse;

const levels = async () => new Map((await selectLatestScores(wh)).map((s) => [s.enterprise_id, s.level]));

beforeAll(async () => {
  wh = await openScratchWarehouse("groups");
  await put(wh, "enterprises", [...[A1, A2, A3, A4].map((id) => enterprise(id)), enterprise(LONE, { area_code: "DB-MANG" })]);
  // Unpaid from January, February, March, April 2025: 5, 4, 3, 2 months by 20 June, 11 … 8 by 10 January.
  const unpaidFrom: Record<string, string> = { [A1]: "2025-01", [A2]: "2025-02", [A3]: "2025-03", [A4]: "2025-04", [LONE]: "2025-01" };
  for (const p of periods("2025-01", 11)) {
    for (const id of [A1, A2, A3, A4, LONE]) {
      await put(wh, "insurance-contributions", contributions(id, p, reportDayOf(p), p >= unpaidFrom[id]! ? 0 : 1));
    }
  }
});

afterAll(async () => {
  await wh?.close();
});

describe("capacity groups by the responsible unit on the scoring day", () => {
  it("before the reform: the district union's capacity holds all four (two open, two wait)", async () => {
    const day = await runScoring(wh, MODEL, { asOf: "2025-06-20", runId: "june", policy: POLICY });
    expect(day.load.get("LDLD-DB-DBP")).toEqual({ open: 2, capacity: 2, waiting: 2 });
    const l = await levels();
    expect([A1, A2, A3, A4].map((id) => l.get(id))).toEqual(["high", "high", "watch", "watch"]);
  });

  it("falls back to the area_code where no unit answers for the area", async () => {
    const states = await selectPolicyStates(wh, { asOf: "2025-06-20", modelVersion: MODEL.version });
    expect(states.get(LONE)?.latest.group).toBe("DB-MANG");
    expect(states.get(A1)?.latest.group).toBe("LDLD-DB-DBP");
  });

  it("on the reform's day, a partial run regroups the open enterprises it carries: none holds the old unit's place", async () => {
    const partial = await runScoring(wh, MODEL, { asOf: "2026-01-10", runId: "jan-partial", enterpriseIds: [A3], policy: POLICY });
    expect(partial.load.has("LDLD-DB-DBP")).toBe(false);
    // A1 (carried, open) and A3 (scored) share CD-C1; A2 (carried, open) alone in CD-C2.
    expect(partial.load.get("CD-C1")).toEqual({ open: 2, capacity: 2, waiting: 0 });
    expect(partial.load.get("CD-C2")).toEqual({ open: 1, capacity: 1, waiting: 0 });
  });

  it("after the reform: each commune union's own capacity, an override by unit id included", async () => {
    const day = await runScoring(wh, MODEL, { asOf: "2026-01-10", runId: "jan", policy: POLICY });
    expect(day.load.get("CD-C1")).toEqual({ open: 2, capacity: 2, waiting: 0 });
    expect(day.load.get("CD-C2")).toEqual({ open: 1, capacity: 1, waiting: 1 });
    expect(day.load.get("DB-MANG")).toEqual({ open: 1, capacity: 2, waiting: 0 });
    expect(day.load.has("LDLD-DB-DBP")).toBe(false);
    const l = await levels();
    expect([A1, A2, A3, A4].map((id) => l.get(id))).toEqual(["high", "high", "high", "watch"]);
    const states = await selectPolicyStates(wh, { asOf: "2026-01-10", modelVersion: MODEL.version });
    for (const id of [A1, A2, A3, A4])
      expect(states.get(id)?.latest.group).toBe(responsibility.responsibleUnit({ enterprise_id: id }, "2026-01-10"));
  });
});
