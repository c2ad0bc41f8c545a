// The overview: levels, areas and their follow-up load, trend, incidents, alerts, arrears by area and the
// union-coverage gap.
import { LEVELS, POLICY_STATES } from "@lrew/risk";
import { formatPercent } from "@lrew/alerts";
import { areaRiskClass, formatDate, formatNumber, formatScore, formatVietnamDateTime, formatVnd } from "../format.ts";
import { html, type Html, jsonData } from "../html.ts";
import { INCIDENT_KIND_NAMES, LEVEL_NAMES, nameOf } from "../labels.ts";
import { t } from "../messages.ts";
import type { Overview } from "@lrew/warehouse";
import { layout, levelBadge, table, type PageContext } from "./layout.ts";

/** Pure: each capacity group's open (high + critical) enterprises against its follow-up capacity, fullest first. */
export function groupLoad(
  loads: Overview["loads"],
  capacityOf: (group: string) => number,
): Array<{ group: string; open: number; capacity: number }> {
  return loads
    .map((a) => ({ group: a.group_key, open: a.open, capacity: capacityOf(a.group_key) }))
    .sort((a, b) => b.open / b.capacity - a.open / a.capacity || a.group.localeCompare(b.group));
}

/**
 * `capacityOf`: a capacity group's follow-up capacity; `unitName`: a union unit's name (a group is the
 * unit responsible for its enterprises, or an area where no unit is known). `cases`: the federation's
 * cases by area (pages/cases.ts), shown under the follow-up load.
 */
