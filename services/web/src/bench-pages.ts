// Page timings of the dashboard on a large simulated province: `node services/web/src/bench-pages.ts
// [enterprises] [days] [scoring runs]` (default 100,000 × 180 days, 4 weekly runs). Loads the world into a
// fresh embedded ClickHouse, scores it, then requests every page through the app (the same queries
// a browser triggers) and prints the median of 5 requests each, with the rows a page reads at most.
// A measuring command, not a test: shared machines drift, so figures are printed, never asserted.
// Then the list queries against their reference measured in the same run: the same page computed by
// the join over the latest-row views that lists read before the latest-state tables (migration 0130).
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { addDays } from "@lrew/contracts";
import { loadModel, runScoring } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { migrate, openWarehouse, RISK_FROM_VIEWS, riskListSql, riskPage, selectRows } from "@lrew/warehouse";
import { buildWebApp } from "./app.ts";
import { parseRiskFilters } from "./filters.ts";

const [enterprises = 100_000, days = 180, runs = 4] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-web-bench-"));
const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: dir });
try {
  await migrate(wh);
  const start = "2025-06-01";
  const last = addDays(start, days - 1);
  let t = Date.now();
  const world = await loadSimulatedWorld(wh, { seed: 3, enterprises, days, start });
  console.log(
    `loaded ${enterprises} enterprises × ${days} days (${JSON.stringify(world.events)}) in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  const model = loadModel();
  t = Date.now();
  for (let i = runs - 1; i >= 0; i--) await runScoring(wh, model, { asOf: addDays(last, -7 * i) });
  console.log(`${runs} scoring runs in ${((Date.now() - t) / 1000).toFixed(0)} s`);

  const token = "bench-token-0123456789abcdef";
  const app = buildWebApp({ wh, tokens: [{ name: "bench", token }], thresholds: model.thresholds });
  // The riskiest enterprise: the first row of the default risk list (by score, highest first).
  const id = (await riskPage(wh, parseRiskFilters({}), 0, 1))[0]!.enterprise_id;
  const pages: Array<[string, string]> = [
    ["overview", "/"],
    ["risk list, page 1", "/risk"],
    ["risk list, page 200", "/risk?page=200"],
    ["risk list, filtered + search", "/risk?level=high&level=critical&union=no&q=May"],
    ["risk list, sorted by name", "/risk?sort=name"],
    ["enterprise", `/enterprises/${id}`],
    ["health", "/health"],
    ["CSV export, high + critical", "/risk.csv?level=high&level=critical"],
  ];
  console.log("\n| page | median ms | bytes |\n|---|---:|---:|");
  for (const [name, url] of pages) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      const r = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
      times.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`${url}: HTTP ${r.statusCode}`);
      bytes = r.rawPayload.length;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${times[2]!.toFixed(0)} | ${bytes} |`);
  }
  await app.close();

  // The list's own queries (count + page, or the CSV's first chunk) on the latest-state tables and on the views.
  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    return times.sort((a, b) => a - b)[2]!;
  };
  const lists: Array<[string, Record<string, string | string[]>, number, boolean]> = [
    ["risk list, page 1", {}, 50, true],
    ["risk list, filtered + search", { level: ["high", "critical"], union: "no", q: "May" }, 50, true],
    ["risk list, sorted by name", { sort: "name" }, 50, true],
    ["CSV export, first chunk", { level: ["high", "critical"] }, 1000, false],
  ];
  console.log("\n| list query | latest-state tables, median ms | views (before), median ms | ratio |\n|---|---:|---:|---:|");
  for (const [name, query, limit, counted] of lists) {
    const f = parseRiskFilters(query);
    const run = (from?: string) => async () => {
      const q = from ? riskListSql(f, from) : riskListSql(f);
      await Promise.all([
        selectRows(wh, q.sql, { ...q.params, offset: 0, limit }),
        counted ? selectRows(wh, q.countSql, q.params) : Promise.resolve(),
      ]);
    };
    const now = await median(run());
    const before = await median(run(RISK_FROM_VIEWS));
    console.log(`| ${name} | ${now.toFixed(0)} | ${before.toFixed(0)} | ${(now / before).toFixed(2)}× |`);
  }
} finally {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
}
