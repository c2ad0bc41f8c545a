// The web dashboard as a Fastify app: staff login, server-rendered pages (overview, risk list with
// CSV export, enterprise page, pipeline health), static scripts and ECharts from node_modules,
// /healthz /readyz /metrics. More routes (e.g. the query API) register on the returned app: they are
// behind the same login (session cookie, or `Authorization: Bearer <dashboard token>`).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import { fastify, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { QUERY_PATH } from "@lrew/analytics";
import type { DashboardToken } from "@lrew/config";
import { vietnamDate, type Lang } from "@lrew/contracts";
import { pickLang } from "@lrew/http";
import type { Responsibility } from "@lrew/reference";
import { DEFAULT_FOLLOW_UP_CAPACITY, type LevelThresholds } from "@lrew/risk";
import { counter, createLogger, histogram, metricsText, type Logger } from "@lrew/telemetry";
import {
  areaCodes,
  countRisk,
  enterprisePage,
  selectCaseActions,
  selectCasesByArea,
  selectEnterpriseCases,
  selectUnclosedCases,
  freshness,
  ingestRate,
  overview,
  recordAudit,
  riskPage,
  warehouseInScope,
  selectAuditLog,
  selectRecentScoringRuns,
  warehouseAnswers,
  type AuditEntry,
  type Warehouse,
} from "@lrew/warehouse";
import type { Staff } from "./access/accounts.ts";
import { StaffDirectory } from "./access/directory.ts";
import { LANG_COOKIE, SESSION_COOKIE, cookie, parseCookies, safeNext } from "./auth.ts";
import { BOM, csvFileName, csvLine } from "./csv.ts";
import { pageInfo, parseRiskFilters } from "./filters.ts";
import { html, type Html } from "./html.ts";
import type { KafkaHealthSource } from "./kafka-health.ts";
import { registerCaseRoutes, unitsMayRecord, type CaseActionSink } from "./cases.ts";
import { caseSection, casesByAreaSection, timelineOf, timelineSection } from "./pages/cases.ts";
import { enterprisePageHtml } from "./pages/enterprise.ts";
import { healthPage } from "./pages/health.ts";
import type { PageContext } from "./pages/layout.ts";
import { auditPage } from "./pages/audit.ts";
import { loginPage } from "./pages/login.ts";
import { notFoundPage } from "./pages/not-found.ts";
import { OPENAPI, openApiPath } from "./openapi.ts";
import { t } from "./messages.ts";
import { overviewPage } from "./pages/overview.ts";
import { reportsPage } from "./pages/reports.ts";
import { parsePeriod, reportHtml, reportWorkbook, type ReportPeriod } from "@lrew/report";
import { readReport } from "@lrew/report/read";
import { riskCsvHeader, riskCsvRow, riskListPage } from "./pages/risk-list.ts";

export interface WebAppDeps {
  wh: Warehouse;
  /** Who may log in (accounts, older tokens), sessions and the login limits. */
  directory?: StaffDirectory;
  /** Without a directory: these older tokens, each a federation-wide login (tests, scripts). */
  tokens?: readonly DashboardToken[];
  /** Level thresholds of the model in use: the bands of the score-history chart. */
  thresholds: LevelThresholds;
  /** The days a score's probability is about (see scoreHorizonDays of @lrew/scoring). Default 60. */
  scoreHorizonDays?: number;
  /** Area code → display name (reference data); unknown codes are shown as they are. */
  areaNames?: ReadonlyMap<string, string>;
  /** Each capacity group's follow-up capacity (config's groupCapacity); default: 5 everywhere. */
  capacityOf?: (group: string) => number;
  /** Consumer lag and dead letters; absent: the health page says Kafka is not connected. */
  kafkaHealth?: KafkaHealthSource;
  /** Language when neither the cookie nor Accept-Language decides. Default vi. */
  lang?: Lang;
  /** Mark cookies Secure (set when the dashboard is served over HTTPS). */
  secureCookies?: boolean;
  /** The session cookie's lifetime (the directory's sessions decide; default 12 hours). */
  sessionMs?: number;
  logger?: Logger;
  /** Produces case actions to Kafka; absent: the dashboard cannot record actions (503). */
  caseActions?: CaseActionSink;
  /** The key of the e-mails' acknowledgement links; absent: the links are refused. */
  caseLinkKey?: string;
  /** Union unit id → name (reference data). */
  unitNames?: ReadonlyMap<string, string>;
  /** Who answers for what, as of when: which units an account may record a case action for. Absent: none. */
  responsibility?: Responsibility;
  /** Working days since a case opened, for the overdue counts (weekends and holidays excluded); and the deadline. */
  caseDeadline?: { ackWorkingDays: number; workingDaysBetween: (from: string, to: string) => number };
}

