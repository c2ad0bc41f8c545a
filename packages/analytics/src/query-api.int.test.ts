// POST /v1/query on a Fastify app of the test's own, over real embedded ClickHouse; and the CLI
// going through it when another process owns embedded ClickHouse.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openWarehouse, type Warehouse } from "@lrew/warehouse";
import { DEFAULT_LIMITS } from "./limits.ts";
import { QuerySlots, registerQueryApi } from "./query-api.ts";
import { AnalystSession } from "./session.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const TOKEN = "analyst-token-0123456789";
const home = mkdtempSync(path.join(tmpdir(), "lrew-query-api-"));
let wh: Warehouse;
let app: FastifyInstance;
let session: AnalystSession;
const slots = new QuerySlots(1);

beforeAll(async () => {
  const settings = { username: "default", password: "", database: "lrew", embeddedPath: path.join(home, "clickhouse") };
  wh = await openWarehouse(settings);
  await migrate(wh);
  session = await AnalystSession.open(settings);
  await wh.client.command({
    query: `INSERT INTO lrew.enterprises (event_id, enterprise_id, name, area_code, sector, ownership, workforce, has_union, union_unit_id, updated_at, _topic, _partition, _offset, _ingested_at)
            VALUES (generateUUIDv4(), '0100000001', 'Công ty May Mường Thanh', 'DB-DBP', 'garment', 'fdi', 850, false, 'LDLD-DB-DBP', now64(3), 't', 0, 1, now64(3))`,
  });
  app = Fastify();
  registerQueryApi(app, { session, tokens: [{ name: "lan", token: TOKEN }], limits: DEFAULT_LIMITS, concurrency: 1, slots });
  await app.listen({ host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await app?.close();
  await session?.close();
  await wh?.close();
});

const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  app.inject({
    method: "POST",
    url: "/v1/query",
    headers: { "content-type": "application/json", ...headers },
    payload: JSON.stringify(body),
  });

describe("POST /v1/query", () => {
  it("answers JSON and CSV with bound parameters", async () => {
    const res = await post({
      sql: "SELECT name FROM lrew_analytics.enterprises WHERE enterprise_id = {id:String}",
      params: { id: "0100000001" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.json().data).toEqual([{ name: "Công ty May Mường Thanh" }]);
    const csv = await post({ sql: "SELECT workforce FROM lrew_analytics.enterprises", format: "csv" });
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body).toBe('"workforce"\n850\n');
  });

  it("401 without a token or with an unknown one", async () => {
    const none = await post({ sql: "SELECT 1" }, {});
    expect([none.statusCode, none.json().error]).toEqual([401, "unauthorized"]);
    const wrong = await post({ sql: "SELECT 1" }, { authorization: "Bearer not-the-token-at-all" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toContain("Authorization: Bearer");
  });

  it("400 for a malformed body or several statements, 403 for writes and raw or system tables", async () => {
    expect((await post({ query: "SELECT 1" })).statusCode).toBe(400);
    const many = await post({ sql: "SELECT 1; SELECT 2" });
    expect([many.statusCode, many.json().error]).toEqual([400, "multiple_statements"]);
    const drop = await post({ sql: "DROP TABLE lrew.enterprises" });
    expect([drop.statusCode, drop.json().error, drop.json().detail]).toEqual([403, "not_select", "DROP"]);
    expect(drop.json().message).toBe("Chỉ được đọc dữ liệu bằng SELECT; câu lệnh DROP bị từ chối (quyền chỉ đọc).");
    const system = await post({ sql: "SELECT * FROM system.users" }, { authorization: `Bearer ${TOKEN}`, "accept-language": "en" });
    expect([system.statusCode, system.json().detail]).toEqual([403, "system.users"]);
    expect(system.json().message).toMatch(/^Reading system\.users is refused/);
    const other = await post({ sql: "SELECT count() FROM lrew.grievances" });
    expect([other.statusCode, other.json().detail]).toEqual([403, "lrew.grievances"]);
    const [{ n }] = (await (
      await wh.client.query({ query: "SELECT count() AS n FROM lrew.enterprises", format: "JSONEachRow" })
    ).json()) as [{ n: string | number }];
    expect(Number(n)).toBe(1);
  });

  it("429 with Retry-After while the allowed number of queries is running", async () => {
    const slow = post({ sql: "SELECT sleep(2) AS s" });
    while (slots.busy === 0) await new Promise((r) => setTimeout(r, 10));
    const refused = await post({ sql: "SELECT 1" });
    expect([refused.statusCode, refused.headers["retry-after"], refused.json().error]).toEqual([429, "1", "too_many_queries"]);
    expect((await slow).statusCode).toBe(200);
    expect((await post({ sql: "SELECT 1 AS x" })).statusCode).toBe(200);
  });
});

describe("./lrew query while another process owns embedded ClickHouse", () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const port = String((app.server.address() as AddressInfo).port);
      const child = spawn(process.execPath, [path.join(ROOT, "services/cli/src/main.ts"), "query", ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          LREW_HOME: home,
          CLICKHOUSE_URL: "",
          LREW_WEB_HOST: "127.0.0.1",
          LREW_WEB_PORT: port,
          LREW_ANALYST_TOKENS: `lan:${TOKEN}`,
          LREW_LANG: "vi",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });

  it("goes through the query API and prints an aligned table", async () => {
    const r = await cli([
      "SELECT name, workforce FROM lrew_analytics.enterprises WHERE name = {n:String}",
      "--param",
      "n=Công ty May Mường Thanh",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Công ty May Mường Thanh");
    expect(r.stdout).toContain("(1 dòng)");
  });

  it("shows the API's refusal in Vietnamese and exits 2", async () => {
    const r = await cli(["INSERT INTO lrew.enterprises SELECT * FROM lrew.enterprises"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("lrew: Chỉ được đọc dữ liệu bằng SELECT; câu lệnh INSERT bị từ chối (quyền chỉ đọc). (HTTP 403)");
  });
});
