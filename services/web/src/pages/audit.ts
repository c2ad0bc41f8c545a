// The audit log, for the federation's staff: newest first, 100 a page, filter by account or action.
import type { AuditRow } from "@lrew/warehouse";
import { html } from "../html.ts";
import { t } from "../messages.ts";
import { layout, table, type PageContext } from "./layout.ts";

export function auditPage(
  ctx: PageContext,
  d: { rows: AuditRow[]; total: number; page: number; size: number; actor: string; action: string },
) {
  const { lang } = ctx;
  const rows = d.rows.map(
    (r) =>
      html`<tr><td class="mono">${r.at.slice(0, 19)}</td><td>${r.actor}</td><td>${r.role}</td><td>${r.action}</td><td class="mono">${
        r.enterprise_id ? html`<a href="/enterprises/${encodeURIComponent(r.enterprise_id)}">${r.enterprise_id}</a>` : ""
      }</td><td class="mono">${r.detail.slice(0, 300)}</td><td>${r.outcome}</td><td class="mono">${r.address}</td></tr>`,
  );
  const q = (page: number) => `/audit?${new URLSearchParams({ actor: d.actor, action: d.action, page: String(page) }).toString()}`;
  const pages = Math.max(1, Math.ceil(d.total / d.size));
  return layout(ctx, {
    title: t("navAudit", lang),
    nav: "audit",
    body: html`<p>${t("auditHelp", lang)}</p>
<form method="get" action="/audit" class="filters">
  <label>${t("auditActor", lang)} <input type="text" name="actor" value="${d.actor}"></label>
  <label>${t("auditAction", lang)} <input type="text" name="action" value="${d.action}"></label>
  <button type="submit">${t("auditFilter", lang)}</button>
</form>
<p id="audit-total">${String(d.total)}</p>
${table(
  [
    t("auditAt", lang),
    t("auditActor", lang),
    t("auditRole", lang),
    t("auditAction", lang),
    t("auditEnterprise", lang),
    t("auditDetail", lang),
    t("auditOutcome", lang),
    t("auditAddress", lang),
  ],
  rows,
  t("nothing", lang),
  "compact",
)}
<p>${d.page > 1 ? html`<a href="${q(d.page - 1)}">←</a>` : ""} ${String(d.page)} / ${String(pages)} ${d.page < pages ? html`<a href="${q(d.page + 1)}">→</a>` : ""}</p>`,
  });
}
