// The risk list: filters (GET form, so every view is a link), sortable headers, pages, CSV export.
import { OWNERSHIPS, SECTORS, type Lang } from "@lrew/contracts";
import { POLICY_STATES } from "@lrew/risk";
import { riskQueryString, sortLink, type PageInfo, type RiskFilters } from "../filters.ts";
import { formatDate, formatNumber, formatScore } from "../format.ts";
import { html, type Html } from "../html.ts";
import { LEVEL_NAMES, OWNERSHIP_NAMES, SECTOR_NAMES, nameOf } from "../labels.ts";
import { t } from "../messages.ts";
import type { RiskRow, SortKey } from "@lrew/warehouse";
import { layout, levelBadge, type PageContext } from "./layout.ts";

function select(name: string, label: string, options: Array<[string, string]>, chosen: readonly string[], allLabel: string): Html {
  return html`<label>${label}<select name="${name}" id="filter-${name}"><option value="">${allLabel}</option>${options.map(
    ([v, l]) => html`<option value="${v}"${chosen.includes(v) ? html` selected` : ""}>${l}</option>`,
  )}</select></label>`;
}

export function riskListPage(
  ctx: PageContext,
  o: { filters: RiskFilters; rows: RiskRow[]; total: number; page: PageInfo; areas: string[] },
): Html {
  const { lang } = ctx;
  const f = o.filters;
  const n = (x: number) => formatNumber(x, lang, 0);
  const head = (key: SortKey | undefined, label: string, cls = "") => {
    if (!key) return html`<th class="${cls}">${label}</th>`;
    const current = f.sort === key;
    const aria = current ? (f.dir === "asc" ? "ascending" : "descending") : "none";
    return html`<th class="${cls}" aria-sort="${aria}"><a href="/risk?${riskQueryString(f, sortLink(f, key))}" data-sort="${key}">${label}${current ? (f.dir === "asc" ? " ▲" : " ▼") : ""}</a></th>`;
  };
  const rows = o.rows.map(
    (r) => html`<tr data-enterprise="${r.enterprise_id}">
<td>${levelBadge(r.level, nameOf(LEVEL_NAMES, r.level, lang))}</td>
<td class="num">${r.level && r.level !== "closed" ? formatScore(r.score, lang) : "—"}</td>
<td><a href="/enterprises/${encodeURIComponent(r.enterprise_id)}">${r.name}</a></td>
<td class="mono">${r.enterprise_id}</td>
<td>${ctx.areaName(r.area_code)}</td>
<td>${nameOf(SECTOR_NAMES, r.sector, lang)}</td>
<td>${nameOf(OWNERSHIP_NAMES, r.ownership, lang)}</td>
<td class="num">${n(r.workforce)}</td>
<td>${r.has_union ? t("yes", lang) : t("no", lang)}</td>
<td>${r.as_of ? formatDate(r.as_of) : ""}</td></tr>`,
  );
  const qs = riskQueryString(f, { page: 1 });
  const pager = html`<nav class="pager">
  <span id="row-range">${t("rowsOf", lang, { from: n(o.page.from), to: n(o.page.to), total: n(o.total) })}</span>
  ${o.page.page > 1 ? html`<a rel="prev" href="/risk?${riskQueryString(f, { page: o.page.page - 1 })}">${t("previous", lang)}</a>` : ""}
  <span>${t("pageOf", lang, { page: n(o.page.page), pages: n(o.page.pages) })}</span>
  ${o.page.page < o.page.pages ? html`<a rel="next" href="/risk?${riskQueryString(f, { page: o.page.page + 1 })}">${t("next", lang)}</a>` : ""}
</nav>`;
  const body = html`
<form method="get" action="/risk" class="filters card" id="filters">
  <label class="grow">${t("search", lang)}<input type="search" name="q" id="filter-q" value="${f.q}"></label>
  ${select(
    "area",
    t("area", lang),
    o.areas.map((a) => [a, ctx.areaName(a)]),
    f.areas,
    t("all", lang),
  )}
  ${select(
    "sector",
    t("sector", lang),
    SECTORS.map((s) => [s, nameOf(SECTOR_NAMES, s, lang)]),
    f.sectors,
    t("all", lang),
  )}
  ${select(
    "ownership",
    t("ownership", lang),
    OWNERSHIPS.map((s) => [s, nameOf(OWNERSHIP_NAMES, s, lang)]),
    f.ownerships,
    t("all", lang),
  )}
  ${select(
    "union",
    t("union", lang),
    [
      ["yes", t("yes", lang)],
      ["no", t("no", lang)],
    ],
    f.union === undefined ? [] : [f.union ? "yes" : "no"],
    t("all", lang),
  )}
  ${select(
    "level",
    t("level", lang),
    POLICY_STATES.map((l) => [l, nameOf(LEVEL_NAMES, l, lang)]),
    f.levels,
    t("all", lang),
  )}
  <input type="hidden" name="sort" value="${f.sort}"><input type="hidden" name="dir" value="${f.dir}">
  <button type="submit" id="filter-submit">${t("filter", lang)}</button>
  <a href="/risk">${t("reset", lang)}</a>
  <a class="button" id="export-csv" href="/risk.csv?${qs}" download>${t("exportCsv", lang)}</a>
</form>
${pager}
${
  rows.length === 0
    ? html`<p class="muted" id="no-match">${t("noMatch", lang)}</p>`
    : html`<table class="risk" id="risk-table"><thead><tr>
  ${head("level", t("level", lang))}${head("score", t("score", lang), "num")}${head("name", t("name", lang))}${head("enterprise_id", t("taxCode", lang))}
  ${head("area", t("area", lang))}${head("sector", t("sector", lang))}${head("ownership", t("ownership", lang))}${head("workforce", t("workforce", lang), "num")}
  ${head(undefined, t("union", lang))}${head("as_of", t("asOf", lang))}
</tr></thead><tbody>${rows}</tbody></table>`
}
${pager}
<p class="muted">${t("score_pct_help", lang, { days: ctx.scoreHorizonDays })}</p>`;
  return layout(ctx, { title: t("navRisk", lang), nav: "risk", body, scripts: [] });
}

/** The CSV header row. */
export function riskCsvHeader(lang: Lang): string[] {
  return [
    t("taxCode", lang),
    t("name", lang),
    t("area", lang),
    t("sector", lang),
    t("ownership", lang),
    t("workforce", lang),
    t("union", lang),
    t("level", lang),
    t("score", lang),
    t("asOf", lang),
  ];
}

/** One CSV row: codes named in the chosen language, the score as a probability with four decimals. */
export function riskCsvRow(r: RiskRow, lang: Lang, areaName: (c: string) => string): Array<string | number> {
  return [
    r.enterprise_id,
    r.name,
    areaName(r.area_code),
    nameOf(SECTOR_NAMES, r.sector, lang),
    nameOf(OWNERSHIP_NAMES, r.ownership, lang),
    r.workforce,
    r.has_union ? t("yes", lang) : t("no", lang),
    nameOf(LEVEL_NAMES, r.level, lang),
    r.level && r.level !== "closed" ? r.score.toFixed(4) : "",
    r.as_of ? formatDate(r.as_of) : "",
  ];
}
