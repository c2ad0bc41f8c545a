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
import type { LevelThresholds } from "@lrew/risk";
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
  riskPage,
  selectRecentScoringRuns,
  warehouseAnswers,
  type Warehouse,
} from "@lrew/warehouse";
import {
  LANG_COOKIE,
  SESSION_COOKIE,
  SESSION_MAX_AGE_S,
  cookie,
  parseCookies,
  safeNext,
  sessionOwner,
  sessionValue,
  tokenOwner,
} from "./auth.ts";
import { BOM, csvFileName, csvLine } from "./csv.ts";
import { pageInfo, parseRiskFilters } from "./filters.ts";
import { html, type Html } from "./html.ts";
import type { KafkaHealthSource } from "./kafka-health.ts";
import { registerCaseRoutes, type CaseActionSink } from "./cases.ts";
import { caseSection, casesByAreaSection, timelineOf, timelineSection } from "./pages/cases.ts";
import { enterprisePageHtml } from "./pages/enterprise.ts";
import { healthPage } from "./pages/health.ts";
import type { PageContext } from "./pages/layout.ts";
import { loginPage } from "./pages/login.ts";
import { notFoundPage } from "./pages/not-found.ts";
import { overviewPage } from "./pages/overview.ts";
import { riskCsvHeader, riskCsvRow, riskListPage } from "./pages/risk-list.ts";

export interface WebAppDeps {
  wh: Warehouse;
  tokens: readonly DashboardToken[];
  /** Level thresholds of the model in use: the bands of the score-history chart. */
  thresholds: LevelThresholds;
  /** The days a score's probability is about (see scoreHorizonDays of @lrew/scoring). Default 60. */
  scoreHorizonDays?: number;
  /** Area code → display name (reference data); unknown codes are shown as they are. */
  areaNames?: ReadonlyMap<string, string>;
  /** Consumer lag and dead letters; absent: the health page says Kafka is not connected. */
  kafkaHealth?: KafkaHealthSource;
  /** Language when neither the cookie nor Accept-Language decides. Default vi. */
  lang?: Lang;
  /** Mark cookies Secure (set when the dashboard is served over HTTPS). */
  secureCookies?: boolean;
  logger?: Logger;
  /** Produces case actions to Kafka; absent: the dashboard cannot record actions (503). */
  caseActions?: CaseActionSink;
  /** The key of the e-mails' acknowledgement links; absent: the links are refused. */
  caseLinkKey?: string;
  /** Union unit id → name (reference data). */
  unitNames?: ReadonlyMap<string, string>;
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
    ["/healthz", "/readyz", "/metrics", "/login", "/lang", "/favicon.ico", QUERY_PATH, "/cases/ack"].includes(p) || p.startsWith("/static/")
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
  interface FastifyRequest {
    staff: string | undefined;
    lang: Lang;
  }
}