const requestsTotal = counter("lrew_web_requests_total", "HTTP requests answered by the web dashboard, by route and status", [
  "route",
  "status",
]);
const requestSeconds = histogram("lrew_web_request_duration_seconds", "Web dashboard request duration (including its ClickHouse queries)", [
  "route",
]);

const PUBLIC_DIR = path.resolve(import.meta.dirname, "../public");
const STATIC_TYPES: Record<string, string> = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };
/** CSV export reads the list in pages of this many rows, so memory stays flat whatever the size. */
const CSV_CHUNK = 5000;

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
} as const;

/** Paths anyone may open: health probes, metrics, the login page, static files, the language switch. */
export function isPublicPath(url: string): boolean {
  const p = url.split("?")[0]!;
  // The query API authenticates analysts with their own tokens (packages/analytics).
  // The acknowledgement link of an alert e-mail carries its own signed authority (cases.ts).
  return (
    ["/healthz", "/readyz", "/metrics", "/login", "/lang", "/favicon.ico", "/openapi.json", QUERY_PATH, "/cases/ack"].includes(p) ||
    p.startsWith("/static/")
  );
}

function loadStatic(): Map<string, { body: Buffer; type: string }> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of ["app.css", "charts.js", "overview.js", "enterprise.js", "health.js"]) {
    files.set(name, { body: readFileSync(path.join(PUBLIC_DIR, name)), type: STATIC_TYPES[path.extname(name)]! });
  }
  const echarts = createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js");
  files.set("echarts.min.js", { body: readFileSync(echarts), type: STATIC_TYPES[".js"]! });
  return files;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The routes registered on this server (method in lower case, OpenAPI path). */
    lrewRoutes: Array<{ method: string; path: string }>;
  }
  interface FastifyRequest {
    /** The logged-in staff member's name (undefined: nobody). */
    staff: string | undefined;
    /** Who is logged in, with role and scope. */
    who: Staff | undefined;
    /** The warehouse as this request may see it: every query carries the staff member's scope (see @lrew/warehouse scope.ts). */
    wh: Warehouse;
    lang: Lang;
  }
}

/** Where sessions come from when the caller gave only tokens: federation-wide logins, default limits. */
function directoryOf(deps: WebAppDeps): StaffDirectory {
  return (
    deps.directory ??
    new StaffDirectory({ tokens: deps.tokens ?? [], limits: { max: 10, windowMs: 15 * 60_000 }, sessionMs: 12 * 3_600_000 })
  );
}

