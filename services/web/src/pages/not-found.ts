import { html } from "../html.ts";
import { t } from "../messages.ts";
import { layout, type PageContext } from "./layout.ts";

export function notFoundPage(ctx: PageContext, id: string) {
  return layout(ctx, {
    title: t("enterprise", ctx.lang),
    nav: "enterprise",
    body: html`<p class="error" id="not-found">${t("notFound", ctx.lang)} <span class="mono">${id}</span></p><p><a href="/risk">${t("navRisk", ctx.lang)}</a></p>`,
  });
}
