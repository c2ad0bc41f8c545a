import { html } from "../html.ts";
import { t } from "../messages.ts";
import { layout, type PageContext } from "./layout.ts";

export function loginPage(ctx: PageContext, o: { next: string; failed: boolean }) {
  const { lang } = ctx;
  return layout(ctx, {
    title: t("loginTitle", lang),
    nav: "login",
    body: html`<form method="post" action="/login" class="login card">
  <p>${t("loginHelp", lang)}</p>
  ${o.failed ? html`<p class="error" role="alert">${t("loginFailed", lang)}</p>` : ""}
  <label>${t("token", lang)} <input type="password" name="token" id="token" autocomplete="current-password" required autofocus></label>
  <input type="hidden" name="next" value="${o.next}">
  <button type="submit">${t("loginButton", lang)}</button>
</form>`,
  });
}
