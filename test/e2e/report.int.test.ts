// The periodic report as a federation officer makes it: `./lrew report --period 2026-H1` on a
// simulated province two years deep. The workbook is read back with an independent reader
// (read-excel-file, not the exceljs that wrote it) and every figure is checked against ClickHouse
// queried here, in SQL of the test's own; the printable page is rendered in real Chromium and
// printed to an A4 PDF.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import readXlsxFile from "read-excel-file/node";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@lrew/config";
import { vietnamDate } from "@lrew/contracts";
import { loadResponsibility } from "@lrew/reference/files";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { buildProvince, parseParams, writeProvinceReference } from "@lrew/simulator";
import { migrate, openWarehouse, selectRows, type Warehouse } from "@lrew/warehouse";
import { launchChromium, watchedPage } from "../support/browser.ts";
import { ROOT } from "../support/processes.ts";

const run = promisify(execFile);
const home = mkdtempSync(path.join(os.tmpdir(), "lrew-report-"));
const out = path.join(home, "out");
const config = parseConfig({ LREW_HOME: home }, ROOT);
const PERIOD = { from: "2026-01-01", to: "2026-07-01" };
const PREVIOUS = { from: "2025-07-01", to: "2026-01-01" };
const LAST_YEAR = { from: "2025-01-01", to: "2025-07-01" };
const WORLD = { seed: "report", enterprises: 1000, start: "2024-07-01", days: 730 };

type Sheets = Map<string, unknown[][]>;
let sheets: Sheets;
let htmlFile: string;
let expected: Expected;

interface Expected {
  total: (r: { from: string; to: string }) => Promise<{ n: number; spontaneous: number; workers: number; enterprises: number }>;
  byKind: Array<{ k: string; lawful_n: number; spontaneous: number; n: number; workers: number }>;
  byMonth: Array<{ m: string; n: number; workers: number }>;
  by: (
    column: string,
    onlyFdi?: boolean,
  ) => Promise<Array<{ g: string; n: number; spontaneous: number; workers: number; enterprises: number }>>;
  causes: Array<{ c: string; n: number; workers: number }>;
  coverage: Array<{ area_code: string; enterprises: number; with_union: number; workers: number; without: number }>;
  actions: Array<{ action: string; n: number; enterprises: number }>;
}

async function withWarehouse<T>(use: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openWarehouse(config.clickhouse);
  try {
    return await use(wh);
  } finally {
    await wh.close();
  }
}

// The test's own reading of the incidents: one row per incident (its latest correction), days in Vietnam time.
const INCIDENTS = (r: { from: string; to: string }) => `(
  SELECT i.*, e.ownership AS ownership, e.sector AS sector, e.area_code AS area_code, e.investor_country AS investor_country
  FROM {{db}}.incidents_latest AS i
  JOIN {{db}}.enterprises_latest AS e USING enterprise_id
  WHERE toDate(i.started_at, 'Asia/Ho_Chi_Minh') >= '${r.from}' AND toDate(i.started_at, 'Asia/Ho_Chi_Minh') < '${r.to}')`;

