// The web dashboard end to end in real headless Chromium: a small simulated province goes through
// ingest → Kafka → sink → ClickHouse, is scored weekly (alerts published to Kafka), then staff log
// in and use every page: filters, search, sorting, CSV export, the language switch, the enterprise
// page an alert links to. No console errors are allowed; screenshots go to test/artifacts/dashboard.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventProducer, groupLag } from "@lrew/kafka";
import { startMailCapture, type MailCapture } from "@lrew/mail-capture";
import { Notifier } from "@lrew/notifier";
import { selectEnterpriseCases } from "@lrew/warehouse";
import { addDays, alertsTopicOf, vietnamDate } from "@lrew/contracts";
import { loadResponsibilityOrUnits, readAreaNames } from "@lrew/reference/files";
import { AlertPublisher, Scorer, policySettingsOf } from "@lrew/scorer";
import { loadModel } from "@lrew/scoring";
import { HttpDelivery, runSimulation } from "@lrew/simulator-service";
import { loadResponsibility } from "@lrew/reference/files";
import { addAccount, startWeb, type RunningWeb } from "@lrew/web";
import { launchChromium, watchedPage, type WatchedPage } from "../support/browser.ts";
import { startPipeline, type TestPipeline } from "../support/pipeline.ts";
import { ROOT, waitFor } from "../support/processes.ts";

const ARTIFACTS = path.join(ROOT, "test", "artifacts", "dashboard");
const TOKEN = "e2e-dashboard-token-0123456789";
const ANALYST_TOKEN = "e2e-analyst-token-0123456789";

let p: TestPipeline;
let producer: EventProducer;
let web: RunningWeb;
let browser: Browser;
let w: WatchedPage;
let page: Page;
let capture: MailCapture;
let notifier: Notifier | undefined;

async function query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await p.wh.client.query({ query: sql, query_params: params, format: "JSONEachRow" });
  return (await rs.json()) as T[];
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Waits until every ECharts container of the page has drawn its chart. */
async function chartsDrawn(): Promise<number> {
  // A string, evaluated in the page: the test's TypeScript has no DOM types.
  await page.waitForFunction('[...document.querySelectorAll(".chart")].every((el) => el.dataset.ready === "1")');
  return page.locator(".chart canvas").count();
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  p = await startPipeline({ LREW_DASHBOARD_TOKENS: `e2e:${TOKEN}`, LREW_ANALYST_TOKENS: `analyst:${ANALYST_TOKEN}` });
  const today = vietnamDate(new Date());
  const reference = path.join(p.config.home, "simulation", "reference");
  const summary = await runSimulation({
    params: { seed: 21, enterprises: 150, days: 200, start: addDays(today, -199) },
    delivery: new HttpDelivery({ baseUrl: p.baseUrl, apiKey: p.apiKey }),
    truthFile: path.join(p.config.home, "simulation", "truth.ndjson"),
    referenceDir: reference,
  });
  expect(summary.rejected).toBe(0);
  await p.caughtUp();

  producer = await EventProducer.connect(p.config.kafka, "scorer");
  const alerts = new AlertPublisher(p.wh, producer, {
    topicPrefix: p.config.kafka.topicPrefix,
    ...p.config.alerts,
    federationUnitId: p.config.notifier.federationUnitId,
    areaNames: readAreaNames(path.join(reference, "areas.json")),
  });
  const model = loadModel();
  const policy = policySettingsOf(
    p.config.alerts,
    loadResponsibilityOrUnits(path.join(reference, "union-units.json"), p.config.notifier.federationUnitId),
  );
  const scorer = new Scorer(p.wh, model, alerts, policy);
  // Weekly runs that publish their alerts (a backfill publishes only its last day's, and whether an
  // enterprise rises on exactly that day depends on the model's levels): the alert pages need alerts.
  for (let k = 84; k >= 0; k -= 7) await scorer.run("all", addDays(today, -k), { publishAlerts: true });
  await scorer.stop();

  web = await startWeb(p.config, p.wh, { thresholds: model.thresholds, host: "127.0.0.1", port: 0 });
  browser = await launchChromium();
  w = await watchedPage(browser);
  page = w.page;
}, 600_000);