export function buildWebApp(deps: WebAppDeps): FastifyInstance {
  const log = deps.logger ?? createLogger("web");
  const defaultLang = deps.lang ?? "vi";
  const files = loadStatic();
  const areaName = (code: string) => deps.areaNames?.get(code) ?? code;
  const app = fastify({ logger: false, return503OnClosing: true, forceCloseConnections: "idle" });
  // Every route this server serves, including those registered later on the returned app (the query
  // API): what the OpenAPI document is checked against.
  const routes: Array<{ method: string; path: string }> = [];
  app.decorate("lrewRoutes", routes);
  app.addHook("onRoute", (r) => {
    for (const m of Array.isArray(r.method) ? r.method : [r.method])
      if (m !== "HEAD") routes.push({ method: m.toLowerCase(), path: openApiPath(r.url) });
  });

  const directory = directoryOf(deps);
  app.decorateRequest("staff", undefined);
  app.decorateRequest("who", undefined);
  app.decorateRequest("wh", undefined as unknown as Warehouse);
  app.decorateRequest("lang", "vi");
  /** Audited actions: ClickHouse must take the entry before the page is served (no unaudited views). */
  const audit = (req: FastifyRequest, entry: Omit<AuditEntry, "actor" | "role" | "address">) =>
    recordAudit(deps.wh, { actor: req.who?.name ?? "", role: req.who?.role ?? "", address: req.ip, ...entry });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const scoreHorizonDays = deps.scoreHorizonDays ?? 60;
  const sessionMs = deps.sessionMs ?? 12 * 3_600_000;
  const ctxOf = (req: FastifyRequest): PageContext => ({
    lang: req.lang,
    path: req.url,
    user: req.who?.displayName,
    federation: req.who?.role === "federation",
    areaName,
    scoreHorizonDays,
  });
  const sendHtml = (reply: FastifyReply, page: Html, status = 200) =>
    reply.code(status).headers(SECURITY_HEADERS).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page.text);

  app.addHook("onRequest", async (req, reply) => {
    const cookies = parseCookies(req.headers.cookie);
    const chosen = cookies[LANG_COOKIE];
    req.lang = chosen === "vi" || chosen === "en" ? chosen : pickLang(req.headers["accept-language"], defaultLang);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    req.who = bearer !== undefined ? directory.fromBearer(bearer) : directory.fromSession(cookies[SESSION_COOKIE]);
    req.staff = req.who?.name;
    req.wh = deps.wh;
    if (req.who) {
      // Every query of this request is scoped in ClickHouse (none for the federation).
      req.wh = await warehouseInScope(deps.wh, req.who.scope, vietnamDate(new Date()));
      return;
    }
    if (isPublicPath(req.url)) return;
    if (req.method === "GET" && !bearer && (req.headers.accept ?? "").includes("text/html")) {
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    }
    return reply
      .code(401)
      .header("www-authenticate", 'Bearer realm="lrew-dashboard"')
      .send({ error: "unauthorized", message: req.lang === "vi" ? "Cần đăng nhập" : "Login required" });
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    requestsTotal.inc({ route, status: String(reply.statusCode) });
    requestSeconds.observe({ route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) log.error({ route, status: reply.statusCode }, "web request failed");
  });

  app.setErrorHandler(async (err, req, reply) => {
    log.error({ err, route: req.routeOptions.url }, "web request error");
    const status = typeof (err as { statusCode?: unknown }).statusCode === "number" ? (err as { statusCode: number }).statusCode : 500;
    return reply.code(Math.min(status, 500)).send({ error: status < 500 ? "bad_request" : "internal" });
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async (_req, reply) => {
    const ok = await warehouseAnswers(deps.wh);
    return reply.code(ok ? 200 : 503).send({ status: ok ? "ready" : "not_ready" });
  });
  app.get("/metrics", async (_req, reply) => {
    const m = await metricsText();
    return reply.type(m.contentType).send(m.body);
  });

  app.get<{ Params: { file: string } }>("/static/:file", async (req, reply) => {
    const f = files.get(req.params.file);
    if (!f) return reply.code(404).send();
    return reply.headers(SECURITY_HEADERS).type(f.type).header("cache-control", "public, max-age=3600").send(f.body);
  });
  app.get("/favicon.ico", async (_req, reply) => reply.code(204).send());
  app.get("/openapi.json", async (_req, reply) => reply.header("cache-control", "no-store").send(OPENAPI));

  app.get<{ Querystring: { next?: string; failed?: string } }>("/login", async (req, reply) =>
    sendHtml(reply, loginPage(ctxOf(req), { next: safeNext(req.query.next), failed: req.query.failed === "1" })),
  );
  app.post<{ Body: { name?: string; secret?: string; token?: string; next?: string } }>("/login", async (req, reply) => {
    const body = req.body ?? {};
    const next = safeNext(body.next);
    const name = typeof body.name === "string" ? body.name.trim().slice(0, 64) : "";
    const secret = typeof body.secret === "string" ? body.secret : "";
    const result = directory.login(name, secret.trim(), req.ip);
    if (result.kind === "limited") {
      log.warn({ ip: req.ip, name }, "dashboard login refused: too many failures");
      await recordAudit(deps.wh, { actor: name, action: "login_failed", outcome: "refused", address: req.ip, detail: "rate limited" });
      reply.header("retry-after", String(result.retryAfterS));
      return sendHtml(reply, loginPage(ctxOf(req), { next, failed: false, limitedS: result.retryAfterS, name }), 429);
    }
    if (result.kind === "failed") {
      log.warn({ ip: req.ip, name }, "dashboard login refused");
      await recordAudit(deps.wh, { actor: name, action: "login_failed", outcome: "failed", address: req.ip });
      return reply.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
    }
    log.info({ staff: result.staff.name }, "dashboard login");
    await recordAudit(deps.wh, { actor: result.staff.name, role: result.staff.role, action: "login", address: req.ip });
    reply.header(
      "set-cookie",
      cookie(SESSION_COOKIE, result.sessionId, {
        maxAgeS: Math.floor(sessionMs / 1000),
        httpOnly: true,
        secure: deps.secureCookies ?? false,
      }),
    );
    return reply.redirect(next, 303);
  });
  app.post("/logout", async (req, reply) => {
    directory.logout(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    if (req.who) await audit(req, { action: "logout" });
    reply.header("set-cookie", cookie(SESSION_COOKIE, "", { maxAgeS: 0, httpOnly: true, secure: deps.secureCookies ?? false }));
    return reply.redirect("/login", 303);
  });
  app.get<{ Querystring: { to?: string; next?: string } }>("/lang", async (req, reply) => {
    const to = req.query.to === "en" ? "en" : "vi";
    // Readable by nobody but the server too: the page never needs it in script.
    reply.header("set-cookie", cookie(LANG_COOKIE, to, { maxAgeS: 365 * 24 * 3600, httpOnly: true, secure: deps.secureCookies ?? false }));
    return reply.redirect(safeNext(req.query.next), 303);
  });

  const capacityOf = deps.capacityOf ?? (() => DEFAULT_FOLLOW_UP_CAPACITY);
  const unitName = (id: string) => deps.unitNames?.get(id) ?? id;
  registerCaseRoutes(
    app,
    { wh: deps.wh, caseActions: deps.caseActions, caseLinkKey: deps.caseLinkKey, unitName, responsibility: deps.responsibility },
    { ctxOf, sendHtml },
  );

  app.get("/", async (req, reply) => {
    const since = vietnamDate(new Date(Date.now() - 365 * 86_400_000));
    // Every read through the request's warehouse: an office sees its own areas' cases only.
    const [o, byArea, unclosed] = await Promise.all([overview(req.wh), selectCasesByArea(req.wh, { since }), selectUnclosedCases(req.wh)]);
    // Overdue: not acknowledged within the working days set (the notifier escalates the same cases).
    const overdue = new Map<string, number>();
    const today = vietnamDate(new Date());
    const deadline = deps.caseDeadline;
    for (const c of unclosed) {
      if (deadline && c.acknowledged_on === null && deadline.workingDaysBetween(c.opened_on, today) >= deadline.ackWorkingDays) {
        overdue.set(c.area_code, (overdue.get(c.area_code) ?? 0) + 1);
      }
    }
    return sendHtml(reply, overviewPage(ctxOf(req), o, capacityOf, unitName, casesByAreaSection(ctxOf(req), byArea, overdue)));
  });

  app.get<{ Querystring: Record<string, string | string[]> }>("/risk", async (req, reply) => {
    const filters = parseRiskFilters(req.query);
    const [total, areas] = await Promise.all([countRisk(req.wh, filters), areaCodes(req.wh)]);
    const page = pageInfo(total, filters.page, filters.pageSize);
    const list = total === 0 ? [] : await riskPage(req.wh, filters, page.offset, page.limit);
    return sendHtml(reply, riskListPage(ctxOf(req), { filters: { ...filters, page: page.page }, rows: list, total, page, areas }));
  });

  app.get<{ Querystring: Record<string, string | string[]> }>("/risk.csv", async (req, reply) => {
    const filters = parseRiskFilters(req.query);
    const lang = req.lang;
    const today = vietnamDate(new Date());
    const wh = req.wh;
    await audit(req, { action: "export_csv", detail: new URLSearchParams(req.url.split("?")[1] ?? "").toString() || "(all)" });
    // Pages of the same query, each fetched when the client has taken the previous one.
    async function* lines() {
      yield BOM + csvLine(riskCsvHeader(lang));
      for (let offset = 0; ; offset += CSV_CHUNK) {
        const chunk = await riskPage(wh, filters, offset, CSV_CHUNK);
        if (chunk.length > 0) yield chunk.map((r) => csvLine(riskCsvRow(r, lang, areaName))).join("");
        if (chunk.length < CSV_CHUNK) return;
      }
    }
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${csvFileName(today, lang)}"`)
      .header("cache-control", "no-store")
      .send(Readable.from(lines(), { objectMode: false }));
  });

  app.get("/reports", async (req, reply) => {
    const lastMonth = vietnamDate(new Date(Date.now() - 31 * 86_400_000)).slice(0, 7);
    return sendHtml(reply, reportsPage(ctxOf(req), { lastMonth }));
  });

  // The same report as `./lrew report --unit`, read as the account's scope sees the warehouse: an
  // office's report covers the enterprises it answers for, enforced in ClickHouse like every page.
  app.get<{ Querystring: { period?: string; format?: string; lang?: string } }>("/reports/download", async (req, reply) => {
    const q = req.query;
    let period: ReportPeriod;
    try {
      period = parsePeriod(q.period ?? "");
    } catch (err) {
      const lastMonth = vietnamDate(new Date(Date.now() - 31 * 86_400_000)).slice(0, 7);
      return sendHtml(reply, reportsPage(ctxOf(req), { lastMonth, error: (err as Error).message }), 400);
    }
    const lang: Lang = q.lang === "en" ? "en" : "vi";
    const format = q.format === "html" ? "html" : "xlsx";
    await audit(req, { action: "export_report", detail: `${period.slug} ${format} ${lang}` });
    // deps.wh, not req.wh: readReport applies the scope itself (the one definition the CLI shares).
    // (onRequest lets no request without a member of staff reach this route.)
    const who = req.who!;
    const report = await readReport(
      deps.wh,
      period,
      { scope: who.scope, ...(who.scope.kind !== "all" ? { name: who.displayName } : {}) },
      deps.areaNames ?? new Map(),
      lang,
    );
    const name = `${lang === "vi" ? "bao-cao" : "report"}-${period.slug}.${format}`;
    reply.header("content-disposition", `attachment; filename="${name}"`).header("cache-control", "no-store");
    if (format === "html") return reply.type("text/html; charset=utf-8").send(reportHtml(report, lang));
    return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").send(await reportWorkbook(report, lang));
  });

  app.get<{ Params: { id: string } }>("/enterprises/:id", async (req, reply) => {
    const id = req.params.id.trim();
    // Another area's enterprise is not found: the scoped warehouse has no row of it.
    const page = /^[0-9A-Za-z-]{1,32}$/.test(id) ? await enterprisePage(req.wh, id) : undefined;
    if (!page) {
      await audit(req, { action: "view_enterprise", enterprise_id: id.slice(0, 50), outcome: "refused", detail: "not found in scope" });
      return sendHtml(reply, notFoundPage(ctxOf(req), id), 404);
    }
    await audit(req, { action: "view_enterprise", enterprise_id: id });
    const [cases, actions] = await Promise.all([selectEnterpriseCases(req.wh, id), selectCaseActions(req.wh, id)]);
    const ctx = ctxOf(req);
    const open = cases.find((c) => c.state !== "closed");
    const today = vietnamDate(new Date());
    // The units this account may record for; the open case's owner first when it is one of them.
    const units = unitsMayRecord(deps.responsibility, { enterprise_id: id, area_code: page.info.area_code }, req.who!.scope, today);
    const owner = open?.owner_unit_id ?? cases[0]?.owner_unit_id;
    const section = caseSection(ctx, id, {
      cases,
      actions,
      unitName,
      today,
      units: owner !== undefined && units.includes(owner) ? [owner, ...units.filter((u) => u !== owner)] : units,
      canRecord: deps.caseActions !== undefined,
      recorded: (req.query as { recorded?: string }).recorded === "1",
    });
    return sendHtml(
      reply,
      enterprisePageHtml(ctx, page, deps.thresholds, html`${section}${timelineSection(ctx, timelineOf(page, actions, ctx.lang))}`),
    );
  });

  app.get("/health", async (req, reply) => {
    const kafka = deps.kafkaHealth
      ? await deps.kafkaHealth().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))))
      : undefined;
    const [ingest, fresh, runs] = await Promise.all([ingestRate(req.wh), freshness(req.wh), selectRecentScoringRuns(req.wh)]);
    return sendHtml(reply, healthPage(ctxOf(req), { ingest, freshness: fresh, runs, kafka }));
  });

  app.get<{ Querystring: { page?: string; actor?: string; action?: string } }>("/audit", async (req, reply) => {
    // The federation's page only: to anyone else it does not exist.
    if (req.who?.role !== "federation") return sendHtml(reply, notFoundPage(ctxOf(req), "audit"), 404);
    const size = 100;
    const pageNo = Math.max(1, Math.min(10_000, Number.parseInt(req.query.page ?? "1", 10) || 1));
    const actor = typeof req.query.actor === "string" ? req.query.actor.slice(0, 200) : "";
    const action = typeof req.query.action === "string" ? req.query.action.slice(0, 100) : "";
    const { rows, total } = await selectAuditLog(deps.wh, { limit: size, offset: (pageNo - 1) * size, actor, action });
    return sendHtml(reply, auditPage(ctxOf(req), { rows, total, page: pageNo, size, actor, action }));
  });

  return app;
}