beforeAll(async () => {
  const cache = new Map<string, unknown>();
  await withWarehouse(async (wh) => {
    await migrate(wh);
    await loadSimulatedWorld(wh, WORLD);
    // The reference files `./lrew simulate` writes beside the events: who answers for what, as of when.
    await writeProvinceReference(path.dirname(config.notifier.unionUnitsFile), buildProvince(parseParams(WORLD)));
    const q = <T>(sql: string) => selectRows<T>(wh, sql);
    for (const r of [PERIOD, PREVIOUS, LAST_YEAR]) {
      cache.set(
        `total ${r.from}`,
        (
          await q<{ n: number; spontaneous: number; workers: number; enterprises: number }>(
            `SELECT toUInt32(count()) AS n, toUInt32(countIf(NOT lawful)) AS spontaneous, toUInt64(sum(workers_involved)) AS workers,
               toUInt32(uniqExact(enterprise_id)) AS enterprises FROM ${INCIDENTS(r)}`,
          )
        )[0],
      );
    }
    for (const [column, fdi] of [
      ["ownership", false],
      ["sector", false],
      ["area_code", false],
      ["investor_country", true],
    ] as const) {
      cache.set(
        `by ${column}`,
        await q(
          `SELECT toString(${column}) AS g, toUInt32(count()) AS n, toUInt32(countIf(NOT lawful)) AS spontaneous,
             toUInt64(sum(workers_involved)) AS workers, toUInt32(uniqExact(enterprise_id)) AS enterprises
           FROM ${INCIDENTS(PERIOD)} ${fdi ? "WHERE ownership = 'fdi'" : ""} GROUP BY g ORDER BY n DESC, g`,
        ),
      );
    }
    expected = {
      total: async (r) => cache.get(`total ${r.from}`) as never,
      byKind: await q(
        `SELECT toString(kind) AS k, toUInt32(countIf(lawful)) AS lawful_n, toUInt32(countIf(NOT lawful)) AS spontaneous,
           toUInt32(count()) AS n, toUInt64(sum(workers_involved)) AS workers FROM ${INCIDENTS(PERIOD)} GROUP BY k`,
      ),
      byMonth: await q(
        `SELECT formatDateTime(toDate(started_at, 'Asia/Ho_Chi_Minh'), '%m/%Y') AS m, toUInt32(count()) AS n, toUInt64(sum(workers_involved)) AS workers
         FROM ${INCIDENTS(PERIOD)} GROUP BY m`,
      ),
      by: async (column) => cache.get(`by ${column}`) as never,
      causes: await q(
        `SELECT toString(c) AS c, toUInt32(count()) AS n, toUInt64(sum(workers_involved)) AS workers
         FROM (SELECT arrayDistinct(causes) AS cs, workers_involved FROM ${INCIDENTS(PERIOD)}) ARRAY JOIN cs AS c GROUP BY c`,
      ),
      actions: await q(
        `SELECT toString(action) AS action, toUInt32(count()) AS n, toUInt32(uniqExact(enterprise_id)) AS enterprises
         FROM (SELECT * FROM {{db}}.case_actions ORDER BY event_id LIMIT 1 BY event_id)
         WHERE occurred_on >= '${PERIOD.from}' AND occurred_on < '${PERIOD.to}' GROUP BY action`,
      ),
      coverage: await q(
        `SELECT toString(area_code) AS area_code, toUInt32(count()) AS enterprises, toUInt32(countIf(has_union)) AS with_union,
           toUInt64(sum(workforce)) AS workers, toUInt64(sumIf(workforce, NOT has_union)) AS without
         FROM {{db}}.enterprises_latest WHERE workforce > 0 GROUP BY area_code ORDER BY area_code`,
      ),
    };
  });
  const env = { ...process.env, LREW_HOME: home, LREW_LANG: "en" };
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, "services/cli/src/main.ts"), "report", "--period", "2026-H1", "--out", out],
    {
      cwd: ROOT,
      env,
    },
  );
  expect(stdout).toContain("bao-cao-2026-H1.xlsx");
  const files = readdirSync(out).sort();
  expect(files).toEqual(["bao-cao-2026-H1.html", "bao-cao-2026-H1.xlsx"]);
  htmlFile = path.join(out, "bao-cao-2026-H1.html");
  const book = await readXlsxFile(readFileSync(path.join(out, "bao-cao-2026-H1.xlsx")));
  sheets = new Map(book.map((s) => [s.sheet, s.data as unknown[][]]));
}, 600_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A table's data rows (below its title, note and header rows), as the independent reader gives them. */
function rowsOf(sheetPrefix: string): unknown[][] {
  const name = [...sheets.keys()].find((k) => k.startsWith(sheetPrefix));
  if (!name) throw new Error(`no sheet starting "${sheetPrefix}" among ${[...sheets.keys()].join(", ")}`);
  return sheets.get(name)!.slice(3);
}

const total = (rows: unknown[][]) => rows.find((r) => r[0] === "Tổng cộng");
const withoutTotal = (rows: unknown[][]) => rows.filter((r) => r[0] !== "Tổng cộng");

