// The scoring service against embedded ClickHouse holding a small simulated province.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadModel } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { insertRows, migrate, openWarehouse, toRow, type Warehouse } from "@lrew/warehouse";
import { Scorer } from "./scorer.ts";

let wh: Warehouse;
let scorer: Scorer;
let someEnterprise: string;
const asOf = "2026-03-31";

beforeAll(async () => {
  wh = await openWarehouse({
    username: "default",
    password: "",
    database: "lrew",
    embeddedPath: mkdtempSync(path.join(os.tmpdir(), "lrew-scorer-")),
  });
  await migrate(wh);
  await loadSimulatedWorld(wh, { seed: 11, enterprises: 150, days: 150, start: "2025-11-01" });
  const rs = await wh.client.query({
    query: "SELECT enterprise_id FROM lrew.enterprises_latest WHERE workforce > 0 ORDER BY enterprise_id LIMIT 1",
    format: "JSONEachRow",
  });
  someEnterprise = ((await rs.json()) as Array<{ enterprise_id: string }>)[0]!.enterprise_id;
  scorer = new Scorer(wh, loadModel());
});

afterAll(async () => {
  await scorer?.stop();
  await wh?.close();
});

describe("Scorer", () => {
  it("scores every enterprise on a full run", async () => {
    const r = await scorer.run("all", asOf);
    expect(r).not.toBe("skipped");
    if (r !== "skipped") expect(r.scored).toBeGreaterThan(100);
  });

  it("never overlaps: a run asked for while one is in progress is skipped", async () => {
    const [a, b] = await Promise.all([scorer.run("all", asOf), scorer.run("all", asOf)]);
    expect([a, b].filter((x) => x === "skipped")).toHaveLength(1);
  });

  it("re-scores only enterprises with new events on the frequent run", async () => {
    expect(await scorer.run("changed", asOf)).toBe("skipped"); // nothing new since the last run
    const event = {
      event_id: "7d1e2f30-4b5c-4d6e-8f90-a1b2c3d4e5f6",
      grievance_id: "G-SCORER-1",
      enterprise_id: someEnterprise,
      occurred_at: "2026-03-30T09:00:00+07:00",
      channel: "hotline",
      category: "wage_arrears",
      severity: 3,
      workers_involved: 20,
      status: "open",
    } as const;
    await insertRows(wh, "grievances", [toRow("grievances", event, { topic: "t", partition: 0, offset: "1", ingestedAt: new Date() })], {
      dedupToken: "scorer-test",
    });
    const r = await scorer.run("changed", asOf);
    expect(r).not.toBe("skipped");
    if (r !== "skipped") expect(r.scored).toBe(1);
  });
});
