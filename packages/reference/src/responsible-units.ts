// The union unit responsible for each area: the district-level unit (công đoàn cấp trên trực tiếp cơ
// sở) of the union-units reference file. Its follow-up capacity is the area's (LREW_FOLLOW_UP_CAPACITY
// and its overrides); the alert policy counts each area's open enterprises against it.
import { existsSync, readFileSync } from "node:fs";

/** Area code → the id of its district-level union unit, from union-units.json (an array or `{ unionUnits }`); empty when absent. */
export function readResponsibleUnits(unionUnitsFile: string): Map<string, string> {
  if (!existsSync(unionUnitsFile)) return new Map();
  const parsed = JSON.parse(readFileSync(unionUnitsFile, "utf8")) as unknown;
  const units = (Array.isArray(parsed) ? parsed : ((parsed as { unionUnits?: unknown })?.unionUnits ?? [])) as Array<
    Record<string, unknown>
  >;
  const out = new Map<string, string>();
  if (!Array.isArray(units)) return out;
  for (const u of units) {
    if (u?.level === "district" && typeof u.area_code === "string" && typeof u.id === "string" && !out.has(u.area_code)) {
      out.set(u.area_code, u.id);
    }
  }
  return out;
}