describe("./lrew report --period 2026-H1", () => {
  it("has a cover and one sheet per table, in Vietnamese", () => {
    expect([...sheets.keys()][0]).toBe("Bìa");
    expect(sheets.get("Bìa")![0]![0]).toBe("Báo cáo tình hình quan hệ lao động 6 tháng đầu năm 2026");
    expect(sheets.size).toBe(14);
  });

  it("summary: incidents, spontaneous, workers and enterprises against the previous half and last year", async () => {
    const now = await expected.total(PERIOD);
    const before = await expected.total(PREVIOUS);
    const ago = await expected.total(LAST_YEAR);
    expect(now.n).toBeGreaterThan(0);
    const rows = rowsOf("1. ");
    const keys = ["n", "spontaneous", "workers", "enterprises"] as const;
    keys.forEach((k, i) => {
      expect(rows[i]!.slice(1)).toEqual([now[k], before[k], now[k] - before[k], ago[k], now[k] - ago[k]]);
    });
  });

  it("by kind and lawfulness, with the total line", async () => {
    const rows = rowsOf("2. ");
    for (const k of expected.byKind) {
      const names: Record<string, string> = {
        strike: "Đình công",
        work_stoppage: "Ngừng việc tập thể",
        collective_dispute: "Tranh chấp lao động tập thể",
        mass_petition: "Khiếu nại đông người",
      };
      const row = rows.find((r) => r[0] === names[k.k]);
      expect(row?.slice(1, 5)).toEqual([k.lawful_n, k.spontaneous, k.n, k.workers]);
    }
    const now = await expected.total(PERIOD);
    expect(total(rows)?.slice(3, 5)).toEqual([now.n, now.workers]);
  });

  it("month by month: six months, each as ClickHouse counts it", () => {
    const rows = rowsOf("3. ");
    expect(rows.map((r) => r[0])).toEqual(["01/2026", "02/2026", "03/2026", "04/2026", "05/2026", "06/2026"]);
    for (const r of rows) {
      const m = expected.byMonth.find((x) => x.m === r[0]) ?? { n: 0, workers: 0 };
      expect([r[1], r[3]]).toEqual([m.n, m.workers]);
    }
  });

  it("by ownership, sector, area and investor country: counts, workers, enterprises, shares", async () => {
    const now = await expected.total(PERIOD);
    for (const [prefix, column] of [
      ["4. ", "ownership"],
      ["5. ", "sector"],
      ["6. ", "area_code"],
      ["7. ", "investor_country"],
    ] as const) {
      const rows = rowsOf(prefix);
      const want = await expected.by(column);
      expect(rows.map((r) => r.slice(1, 5))).toEqual(want.map((w) => [w.n, w.spontaneous, w.workers, w.enterprises]));
      const whole = column === "investor_country" ? want.reduce((s, w) => s + w.n, 0) : now.n;
      for (const [i, r] of rows.entries()) expect(r[5] as number).toBeCloseTo(want[i]!.n / whole, 9);
    }
  });

  it("causes: incidents citing each, an incident counted once per cause", () => {
    const rows = rowsOf("8. ");
    expect(rows.length).toBe(expected.causes.length);
    expect(rows.map((r) => r[1]).sort()).toEqual(expected.causes.map((c) => c.n).sort());
    expect(rows.reduce((s, r) => s + (r[2] as number), 0)).toBe(expected.causes.reduce((s, c) => s + c.workers, 0));
  });

  it("interventions: the simulated union responses of the half-year, by action", () => {
    const rows = rowsOf("9. ");
    expect(expected.actions.length).toBeGreaterThan(0);
    expect(rows.reduce((s, r) => s + (r[2] as number), 0)).toBe(expected.actions.reduce((s, a) => s + a.n, 0));
    expect(rows.map((r) => r[2]).sort()).toEqual(expected.actions.map((a) => a.n).sort());
  });

  it("the union-coverage gap by area adds up to the registry", () => {
    const rows = rowsOf("11. ");
    expect(withoutTotal(rows).map((r) => [r[1], r[2], r[4], r[5]])).toEqual(
      expected.coverage.map((c) => [c.enterprises, c.with_union, c.workers, c.without]),
    );
    const sum = expected.coverage.reduce((s, c) => s + c.without, 0);
    expect(total(rows)?.[5]).toBe(sum);
  });

  it("lists every incident of the period with real dates", async () => {
    const rows = rowsOf("13. ");
    expect(rows.length).toBe((await expected.total(PERIOD)).n);
    for (const r of rows) {
      expect(r[0]).toBeInstanceOf(Date);
      const day = (r[0] as Date).toISOString().slice(0, 10);
      expect(day >= PERIOD.from && day < PERIOD.to).toBe(true);
    }
  });
});

