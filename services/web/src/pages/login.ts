import { html } from "../html.ts";
import { t } from "../messages.ts";
import { layout, type PageContext } from "./layout.ts";

export function loginPage(ctx: PageContext, o: { next: string; failed: boolean; limitedS?: number; name?: string }) {
  const { lang } = ctx;
  return layout(ctx, {
    title: t("loginTitle", lang),
    nav: "login",
    body: html`<form method="post" action="/login" class="login card">
  <p>${t("loginHelp", lang)}</p>
  ${o.failed ? html`<p class="error" role="alert">${t("loginFailed", lang)}</p>` : ""}
  ${o.limitedS ? html`<p class="error" role="alert" id="login-limited">${t("loginLimited", lang).replace("{s}", String(o.limitedS))}</p>` : ""}
  <label>${t("accountName", lang)} <input type="text" name="name" id="name" autocomplete="username" value="${o.name ?? ""}" required autofocus></label>
  <label>${t("token", lang)} <input type="password" name="secret" id="secret" autocomplete="current-password" required></label>
  <input type="hidden" name="next" value="${o.next}">
  <button type="submit">${t("loginButton", lang)}</button>
</form>`,
  });
}
