// The cases view against real ClickHouse: cases opened by alerts, joined by later alerts, worked and
// closed by actions, and reopened by the next alert after an outcome.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicOf, type CaseAction } from "@lrew/contracts";
import type { Warehouse } from "./client.ts";
import { dedupToken } from "./dedup.ts";
import { migrate } from "./migrations.ts";
import { selectRows } from "./query.ts";
import { insertRows, toRow } from "./rows.ts";
import {
  insertCaseAlert,
  selectCaseDecision,
  selectCasesByArea,
  selectEnterpriseCases,
  selectOpenCase,
  type CaseAlertRow,
} from "./tables/cases.ts";
import { closeTestWarehouse, openTestWarehouse } from "./test-warehouse.ts";
import { meta } from "./test-fixtures.ts";

let wh: Warehouse;
let offset = 0;

beforeAll(async () => {
  ({ wh } = await openTestWarehouse("cases"));
  await migrate(wh);
});

afterAll(async () => {
  await closeTestWarehouse(wh);
});

const A = "5600000001";
const B = "5600000002";

function alert(enterprise: string, asOf: string, level: "high" | "critical", score: number, over: Partial<CaseAlertRow> = {}) {
  return insertCaseAlert(wh, {
    alert_id: randomUUID(),
    enterprise_id: enterprise,
    as_of: asOf,
    level,
    score,
    owner_unit_id: "LDLD-TG",
    area_code: "DB-TG",
    decision: "opened",
    recorded_at: "2026-11-01 00:00:00.000",
    ...over,
  });
}

async function act(enterprise: string, action: CaseAction["action"], on: string) {
  const o = String(offset++);
  const event: CaseAction = {
    event_id: randomUUID(),
    enterprise_id: enterprise,
    action,
    occurred_on: on,
    officer: "Lò Văn Thắng",
    union_unit_id: "LDLD-TG",
  };
  await insertRows(wh, "case-actions", [toRow("case-actions", event, meta(o, topicOf("case-actions")))], {
    dedupToken: dedupToken(topicOf("case-actions"), 0, o, o),
  });
}

describe("cases", () => {
  it("an alert opens a case; it is open until acknowledged", async () => {
    await alert(A, "2026-11-02", "high", 0.62);
    const c = await selectOpenCase(wh, A);
    expect(c).toMatchObject({ enterprise_id: A, state: "open", opened_on: "2026-11-02", owner_unit_id: "LDLD-TG", alerts: 1, actions: 0 });
    expect(c!.acknowledged_on).toBeNull();
    expect(c!.critical_since).toBeNull();
  });

  it("a later alert joins the open case; the case keeps its id and takes the latest level", async () => {
    const before = await selectOpenCase(wh, A);
    await alert(A, "2026-11-09", "critical", 0.81, { decision: "update" });
    await alert(A, "2026-11-10", "critical", 0.83, { decision: "suppressed" });
    const c = await selectOpenCase(wh, A);
    expect(c).toMatchObject({ case_id: before!.case_id, level: "critical", alerts: 3, suppressed_alerts: 1, critical_since: "2026-11-09" });
    expect(c!.sent_score).toBeCloseTo(0.81);
  });

  it("acknowledgement, then work, then an outcome: acknowledged, in progress, closed, with the days it took", async () => {
    await act(A, "acknowledged", "2026-11-04");
    expect((await selectOpenCase(wh, A))!.state).toBe("acknowledged");
    await act(A, "fact_finding", "2026-11-06");
    expect(await selectOpenCase(wh, A)).toMatchObject({ state: "in_progress", days_to_acknowledge: 2, days_to_first_action: 4 });
    await act(A, "resolved_paid", "2026-11-20");
    expect(await selectOpenCase(wh, A)).toBeUndefined();
    const [closed] = await selectEnterpriseCases(wh, A);
    expect(closed).toMatchObject({ state: "closed", closed_on: "2026-11-20", actions: 3 });
  });

  it("the next alert after an outcome opens a new case", async () => {
    await alert(A, "2026-11-20", "high", 0.6);
    const cases = await selectEnterpriseCases(wh, A);
    expect(cases.map((c) => c.state)).toEqual(["open", "closed"]);
    expect(cases[0]!.opened_on).toBe("2026-11-20");
  });

  it("does not count what was done before a case opened", async () => {
    const C = "5600000003";
    await act(C, "fact_finding", "2026-10-01");
    await alert(C, "2026-11-05", "high", 0.6, { area_code: "DB-MN" });
    expect(await selectOpenCase(wh, C)).toMatchObject({ state: "open", actions: 0, acknowledged_on: null });
  });

  it("keeps a recorded decision for a redelivered alert", async () => {
    const id = randomUUID();
    await alert(B, "2026-11-03", "high", 0.7, { alert_id: id });
    expect(await selectCaseDecision(wh, id)).toBe("opened");
    expect(await selectCaseDecision(wh, randomUUID())).toBeUndefined();
  });

  it("counts cases by area with the medians, and reads them from the analysts' views", async () => {
    const [area] = (await selectCasesByArea(wh, { since: "2026-01-01" })).filter((a) => a.area_code === "DB-TG");
    expect(area).toMatchObject({
      area_code: "DB-TG",
      cases: 3,
      open: 2,
      closed: 1,
      median_days_to_acknowledge: 2,
      median_days_to_first_action: 4,
    });
    const views = await selectRows<{ n: number }>(wh, `SELECT count() AS n FROM ${wh.database}_analytics.cases WHERE state = 'closed'`);
    expect(views).toEqual([{ n: 1 }]);
    const actions = await selectRows<{ n: number }>(wh, `SELECT count() AS n FROM ${wh.database}_analytics.case_actions`);
    expect(actions[0]!.n).toBe(4);
  });
});
