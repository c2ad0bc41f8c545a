// Reading and writing the reference data files (the I/O half of @lrew/reference, at the subpath
// `@lrew/reference/files`, so pure packages import the index without touching the file system).
// Area names (code → "Huyện Tuần Giáo") come from areas.json; who answers for what, as of when,
// from responsibility.json; both lie beside the union units (union-units.json), as the simulator
// writes them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import type { CommuneList } from "./reorganisation.ts";
import { holidayCalendar, type HolidayCalendar, type HolidayFile } from "./working-days.ts";
import { Responsibility, responsibilityOfUnits, type ResponsibilityData } from "./index.ts";

/** The areas file of the reference folder that holds the union-units file. */
export function areasFileBeside(unionUnitsFile: string): string {
  return path.join(path.dirname(unionUnitsFile), "areas.json");
}

/** The responsibility file of the reference folder that holds the union-units file. */
export function responsibilityFileBeside(unionUnitsFile: string): string {
  return path.join(path.dirname(unionUnitsFile), "responsibility.json");
}

/** Area names from a reference file (`[{ "code", "name" }]`, as the simulator writes areas.json); empty when absent. */
export function readAreaNames(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const areas = JSON.parse(readFileSync(file, "utf8")) as Array<{ code?: unknown; name?: unknown }>;
  return new Map(
    areas.filter((a) => typeof a.code === "string" && typeof a.name === "string").map((a) => [a.code as string, a.name as string]),
  );
}

/** The communes and wards of Điện Biên from 1 July 2025 (illustrative names: see the file's description). */
export const DIEN_BIEN_COMMUNES_FILE = path.resolve(import.meta.dirname, "../data/dien-bien-communes-2025.json");

export function readCommuneList(file: string = DIEN_BIEN_COMMUNES_FILE): CommuneList {
  return JSON.parse(readFileSync(file, "utf8")) as CommuneList;
}

/**
 * Who answers for what, as of when: `responsibility.json` beside the union units, or undefined when
 * there is none (routing then follows the union units' own parents, as before). ConfigError naming
 * the file when it is unreadable or wrong.
 */
export function loadResponsibility(unionUnitsFile: string): Responsibility | undefined {
  const file = responsibilityFileBeside(unionUnitsFile);
  if (!existsSync(file)) return undefined;
  try {
    return Responsibility.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`reference data ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * What the dashboard scopes by: `responsibility.json`, or without it the union units' own hierarchy
 * (always valid, each unit answering for its area), or nothing at all when neither file exists.
 */
export function loadResponsibilityOrUnits(unionUnitsFile: string, federationId: string): Responsibility {
  const found = loadResponsibility(unionUnitsFile);
  if (found) return found;
  if (!existsSync(unionUnitsFile)) return Responsibility.parse({ areas: [], units: [], area_units: [], enterprise_areas: [] });
  try {
    const parsed = JSON.parse(readFileSync(unionUnitsFile, "utf8")) as unknown;
    const units = (Array.isArray(parsed) ? parsed : (parsed as { unionUnits: unknown }).unionUnits) as Parameters<
      typeof responsibilityOfUnits
    >[0];
    return Responsibility.parse(responsibilityOfUnits(units, federationId));
  } catch (err) {
    throw new ConfigError(`reference data ${unionUnitsFile}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function writeResponsibility(dir: string, data: ResponsibilityData): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "responsibility.json");
  await writeFile(file, `${JSON.stringify(data, null, 1)}\n`, "utf8");
  return file;
}

/** The yearly holiday files shipped with this package (data/holidays-<year>.json). */
export const HOLIDAYS_DIR = fileURLToPath(new URL("../data/", import.meta.url));

/** The calendar of every data/holidays-<year>.json (or of another folder's). */
export function readHolidayCalendar(dir: string = HOLIDAYS_DIR): HolidayCalendar {
  const files = readdirSync(dir)
    .filter((f) => /^holidays-\d{4}\.json$/.test(f))
    .sort()
    .map((name) => ({ name, content: JSON.parse(readFileSync(`${dir}/${name}`, "utf8")) as HolidayFile }));
  return holidayCalendar(files);
}
