// Recovery: rebuilding the daily aggregates from the event tables, through the command line an
// operator uses. The aggregates of a loaded province are emptied (as after restoring a backup of the
// events only), which changes the features; `./lrew rebuild-aggregates` brings back exactly the
// features computed before, and running it again counts nothing twice.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "@lrew/config";
import { computeFeatures, type FeatureRow } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { DAILY_AGGREGATES, migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { ROOT } from "../support/processes.ts";

const run = promisify(execFile);
const AS_OF = "2026-04-30";
const home = mkdtempSync(path.join(os.tmpdir(), "lrew-rebuild-"));
const config = parseConfig({ LREW_HOME: home }, ROOT);

afterAll(() => rmSync(home, { recursive: true, force: true }));

async function withWarehouse<T>(use: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openWarehouse(config.clickhouse);
  try {
    return await use(wh);
  } finally {
    await wh.close();
  }
}

const features = (wh: Warehouse): Promise<FeatureRow[]> => computeFeatures(wh, { asOf: AS_OF });

async function rebuild(): Promise<string> {
  const env = { ...process.env, LREW_HOME: home, LREW_LANG: "en" };
  const { stdout } = await run(process.execPath, [path.join(ROOT, "services/cli/src/main.ts"), "rebuild-aggregates"], { cwd: ROOT, env });
  return stdout;
}

describe("./lrew rebuild-aggregates", () => {
  it("re-derives the daily aggregates from the events: the same features, nothing counted twice", async () => {
    const before = await withWarehouse(async (wh) => {
      await migrate(wh);
      await loadSimulatedWorld(wh, { seed: 7, enterprises: 80, days: 120, start: "2026-01-01" });
      const rows = await features(wh);
      for (const table of Object.values(DAILY_AGGREGATES)) await wh.client.command({ query: `TRUNCATE TABLE ${wh.database}.${table}` });
      // Without the aggregates the features are not the same: what follows can fail.
      expect(await features(wh)).not.toEqual(rows);
      return rows;
    });
    expect(before.length).toBeGreaterThan(0);

    const out = await rebuild();
    for (const table of Object.values(DAILY_AGGREGATES)) expect(out).toContain(table);
    expect(await withWarehouse(features)).toEqual(before);

    await rebuild();
    expect(await withWarehouse(features)).toEqual(before);
  });
});
