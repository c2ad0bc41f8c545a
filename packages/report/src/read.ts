// Reading what a report needs from the warehouse (the I/O half of @lrew/report, imported as
// "@lrew/report/read" by the CLI and the dashboard; the package's index stays pure).
import { vietnamDate, vietnamTime, type Lang } from "@lrew/contracts";
import {
  type Scope,
  type Warehouse,
  selectReportActions,
  selectReportAlerts,
  selectReportCoverage,
  selectReportIncident,
  selectReportIncidentAlerts,
  selectReportIncidents,
  selectReportLevels,
  warehouseInScope,
} from "@lrew/warehouse";
import { buildIncidentReport, incidentAlertRange } from "./incident.ts";
import type { Report } from "./model.ts";
import type { ReportPeriod } from "./period.ts";
import { buildReport, coveredText, type ReportInput } from "./tables.ts";

/** Whose report it is: what the reader may see, and the name its cover gives (the scope's codes when absent). */
export interface ReportCoverage {
  scope: Scope;
  name?: string;
}

/**
 * What a report needs, read as `coverage.scope` sees the warehouse today — the dashboard's account
 * and `./lrew report --unit` alike: ClickHouse narrows every table read to the enterprises the
 * scope answers for today (their whole history), exactly as on the dashboard's pages.
 */
export async function readReportInput(
  wh: Warehouse,
  period: ReportPeriod,
  coverage: ReportCoverage,
  areaNames: ReadonlyMap<string, string>,
  now: Date = new Date(),
): Promise<ReportInput> {
  const seen = await warehouseInScope(wh, coverage.scope, vietnamDate(now));
  const [current, previous, lastYear, levels, unionCoverage, alerts, actions] = await Promise.all([
    selectReportIncidents(seen, period),
    selectReportIncidents(seen, period.previous),
    selectReportIncidents(seen, period.lastYear),
    selectReportLevels(seen),
    selectReportCoverage(seen),
    selectReportAlerts(seen, period),
    selectReportActions(seen, period),
  ]);
  return {
    period,
    current,
    previous,
    lastYear,
    levels,
    coverage: unionCoverage,
    alerts,
    actions,
    areaNames,
    covers: coveredText(coverage.scope, coverage.name),
    generatedAt: vietnamTime(now).slice(0, 16).replace("T", " "),
  };
}

export async function readReport(
  wh: Warehouse,
  period: ReportPeriod,
  coverage: ReportCoverage,
  areaNames: ReadonlyMap<string, string>,
  lang: Lang,
  now: Date = new Date(),
): Promise<Report> {
  return buildReport(await readReportInput(wh, period, coverage, areaNames, now), lang);
}

/**
 * The quick report on one incident, read as `scope` sees the warehouse today (as readReportInput);
 * undefined when no incident in scope has that incident_id or event_id.
 */
export async function readIncidentReport(
  wh: Warehouse,
  eventId: string,
  scope: Scope,
  areaNames: ReadonlyMap<string, string>,
  lang: Lang,
  now: Date = new Date(),
): Promise<Report | undefined> {
  const seen = await warehouseInScope(wh, scope, vietnamDate(now));
  const incident = await selectReportIncident(seen, eventId);
  if (!incident) return undefined;
  const alerts = await selectReportIncidentAlerts(seen, incident.enterprise_id, incidentAlertRange(incident));
  return buildIncidentReport({ incident, alerts, areaNames, generatedAt: vietnamTime(now).slice(0, 16).replace("T", " ") }, lang);
}
