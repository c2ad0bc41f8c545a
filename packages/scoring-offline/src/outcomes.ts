// Outcomes: the incidents recorded in the warehouse (incident_daily, by start day), and labels
// "an incident within the horizon after the as-of date".
import type { Warehouse } from "@lrew/warehouse";
import { dayNumber } from "./calendar.ts";

export interface IncidentOutcome {
  enterprise_id: string;
  /** Day the incident started (Vietnam time), YYYY-MM-DD. */
  started_day: string;
  incidents: number;
}

export async function loadIncidents(wh: Warehouse, opts: { from?: string; to?: string } = {}): Promise<IncidentOutcome[]> {
  const rs = await wh.client.query({
    query: `SELECT enterprise_id, toString(sd) AS started_day, n AS incidents FROM (
              SELECT enterprise_id, started_day AS sd, toUInt32(uniqExactMerge(incidents)) AS n
              FROM ${wh.database}.incident_daily
              WHERE started_day >= {from:Date} AND started_day <= {to:Date}
              GROUP BY enterprise_id, started_day)
            ORDER BY sd, enterprise_id`,
    query_params: { from: opts.from ?? "1970-01-01", to: opts.to ?? "2149-01-01" },
    format: "JSONEachRow",
  });
  return (await rs.json<{ enterprise_id: string; started_day: string; incidents: number }>()).map((r) => ({
    ...r,
    incidents: Number(r.incidents),
  }));
}

/** The last day any data was reported (grievances, insurance, wage arrears, incidents, registry). */
export async function lastDataDay(wh: Warehouse): Promise<string | undefined> {
  const db = wh.database;
  const rs = await wh.client.query({
    query: `SELECT toString(max(d)) AS d FROM (
              SELECT max(day) AS d FROM ${db}.grievance_daily UNION ALL SELECT max(day) FROM ${db}.insurance_daily
              UNION ALL SELECT max(day) FROM ${db}.wage_arrears_daily UNION ALL SELECT max(reported_day) FROM ${db}.incident_daily
              UNION ALL SELECT max(day) FROM ${db}.enterprise_daily)`,
    format: "JSONEachRow",
  });
  const [r] = await rs.json<{ d: string }>();
  return r && r.d !== "1970-01-01" ? r.d : undefined;
}

/** Start days (as day numbers, sorted) of incidents per enterprise. */
export function incidentDaysByEnterprise(incidents: readonly IncidentOutcome[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const i of incidents) {
    const list = m.get(i.enterprise_id) ?? [];
    list.push(dayNumber(i.started_day));
    m.set(i.enterprise_id, list);
  }
  for (const l of m.values()) l.sort((a, b) => a - b);
  return m;
}

/** 1 when an incident at the enterprise starts within (asOf, asOf + horizon]. */
export function labelOf(days: readonly number[] | undefined, asOfDay: number, horizonDays: number): 0 | 1 {
  if (!days) return 0;
  for (const d of days) if (d > asOfDay && d <= asOfDay + horizonDays) return 1;
  return 0;
}
