// Area names (code → "Huyện Tuần Giáo") from the reference file areas.json: what alerts and the
// dashboard show instead of a code. The file lies beside the union units (union-units.json), as the
// simulator writes both.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The areas file of the reference folder that holds the union-units file. */
export function areasFileBeside(unionUnitsFile: string): string {
  return path.join(path.dirname(unionUnitsFile), "areas.json");
}

/** Area names from a reference file (`[{ "code", "name" }]`, as the simulator writes areas.json); empty when absent. */
export function readAreaNames(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const areas = JSON.parse(readFileSync(file, "utf8")) as Array<{ code?: unknown; name?: unknown }>;
  return new Map(
    areas.filter((a) => typeof a.code === "string" && typeof a.name === "string").map((a) => [a.code as string, a.name as string]),
  );
}
