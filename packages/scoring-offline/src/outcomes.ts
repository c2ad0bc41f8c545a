// Outcomes: the incidents recorded in the warehouse (selectIncidentStarts: each incident_id once, in
// its latest version, by start day), and labels "an incident within the horizon after the as-of date". Pure.
import { dayNumber } from "@lrew/contracts";
import type { IncidentStart } from "@lrew/warehouse";

/** Start days (as day numbers, sorted) of incidents per enterprise. */
export function incidentDaysByEnterprise(incidents: readonly IncidentStart[]): Map<string, number[]> {
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