export function buildWebApp(deps: WebAppDeps): FastifyInstance {
  const log = deps.logger ?? createLogger("web");
  const defaultLang = deps.lang ?? "vi";
  const files = loadStatic();
  const areaName = (code: string) => deps.areaNames?.get(code) ?? code;
  const app = fastify({ logger: false, return503OnClosing: true, forceCloseConnections: "idle" });

  app.decorateRequest("staff", undefined);
  app.decorateRequest("lang", "vi");
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const scoreHorizonDays = deps.scoreHorizonDays ?? 60;
  const ctxOf = (req: FastifyRequest): PageContext => ({ lang: req.lang, path: req.url, user: req.staff, areaName, scoreHorizonDays });
  const sendHtml = (reply: FastifyReply, page: Html, status = 200) =>
    reply.code(status).headers(SECURITY_HEADERS).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page.text);

  app.addHook("onRequest", async (req, reply) => {
    const cookies = parseCookies(req.headers.cookie);
    const chosen = cookies[LANG_COOKIE];
    req.lang = chosen === "vi" || chosen === "en" ? chosen : pickLang(req.headers["accept-language"], defaultLang);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    req.staff = bearer !== undefined ? tokenOwner(deps.tokens, bearer) : sessionOwner(deps.tokens, cookies[SESSION_COOKIE]);
    if (req.staff !== undefined || isPublicPath(req.url)) return;
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

  app.get<{ Querystring: { next?: string; failed?: string } }>("/login", async (req, reply) =>
    sendHtml(reply, loginPage(ctxOf(req), { next: safeNext(req.query.next), failed: req.query.failed === "1" })),
  );
  app.post<{ Body: { token?: string; next?: string } }>("/login", async (req, reply) => {
    const body = req.body ?? {};
    const next = safeNext(body.next);
    const owner = typeof body.token === "string" ? tokenOwner(deps.tokens, body.token.trim()) : undefined;
    if (owner === undefined) {
      log.warn({ ip: req.ip }, "dashboard login refused");
      return reply.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
    }
    log.info({ staff: owner }, "dashboard login");
    reply.header(
      "set-cookie",
      cookie(SESSION_COOKIE, sessionValue(deps.tokens, owner), {
        maxAgeS: SESSION_MAX_AGE_S,
        httpOnly: true,
        secure: deps.secureCookies ?? false,
      }),
    );
    return reply.redirect(next, 303);
  });
  app.post("/logout", async (_req, reply) => {
    reply.header("set-cookie", cookie(SESSION_COOKIE, "", { maxAgeS: 0, httpOnly: true, secure: deps.secureCookies ?? false }));
    return reply.redirect("/login", 303);
  });
  app.get<{ Querystring: { to?: string; next?: string } }>("/lang", async (req, reply) => {
    const to = req.query.to === "en" ? "en" : "vi";
    // Readable by nobody but the server too: the page never needs it in script.
    reply.header("set-cookie", cookie(LANG_COOKIE, to, { maxAgeS: 365 * 24 * 3600, httpOnly: true, secure: deps.secureCookies ?? false }));
    return reply.redirect(safeNext(req.query.next), 303);
  });

  const unitName = (id: string) => deps.unitNames?.get(id) ?? id;
  registerCaseRoutes(app, { wh: deps.wh, caseActions: deps.caseActions, caseLinkKey: deps.caseLinkKey, unitName }, { ctxOf, sendHtml });

  app.get("/", async (req, reply) => {
    const since = vietnamDate(new Date(Date.now() - 365 * 86_400_000));
    const [o, byArea, unclosed] = await Promise.all([
      overview(deps.wh),
      selectCasesByArea(deps.wh, { since }),
      selectUnclosedCases(deps.wh),
    ]);
    // Overdue: not acknowledged within the working days set (the notifier escalates the same cases).
    const overdue = new Map<string, number>();
    const today = vietnamDate(new Date());
    const deadline = deps.caseDeadline;
    for (const c of unclosed) {
      if (deadline && c.acknowledged_on === null && deadline.workingDaysBetween(c.opened_on, today) >= deadline.ackWorkingDays) {
        overdue.set(c.area_code, (overdue.get(c.area_code) ?? 0) + 1);
      }
    }
    return sendHtml(reply, overviewPage(ctxOf(req), o, casesByAreaSection(ctxOf(req), byArea, overdue)));
  });

  app.get<{ Querystring: Record<string, string | string[]> }>("/risk", async (req, reply) => {
    const filters = parseRiskFilters(req.query);
    const [total, areas] = await Promise.all([countRisk(deps.wh, filters), areaCodes(deps.wh)]);
    const page = pageInfo(total, filters.page, filters.pageSize);
    const list = total === 0 ? [] : await riskPage(deps.wh, filters, page.offset, page.limit);
    return sendHtml(reply, riskListPage(ctxOf(req), { filters: { ...filters, page: page.page }, rows: list, total, page, areas }));
  });

  app.get<{ Querystring: Record<string, string | string[]> }>("/risk.csv", async (req, reply) => {
    const filters = parseRiskFilters(req.query);
    const lang = req.lang;
    const today = vietnamDate(new Date());
    const wh = deps.wh;
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

  app.get<{ Params: { id: string } }>("/enterprises/:id", async (req, reply) => {
    const id = req.params.id.trim();
    const page = /^[0-9A-Za-z-]{1,32}$/.test(id) ? await enterprisePage(deps.wh, id) : undefined;
    if (!page) {
      return sendHtml(reply, notFoundPage(ctxOf(req), id), 404);
    }
    const [cases, actions] = await Promise.all([selectEnterpriseCases(deps.wh, id), selectCaseActions(deps.wh, id)]);
    const ctx = ctxOf(req);
    const open = cases.find((c) => c.state !== "closed");
    const section = caseSection(ctx, id, {
      cases,
      actions,
      unitName,
      today: vietnamDate(new Date()),
      defaultUnit: open?.owner_unit_id ?? cases[0]?.owner_unit_id ?? page.info.union_unit_id,
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
    const [ingest, fresh, runs] = await Promise.all([ingestRate(deps.wh), freshness(deps.wh), selectRecentScoringRuns(deps.wh)]);
    return sendHtml(reply, healthPage(ctxOf(req), { ingest, freshness: fresh, runs, kafka }));
  });

  return app;
}
