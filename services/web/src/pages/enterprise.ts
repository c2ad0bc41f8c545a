// One enterprise: registry, score history with level bands, the factors behind the latest score,
// grievances (counts by month and category, small counts suppressed), wage arrears, insurance,
// incidents and alerts.
import { changesSince, contextOf, contextPhrase, featureLabel, formatFeatureValue, sentence, shownValue } from "@lrew/alerts";
import { DEFAULT_POLICY, isSignalFactor, signalReasons, type Contribution, type LevelThresholds } from "@lrew/risk";
import type { EnterprisePage, GrievanceCell } from "@lrew/warehouse";
import {
  formatDate,
  formatMonth,
  formatNumber,
  formatScore,
  formatVietnamDateTime,
  formatVnd,
  shownCount,
  shownRowTotal,
} from "../format.ts";
import { html, jsonData, type Html } from "../html.ts";
import {
  ALERT_KIND_NAMES,
  CATEGORY_NAMES,
  INCIDENT_KIND_NAMES,
  LEVEL_NAMES,
  OWNERSHIP_NAMES,
  RELIEF_NAMES,
  SECTOR_NAMES,
  WAGE_STATUS_NAMES,
  nameOf,
} from "../labels.ts";
import { t } from "../messages.ts";
import { layout, levelBadge, table, type PageContext } from "./layout.ts";

/** Pure: grievance cells → months × categories, with totals (counts as stored; suppression is at display). */
export function grievancePivot(cells: readonly GrievanceCell[]): {
  months: string[];
  categories: string[];
  count: (m: string, c?: string) => number;
} {
  const months = [...new Set(cells.map((c) => c.month))].sort();
  const categories = [...new Set(cells.map((c) => c.category))].sort();
  const map = new Map(cells.map((c) => [`${c.month}|${c.category}`, c.grievances]));
  const count = (m: string, c?: string) =>
    c === undefined ? cells.filter((x) => x.month === m).reduce((s, x) => s + x.grievances, 0) : (map.get(`${m}|${c}`) ?? 0);
  return { months, categories, count };
}

/** Pure: the contributions worth showing, largest effect first. */
export function topContributions(c: readonly Contribution[], max = 12): Contribution[] {
  return c
    .filter((x) => Math.abs(x.contribution) >= 0.005)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, max);
}

/**
 * Pure: the reasons the page states — the signal factors contributing at least `minSignal`, largest
 * first, each with its sentence — and what changed since the last alert's reasons. Structure is never
 * among them (it is the context phrase).
 */
export function statedReasons(
  contributions: readonly Contribution[],
  lastAlert: { reasons: ReadonlyArray<{ feature: string; value: number | null }> } | undefined,
  lang: "vi" | "en",
  minSignal = DEFAULT_POLICY.minSignalContribution,
): { reasons: string[]; changes: string[] } {
  const values = Object.fromEntries(contributions.map((x) => [x.feature, x.value]));
  const top = signalReasons(contributions, minSignal, 5);
  const reasons = top.map((r) => sentence(r.feature, r.value, lang, { values }));
  if (!lastAlert) return { reasons, changes: [] };
  const shown = top.map((r) => ({ feature: r.feature, value: shownValue(r.feature, r.value, { values }) }));
  const changes = changesSince(lastAlert, shown, values)
    .filter((c) => isSignalFactor(c.feature))
    .map((c) => {
      const label = lang === "vi" ? c.label_vi : c.label_en;
      const f = (v: number | null) => formatFeatureValue(c.feature, v, lang);
      if (c.kind === "new") return `${label}: ${f(c.after)} (${lang === "vi" ? "mới" : "new"})`;
      if (c.kind === "gone")
        return `${label}: ${f(c.before)} → ${f(c.after)} (${lang === "vi" ? "không còn là lý do chính" : "no longer a main reason"})`;
      return `${label}: ${f(c.before)} → ${f(c.after)}`;
    });
  return { reasons, changes };
}

