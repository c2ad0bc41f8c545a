// The dashboard app against embedded ClickHouse holding a small simulated province, scored weekly:
// every page renders from the real schema, filters and sorting reach SQL, the CSV has its BOM,
// access needs a token, and nothing personal leaves the grievance tables.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@lrew/contracts";
import { loadModel, runScoring, scoreHorizonDays } from "@lrew/scoring";
import { Responsibility } from "@lrew/reference";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { buildProvince, parseParams, provinceReorganisation } from "@lrew/simulator";
import { signCaseLink } from "@lrew/alerts";
import {
  CURRENT_ENTERPRISES,
  LATEST_SCORES,
  loadResponsibilityTables,
  migrate,
  openWarehouse,
  selectAuditLog,
  selectRows,
  type Warehouse,
} from "@lrew/warehouse";
import { AccountsFile } from "./access/accounts-file.ts";
import { StaffDirectory } from "./access/directory.ts";
import { addAccount } from "./access/manage.ts";
import { buildWebApp } from "./app.ts";
import { SESSION_COOKIE } from "./auth.ts";

let wh: Warehouse;
let app: FastifyInstance;
let cookie: string;
const token = "test-token-0123456789";
const asOf = "2026-05-31";
const params = { seed: 5, enterprises: 200, days: 200, start: "2025-11-15" };
let responsibility: Responsibility;
/** A commune union's account, and the enterprises it answers for today. */
let office: { unit: string; secret: string; enterprises: Set<string> };
const today = () => new Date().toISOString().slice(0, 10);
/** The case actions the web server produced (what would go to Kafka; the Kafka path itself: cases tests of the sink). */
const produced: Array<Record<string, unknown>> = [];
const caseLinkKey = "case-link-key-".padEnd(48, "k");

