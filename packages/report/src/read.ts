// Reading what a report needs from the warehouse (the I/O half of @lrew/report, imported as
// "@lrew/report/read" by the CLI and the dashboard; the package's index stays pure).
import { vietnamTime, type Lang } from "@lrew/contracts";
import {
  type ReportScope,
  type Warehouse,
  selectReportActions,
  selectReportAlerts,
  selectReportCoverage,
  selectReportIncident,
  selectReportIncidentAlerts,
  selectReportIncidents,
  selectReportLevels,
} from "@lrew/warehouse";
import { buildIncidentReport, incidentAlertRange } from "./incident.ts";
import type { Report } from "./model.ts";
import type { ReportPeriod } from "./period.ts";
import { buildReport, type ReportInput } from "./tables.ts";

export async function readReportInput(
  wh: Warehouse,
  period: ReportPeriod,
  scope: ReportScope,
  areaNames: ReadonlyMap<string, string>,
  now: Date = new Date(),
): Promise<ReportInput> {
  const [current, previous, lastYear, levels, coverage, alerts, actions] = await Promise.all([
    selectReportIncidents(wh, period, scope),
    selectReportIncidents(wh, period.previous, scope),
    selectReportIncidents(wh, period.lastYear, scope),
    selectReportLevels(wh, scope),
    selectReportCoverage(wh, scope),
    selectReportAlerts(wh, period, scope),
    selectReportActions(wh, period, scope),
  ]);
  return {
    period,
    current,
    previous,
    lastYear,
    levels,
    coverage,
    alerts,
    actions,
    areaNames,
    ...(scope.unitIds ? { unitIds: scope.unitIds } : {}),
    generatedAt: vietnamTime(now).slice(0, 16).replace("T", " "),
  };
}

export async function readReport(
  wh: Warehouse,
  period: ReportPeriod,
  scope: ReportScope,
  areaNames: ReadonlyMap<string, string>,
  lang: Lang,
  now: Date = new Date(),
): Promise<Report> {
  return buildReport(await readReportInput(wh, period, scope, areaNames, now), lang);
}

/** The quick report on one incident; undefined when no incident has that event_id. */
export async function readIncidentReport(
  wh: Warehouse,
  eventId: string,
  areaNames: ReadonlyMap<string, string>,
  lang: Lang,
  now: Date = new Date(),
): Promise<Report | undefined> {
  const incident = await selectReportIncident(wh, eventId);
  if (!incident) return undefined;
  const alerts = await selectReportIncidentAlerts(wh, incident.enterprise_id, incidentAlertRange(incident));
  return buildIncidentReport({ incident, alerts, areaNames, generatedAt: vietnamTime(now).slice(0, 16).replace("T", " ") }, lang);
}
