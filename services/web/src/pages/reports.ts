// The periodic report on the dashboard: a form (month, half-year, year, or a range) and the download
// of the same XLSX workbook and printable page as `./lrew report`, built from what the account may see.
import { html } from "../html.ts";
import { t } from "../messages.ts";
import { layout, type PageContext } from "./layout.ts";

export function reportsPage(ctx: PageContext, o: { lastMonth: string; error?: string }) {
  const { lang } = ctx;
  const body = html`
<section class="card" id="report-form"><h2>${t("reportsTitle", lang)}</h2><p class="muted">${t("reportsHelp", lang)}</p>
${o.error ? html`<p class="error" role="alert">${o.error}</p>` : ""}
<form method="get" action="/reports/download">
  <label>${t("reportsPeriod", lang)} <input name="period" value="${o.lastMonth}" placeholder="2026-11, 2026-H2, 2026" required></label>
  <label>${t("reportsFormat", lang)} <select name="format"><option value="xlsx">XLSX</option><option value="html">HTML (A4)</option></select></label>
  <label>${t("reportsLang", lang)} <select name="lang"><option value="vi">Tiếng Việt</option><option value="en">English</option></select></label>
  <button type="submit">${t("reportsDownload", lang)}</button>
</form></section>`;
  return layout(ctx, { title: t("reportsTitle", lang), nav: "reports", body });
}
