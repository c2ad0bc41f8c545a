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
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { LATEST_SCORES, migrate, openWarehouse, selectRows, type Warehouse } from "@lrew/warehouse";
import { buildWebApp } from "./app.ts";
import { SESSION_COOKIE } from "./auth.ts";

let wh: Warehouse;
let app: FastifyInstance;
let cookie: string;
const token = "test-token-0123456789";
const asOf = "2026-05-31";

beforeAll(async () => {
  wh = await openWarehouse({
    username: "default",
    password: "",
    database: "lrew",
    embeddedPath: mkdtempSync(path.join(os.tmpdir(), "lrew-web-")),
  });
  await migrate(wh);
  await loadSimulatedWorld(wh, { seed: 5, enterprises: 200, days: 200, start: "2025-11-15" });
  const model = loadModel();
  for (let d = addDays(asOf, -56); d <= asOf; d = addDays(d, 14)) await runScoring(wh, model, { asOf: d });
  app = buildWebApp({
    wh,
    tokens: [{ name: "tinh", token }],
    thresholds: model.thresholds,
    scoreHorizonDays: scoreHorizonDays(model),
    areaNames: new Map([["DB-DBP", "TP. Điện Biên Phủ"]]),
  });
  const login = await app.inject({
    method: "POST",
    url: "/login",
    payload: `token=${token}&next=%2Frisk`,
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
    query: "SELECT enterprise_id FROM lrew.scores_latest ORDER BY score DESC LIMIT 1",
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
    const wrong = await app.inject({
      method: "POST",
      url: "/login",
      payload: "token=nope",
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
        "SELECT summary FROM lrew.grievances WHERE enterprise_id = {id:String} AND summary IS NOT NULL AND length(summary) > 12 LIMIT 5",
      query_params: { id },
      format: "JSONEachRow",
    });
    for (const { summary } of (await rs.json()) as Array<{ summary: string }>) expect(page.body).not.toContain(summary.slice(0, 12));
    expect((await get("/enterprises/0000000000")).statusCode).toBe(404);
    expect((await get("/enterprises/%3Cscript%3E")).body).not.toContain("<script>alert");
  });

  it("shows each area's open high + critical load against its capacity, never above it", async () => {
    const page = await get("/");
    expect(page.body).toContain("Số doanh nghiệp cần theo dõi so với khả năng của từng địa bàn");
    const rows = [...page.body.matchAll(/data-load-area="([^"]+)"[\s\S]*?data-open="(\d+)"[\s\S]*?data-capacity="(\d+)"/g)];
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

  it("reports pipeline health from the stored data", async () => {
    const page = await get("/health");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("completed");
    expect(page.body).toContain("grievances");
  });
});
