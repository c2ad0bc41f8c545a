// `./lrew query`: analysts' read-only SQL over the analytics views, from the terminal.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  AnalystQueryError,
  AnalystSession,
  analyticsDatabase,
  chooseQueryRoute,
  listSavedQueries,
  loadSavedQueries,
  parseParamArgs,
  refusalMessage,
  renderTable,
  retargetSql,
  savedQueryParams,
  type JsonResult,
  type OutputFormat,
  type WireFormat,
} from "@lrew/analytics";
import { resolveAnalystTokens } from "@lrew/config";
import { otherOwnerOf, type Scope } from "@lrew/warehouse";
import { AccountsFile, scopeOf, verifySecret } from "@lrew/web";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

export interface QueryOptions {
  param: string[];
  format: OutputFormat;
  out?: string;
  saved?: string;
  list?: boolean;
  /** Run as this account (its secret on stdin's first line): only what it may see. */
  as?: string;
}

export function queriesDir(ctx: CliContext): string {
  return path.join(ctx.root, "queries");
}

export async function queryCommand(ctx: CliContext, sqlArg: string | undefined, opts: QueryOptions): Promise<number> {
  const saved = loadSavedQueries(queriesDir(ctx));
  if (opts.list) {
    process.stdout.write(listSavedQueries(saved, ctx.lang));
    return 0;
  }
  const given = parseParamArgs(opts.param);
  let sql: string;
  let params: Record<string, string>;
  if (opts.saved) {
    const q = saved.find((s) => s.name === opts.saved);
    if (!q) {
      console.error(`lrew: ${t("unknownSavedQuery", ctx.lang)}: ${saved.map((s) => s.name).join(", ")}`);
      return 2;
    }
    sql = retargetSql(q.sql, analyticsDatabase(ctx.config.clickhouse.database));
    params = savedQueryParams(q, given);
  } else if (sqlArg) {
    sql = sqlArg;
    params = given;
  } else {
    console.error(`lrew: ${t("querySqlMissing", ctx.lang)}`);
    return 2;
  }
  if (opts.format === "parquet" && !opts.out && process.stdout.isTTY) {
    console.error(`lrew: ${t("parquetNeedsOut", ctx.lang)}`);
    return 2;
  }
  const wire: WireFormat = opts.format === "table" ? "json" : opts.format;
  const as = opts.as ? { name: opts.as, secret: readFileSync(0, "utf8").split("\n")[0]!.trim() } : undefined;
  const outcome = await runQuery(ctx, sql, params, wire, as);
  if (!outcome.ok) {
    console.error(`lrew: ${outcome.message}`);
    return 2;
  }
  const body =
    opts.format === "table" ? Buffer.from(renderTable(JSON.parse(outcome.body.toString("utf8")) as JsonResult, ctx.lang)) : outcome.body;
  if (opts.out) {
    writeFileSync(opts.out, body);
    console.error(`${t("written", ctx.lang)}: ${opts.out}`);
  } else {
    process.stdout.write(body);
  }
  return 0;
}

type Outcome = { ok: true; body: Buffer } | { ok: false; message: string };

/** Opens the warehouse itself, or asks the query API of the process that owns embedded ClickHouse. */
export async function runQuery(
  ctx: CliContext,
  sql: string,
  params: Record<string, string>,
  format: WireFormat,
  /** An account's name and secret: the query reads only what that account may see (enforced in ClickHouse). */
  as?: { name: string; secret: string },
): Promise<Outcome> {
  const ch = ctx.config.clickhouse;
  const route = chooseQueryRoute({
    serverUrl: ch.url,
    embeddedOwnerPid: ch.url ? undefined : otherOwnerOf(ch.embeddedPath),
    webHost: ctx.config.web.host,
    webPort: ctx.config.web.port,
  });
  if (route.kind === "api") return viaApi(ctx, route.url, sql, params, format, as);
  let scope: Scope = { kind: "all" };
  if (as) {
    const account = new AccountsFile(ctx.config.web.accountsFile).get(as.name);
    if (!account || !verifySecret(as.secret, account.secret)) return { ok: false, message: t("wrongAccount", ctx.lang) };
    scope = scopeOf(account);
  }
  const session = await AnalystSession.open(ch);
  try {
    return { ok: true, body: await session.query({ sql, params, format, scope }, ctx.config.analytics.limits) };
  } catch (err) {
    if (err instanceof AnalystQueryError) return { ok: false, message: refusalMessage(err.reason, err.detail, ctx.lang) };
    throw err;
  } finally {
    await session.close();
  }
}

async function viaApi(
  ctx: CliContext,
  url: string,
  sql: string,
  params: Record<string, string>,
  format: WireFormat,
  as?: { name: string; secret: string },
): Promise<Outcome> {
  const authorization = as
    ? `Basic ${Buffer.from(`${as.name}:${as.secret}`).toString("base64")}`
    : `Bearer ${ctx.config.analytics.cliToken ?? resolveAnalystTokens(ctx.config)[0]!.token}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { authorization, "content-type": "application/json", "accept-language": ctx.lang },
      body: JSON.stringify({ sql, params, format }),
    });
  } catch (err) {
    return { ok: false, message: `${t("queryApiUnreachable", ctx.lang)} ${url}: ${err instanceof Error ? err.message : String(err)}` };
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (res.ok) return { ok: true, body };
  let message = body.toString("utf8");
  try {
    message = (JSON.parse(message) as { message?: string }).message ?? message;
  } catch {
    // not JSON: show it as it came
  }
  return { ok: false, message: `${message} (HTTP ${res.status})` };
}