export function overviewPage(
  ctx: PageContext,
  o: Overview,
  capacityOf: (group: string) => number,
  unitName: (id: string) => string,
  cases: Html | "" = "",
) {
  const { lang } = ctx;
  const n = (x: number) => formatNumber(x, lang, 0);
  const count = (level: string) => o.levels.find((l) => l.level === level)?.enterprises ?? 0;
  const isArea = new Set(o.areas.map((a) => a.area_code));
  const loadRows = groupLoad(o.loads, capacityOf).map(
    (a) => html`<tr data-load-group="${a.group}"><td>${
      isArea.has(a.group)
        ? html`<a href="/risk?area=${encodeURIComponent(a.group)}&level=high&level=critical">${ctx.areaName(a.group)}</a>`
        : unitName(a.group)
    }</td>
<td class="num${a.open > a.capacity ? " over-capacity" : ""}" data-open="${a.open}">${n(a.open)}</td><td class="num" data-capacity="${a.capacity}">${n(a.capacity)}</td>
<td class="num">${formatPercent(a.capacity ? a.open / a.capacity : 0, lang)}</td></tr>`,
  );
  const levelTiles = POLICY_STATES.map(
    (l) =>
      html`<a class="stat stat-${l}" href="/risk?level=${l}"><span class="stat-value" data-level="${l}">${n(count(l))}</span><span>${nameOf(LEVEL_NAMES, l, lang)}</span></a>`,
  );
  const areaTiles = o.areas.map((a) => {
    const flagged = a.high + a.critical;
    return html`<a class="tile ${areaRiskClass(flagged, a.enterprises)}" href="/risk?area=${encodeURIComponent(a.area_code)}" data-area="${a.area_code}">
  <strong>${ctx.areaName(a.area_code)}</strong>
  <span>${n(a.critical)} ${nameOf(LEVEL_NAMES, "critical", lang).toLowerCase()} · ${n(a.high)} ${nameOf(LEVEL_NAMES, "high", lang).toLowerCase()}</span>
  <span class="muted">${n(a.enterprises)} ${t("enterprises", lang).toLowerCase()}</span>
</a>`;
  });
  const incidents = o.incidents.map(
    (
      i,
    ) => html`<tr><td>${formatVietnamDateTime(i.started_at)}</td><td><a href="/enterprises/${encodeURIComponent(i.enterprise_id)}">${i.name || i.enterprise_id}</a></td>
<td>${ctx.areaName(i.area_code)}</td><td>${nameOf(INCIDENT_KIND_NAMES, i.kind, lang)}</td><td class="num">${n(i.workers_involved)}</td></tr>`,
  );
  const alerts = o.recentAlerts.map(
    (
      a,
    ) => html`<tr><td>${formatDate(a.as_of)}</td><td><a href="/enterprises/${encodeURIComponent(a.enterprise_id)}">${a.name || a.enterprise_id}</a></td>
<td>${levelBadge(a.level, nameOf(LEVEL_NAMES, a.level, lang))}</td><td class="num">${formatScore(a.score, lang)}</td><td class="num">${n(a.sent)}</td></tr>`,
  );
  const coverage = LEVELS.slice()
    .reverse()
    .map((l) => o.coverage.find((c) => c.level === l) ?? { level: l, enterprises: 0, without_union: 0, workers_without_union: 0 })
    .map(
      (c) => html`<tr><td>${levelBadge(c.level, nameOf(LEVEL_NAMES, c.level, lang))}</td><td class="num">${n(c.enterprises)}</td>
<td class="num"><a href="/risk?level=${c.level}&union=no">${n(c.without_union)}</a></td>
<td class="num">${formatPercent(c.enterprises ? c.without_union / c.enterprises : 0, lang)}</td><td class="num">${n(c.workers_without_union)}</td></tr>`,
    );
  const arrears = o.arrears.map(
    (
      a,
    ) => html`<tr data-arrears-area="${a.area_code}"><td><a href="/risk?area=${encodeURIComponent(a.area_code)}">${ctx.areaName(a.area_code)}</a></td>
<td class="num">${n(a.insurance_enterprises)}</td><td class="num">${formatVnd(a.insurance_vnd, lang)}</td>
<td class="num">${n(a.union_fee_enterprises)}</td><td class="num">${formatVnd(a.union_fee_vnd, lang)}</td></tr>`,
  );
  const chartData = {
    levels: LEVELS.map((l) => ({ level: l, name: nameOf(LEVEL_NAMES, l, lang), value: count(l) })),
    trend: {
      dates: o.trend.map((p) => formatDate(p.day)),
      high: o.trend.map((p) => p.high),
      critical: o.trend.map((p) => p.critical),
      highName: nameOf(LEVEL_NAMES, "high", lang),
      criticalName: nameOf(LEVEL_NAMES, "critical", lang),
    },
  };
  const body = html`
<section class="stats">${levelTiles}</section>
<div class="grid2">
  <section class="card"><h2>${t("byLevel", lang)}</h2><div class="chart" id="chart-levels"></div></section>
  <section class="card"><h2>${t("trend", lang)}</h2><div class="chart" id="chart-trend"></div></section>
</div>
<section class="card"><h2>${t("areas", lang)}</h2><p class="muted">${t("areasHelp", lang)}</p><div class="tiles">${areaTiles}</div></section>
<section class="card" id="follow-up-load"><h2>${t("loadTitle", lang)}</h2><p class="muted">${t("loadHelp", lang)}</p>
  ${table([t("area", lang), { num: t("loadOpen", lang) }, { num: t("loadCapacity", lang) }, { num: t("share", lang) }], loadRows, t("nothing", lang), "compact")}
</section>
${cases}
<div class="grid2">
  <section class="card"><h2>${t("alertsSent", lang)}</h2>
    <p class="figures"><span><b>${n(o.alerts.alerts_30d)}</b> ${t("alerts30d", lang)}</span> <span><b>${n(o.alerts.critical_30d)}</b> ${t("critical30d", lang)}</span>
    <span><b>${n(o.alerts.sent)}</b> ${t("emailsSent", lang)}</span> <span><b>${n(o.alerts.waiting)}</b> ${t("emailsWaiting", lang)}</span>
    <span><b>${n(o.alerts.problems)}</b> ${t("emailsProblems", lang)}</span></p>
    ${table([t("asOf", lang), t("enterprise", lang), t("level", lang), { num: t("score", lang) }, { num: t("sentTo", lang) }], alerts, t("nothing", lang), "compact")}
  </section>
  <section class="card"><h2>${t("recentIncidents", lang)}</h2>
    ${table([t("started", lang), t("enterprise", lang), t("area", lang), t("kind", lang), { num: t("workers", lang) }], incidents, t("nothing", lang), "compact")}
  </section>
</div>
<section class="card" id="arrears"><h2>${t("arrearsByArea", lang)}</h2><p class="muted">${t("arrearsByAreaHelp", lang)}</p>
  ${table([t("area", lang), { num: t("insuranceDebtors", lang) }, { num: t("insuranceOwed", lang) }, { num: t("unionFeeDebtors", lang) }, { num: t("unionFeeOwed", lang) }], arrears, t("nothing", lang), "compact")}
</section>
<section class="card"><h2>${t("coverage", lang)}</h2><p class="muted">${t("coverageHelp", lang)}</p>
  ${table([t("level", lang), { num: t("enterprises", lang) }, { num: t("withoutUnion", lang) }, { num: t("share", lang) }, { num: t("workersWithoutUnion", lang) }], coverage, t("nothing", lang), "compact")}
</section>
${jsonData("page-data", chartData)}`;
  return layout(ctx, { title: t("navOverview", lang), nav: "overview", body, scripts: ["charts.js", "overview.js"] });
}
