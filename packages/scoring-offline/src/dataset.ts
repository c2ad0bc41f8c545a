// Training / evaluation rows: features as of a grid of dates with their outcome label.
import { dayNumber } from "@lrew/contracts";
import { computeFeaturesForDates, type FeatureRow } from "@lrew/scoring";
import { selectIncidentStarts, type Warehouse } from "@lrew/warehouse";
import { incidentDaysByEnterprise, labelOf } from "./outcomes.ts";

export interface LabelledRow extends FeatureRow {
  label: 0 | 1;
}

/** Dates per ClickHouse query: bounds the size of one result. */
export const DATES_PER_QUERY = 31;

/** Features as of each date (in chunks of DATES_PER_QUERY dates), in date order. */
export async function* featureBatches(
  wh: Warehouse,
  dates: readonly string[],
  enterpriseIds?: readonly string[],
): AsyncGenerator<FeatureRow[]> {
  for (let i = 0; i < dates.length; i += DATES_PER_QUERY) {
    const chunk = dates.slice(i, i + DATES_PER_QUERY);
    yield await computeFeaturesForDates(wh, { dates: chunk, ...(enterpriseIds ? { enterpriseIds } : {}) });
  }
}

export async function labelledRows(wh: Warehouse, dates: readonly string[], horizonDays: number): Promise<LabelledRow[]> {
  const incidents = incidentDaysByEnterprise(await selectIncidentStarts(wh));
  const out: LabelledRow[] = [];
  for await (const batch of featureBatches(wh, dates)) {
    for (const r of batch) out.push({ ...r, label: labelOf(incidents.get(r.enterprise_id), dayNumber(r.as_of), horizonDays) });
  }
  return out;
}
