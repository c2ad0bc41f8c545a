// One enterprise: registry, score history with level bands, the factors behind the latest score,
// grievances (counts by month and category, small counts suppressed), wage arrears, insurance,
// incidents and alerts.
import { featureLabel, formatFeatureValue, shownValue } from "@lrew/alerts";
import type { Contribution, LevelThresholds } from "@lrew/risk";
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
  <div><dt>${t("score", lang)}</dt><dd>${latest ? html`${formatScore(latest.score, lang)} (${formatDate(latest.as_of)})` : "—"}</dd></div>
</dl>`;

  const contributions = latest ? topContributions(latest.contributions) : [];
  const values = Object.fromEntries((latest?.contributions ?? []).map((x) => [x.feature, x.value]));
  const contributionRows = contributions.map(
    ({
      feature,
      value,
      contribution: c,
    }) => html`<tr><td>${featureLabel(feature)[lang]}</td><td class="num">${formatFeatureValue(feature, shownValue(feature, value, { values }), lang)}</td>
<td class="num ${c > 0 ? "up" : "down"}">${c > 0 ? "+" : ""}${formatNumber(c, lang, 2)}</td></tr>`,
  );

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
${cases}
<div class="grid2">
  <section class="card"><h2>${t("scoreHistory", lang)}</h2><p class="muted">${t("scoreHistoryHelp", lang)}</p><div class="chart" id="chart-history"></div></section>
  <section class="card"><h2>${t("why", lang)}</h2><p class="muted">${t("whyHelp", lang)}</p><div class="chart" id="chart-contributions"></div>
    ${table([t("factor", lang), { num: t("value", lang) }, { num: t("contribution", lang) }], contributionRows, t("notScored", lang), "compact")}</section>
</div>
<section class="card" id="grievances"><h2>${t("grievances", lang)}</h2><p class="muted">${t("grievancesHelp", lang)}</p>
  ${table([t("month", lang), ...g.categories.map((c) => ({ num: nameOf(CATEGORY_NAMES, c, lang) })), { num: t("total", lang) }], grievanceRows, t("nothing", lang), "compact")}</section>
<div class="grid2">
  <section class="card" id="wage-arrears"><h2>${t("wageArrears", lang)}</h2>
    ${table([t("period", lang), { num: t("amountOwed", lang) }, { num: t("workersAffected", lang) }, t("status", lang), t("reportedAt", lang)], wageRows, t("nothing", lang), "compact")}</section>
  <section class="card" id="insurance"><h2>${t("insurance", lang)}</h2>
    ${table([t("period", lang), { num: t("due", lang) }, { num: t("paid", lang) }, { num: t("shortfall", lang) }, { num: t("insuredWorkers", lang) }], insuranceRows, t("nothing", lang), "compact")}</section>
</div>
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
