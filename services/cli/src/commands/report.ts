// `./lrew report --period 2026-11 | 2026-H2 | 2026 | --from … --to … | --incident <incident_id>`: the
// periodic labour-relations report as an XLSX workbook and a printable HTML page, written under
// $LREW_HOME/reports/ (or --out). Figures are read from ClickHouse as they are when it runs.
// `--unit` makes one office's report: the scope that office's dashboard account has (the units and
// the units below them, today), applied in ClickHouse by the same code as the dashboard's download.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { vietnamDate, type Lang } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import { areasFileBeside, loadResponsibilityOrUnits, readAreaNames } from "@lrew/reference/files";
import { parsePeriod, rangePeriod, reportHtml, reportWorkbook, type Report, type ReportPeriod } from "@lrew/report";
import { readIncidentReport, readReport, type ReportCoverage } from "@lrew/report/read";
import { loadResponsibilityTables, migrate, openWarehouse } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

export interface ReportOptions {
  period?: string;
  from?: string;
  to?: string;
  incident?: string;
  unit?: string;
  out?: string;
  lang?: string;
}

/** Which report the options ask for; refuses a mix or none, naming the options. Pure. */
export function reportRequest(opts: ReportOptions): { period: ReportPeriod } | { incident: string } {
  const given = [opts.period !== undefined, opts.from !== undefined || opts.to !== undefined, opts.incident !== undefined].filter(
    Boolean,
  ).length;
  if (given !== 1) {
    throw new BadInputError("cần đúng một trong / give exactly one of: --period, --from với --to, --incident");
  }
  if (opts.incident !== undefined) return { incident: opts.incident };
  if (opts.period !== undefined) return { period: parsePeriod(opts.period) };
  if (opts.from === undefined || opts.to === undefined)
    throw new BadInputError("--from và --to đi cùng nhau / --from and --to go together");
  return { period: rangePeriod(opts.from, opts.to) };
}

/** The report's language: Vietnamese, the language it is sent upward in, unless --lang en. */
export function reportLang(opts: ReportOptions): Lang {
  if (opts.lang === undefined) return "vi";
  if (opts.lang === "vi" || opts.lang === "en") return opts.lang;
  throw new BadInputError(`--lang: vi hoặc / or en, không phải / not "${opts.lang}"`);
}

export async function reportCommand(ctx: CliContext, opts: ReportOptions): Promise<number> {
  const request = reportRequest(opts);
  const lang = reportLang(opts);
  const unitIds = (opts.unit ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
  const areaNames = readAreaNames(areasFileBeside(ctx.config.notifier.unionUnitsFile));
  // Who answers for what today, from the reference files the dashboard's server loads at its start.
  const responsibility =
    unitIds.length > 0 ? loadResponsibilityOrUnits(ctx.config.notifier.unionUnitsFile, ctx.config.notifier.federationUnitId) : undefined;
  const today = vietnamDate(new Date());
  const unknown = unitIds.filter((u) => !responsibility?.unitExists(u, today));
  if (unknown.length > 0) {
    console.error(`lrew: ${t("reportUnknownUnit", ctx.lang)}: ${unknown.join(", ")}`);
    return 2;
  }
  const coverage: ReportCoverage = unitIds.length > 0 ? { scope: { kind: "units", units: unitIds } } : { scope: { kind: "all" } };
  const wh = await openWarehouse(ctx.config.clickhouse);
  let report: Report | undefined;
  let base: string;
  try {
    await migrate(wh);
    // The scope is computed in ClickHouse from its reference tables: load them as the server does
    // (the report may be made on a warehouse no dashboard has started on since the files changed).
    if (responsibility) await loadResponsibilityTables(wh, responsibility);
    if ("incident" in request) {
      report = await readIncidentReport(wh, request.incident, coverage.scope, areaNames, lang);
      if (!report) {
        console.error(`lrew: ${t("reportNoIncident", ctx.lang)}: ${request.incident}`);
        return 2;
      }
      base = `${lang === "vi" ? "bao-cao-nhanh" : "quick-report"}-${report.period.slug}`;
    } else {
      report = await readReport(wh, request.period, coverage, areaNames, lang);
      base = `${lang === "vi" ? "bao-cao" : "report"}-${request.period.slug}${unitIds.length > 0 ? `-${unitIds.join("-")}` : ""}`;
    }
  } finally {
    await wh.close();
  }
  const dir = path.resolve(opts.out ?? path.join(ctx.config.home, "reports"));
  mkdirSync(dir, { recursive: true });
  const xlsx = path.join(dir, `${base}.xlsx`);
  const html = path.join(dir, `${base}.html`);
  writeFileSync(xlsx, await reportWorkbook(report, lang));
  writeFileSync(html, reportHtml(report, lang));
  console.log(report.title[lang]);
  console.log(`  ${t("reportWorkbook", ctx.lang)}  ${xlsx}`);
  console.log(`  ${t("reportPage", ctx.lang)}  ${html}`);
  return 0;
}