beforeAll(async () => {
  wh = await openWarehouse({
    username: "default",
    password: "",
    database: "lrew",
    embeddedPath: mkdtempSync(path.join(os.tmpdir(), "lrew-web-")),
  });
  await migrate(wh);
  await loadSimulatedWorld(wh, params);
  const model = loadModel();
  for (let d = addDays(asOf, -56); d <= asOf; d = addDays(d, 14)) await runScoring(wh, model, { asOf: d });
  responsibility = Responsibility.parse(provinceReorganisation(buildProvince(parseParams(params)))!.responsibility);
  await loadResponsibilityTables(wh, responsibility);
  const registry = await selectRows<{ enterprise_id: string; area_code: string }>(
    wh,
    "SELECT enterprise_id, toString(area_code) AS area_code FROM {{db}}.enterprises_latest",
  );
  const byUnit = new Map<string, Set<string>>();
  for (const e of registry) {
    const u = responsibility.responsibleUnit(e, today())!;
    byUnit.set(u, (byUnit.get(u) ?? new Set()).add(e.enterprise_id));
  }
  const [unit, enterprises] = [...byUnit].filter(([u]) => u.startsWith("CD-")).sort((a, b) => b[1].size - a[1].size)[0]!;
  const accountsFile = path.join(mkdtempSync(path.join(os.tmpdir(), "lrew-web-accounts-")), "accounts.json");
  const { secret } = addAccount(accountsFile, { name: "xa", role: "union_office", unit, displayName: "Công đoàn xã (thử)" });
  office = { unit, secret, enterprises };
  app = buildWebApp({
    wh,
    directory: new StaffDirectory({
      accounts: new AccountsFile(accountsFile),
      tokens: [{ name: "tinh", token }],
      limits: { max: 10, windowMs: 15 * 60_000 },
      sessionMs: 3_600_000,
    }),
    thresholds: model.thresholds,
    scoreHorizonDays: scoreHorizonDays(model),
    areaNames: new Map([["DB-DBP", "TP. Điện Biên Phủ"]]),
    caseActions: async (record) => {
      produced.push(record);
      return { ok: true };
    },
    caseLinkKey,
    responsibility,
  });
  const login = await app.inject({
    method: "POST",
    url: "/login",
    payload: `name=tinh&secret=${token}&next=%2Frisk`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(login.statusCode).toBe(303);
  expect(login.headers.location).toBe("/risk");
  const set = String(login.headers["set-cookie"]);
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  cookie = set.split(";")[0]!;
});

afterAll(async () => {
  await app?.close();
  await wh?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers: { cookie, ...headers } });

async function topEnterprise(): Promise<string> {
  const rs = await wh.client.query({
    query: "SELECT enterprise_id FROM lrew.scores_latest ORDER BY score DESC, enterprise_id LIMIT 1",
    format: "JSONEachRow",
  });
  return ((await rs.json()) as Array<{ enterprise_id: string }>)[0]!.enterprise_id;
}

describe("access", () => {
  it("sends browsers to the login page and answers 401 to others without a session", async () => {
    const page = await app.inject({ method: "GET", url: "/risk?level=high", headers: { accept: "text/html" } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/login?next=%2Frisk%3Flevel%3Dhigh");
    expect((await app.inject({ method: "GET", url: "/risk.csv" })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/", headers: { cookie: `${SESSION_COOKIE}=tinh.forged` } })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/", headers: { cookie: `${SESSION_COOKIE}=${"A".repeat(43)}` } })).statusCode).toBe(
      401,
    );
    const wrong = await app.inject({
      method: "POST",
      url: "/login",
      payload: "name=tinh&secret=nope",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(wrong.headers.location).toMatch(/^\/login\?failed=1/);
  });

  it("takes the token as a bearer too, and keeps probes open", async () => {
    expect((await app.inject({ method: "GET", url: "/health", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/metrics" })).body).toContain("lrew_web_requests_total");
  });
});

describe("queries", () => {
  it("compute the latest scores exactly as the scores_latest view does", async () => {
    const cols = "enterprise_id, score, level, previous_level, toString(as_of) AS day";
    const fast = await selectRows(wh, `SELECT ${cols} FROM ${LATEST_SCORES} ORDER BY enterprise_id`);
    const view = await selectRows(wh, `SELECT ${cols} FROM {{db}}.scores_latest ORDER BY enterprise_id`);
    expect(fast.length).toBeGreaterThan(100);
    expect(fast).toEqual(view);
  });

  it("keep the latest registry entry of every enterprise exactly as the enterprises_latest view does", async () => {
    const cols = "enterprise_id, name, area_code, sector, ownership, workforce, has_union, union_unit_id, updated_at";
    const current = await selectRows(wh, `SELECT ${cols} FROM ${CURRENT_ENTERPRISES} ORDER BY enterprise_id`);
    const view = await selectRows(wh, `SELECT ${cols} FROM {{db}}.enterprises_latest ORDER BY enterprise_id`);
    expect(current.length).toBeGreaterThan(100);
    expect(current).toEqual(view);
  });
});

describe("pages", () => {
  it("renders the overview in Vietnamese by default and English when chosen", async () => {
    const vi = await get("/");
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain("Doanh nghiệp theo mức rủi ro");
    expect(vi.body).toContain("TP. Điện Biên Phủ");
    const en = await get("/", { cookie: `${cookie}; lrew_lang=en` });
    expect(en.body).toContain("Enterprises by risk level");
    const sw = await get("/lang?to=en&next=%2Frisk");
    expect(sw.headers.location).toBe("/risk");
    expect(String(sw.headers["set-cookie"])).toMatch(/^lrew_lang=en/);
    // No open redirect: a tab, a backslash or an absolute URL in `next` lands on this site's start page.
    for (const next of ["/%09/evil.example", "/%5C%5Cevil.example", "%5C%5Cevil.example", "https://evil.example", "//evil.example"]) {
      const r = await get(`/lang?to=vi&next=${next}`);
      expect(r.statusCode, next).toBe(303);
      expect(r.headers.location, next).toBe("/");
    }
  });

  it("lists by score, filters, searches and sorts in ClickHouse", async () => {
    const all = await get("/risk");
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain("trong 180 ngày tới"); // what a score is about: the app was given a 180-day model
    const scores = [...all.body.matchAll(/<td class="num">([\d,]+) ?%<\/td>/g)].map((m) => Number(m[1]!.replace(",", ".")));
    expect(scores.length).toBeGreaterThan(10);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const noUnion = await get("/risk?union=no&size=200");
    expect(noUnion.body).not.toMatch(/<td>Có<\/td><td>\d{2}\/\d{2}\/\d{4}<\/td><\/tr>/);
    const id = await topEnterprise();
    const search = await get(`/risk?q=${id.slice(0, 10)}`);
    expect(search.body).toContain(id);
    const byName = await get("/risk?sort=name&dir=asc&size=200");
    const names = [...byName.body.matchAll(/<a href="\/enterprises\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("exports CSV with a UTF-8 BOM and the same filters", async () => {
    const csv = await get("/risk.csv?level=low");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Mã số thuế,Tên,Địa bàn,Ngành,Loại hình,Lao động,Công đoàn cơ sở,Mức,Điểm rủi ro,Ngày đánh giá");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(",Thấp,"))).toBe(true);
  });

  it("shows an enterprise with history, reasons and suppressed grievance counts, never grievance text", async () => {
    const id = await topEnterprise();
    const page = await get(`/enterprises/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Lịch sử điểm rủi ro");
    expect(page.body).toContain('id="chart-history"');
    const rs = await wh.client.query({
      query:
        "SELECT summary FROM lrew.grievances WHERE enterprise_id = {id:String} AND summary IS NOT NULL AND length(summary) > 40 LIMIT 5",
      query_params: { id },
      format: "JSONEachRow",
    });
    // 40 characters of each summary: a shorter prefix ("Người lao độ…") can be the page's own words,
    // such as the case form's outcome "Người lao động trở lại làm việc".
    for (const { summary } of (await rs.json()) as Array<{ summary: string }>) expect(page.body).not.toContain(summary.slice(0, 40));
    expect((await get("/enterprises/0000000000")).statusCode).toBe(404);
    expect((await get("/enterprises/%3Cscript%3E")).body).not.toContain("<script>alert");
  });

  it("shows the union fee month by month, and insurance and union-fee arrears by area on the overview", async () => {
    const rs = await wh.client.query({
      query: `SELECT enterprise_id, toUInt32(count()) AS months FROM lrew.union_fees_monthly GROUP BY enterprise_id
              HAVING countIf(in_arrears) > 0 ORDER BY months DESC, enterprise_id LIMIT 1`,
      format: "JSONEachRow",
    });
    const [owing] = (await rs.json()) as Array<{ enterprise_id: string; months: number }>;
    expect(owing).toBeDefined();
    const page = await get(`/enterprises/${owing!.enterprise_id}`);
    const section = page.body.slice(page.body.indexOf('id="union-fees"'), page.body.indexOf('id="incidents"'));
    expect(section).toContain("Kinh phí công đoàn");
    expect([...section.matchAll(/<tr><td>/g)].length).toBe(Math.min(24, owing!.months));

    const byArea = await wh.client.query({
      query: `SELECT e.area_code AS area, toUInt32(uniqExactIf(f.enterprise_id, f.in_arrears)) AS debtors
              FROM lrew.union_fees_monthly AS f JOIN lrew.enterprises_latest AS e USING enterprise_id
              GROUP BY area ORDER BY debtors DESC, area LIMIT 1`,
      format: "JSONEachRow",
    });
    const [top] = (await byArea.json()) as Array<{ area: string; debtors: number }>;
    const overview = await get("/");
    const row = overview.body.match(new RegExp(`<tr data-arrears-area="${top!.area}">([\\s\\S]*?)</tr>`))?.[1] ?? "";
    const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells[2]).toBe(String(top!.debtors));
  });

  it("shows each area's open high + critical load against its capacity, never above it", async () => {
    const page = await get("/");
    expect(page.body).toContain("Số doanh nghiệp cần theo dõi so với khả năng của từng địa bàn");
    const rows = [...page.body.matchAll(/data-load-group="([^"]+)"[\s\S]*?data-open="(\d+)"[\s\S]*?data-capacity="(\d+)"/g)];
    expect(rows.length).toBeGreaterThan(0);
    for (const [, , open, capacity] of rows) expect(Number(open)).toBeLessThanOrEqual(Number(capacity));
    expect(rows.some(([, , open]) => Number(open) > 0)).toBe(true);
    // The tiles name the states of their own: closed and silent.
    expect(page.body).toContain('data-level="closed"');
    expect(page.body).toContain('data-level="silent"');
  });

  it("states signal reasons and the structure as context on the enterprise page", async () => {
    const rs = await wh.client.query({
      query: "SELECT enterprise_id FROM lrew.scores_latest WHERE level IN ('high', 'critical') ORDER BY score DESC LIMIT 1",
      format: "JSONEachRow",
    });
    const [open] = (await rs.json()) as Array<{ enterprise_id: string }>;
    const page = await get(`/enterprises/${open!.enterprise_id}`);
    expect(page.body).toMatch(/<p id="context"><b>Bối cảnh:<\/b> Một doanh nghiệp [^<]+ lao động\)/);
    const reasons = page.body.match(/<ol id="signal-reasons">([\s\S]*?)<\/ol>/)?.[1] ?? "";
    expect(reasons).not.toMatch(/Quy mô|Doanh nghiệp tư nhân|Doanh nghiệp FDI|Ngành hay xảy ra|Mùa Tết/);
  });

  it("offers the periodic report for download, the same workbook as ./lrew report, audited", async () => {
    const form = await get("/reports");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('action="/reports/download"');
    const xlsx = await get("/reports/download?period=2026-03&format=xlsx");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers["content-disposition"]).toBe('attachment; filename="bao-cao-2026-03.xlsx"');
    expect(xlsx.rawPayload.subarray(0, 2).toString("latin1")).toBe("PK");
    const page = await get("/reports/download?period=2026-03&format=html&lang=en");
    expect(page.body).toContain("<h1>Labour-relations report, March 2026</h1>");
    const bad = await get("/reports/download?period=2026-13");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("2026-H1");
  });

  it("reports pipeline health from the stored data", async () => {
    const page = await get("/health");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("completed");
    expect(page.body).toContain("grievances");
  });
});

const form = { "content-type": "application/x-www-form-urlencoded" };
async function login(name: string, secret: string, address = "127.0.0.1"): Promise<string> {
  const r = await app.inject({
    method: "POST",
    url: "/login",
    payload: `name=${name}&secret=${encodeURIComponent(secret)}&next=%2F`,
    headers: form,
    remoteAddress: address,
  });
  expect(r.statusCode, r.body).toBe(303);
  expect(r.headers.location).toBe("/");
  return String(r.headers["set-cookie"]).split(";")[0]!;
}
const idsIn = (body: string) => new Set([...body.matchAll(/href="\/enterprises\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!)));

describe("a commune union's officer sees only the enterprises it answers for today", () => {
  it("lists, counts, exports and opens only its own enterprises; another's is a 404", async () => {
    const c = await login("xa", office.secret);
    const as = (url: string) => app.inject({ method: "GET", url, headers: { cookie: c } });
    const list = await as("/risk?size=200");
    expect(list.statusCode).toBe(200);
    const listed = idsIn(list.body);
    expect(listed).toEqual(office.enterprises);
    expect(/trên (\d+)<\/span>/.exec(list.body)?.[1]).toBe(String(office.enterprises.size)); // the count is the office's
    const fed = idsIn((await get("/risk?size=200")).body);
    expect(fed.size).toBeGreaterThan(listed.size);

    const csv = (await as("/risk.csv")).body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .slice(1);
    expect(new Set(csv.map((l) => l.split(",")[0]!))).toEqual(office.enterprises);

    const own = [...office.enterprises][0]!;
    expect((await as(`/enterprises/${own}`)).statusCode).toBe(200);
    const other = [...fed].find((id) => !office.enterprises.has(id))!;
    const refused = await as(`/enterprises/${other}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain("Lịch sử điểm rủi ro");

    const overview = await as("/");
    for (const id of idsIn(overview.body)) expect(office.enterprises.has(id), id).toBe(true);
    // The periodic report too: its incident list and risk levels count the office's enterprises only.
    const report = await as("/reports/download?period=2026&format=html");
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain("Các địa bàn của");
    const levelsTotal = report.body.match(
      /<section id="muc-rui-ro">[\s\S]*?<td class="text">Tổng cộng<\/td><td class="int">([\d.]+)<\/td>/,
    )?.[1];
    expect(Number(levelsTotal?.replace(/\./g, ""))).toBe(office.enterprises.size);
    expect((await as("/audit")).statusCode).toBe(404);
    expect(overview.body).not.toContain('href="/audit"');
  });

  it("the federation sees it all in the audit log, without grievance text", async () => {
    const page = await get("/audit?actor=xa");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("view_enterprise");
    expect(page.body).toContain("export_csv");
    expect(page.body).toContain(">login<");
    const refused = await get("/audit?actor=xa&action=view_enterprise");
    expect(refused.body).toContain("refused");
  });

  it("records case actions only for its own enterprises (another's is a 404, nothing produced), audited; the e-mail's link is audited by its recipient", async () => {
    const c = await login("xa", office.secret);
    const fed = idsIn((await get("/risk?size=200")).body);
    const own = [...office.enterprises][0]!;
    const other = [...fed].find((id) => !office.enterprises.has(id))!;
    const post = (id: string) =>
      app.inject({
        method: "POST",
        url: `/enterprises/${id}/actions`,
        headers: { cookie: c, ...form },
        payload: `action=fact_finding&officer=Nguyen&union_unit_id=${office.unit}&occurred_on=${today()}&note=g%E1%BA%B7p%20NL%C4%90`,
      });
    const before = produced.length;
    const refused = await post(other);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain("Lịch sử điểm rủi ro");
    expect(produced.length).toBe(before);
    const ok = await post(own);
    expect(ok.statusCode, ok.body).toBe(303);
    expect(produced.slice(before).map((r) => r.enterprise_id)).toEqual([own]);

    const t = signCaseLink(
      {
        alert_id: "A-test-1",
        enterprise_id: other,
        unit_id: "CD-somewhere",
        recipient: "canbo@congdoan.invalid",
        exp: Date.now() + 3_600_000,
      },
      caseLinkKey,
    );
    // Outside login: the signed link is its own authority, for any enterprise it names.
    const ack = await app.inject({ method: "POST", url: "/cases/ack", headers: form, payload: `t=${encodeURIComponent(t)}` });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(produced.at(-1)).toMatchObject({ enterprise_id: other, action: "acknowledged", alert_id: "A-test-1" });

    const { rows } = await selectAuditLog(wh, { limit: 50, action: "record_case_action" });
    const mine = rows.filter((r) => r.actor === "xa");
    expect(mine.map((r) => [r.enterprise_id, r.outcome]).sort()).toEqual(
      [
        [other, "refused"],
        [own, "ok"],
      ].sort(),
    );
    expect(mine.find((r) => r.outcome === "ok")!.detail).toContain("action=fact_finding");
    for (const r of rows) expect(r.detail).not.toContain("gặp"); // never the note
    const byLink = rows.filter((r) => r.actor === "canbo@congdoan.invalid");
    expect(byLink).toHaveLength(1);
    expect(byLink[0]).toMatchObject({ enterprise_id: other, outcome: "ok" });
    expect(byLink[0]!.detail).toContain("via=link");
  });

  it("records an action only in the name of a unit that answers for the enterprise within the account's scope (400, nothing produced, audited)", async () => {
    const c = await login("xa", office.secret);
    const own = [...office.enterprises][0]!;
    const other = responsibility.units.find((u) => u.id.startsWith("CD-") && u.id !== office.unit)!.id;
    const post = (cookieOf: string, unit: string, lang = "vi") =>
      app.inject({
        method: "POST",
        url: `/enterprises/${own}/actions`,
        headers: { cookie: `${cookieOf}; lrew_lang=${lang}`, ...form },
        payload: `action=fact_finding&officer=Nguyen&union_unit_id=${encodeURIComponent(unit)}&occurred_on=${today()}`,
      });
    // The enterprise page offers only the office's own unit.
    const page = await app.inject({ method: "GET", url: `/enterprises/${own}`, headers: { cookie: c } });
    expect([...page.body.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]).filter((v) => /^(CD-|LDLD-)/.test(v!))).toEqual([
      office.unit,
    ]);
    const before = produced.length;
    // The federation above it, another commune's union, a unit that does not exist: each refused.
    for (const unit of ["LDLD-DB", other, "CD-KHONG-CO"]) {
      const refused = await post(c, unit);
      expect(refused.statusCode, unit).toBe(400);
      expect(refused.body).toContain(
        `Không ghi nhận: đơn vị “${unit}” không phụ trách doanh nghiệp này hoặc nằm ngoài phạm vi tài khoản của bạn.`,
      );
      expect(refused.body).toContain(`Đơn vị được ghi nhận: ${office.unit}.`);
    }
    const english = await post(c, "LDLD-DB", "en");
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain(
      "Not recorded: the unit “LDLD-DB” does not answer for this enterprise or is outside the scope of your account.",
    );
    expect(produced.length).toBe(before);
    const { rows } = await selectAuditLog(wh, { limit: 200, action: "record_case_action" });
    const refusedRows = rows.filter((r) => r.actor === "xa" && r.enterprise_id === own && r.outcome === "refused");
    expect(refusedRows.map((r) => /unit=(\S+)/.exec(r.detail)?.[1]).sort()).toEqual(["CD-KHONG-CO", "LDLD-DB", "LDLD-DB", other].sort());
    for (const r of refusedRows) expect(r.detail).toContain("why=unit");

    // The federation may record in the name of the unit responsible or its own, not another commune's.
    expect((await post(cookie, office.unit)).statusCode).toBe(303);
    expect((await post(cookie, "LDLD-DB")).statusCode).toBe(303);
    expect((await post(cookie, other)).statusCode).toBe(400);
    expect(produced.slice(before).map((r) => r.union_unit_id)).toEqual([office.unit, "LDLD-DB"]);
  });

  it("logout ends the session on the server: the same cookie no longer opens a page", async () => {
    const c = await login("xa", office.secret);
    expect((await app.inject({ method: "GET", url: "/", headers: { cookie: c } })).statusCode).toBe(200);
    await app.inject({ method: "POST", url: "/logout", headers: { cookie: c } });
    expect((await app.inject({ method: "GET", url: "/", headers: { cookie: c } })).statusCode).toBe(401);
  });

  it("answers the eleventh failed login in 15 minutes with 429 and Retry-After", async () => {
    const attempt = () =>
      app.inject({ method: "POST", url: "/login", payload: "name=xa&secret=guess-guess-guess", headers: form, remoteAddress: "10.1.2.3" });
    for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(303);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.body).toContain("Đăng nhập sai quá nhiều lần");
    // The right secret is refused too while the account is limited.
    const right = await app.inject({
      method: "POST",
      url: "/login",
      payload: `name=xa&secret=${encodeURIComponent(office.secret)}`,
      headers: form,
      remoteAddress: "10.1.2.4",
    });
    expect(right.statusCode).toBe(429);
  });
});