/** `cases`: the case section and timeline (pages/cases.ts), shown under the registry. */
export function enterprisePageHtml(ctx: PageContext, p: EnterprisePage, thresholds: LevelThresholds, cases: Html | "" = ""): Html {
  const { lang } = ctx;
  const n = (x: number) => formatNumber(x, lang, 0);
  const e = p.info;
  const latest = p.latest;
  const registry = html`<dl class="facts">
  <div><dt>${t("taxCode", lang)}</dt><dd class="mono">${e.enterprise_id}</dd></div>
  <div><dt>${t("area", lang)}</dt><dd>${ctx.areaName(e.area_code)}</dd></div>
  <div><dt>${t("sector", lang)}</dt><dd>${nameOf(SECTOR_NAMES, e.sector, lang)}</dd></div>
  <div><dt>${t("ownership", lang)}</dt><dd>${nameOf(OWNERSHIP_NAMES, e.ownership, lang)}</dd></div>
  <div><dt>${t("workforce", lang)}</dt><dd>${n(e.workforce)}</dd></div>
  <div><dt>${t("union", lang)}</dt><dd>${e.has_union ? t("yes", lang) : t("no", lang)}</dd></div>
  <div><dt>${t("unionUnit", lang)}</dt><dd>${e.union_unit_id}</dd></div>
  <div><dt>${t("level", lang)}</dt><dd id="current-level">${latest ? levelBadge(latest.level, nameOf(LEVEL_NAMES, latest.level, lang)) : t("notScored", lang)}</dd></div>
  <div><dt>${t("score", lang)}</dt><dd>${latest && latest.level !== "closed" ? html`${formatScore(latest.score, lang)} (${formatDate(latest.as_of)})` : "—"}</dd></div>
</dl>`;

  const contributions = latest ? topContributions(latest.contributions) : [];
  const values = Object.fromEntries((latest?.contributions ?? []).map((x) => [x.feature, x.value]));
  const contributionRows = contributions.map(
    ({
      feature,
      value,
      contribution: c,
    }) => html`<tr><td>${featureLabel(feature)[lang]}</td><td>${isSignalFactor(feature) ? t("roleSignal", lang) : t("roleContext", lang)}</td>
<td class="num">${formatFeatureValue(feature, shownValue(feature, value, { values }), lang)}</td>
<td class="num ${c > 0 ? "up" : "down"}">${c > 0 ? "+" : ""}${formatNumber(c, lang, 2)}</td></tr>`,
  );
  // What the page states: signals as numbered reasons with what changed since the last alert; the
  // enterprise's structure (from the registry) and the season as a context phrase.
  const lastAlert = p.alerts.find((a) => a.kind !== "lowered");
  const stated = statedReasons(latest?.contributions ?? [], lastAlert, lang);
  const context = contextPhrase(
    contextOf(e.sector, { ...values, workforce: e.workforce, ownership_fdi: e.ownership === "fdi" ? 1 : 0 }),
    lang,
  );
  const closedOrSilent = latest?.level === "closed" || latest?.level === "silent";
  const reasonsSection = html`<section class="card" id="reasons"><h2>${t("reasonsTitle", lang)}</h2>
  <p id="context"><b>${t("contextTitle", lang)}:</b> ${context}</p>
  ${
    closedOrSilent
      ? html`<p id="state-note">${t(latest?.level === "closed" ? "closedNote" : "silentNote", lang)}</p>`
      : stated.reasons.length > 0
        ? html`<ol id="signal-reasons">${stated.reasons.map((r) => html`<li>${r}</li>`)}</ol>`
        : html`<p id="signal-reasons" class="muted">${t("noSignals", lang)}</p>`
  }
  ${
    lastAlert && !closedOrSilent
      ? html`<h3>${t("changesSinceAlert", lang, { date: formatDate(lastAlert.as_of) })}</h3>${
          stated.changes.length > 0
            ? html`<ul>${stated.changes.map((c) => html`<li>${c}</li>`)}</ul>`
            : html`<p class="muted">${t("noChanges", lang)}</p>`
        }`
      : ""
  }
</section>`;

  const g = grievancePivot(p.grievances);
  const grievanceRows = g.months.map(
    (m) => html`<tr><td>${formatMonth(m)}</td>${g.categories.map((c) => html`<td class="num">${shownCount(g.count(m, c), lang)}</td>`)}
<td class="num"><b>${shownRowTotal(
      g.categories.map((c) => g.count(m, c)),
      lang,
    )}</b></td></tr>`,
  );

  const wageRows = p.wageArrears.map(
    (
      w,
    ) => html`<tr><td>${formatMonth(w.period)}</td><td class="num">${formatVnd(w.amount_owed_vnd, lang)}</td><td class="num">${n(w.workers_affected)}</td>
<td>${nameOf(WAGE_STATUS_NAMES, w.status, lang)}</td><td>${formatVietnamDateTime(w.last_reported_at)}</td></tr>`,
  );
  const insuranceRows = p.insurance.map(
    (
      i,
    ) => html`<tr><td>${formatMonth(i.period)}</td><td class="num">${formatVnd(i.amount_due_vnd, lang)}</td><td class="num">${formatVnd(i.amount_paid_vnd, lang)}</td>
<td class="num ${i.amount_due_vnd > i.amount_paid_vnd ? "up" : ""}">${formatVnd(Math.max(0, i.amount_due_vnd - i.amount_paid_vnd), lang)}</td><td class="num">${n(i.insured_workers)}</td></tr>`,
  );
  const feeRows = p.unionFees.map(
    (
      f,
    ) => html`<tr><td>${formatMonth(f.period)}</td><td class="num">${formatVnd(f.payroll_base_vnd, lang)}</td><td class="num">${formatVnd(f.amount_due_vnd, lang)}</td>
<td class="num">${formatVnd(f.amount_paid_vnd, lang)}</td><td class="num ${f.in_arrears ? "up" : ""}">${formatVnd(f.outstanding_vnd, lang)}</td>
<td>${f.relief_kind === "" ? "" : nameOf(RELIEF_NAMES, f.relief_kind, lang)}${f.deferred ? ` (${t("notYetOwed", lang)})` : ""}</td></tr>`,
  );
  const incidentRows = p.incidents.map(
    (i) => html`<tr><td>${formatVietnamDateTime(i.started_at)}</td><td>${i.ended_at ? formatVietnamDateTime(i.ended_at) : "—"}</td>
<td>${nameOf(INCIDENT_KIND_NAMES, i.kind, lang)}</td><td>${i.lawful ? t("yes", lang) : t("no", lang)}</td><td class="num">${n(i.workers_involved)}</td>
<td>${i.causes.map((c) => nameOf(CATEGORY_NAMES, c, lang)).join(", ")}</td></tr>`,
  );
  const alertRows = p.alerts.map(
    (a) => html`<tr data-alert="${a.alert_id}"><td>${formatDate(a.as_of)}</td><td>${nameOf(ALERT_KIND_NAMES, a.kind, lang)}</td>
<td>${levelBadge(a.level, nameOf(LEVEL_NAMES, a.level, lang))}</td><td class="num">${formatScore(a.score, lang)}</td>
<td class="num">${n(a.sent)} / ${n(a.recipients)}</td><td>${formatVietnamDateTime(a.produced_at)}</td></tr>`,
  );

  const data = {
    history: p.history.map((h) => ({ date: formatDate(h.day), score: h.score, level: nameOf(LEVEL_NAMES, h.level, lang) })),
    bands: (["watch", "high", "critical"] as const).map((l) => ({
      level: l,
      name: nameOf(LEVEL_NAMES, l, lang),
      from: thresholds[l].enter,
    })),
    contributions: contributions
      .slice()
      .reverse()
      .map((x) => ({ name: featureLabel(x.feature)[lang], value: Number(x.contribution.toFixed(3)) })),
    locale: lang === "vi" ? "vi-VN" : "en-GB",
    scoreName: t("score", lang),
  };

  const body = html`
<section class="card">${registry}</section>
${reasonsSection}
${cases}
<div class="grid2">
  <section class="card"><h2>${t("scoreHistory", lang)}</h2><p class="muted">${t("scoreHistoryHelp", lang)}</p><div class="chart" id="chart-history"></div></section>
  <section class="card"><h2>${t("why", lang)}</h2><p class="muted">${t("whyHelp", lang)}</p><div class="chart" id="chart-contributions"></div>
    ${table([t("factor", lang), t("role", lang), { num: t("value", lang) }, { num: t("contribution", lang) }], contributionRows, t("notScored", lang), "compact")}</section>
</div>
<section class="card" id="grievances"><h2>${t("grievances", lang)}</h2><p class="muted">${t("grievancesHelp", lang)}</p>
  ${table([t("month", lang), ...g.categories.map((c) => ({ num: nameOf(CATEGORY_NAMES, c, lang) })), { num: t("total", lang) }], grievanceRows, t("nothing", lang), "compact")}</section>
<div class="grid2">
  <section class="card" id="wage-arrears"><h2>${t("wageArrears", lang)}</h2>
    ${table([t("period", lang), { num: t("amountOwed", lang) }, { num: t("workersAffected", lang) }, t("status", lang), t("reportedAt", lang)], wageRows, t("nothing", lang), "compact")}</section>
  <section class="card" id="insurance"><h2>${t("insurance", lang)}</h2>
    ${table([t("period", lang), { num: t("due", lang) }, { num: t("paid", lang) }, { num: t("shortfall", lang) }, { num: t("insuredWorkers", lang) }], insuranceRows, t("nothing", lang), "compact")}</section>
</div>
<section class="card" id="union-fees"><h2>${t("unionFees", lang)}</h2><p class="muted">${t("unionFeesHelp", lang)}</p>
  ${table([t("period", lang), { num: t("payrollBase", lang) }, { num: t("due", lang) }, { num: t("paid", lang) }, { num: t("outstanding", lang) }, t("relief", lang)], feeRows, t("nothing", lang), "compact")}</section>
<div class="grid2">
  <section class="card" id="incidents"><h2>${t("incidents", lang)}</h2>
    ${table([t("started", lang), t("ended", lang), t("kind", lang), t("lawful", lang), { num: t("workers", lang) }, t("causes", lang)], incidentRows, t("nothing", lang), "compact")}</section>
  <section class="card" id="alerts"><h2>${t("alerts", lang)}</h2>
    ${table([t("asOf", lang), t("kind", lang), t("level", lang), { num: t("score", lang) }, { num: t("sentTo", lang) }, t("date", lang)], alertRows, t("nothing", lang), "compact")}</section>
</div>
<p class="muted">${t("score_pct_help", lang, { days: ctx.scoreHorizonDays })} ${t("timesVietnam", lang)}</p>
${jsonData("page-data", data)}`;
  return layout(ctx, { title: e.name, nav: "enterprise", body, scripts: ["charts.js", "enterprise.js"] });
}