afterAll(async () => {
  await notifier?.stop();
  await capture?.close();
  await browser?.close();
  await web?.close();
  await producer?.disconnect();
  await p?.stop();
});

describe("the dashboard in Chromium", () => {
  it("asks for a name and secret, refuses a wrong one, then opens the overview (an older token is a federation-wide account)", async () => {
    await page.goto(`${web.url}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.fill("#name", "e2e");
    await page.fill("#secret", "not-the-token-at-all");
    await page.click("button[type=submit]");
    await expect.poll(() => page.locator(".error").textContent()).toBe("Tên tài khoản hoặc mật khẩu không đúng.");
    await page.fill("#name", "e2e");
    await page.fill("#secret", TOKEN);
    await page.click("button[type=submit]");
    await page.waitForURL(`${web.url}/`);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "lrew_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Strict");
    expect(session?.value).not.toContain(TOKEN);

    expect(await page.locator("h1").textContent()).toBe("Tổng quan");
    const n = (await query<{ n: string }>(`SELECT count() AS n FROM ${p.config.clickhouse.database}.scores_latest WHERE level = 'low'`))[0]!
      .n;
    expect((await page.locator('.stat-value[data-level="low"]').textContent())?.replace(/\./g, "")).toBe(String(n));
    expect(await chartsDrawn()).toBe(2);
    expect(await page.locator(".tile").count()).toBeGreaterThan(3);
    expect(await page.locator(".tiles").textContent()).toContain("Mường Nhé");
    await shot("overview");
    expect(w.errors).toEqual([]);
  });

  it("filters the risk list by level, searches by tax code, sorts and pages", async () => {
    await page.click('nav a[href="/risk"]');
    await page.waitForSelector("#risk-table");
    await page.selectOption("#filter-level", "watch");
    await page.click("#filter-submit");
    await page.waitForURL(/level=watch/);
    const levels = await page.locator("#risk-table tbody tr td:first-child").allTextContents();
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(["Theo dõi"]));

    const [top] = await query<{ enterprise_id: string; name: string }>(
      `SELECT s.enterprise_id AS enterprise_id, e.name AS name FROM ${p.config.clickhouse.database}.scores_latest AS s
       JOIN ${p.config.clickhouse.database}.enterprises_latest AS e ON e.enterprise_id = s.enterprise_id ORDER BY s.score DESC LIMIT 1`,
    );
    await page.goto(`${web.url}/risk`);
    await page.fill("#filter-q", top!.enterprise_id);
    await page.click("#filter-submit");
    await page.waitForURL(/q=/);
    expect(await page.locator("#risk-table tbody tr").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("#risk-table tbody tr").first().getAttribute("data-enterprise")).toBe(top!.enterprise_id);

    await page.goto(`${web.url}/risk`);
    await page.click('a[data-sort="workforce"]');
    await page.waitForURL(/sort=workforce/);
    const workers = (await page.locator("#risk-table tbody tr td:nth-child(8)").allTextContents()).map((s) => Number(s.replace(/\./g, "")));
    expect(workers).toEqual([...workers].sort((a, b) => b - a));
    await page.click('a[data-sort="workforce"]');
    await page.waitForURL(/dir=asc/);
    const ascending = (await page.locator("#risk-table tbody tr td:nth-child(8)").allTextContents()).map((s) =>
      Number(s.replace(/\./g, "")),
    );
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await page.goto(`${web.url}/risk`);
    expect(await page.locator("#row-range").first().textContent()).toBe("Dòng 1–50 trên 150");
    await page.locator('a[rel="next"]').first().click();
    await page.waitForURL(/page=2/);
    expect(await page.locator("#row-range").first().textContent()).toBe("Dòng 51–100 trên 150");
    await page.goto(`${web.url}/risk?size=25`);
    await shot("risk-list");
    expect(w.errors).toEqual([]);
  });

  it("downloads the filtered list as CSV with a BOM and diacritics", async () => {
    await page.goto(`${web.url}/risk?union=no`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    expect(download.suggestedFilename()).toMatch(/^lrew-rui-ro-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toContain("Mã số thuế");
    const n = (
      await query<{ n: string }>(`SELECT count() AS n FROM ${p.config.clickhouse.database}.enterprises_latest WHERE NOT has_union`)
    )[0]!.n;
    expect(lines.length - 1).toBe(Number(n));
    expect(lines.slice(1).every((l) => l.includes(",Không,"))).toBe(true);
  });

  it("opens the enterprise page an alert links to, with charts and suppressed counts", async () => {
    const alerts = await query<{ alert: string }>(`SELECT alert FROM ${p.config.clickhouse.database}.alerts ORDER BY score DESC LIMIT 1`);
    expect(alerts.length).toBe(1);
    const link = new URL((JSON.parse(alerts[0]!.alert) as { dashboard_url: string }).dashboard_url);
    await page.goto(`${web.url}${link.pathname}`);
    const id = decodeURIComponent(link.pathname.split("/").pop()!);
    expect(await page.locator("dl.facts .mono").textContent()).toBe(id);
    expect(await chartsDrawn()).toBe(2);
    expect(await page.locator("#alerts tbody tr").count()).toBeGreaterThanOrEqual(1);
    // Reasons are signals; the structure is the context phrase.
    expect(await page.locator("#context").textContent()).toMatch(/^Bối cảnh: Một doanh nghiệp .+ lao động\)/);
    const reasons = await page.locator("#signal-reasons li").allTextContents();
    for (const r of reasons) expect(r).not.toMatch(/Quy mô|Doanh nghiệp tư nhân|Doanh nghiệp FDI|Ngành hay|Mùa Tết/);
    const cells = await page.locator("#grievances td.num").allTextContents();
    expect(cells.every((c) => ["dưới 3", "từ 3 trở lên", "0"].includes(c) || Number(c.replace(/\./g, "")) >= 3)).toBe(true);
    await shot("enterprise");
    expect(w.errors).toEqual([]);
  });

  it("shows pipeline health with Kafka lag and dead letters", async () => {
    await page.click('nav a[href="/health"]');
    await page.waitForSelector("#kafka table");
    expect(await page.locator("#kafka").textContent()).toContain(p.config.sink.groupId);
    expect(Number((await page.locator("#ingest-total").textContent())?.replace(/\./g, ""))).toBeGreaterThan(0);
    expect(await chartsDrawn()).toBe(1);
    await shot("health");
    expect(w.errors).toEqual([]);
  });

  it("switches to English and remembers it", async () => {
    await page.goto(`${web.url}/risk?level=high`);
    await page.click("#lang-switch");
    await page.waitForURL(/\/risk\?level=high$/);
    expect(await page.locator("h1").textContent()).toBe("Risk list");
    await page.goto(`${web.url}/`);
    expect(await page.locator("h1").textContent()).toBe("Overview");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await chartsDrawn();
    await shot("overview-en");
    await page.click("#lang-switch");
    expect(await page.locator("h1").textContent()).toBe("Tổng quan");
    expect(w.errors).toEqual([]);
  });
});

describe("a case from the alert e-mail to an action, in Chromium", () => {
  it("acknowledges a case from the e-mail's link (a confirmation page, then its POST) and records an action on the enterprise page", async () => {
    // The notifier sends the alerts the weekly runs published, each with a signed acknowledgement link.
    capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(p.config.home, "mail") });
    const config = { ...p.config, notifier: { ...p.config.notifier, smtp: { ...p.config.notifier.smtp, port: capture.smtpPort } } };
    notifier = await Notifier.start(config, p.wh, { schedule: false });
    await waitFor(
      "the notifier to take every alert",
      async () =>
        (await groupLag(config.kafka, config.notifier.groupId, [alertsTopicOf(config.kafka.topicPrefix)])).every((x) => x.lag === 0n),
      120_000,
    );
    // An e-mail whose case nobody has acknowledged yet (the simulated offices answered some already).
    let link: URL | undefined;
    let enterpriseId = "";
    for (const m of await capture.messages()) {
      const found = /https?:\/\/\S+\/cases\/ack\?t=\S+/.exec(m.text);
      const id = m.headers.find((h) => h.name.toLowerCase() === "x-lrew-enterprise-id")?.value;
      if (!found || !id || (await selectEnterpriseCases(p.wh, id))[0]?.state !== "open") continue;
      link = new URL(found[0]);
      enterpriseId = id;
      break;
    }
    expect(link, "an alert e-mail with an acknowledgement link, its case open").toBeDefined();
    link = link!;

    // A fresh browser context: the link needs no login. Opening it records nothing.
    const visitor = await browser.newContext({ locale: "vi-VN" });
    const v = await visitor.newPage();
    await v.goto(`${web.url}${link.pathname}${link.search}`);
    await v.waitForSelector("#ack-form");
    expect(await v.locator("h1").textContent()).toBe("Xác nhận đã tiếp nhận cảnh báo");
    await v.screenshot({ path: path.join(ARTIFACTS, "ack-confirm.png"), fullPage: true });
    await p.caughtUp();
    expect((await selectEnterpriseCases(p.wh, enterpriseId))[0]?.state).toBe("open");
    await v.fill("#officer", "Lò Văn Thắng");
    await v.click("#confirm-ack");
    await v.waitForSelector("#ack-done");
    await visitor.close();
    await waitFor(
      "the acknowledgement to reach ClickHouse",
      async () => (await selectEnterpriseCases(p.wh, enterpriseId))[0]?.state === "acknowledged",
      60_000,
    );

    // Staff record an action from the vocabulary on the enterprise page.
    await page.goto(`${web.url}/lang?to=vi&next=${encodeURIComponent(`/enterprises/${enterpriseId}`)}`);
    await page.waitForSelector("#action-form");
    expect(await page.locator("#cases .case-state").first().getAttribute("data-state")).toBe("acknowledged");
    await page.selectOption("#action-kind", "workplace_dialogue");
    await page.fill(
      "#action-form textarea[name=note]",
      "Đối thoại với giám đốc, hẹn trả lương trước 30/11. Liên hệ chị Lò Thị Hoa 0912 345 678.",
    );
    await page.click("#record-action");
    await page.waitForSelector("#recorded");
    await waitFor(
      "the action to reach ClickHouse",
      async () => (await selectEnterpriseCases(p.wh, enterpriseId))[0]?.state === "in_progress",
      60_000,
    );
    await page.reload();
    const actions = await page.locator("#cases table").nth(1).textContent();
    expect(actions).toContain("Đề nghị đối thoại tại nơi làm việc");
    expect(actions).toContain("Lò Văn Thắng");
    expect(actions).not.toContain("0912 345 678"); // the note is masked like a grievance summary
    expect(await page.locator("#timeline").textContent()).toContain("Đề nghị đối thoại tại nơi làm việc");
    await shot("enterprise-case");

    // The federation's overview counts it by area.
    await page.goto(`${web.url}/`);
    await page.waitForSelector("#cases-by-area");
    expect(Number(await page.locator("#cases-by-area tbody tr td:nth-child(2)").first().textContent())).toBeGreaterThan(0);
    expect(w.errors).toEqual([]);
  });
});

describe("the analysts' query API on the dashboard's server", () => {
  const query = (token: string, body: unknown) =>
    fetch(`${web.url}/v1/query`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers an analyst token with rows of the curated views, and refuses a staff token and raw tables", async () => {
    const ok = await query(ANALYST_TOKEN, {
      sql: "SELECT count() AS n FROM lrew_analytics.enterprises WHERE area_code != {none:String}",
      params: { none: "Mường Nhé'; DROP TABLE x" },
    });
    expect(ok.status).toBe(200);
    const body = JSON.parse(await ok.text()) as { data: Array<{ n: string | number }> };
    expect(Number(body.data[0]?.n)).toBeGreaterThan(0);
    expect(await query(TOKEN, { sql: "SELECT 1" }).then((r) => r.status)).toBe(401);
    const raw = await query(ANALYST_TOKEN, { sql: "SELECT * FROM lrew.grievances" });
    expect(raw.status).toBe(403);
  });
});

describe("a commune union's officer and the federation (scope and audit)", () => {
  /** The commune union answering today for the most enterprises, and those enterprises. */
  async function busiestOffice(): Promise<{ unit: string; mine: Set<string>; all: Set<string> }> {
    const db = p.config.clickhouse.database;
    const r = loadResponsibility(p.config.notifier.unionUnitsFile)!;
    const today = vietnamDate(new Date());
    const registry = await query<{ enterprise_id: string; area_code: string }>(
      `SELECT enterprise_id, toString(area_code) AS area_code FROM ${db}.enterprises_latest`,
    );
    const byUnit = new Map<string, Set<string>>();
    for (const e of registry) {
      const u = r.responsibleUnit(e, today) ?? "";
      byUnit.set(u, (byUnit.get(u) ?? new Set()).add(e.enterprise_id));
    }
    const [unit, mine] = [...byUnit].filter(([u]) => u.startsWith("CD-")).sort((a, b) => b[1].size - a[1].size)[0]!;
    return { unit, mine, all: new Set(registry.map((e) => e.enterprise_id)) };
  }

  it("the officer logs in and sees only their area: list, count, CSV; another area's enterprise is a 404", async () => {
    const { unit, mine, all } = await busiestOffice();
    const { secret } = addAccount(p.config.web.accountsFile, {
      name: "can-bo-xa",
      role: "union_office",
      unit,
      displayName: "Cán bộ công đoàn xã",
    });
    const context = await browser.newContext({ locale: "vi-VN" });
    const officer = await context.newPage();
    const errors: string[] = [];
    officer.on("pageerror", (e) => errors.push(String(e)));
    await officer.goto(`${web.url}/risk?size=200`);
    await officer.fill("#name", "can-bo-xa");
    await officer.fill("#secret", secret);
    await officer.click("button[type=submit]");
    await officer.waitForURL(/\/risk\?size=200$/);
    const listed = await officer.locator("#risk-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-enterprise")));
    expect(new Set(listed)).toEqual(mine);
    expect(await officer.locator("#row-range").first().textContent()).toBe(`Dòng 1–${mine.size} trên ${mine.size}`);
    expect(await officer.locator("header.top nav").textContent()).not.toContain("Nhật ký truy cập");
    await officer.screenshot({ path: path.join(ARTIFACTS, "office-risk-list.png"), fullPage: true });

    const [download] = await Promise.all([officer.waitForEvent("download"), officer.click("#export-csv")]);
    const file = path.join(ARTIFACTS, `office-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const rows = readFileSync(file, "utf8").slice(1).trim().split("\r\n").slice(1);
    expect(new Set(rows.map((l) => l.split(",")[0]))).toEqual(mine);

    const other = [...all].find((id) => !mine.has(id))!;
    const refused = await officer.goto(`${web.url}/enterprises/${other}`);
    expect(refused?.status()).toBe(404);
    expect(await officer.locator("#not-found").count()).toBe(1);
    const own = await officer.goto(`${web.url}/enterprises/${[...mine][0]}`);
    expect(own?.status()).toBe(200);
    expect((await officer.goto(`${web.url}/audit`))?.status()).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the federation sees the officer's views, export and refusal in the audit log", async () => {
    await page.goto(`${web.url}/audit?actor=can-bo-xa`);
    expect(await page.locator("h1").textContent()).toBe("Nhật ký truy cập");
    const text = (await page.locator("main").textContent()) ?? "";
    for (const action of ["login", "export_csv", "view_enterprise", "refused"]) expect(text).toContain(action);
    await shot("audit");
    expect(w.errors).toEqual([]);
  });

  it("an area-scoped analyst's queries read only that area's rows", async () => {
    const { secret } = addAccount(p.config.web.accountsFile, { name: "phan-tich-tg", role: "analyst", areas: ["DB-TGIAO"] });
    const basic = `Basic ${Buffer.from(`phan-tich-tg:${secret}`).toString("base64")}`;
    const res = await fetch(`${web.url}/v1/query`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json" },
      body: JSON.stringify({ sql: "SELECT area_code, count() AS n FROM lrew_analytics.enterprises GROUP BY area_code" }),
    });
    expect(res.status).toBe(200);
    const data = (JSON.parse(await res.text()) as { data: Array<{ area_code: string; n: string }> }).data;
    expect(data.map((d) => d.area_code)).toEqual(["DB-TGIAO"]);
    const [truth] = await query<{ n: string }>(
      `SELECT count() AS n FROM ${p.config.clickhouse.database}.enterprises_latest WHERE area_code = 'DB-TGIAO'`,
    );
    expect(Number(data[0]!.n)).toBe(Number(truth!.n));
  });
});
