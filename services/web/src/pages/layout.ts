// The frame of every page: navigation, the language switch, the staff member, styles and scripts.
import type { Lang } from "@lrew/contracts";
import { html, type Html } from "../html.ts";
import { t } from "../messages.ts";

export interface PageContext {
  lang: Lang;
  /** Path and query of this page, to come back to after switching language. */
  path: string;
  /** Display name of who is logged in. */
  user: string | undefined;
  /** The federation's staff see the audit log. */
  federation?: boolean;
  /** Display name of an area code (reference data), or the code. */
  areaName: (code: string) => string;
  /** The days a score's probability is about (the model's training label). */
  scoreHorizonDays: number;
}

export type NavItem = "overview" | "risk" | "health" | "enterprise" | "login" | "audit" | "reports";

export function layout(ctx: PageContext, o: { title: string; nav: NavItem; body: Html; scripts?: string[] }): Html {
  const { lang } = ctx;
  const other = lang === "vi" ? "en" : "vi";
  const link = (href: string, item: NavItem, label: string) =>
    html`<a href="${href}"${o.nav === item ? html` aria-current="page"` : ""}>${label}</a>`;
  const langHref = `/lang?to=${other}&next=${encodeURIComponent(ctx.path)}`;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · lrew</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body data-lang="${lang}">
<header class="top">
  <a class="brand" href="/">lrew <span>${t("title", lang)}</span></a>
  <nav>${
    ctx.user
      ? [
          link("/", "overview", t("navOverview", lang)),
          link("/risk", "risk", t("navRisk", lang)),
          link("/reports", "reports", t("navReports", lang)),
          link("/health", "health", t("navHealth", lang)),
          ...(ctx.federation ? [link("/audit", "audit", t("navAudit", lang))] : []),
        ]
      : ""
  }</nav>
  <div class="tools">
    <a class="lang-switch" id="lang-switch" href="${langHref}" hreflang="${other}" lang="${other}">${t("switchLang", lang)}</a>
    ${ctx.user ? html`<form method="post" action="/logout" class="inline"><button type="submit" class="link">${t("logout", lang)} (${ctx.user})</button></form>` : ""}
  </div>
</header>
<main>
<h1>${o.title}</h1>
${o.body}
</main>
${(o.scripts ?? []).length ? html`<script src="/static/echarts.min.js"></script>` : ""}
${(o.scripts ?? []).map((s) => html`<script src="/static/${s}"></script>`)}
</body>
</html>`;
}

/** A table head cell: text, or `{ num }` for a right-aligned numeric column. */
export type Head = string | { num: string };

export function table(head: Head[], body: Html[], empty: string, cls = ""): Html {
  if (body.length === 0) return html`<p class="muted">${empty}</p>`;
  const th = (h: Head) => (typeof h === "string" ? html`<th>${h}</th>` : html`<th class="num">${h.num}</th>`);
  return html`<table class="${cls}"><thead><tr>${head.map(th)}</tr></thead><tbody>${body}</tbody></table>`;
}

export function levelBadge(level: string, name: string): Html {
  return html`<span class="level level-${level || "none"}">${name}</span>`;
}
