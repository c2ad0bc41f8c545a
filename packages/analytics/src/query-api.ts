// POST /v1/query: analysts' SQL for tools and notebooks. Registered on the web service's Fastify app
// by registerQueryApi; everything it needs is in QueryApiDeps.
//   body {sql, params?, format?: json|csv|parquet}
//   Authorization: Bearer <analyst token> (all areas), or Basic <name:secret> of a staff account (its scope)
//   200 the result in that format · 400 a query to fix · 401 no or unknown token · 403 refused
//   (not read-only, outside the analytics views) · 429 too many analyst queries at once (Retry-After).
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { AnalystLimits, AnalystToken } from "@lrew/config";
import type { AuditEntry, Scope } from "@lrew/warehouse";
import { bearerToken, pickLang, safeEqual } from "@lrew/http";
import { createLogger } from "@lrew/telemetry";
import type { AnalystSession } from "./session.ts";
import { CONTENT_TYPE } from "./formats.ts";
import type { Lang } from "@lrew/contracts";
import { AnalystQueryError, refusalMessage } from "./refusals.ts";

export interface QueryApiDeps {
  /** AnalystSession.open(config.clickhouse): the analysts' own connection. */
  session: AnalystSession;
  /** Who may query: LREW_ANALYST_TOKENS, or resolveAnalystTokens(config) from @lrew/config. */
  tokens: readonly AnalystToken[];
  limits: AnalystLimits;
  /** Analyst queries run at once; one more gets 429. */
  concurrency: number;
  /** Optional: share or observe the counter of queries in flight (tests, metrics). */
  slots?: QuerySlots;
  /**
   * Staff accounts (HTTP Basic name:secret): who it is and what they may read, `{ limitedS }` while
   * too many failures are recent (429), undefined when wrong. Absent: analyst tokens only.
   */
  account?: (name: string, secret: string, address: string) => QueryUser | { limitedS: number } | undefined;
  /** Records each query (who, the SQL, refused or not) in the audit log. */
  audit?: (entry: AuditEntry) => Promise<void>;
}

/** Who runs a query, and what they may read. */
export interface QueryUser {
  name: string;
  role: string;
  scope: Scope;
}

/** `Authorization: Basic base64(name:secret)` → name and secret. */
export function basicCredentials(header: string | undefined): { name: string; secret: string } | undefined {
  const b64 = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "")?.[1];
  if (!b64) return undefined;
  const text = Buffer.from(b64, "base64").toString("utf8");
  const colon = text.indexOf(":");
  return colon > 0 ? { name: text.slice(0, colon), secret: text.slice(colon + 1) } : undefined;
}

export const QUERY_PATH = "/v1/query";

const bodySchema = z.strictObject({
  sql: z.string().max(100_000),
  params: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string(), z.number(), z.boolean()])).optional(),
  format: z.enum(["json", "csv", "parquet"]).default("json"),
});

const log = createLogger("analytics.api");

const say = (lang: Lang, vi: string, en: string) => (lang === "vi" ? vi : en);

/** A counter of queries in flight: the decision to refuse is pure and immediate, no queue. */
export class QuerySlots {
  #busy = 0;
  readonly #max: number;
  constructor(max: number) {
    this.#max = Math.max(1, max);
  }
  tryTake(): boolean {
    if (this.#busy >= this.#max) return false;
    this.#busy += 1;
    return true;
  }
  release(): void {
    this.#busy = Math.max(0, this.#busy - 1);
  }
  get busy(): number {
    return this.#busy;
  }
}

export function registerQueryApi(app: FastifyInstance, deps: QueryApiDeps): void {
  const slots = deps.slots ?? new QuerySlots(deps.concurrency);
  const fail = (reply: FastifyReply, status: number, error: string, message: string, extra: Record<string, unknown> = {}) =>
    reply
      .code(status)
      .type("application/json; charset=utf-8")
      .send({ error, message, ...extra });

  app.post(QUERY_PATH, async (request, reply) => {
    const lang = pickLang(request.headers["accept-language"]);
    const token = bearerToken(request.headers.authorization);
    const byToken = token === undefined ? undefined : deps.tokens.find((t) => safeEqual(t.token, token));
    let who: QueryUser | undefined = byToken ? { name: byToken.name, role: "analyst", scope: { kind: "all" } } : undefined;
    const basic = who || !deps.account ? undefined : basicCredentials(request.headers.authorization);
    if (basic && deps.account) {
      const found = deps.account(basic.name, basic.secret, request.ip);
      if (found && "limitedS" in found) {
        reply.header("retry-after", String(found.limitedS));
        return fail(
          reply,
          429,
          "too_many_failures",
          say(
            lang,
            `Đăng nhập sai quá nhiều lần; thử lại sau ${found.limitedS} giây`,
            `Too many failed logins; retry in ${found.limitedS} s`,
          ),
        );
      }
      who = found;
      if (!who)
        await deps.audit?.({ actor: basic.name, action: "login_failed", outcome: "failed", address: request.ip, detail: "query API" });
    }
    if (!who) {
      return fail(
        reply,
        401,
        "unauthorized",
        say(
          lang,
          "Thiếu mã truy cập phân tích hoặc mã không hợp lệ. Gửi header: Authorization: Bearer <mã phân tích> (hoặc Basic <tài khoản:mật khẩu>)",
          "Missing or unknown analyst token. Send the header: Authorization: Bearer <analyst token> (or Basic <account:secret>)",
        ),
      );
    }
    const parsed = bodySchema.safeParse(request.body);
    if (!parsed.success) {
      return fail(
        reply,
        400,
        "bad_request",
        say(
          lang,
          'Nội dung phải là JSON {"sql": "...", "params": {...}, "format": "json|csv|parquet"}',
          'The body must be JSON {"sql": "...", "params": {...}, "format": "json|csv|parquet"}',
        ),
        { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
      );
    }
    if (!slots.tryTake()) {
      reply.header("retry-after", "1");
      return fail(
        reply,
        429,
        "too_many_queries",
        say(
          lang,
          `Đang chạy ${deps.concurrency} truy vấn phân tích cùng lúc (tối đa); thử lại sau 1 giây`,
          `${deps.concurrency} analyst queries are running (the most at once); retry in 1 s`,
        ),
      );
    }
    const { sql, params, format } = parsed.data;
    const audit = (outcome: "ok" | "refused", extra = "") =>
      deps.audit?.({ actor: who.name, role: who.role, action: "query", outcome, address: request.ip, detail: `${sql}${extra}` });
    try {
      const body = await deps.session.query({ sql, params, format, scope: who.scope }, deps.limits);
      await audit("ok");
      log.info({ analyst: who.name, format, bytes: body.length }, "query answered");
      return reply.code(200).type(CONTENT_TYPE[format]).send(body);
    } catch (err) {
      if (err instanceof AnalystQueryError) {
        await audit("refused", ` -- ${err.reason}`);
        log.info({ analyst: who.name, reason: err.reason }, "query refused");
        return fail(reply, err.status, err.reason, refusalMessage(err.reason, err.detail, lang), { detail: err.detail });
      }
      throw err;
    } finally {
      slots.release();
    }
  });
}
