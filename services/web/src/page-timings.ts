// Page timings of the dashboard on whatever a warehouse holds (`./lrew bench pages` runs it on a large
// simulated province): every page requested through the app, as a browser would, after one warm-up
// request, the median of `samples`; then each list's own queries on the latest-state tables against the
// same queries over the latest-row views they replaced (RISK_FROM_VIEWS), measured alike in the same
// run. Figures are returned, never asserted: shared machines drift.
import type { LevelThresholds } from "@lrew/risk";
import { RISK_FROM_VIEWS, riskListSql, riskPage, selectRows, type Warehouse } from "@lrew/warehouse";
import { buildWebApp } from "./app.ts";
import { parseRiskFilters } from "./filters.ts";

export interface PageTiming {
  name: string;
  url: string;
  medianMs: number;
  bytes: number;
}

export interface ListTiming {
  name: string;
  /** The list's queries (page + count, or the CSV's first chunk) on the latest-state tables. */
  currentMs: number;
  /** The same queries over the latest-row views. */
  viewsMs: number;
}

async function medianMs(samples: number, fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm-up: neither side is measured cold
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function measurePages(
  wh: Warehouse,
  opts: { thresholds: LevelThresholds; samples?: number },
): Promise<{ pages: PageTiming[]; lists: ListTiming[] }> {
  const samples = opts.samples ?? 5;
  const token = "page-timings-0123456789abcdef";
  const app = buildWebApp({ wh, tokens: [{ name: "bench", token }], thresholds: opts.thresholds });
  const pages: PageTiming[] = [];
  try {
    // The riskiest enterprise: the first row of the default risk list (by score, highest first).
    const id = (await riskPage(wh, parseRiskFilters({}), 0, 1))[0]?.enterprise_id;
    const urls: Array<[string, string]> = [
      ["overview", "/"],
      ["risk list, page 1", "/risk"],
      ["risk list, page 200", "/risk?page=200"],
      ["risk list, filtered + search", "/risk?level=high&level=critical&union=no&q=May"],
      ["risk list, sorted by name", "/risk?sort=name"],
      ...(id ? ([["enterprise page", `/enterprises/${id}`]] as Array<[string, string]>) : []),
      ["pipeline health", "/health"],
      ["CSV export, high + critical", "/risk.csv?level=high&level=critical"],
    ];
    for (const [name, url] of urls) {
      let bytes = 0;
      const ms = await medianMs(samples, async () => {
        const r = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
        if (r.statusCode !== 200) throw new Error(`${url}: HTTP ${r.statusCode}`);
        bytes = r.rawPayload.length;
      });
      pages.push({ name, url, medianMs: ms, bytes });
    }
  } finally {
    await app.close();
  }
  const lists: ListTiming[] = [];
  const cases: Array<[string, Record<string, string | string[]>, number, boolean]> = [
    ["risk list, page 1", {}, 50, true],
    ["risk list, filtered + search", { level: ["high", "critical"], union: "no", q: "May" }, 50, true],
    ["risk list, sorted by name", { sort: "name" }, 50, true],
    ["CSV export, first chunk", { level: ["high", "critical"] }, 1000, false],
  ];
  for (const [name, query, limit, counted] of cases) {
    const f = parseRiskFilters(query);
    const run = (from?: string) => async () => {
      const q = from ? riskListSql(f, from) : riskListSql(f);
      await Promise.all([
        selectRows(wh, q.sql, { ...q.params, offset: 0, limit }),
        counted ? selectRows(wh, q.countSql, q.params) : Promise.resolve(),
      ]);
    };
    lists.push({ name, currentMs: await medianMs(samples, run()), viewsMs: await medianMs(samples, run(RISK_FROM_VIEWS)) });
  }
  return { pages, lists };
}
