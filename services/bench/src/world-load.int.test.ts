// Large scoring worlds are copies of one simulated world made inside ClickHouse: each copy must be a
// full, distinct set of enterprises whose own features are those of the enterprise it copies.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { computeFeatures, type FeatureRow } from "@lrew/scoring";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareFeatures } from "./naive-features.ts";
import { loadBenchWorld, type BenchWorld } from "./world-load.ts";

const tmp = mkdtempSync(path.join(os.tmpdir(), "lrew-bench-world-"));
let wh: Warehouse;
let world: BenchWorld;
let features: FeatureRow[];

beforeAll(async () => {
  wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: path.join(tmp, "clickhouse") });
  await migrate(wh);
  world = await loadBenchWorld(wh, { seed: "copies", enterprises: 300, start: "2025-07-01", days: 200 }, tmp, { copyBase: 100 });
  features = await computeFeatures(wh, { asOf: world.end });
});
afterAll(async () => {
  await wh?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("loadBenchWorld with copies", () => {
  it("stores three distinct copies of a simulated world of 100 enterprises", async () => {
    expect([world.simulated, world.copies]).toEqual([100, 3]);
    const base = features.filter((r) => !/-c00[12]$/.test(r.enterprise_id));
    expect(base.length).toBeGreaterThan(50);
    expect(features).toHaveLength(3 * base.length);
    const rs = await wh.client.query({
      query: "SELECT count() AS n, uniqExact(event_id) AS ids, countIf(_topic = 'sim') AS first FROM lrew.insurance_contributions",
      format: "JSONEachRow",
    });
    const [stored] = await rs.json<{ n: string; ids: string; first: string }>();
    expect(Number(stored?.ids)).toBe(Number(stored?.n));
    // Resent events (the same event_id twice) fold on insert, so a copy holds the first copy's rows, not the events sent.
    expect(Number(stored?.n)).toBe(3 * Number(stored?.first));
    expect(Number(stored?.n)).toBeLessThanOrEqual(world.events["insurance-contributions"]!);
  });

  it("gives every copy its original's own features; only contagion across the area counts the copies' incidents", () => {
    const ownOnly = (rows: FeatureRow[], suffix: string) =>
      rows
        .filter((r) => (suffix ? r.enterprise_id.endsWith(suffix) : !/-c00[12]$/.test(r.enterprise_id)))
        .map((r) => {
          const { nearby_incidents_90d: _, ...values } = r.values;
          return { ...r, enterprise_id: suffix ? r.enterprise_id.slice(0, -suffix.length) : r.enterprise_id, values };
        });
    const base = ownOnly(features, "");
    for (const suffix of ["-c001", "-c002"]) {
      const c = compareFeatures(base, ownOnly(features, suffix));
      expect(c.values).toBeGreaterThan(0);
      expect(c.differences).toEqual([]);
    }
  });
});