describe("the printable page", () => {
  let browser: Browser | undefined;
  afterAll(async () => browser?.close());

  it("renders in Chromium without errors and prints to A4 pages", async () => {
    browser = await launchChromium();
    const { page, errors } = await watchedPage(browser);
    await page.goto(pathToFileURL(htmlFile).href);
    expect(await page.locator("h1").innerText()).toBe("Báo cáo tình hình quan hệ lao động 6 tháng đầu năm 2026");
    expect(await page.locator("section").count()).toBe(13);
    expect(await page.locator("svg.chart").count()).toBeGreaterThan(3);
    const now = await expected.total(PERIOD);
    const first = page.locator("#tong-hop tbody tr").first().locator("td");
    expect(await first.nth(1).innerText()).toBe(new Intl.NumberFormat("vi-VN").format(now.n));
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });
});

// One office's report: `--unit` narrows it to the enterprises that office answers for today, the
// scope its dashboard account has. Which enterprises those are is worked out here from the reference
// files with @lrew/reference's pure rules, and every figure below is the test's own SQL over them.
describe("./lrew report --period 2026-H1 --unit <a commune union>", () => {
  let unit: string;
  let own: string[];
  let unitSheets: Sheets;
  const inOwn = (r: { from: string; to: string }) => `(SELECT * FROM ${INCIDENTS(r)} WHERE enterprise_id IN {own:Array(String)})`;
  const unitRows = (prefix: string) => {
    const name = [...unitSheets.keys()].find((k) => k.startsWith(prefix))!;
    return unitSheets.get(name)!.slice(3);
  };

  beforeAll(async () => {
    const responsibility = loadResponsibility(config.notifier.unionUnitsFile)!;
    const today = vietnamDate(new Date());
    const registry = await withWarehouse((wh) =>
      selectRows<{ enterprise_id: string; area_code: string }>(
        wh,
        "SELECT enterprise_id, toString(area_code) AS area_code FROM {{db}}.enterprises_latest",
      ),
    );
    const byUnit = new Map<string, string[]>();
    for (const e of registry) {
      const u = responsibility.responsibleUnit(e, today) ?? "";
      byUnit.set(u, [...(byUnit.get(u) ?? []), e.enterprise_id]);
    }
    // The commune union with the most incidents in the half-year, so that every table has rows.
    const counts = await withWarehouse((wh) =>
      selectRows<{ enterprise_id: string; n: number }>(
        wh,
        `SELECT enterprise_id, toUInt32(count()) AS n FROM ${INCIDENTS(PERIOD)} GROUP BY enterprise_id`,
      ),
    );
    const incidentsOf = (ids: string[]) => counts.filter((c) => ids.includes(c.enterprise_id)).reduce((s, c) => s + c.n, 0);
    [unit, own] = [...byUnit]
      .filter(([u]) => u.startsWith("CD-"))
      .sort((a, b) => incidentsOf(b[1]) - incidentsOf(a[1]) || a[0].localeCompare(b[0]))[0]!;
    const unitOut = path.join(home, "out-unit");
    const { stdout } = await run(
      process.execPath,
      [path.join(ROOT, "services/cli/src/main.ts"), "report", "--period", "2026-H1", "--unit", unit, "--out", unitOut],
      { cwd: ROOT, env: { ...process.env, LREW_HOME: home } },
    );
    expect(stdout).toContain(`bao-cao-2026-H1-${unit}.xlsx`);
    const book = await readXlsxFile(readFileSync(path.join(unitOut, `bao-cao-2026-H1-${unit}.xlsx`)));
    unitSheets = new Map(book.map((s) => [s.sheet, s.data as unknown[][]]));
  }, 600_000);

  it("says whose report it is on the cover", () => {
    expect(unitSheets.get("Bìa")!.flat()).toContain(`Các địa bàn của đơn vị ${unit} và các đơn vị trực thuộc`);
  });

  it("lists exactly the incidents of the office's own enterprises", async () => {
    const want = await withWarehouse((wh) =>
      selectRows<{ enterprise_id: string }>(wh, `SELECT enterprise_id FROM ${inOwn(PERIOD)} ORDER BY enterprise_id`, { own }),
    );
    expect(want.length).toBeGreaterThan(0);
    expect((await expected.total(PERIOD)).n).toBeGreaterThan(want.length); // the province's list is longer
    expect(
      unitRows("13. ")
        .map((r) => r[3])
        .sort(),
    ).toEqual(want.map((w) => w.enterprise_id));
  });

  it("summary: the office's incidents, workers and enterprises against the previous half and last year", async () => {
    const [now, before, ago] = await withWarehouse((wh) =>
      Promise.all(
        [PERIOD, PREVIOUS, LAST_YEAR].map(
          async (r) =>
            (
              await selectRows<{ n: number; spontaneous: number; workers: number; enterprises: number }>(
                wh,
                `SELECT toUInt32(count()) AS n, toUInt32(countIf(NOT lawful)) AS spontaneous, toUInt64(sum(workers_involved)) AS workers,
                   toUInt32(uniqExact(enterprise_id)) AS enterprises FROM ${inOwn(r)}`,
                { own },
              )
            )[0]!,
        ),
      ),
    );
    const rows = unitRows("1. ");
    (["n", "spontaneous", "workers", "enterprises"] as const).forEach((k, i) => {
      expect(rows[i]!.slice(1)).toEqual([now![k], before![k], now![k] - before![k], ago![k], now![k] - ago![k]]);
    });
  });

  it("counts the office's enterprises by risk level and its union-coverage gap", async () => {
    const registry = await withWarehouse((wh) =>
      selectRows<{ n: number; workers: number; with_union: number }>(
        wh,
        `SELECT toUInt32(count()) AS n, toUInt64(sum(workforce)) AS workers, toUInt32(countIf(has_union AND workforce > 0)) AS with_union
         FROM {{db}}.enterprises_latest WHERE enterprise_id IN {own:Array(String)}`,
        { own },
      ),
    );
    expect(
      unitRows("10. ")
        .find((r) => r[0] === "Tổng cộng")
        ?.slice(1, 3),
    ).toEqual([registry[0]!.n, registry[0]!.workers]);
    expect(unitRows("11. ").find((r) => r[0] === "Tổng cộng")?.[2]).toBe(registry[0]!.with_union);
  });

  it("makes the quick report of its own incident, and finds no other unit's", async () => {
    const pick = (inOwn: boolean) =>
      withWarehouse(async (wh) =>
        String(
          (
            await selectRows<{ id: string }>(
              wh,
              `SELECT toString(incident_id) AS id FROM {{db}}.incidents_latest
               WHERE ${inOwn ? "" : "NOT "}(enterprise_id IN {own:Array(String)}) ORDER BY incident_id LIMIT 1`,
              { own },
            )
          )[0]!.id,
        ),
      );
    const quick = (id: string) =>
      run(
        process.execPath,
        [path.join(ROOT, "services/cli/src/main.ts"), "report", "--incident", id, "--unit", unit, "--out", path.join(home, "out-quick")],
        { cwd: ROOT, env: { ...process.env, LREW_HOME: home } },
      ).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (err: { code: number; stdout: string; stderr: string }) => err,
      );
    const mine = await quick(await pick(true));
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stdout).toContain("bao-cao-nhanh-");
    const other = await quick(await pick(false));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("không có vụ việc nào");
  });

  it("refuses a unit that does not exist today, naming it", async () => {
    const refused = await run(
      process.execPath,
      [path.join(ROOT, "services/cli/src/main.ts"), "report", "--period", "2026-H1", "--unit", "LDLD-DB-KHONG-CO", "--out", out],
      { cwd: ROOT, env: { ...process.env, LREW_HOME: home } },
    ).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(refused?.code).toBe(2);
    expect(refused?.stderr).toContain("không có đơn vị công đoàn này vào hôm nay");
    expect(refused?.stderr).toContain("LDLD-DB-KHONG-CO");
  });
});
