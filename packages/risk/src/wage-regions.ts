// Regional minimum wage (lương tối thiểu vùng) by area: data in data/wage-regions.json. Pure.
import data from "../data/wage-regions.json" with { type: "json" };

export type WageRegion = "I" | "II" | "III" | "IV";

export interface WageRegionTable {
  schedule: Array<{ from: string; wages: Record<WageRegion, number> }>;
  defaultRegion: WageRegion;
  areas: Record<string, WageRegion>;
}

export const WAGE_REGIONS: WageRegionTable = data as WageRegionTable;

export function wageRegionOf(areaCode: string, table: WageRegionTable = WAGE_REGIONS): WageRegion {
  return table.areas[areaCode] ?? table.defaultRegion;
}

/** The monthly minimum wage (VND) of the area's region in force on `date` (the earliest schedule before it starts). */
export function minimumWage(areaCode: string, date: string, table: WageRegionTable = WAGE_REGIONS): number {
  const region = wageRegionOf(areaCode, table);
  const sorted = [...table.schedule].sort((a, b) => a.from.localeCompare(b.from));
  let entry = sorted[0];
  if (!entry) throw new RangeError("wage-region table has no schedule");
  for (const s of sorted) if (s.from <= date) entry = s;
  return entry.wages[region];
}
