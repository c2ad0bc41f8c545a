// Who answers for an enterprise, as of when: effective-dated reference data (pure).
//
// Vietnam ended the district level on 1 July 2025: district union federations were dissolved and
// grassroots unions now sit under commune / ward unions or directly under the provincial federation.
// Nothing here knows that date or those levels: areas, units, the unit above each unit, which unit
// answers for an area and the area (commune) an enterprise lies in are rows with a validity period
// [valid_from, valid_to) — a re-organisation is new rows, never new code.
//
// An enterprise's responsible unit on a date: the unit answering on that date for the area the
// enterprise lies in on that date (its commune, from `enterprise_areas`); failing that, the unit
// answering for its registry area (the 2021 district of the registry's `area_code`); failing that,
// nobody (callers fall back to the federation).
import { z } from "zod";
import { BadInputError } from "@lrew/errors";

/** The open ends of a validity period, as ClickHouse's Date can hold them. */
export const BEGINNING = "1970-01-01";
export const END_OF_TIME = "2149-06-06";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
/** Codes and ids travel into SQL filters: letters, digits and . _ - only. */
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' and '-' only");
const period = { valid_from: isoDate.optional(), valid_to: isoDate.optional() };

export const AREA_KINDS = ["province", "district", "commune", "ward"] as const;
export const UNIT_KINDS = ["province", "district", "commune", "grassroots"] as const;

export const responsibilitySchema = z.strictObject({
  /** Where the data comes from and what is invented (free text, kept with the data). */
  description: z.string().optional(),
  areas: z.array(
    z.strictObject({
      code,
      name: z.string().trim().min(1).max(300),
      kind: z.enum(AREA_KINDS),
      /** The area it lies in: a commune's 2021 district (kept for history), a district's province. */
      parent: code.optional(),
      ...period,
    }),
  ),
  /** One row per unit and period: the unit exists, and has this parent, from valid_from until valid_to. */
  units: z.array(z.strictObject({ id: code, kind: z.enum(UNIT_KINDS), parent: code.optional(), ...period })),
  /** The unit that answers for an area in a period. */
  area_units: z.array(z.strictObject({ area: code, unit: code, ...period })),
  /** The area (commune or ward) an enterprise lies in, in a period. */
  enterprise_areas: z.array(z.strictObject({ enterprise_id: code, area: code, ...period })),
});

export type ResponsibilityData = z.output<typeof responsibilitySchema>;

interface Dated {
  valid_from: string;
  valid_to: string;
}
const covers = (p: Dated, date: string) => p.valid_from <= date && date < p.valid_to;
const dated = <T extends { valid_from?: string | undefined; valid_to?: string | undefined }>(r: T): T & Dated => ({
  ...r,
  valid_from: r.valid_from ?? BEGINNING,
  valid_to: r.valid_to ?? END_OF_TIME,
});

export type AreaRow = ResponsibilityData["areas"][number] & Dated;
export type UnitRow = ResponsibilityData["units"][number] & Dated;
export type AreaUnitRow = ResponsibilityData["area_units"][number] & Dated;
export type EnterpriseAreaRow = ResponsibilityData["enterprise_areas"][number] & Dated;

/** One row of the unit hierarchy's transitive closure (self included, depth 0), for SQL. */
export interface AncestorRow {
  unit_id: string;
  ancestor_id: string;
  depth: number;
  valid_from: string;
  valid_to: string;
}

function byKey<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

function overlaps(rows: readonly Dated[]): boolean {
  const s = [...rows].sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  for (let i = 1; i < s.length; i++) if (s[i]!.valid_from < s[i - 1]!.valid_to) return true;
  return false;
}

/** The effective-dated index: every question is asked "on a date" (YYYY-MM-DD, Vietnam). */
export class Responsibility {
  readonly areas: readonly AreaRow[];
  readonly units: readonly UnitRow[];
  readonly areaUnits: readonly AreaUnitRow[];
  readonly enterpriseAreas: readonly EnterpriseAreaRow[];
  readonly description: string | undefined;
  #units: Map<string, UnitRow[]>;
  #areaUnits: Map<string, AreaUnitRow[]>;
  #enterpriseAreas: Map<string, EnterpriseAreaRow[]>;
  #areas: Map<string, AreaRow[]>;

  private constructor(data: ResponsibilityData) {
    this.description = data.description;
    this.areas = data.areas.map(dated);
    this.units = data.units.map(dated);
    this.areaUnits = data.area_units.map(dated);
    this.enterpriseAreas = data.enterprise_areas.map(dated);
    this.#units = byKey(this.units, (u) => u.id);
    this.#areaUnits = byKey(this.areaUnits, (a) => a.area);
    this.#enterpriseAreas = byKey(this.enterpriseAreas, (e) => e.enterprise_id);
    this.#areas = byKey(this.areas, (a) => a.code);
  }

  /**
   * Parses and checks the data: periods of one key do not overlap, every period is non-empty, every
   * parent / unit / area named exists, and no unit is its own ancestor on any date. BadInputError
   * naming each problem.
   */
  static parse(input: unknown): Responsibility {
    let data = input;
    if (typeof input === "string") {
      try {
        data = JSON.parse(input);
      } catch (err) {
        throw new BadInputError(`responsibility: not JSON (${err instanceof Error ? err.message : String(err)})`);
      }
    }
    const r = responsibilitySchema.safeParse(data);
    if (!r.success) {
      const issues = r.error.issues.map(
        (i) => `${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${i.message}`,
      );
      throw new BadInputError(`responsibility: ${issues.slice(0, 20).join("; ")}`);
    }
    const x = new Responsibility(r.data);
    const problems = x.#problems();
    if (problems.length > 0) throw new BadInputError(`responsibility: ${problems.slice(0, 20).join("; ")}`);
    return x;
  }

  #problems(): string[] {
    const p: string[] = [];
    for (const [what, rows] of [
      ["area", this.areas],
      ["unit", this.units],
      ["area unit", this.areaUnits],
      ["enterprise area", this.enterpriseAreas],
    ] as const) {
      for (const row of rows as readonly Dated[]) {
        if (row.valid_from >= row.valid_to) p.push(`${what} ${JSON.stringify(row)}: valid_from is not before valid_to`);
      }
    }
    const check = <T extends Dated>(what: string, m: Map<string, T[]>) => {
      for (const [k, rows] of m) if (overlaps(rows)) p.push(`${what} ${JSON.stringify(k)}: periods overlap`);
    };
    check("area", this.#areas);
    check("unit", this.#units);
    check("area", this.#areaUnits);
    check("enterprise", this.#enterpriseAreas);
    for (const u of this.units)
      if (u.parent !== undefined && !this.#units.has(u.parent)) p.push(`unit ${u.id}: parent ${u.parent} is not a unit`);
    for (const a of this.areas)
      if (a.parent !== undefined && !this.#areas.has(a.parent)) p.push(`area ${a.code}: parent ${a.parent} is not an area`);
    for (const a of this.areaUnits) {
      if (!this.#areas.has(a.area)) p.push(`area unit: ${a.area} is not an area`);
      if (!this.#units.has(a.unit)) p.push(`area unit: ${a.unit} is not a unit`);
    }
    for (const e of this.enterpriseAreas) if (!this.#areas.has(e.area)) p.push(`enterprise ${e.enterprise_id}: ${e.area} is not an area`);
    for (const d of this.changeDates()) {
      for (const u of this.units) {
        if (!covers(u, d)) continue;
        const seen = new Set<string>();
        for (let cur: string | undefined = u.id; cur !== undefined; cur = this.parentOf(cur, d)) {
          if (seen.has(cur)) {
            p.push(`unit ${u.id}: its parents form a cycle on ${d}`);
            break;
          }
          seen.add(cur);
        }
      }
    }
    return p;
  }

  /** Every date on which something starts or ends: between two of them, nothing changes. */
  changeDates(): string[] {
    const s = new Set<string>([BEGINNING]);
    for (const rows of [this.areas, this.units, this.areaUnits] as ReadonlyArray<readonly Dated[]>) {
      for (const r of rows) {
        s.add(r.valid_from);
        if (r.valid_to !== END_OF_TIME) s.add(r.valid_to);
      }
    }
    return [...s].sort();
  }

  #at<T extends Dated>(m: Map<string, T[]>, key: string, date: string): T | undefined {
    return m.get(key)?.find((r) => covers(r, date));
  }

  unitExists(unitId: string, date: string): boolean {
    return this.#at(this.#units, unitId, date) !== undefined;
  }

  unitKind(unitId: string, date: string): UnitRow["kind"] | undefined {
    return this.#at(this.#units, unitId, date)?.kind;
  }

  /** The unit above on `date` (undefined for the top, or for a unit that does not exist then). */
  parentOf(unitId: string, date: string): string | undefined {
    return this.#at(this.#units, unitId, date)?.parent;
  }

  /** The area an enterprise lies in on `date`, when the data says (its commune or ward). */
  areaOf(enterpriseId: string, date: string): string | undefined {
    return this.#at(this.#enterpriseAreas, enterpriseId, date)?.area;
  }

  /** The unit answering for an area on `date`. */
  unitForArea(area: string, date: string): string | undefined {
    const row = this.#at(this.#areaUnits, area, date);
    return row && this.unitExists(row.unit, date) ? row.unit : undefined;
  }

  /**
   * The unit responsible for an enterprise on `date`: the unit of its commune then, else the unit of
   * its registry area (a 2021 district) then, else undefined (the caller's fallback: the federation).
   */
  responsibleUnit(e: { enterprise_id: string; area_code?: string | undefined }, date: string): string | undefined {
    const area = this.areaOf(e.enterprise_id, date);
    const viaArea = area === undefined ? undefined : this.unitForArea(area, date);
    if (viaArea !== undefined) return viaArea;
    return e.area_code ? this.unitForArea(e.area_code, date) : undefined;
  }

  /**
   * Who may act for an enterprise on `date`: its responsible unit, then each unit above it up to the
   * top (empty when nobody answers for it then). Case actions name one of these units.
   */
  unitsAnswering(e: { enterprise_id: string; area_code?: string | undefined }, date: string): string[] {
    const out: string[] = [];
    for (let u = this.responsibleUnit(e, date); u !== undefined && !out.includes(u); u = this.parentOf(u, date)) out.push(u);
    return out;
  }

  /** A unit and every unit below it on `date` (empty when the unit does not exist then). */
  unitsUnder(unitId: string, date: string): string[] {
    if (!this.unitExists(unitId, date)) return [];
    const children = new Map<string, string[]>();
    for (const u of this.units) {
      if (u.parent === undefined || !covers(u, date)) continue;
      const list = children.get(u.parent);
      if (list) list.push(u.id);
      else children.set(u.parent, [u.id]);
    }
    const out: string[] = [];
    const queue = [unitId];
    const seen = new Set<string>();
    while (queue.length > 0) {
      const u = queue.shift()!;
      if (seen.has(u)) continue;
      seen.add(u);
      out.push(u);
      queue.push(...(children.get(u) ?? []));
    }
    return out;
  }

  /** An area and every area inside it, in any period (a 2021 district stands for the communes that lie in it). */
  areasWithin(areaCode: string): string[] {
    const out = new Set<string>([areaCode]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of this.areas) {
        if (a.parent !== undefined && out.has(a.parent) && !out.has(a.code)) {
          out.add(a.code);
          grew = true;
        }
      }
    }
    return [...out];
  }

  areaName(areaCode: string): string | undefined {
    const rows = this.#areas.get(areaCode);
    return rows?.[rows.length - 1]?.name;
  }

  /**
   * The transitive closure of the hierarchy as effective-dated rows (self at depth 0): on any date,
   * the rows covering it say which units lie below which. Computed between consecutive change dates.
   */
  ancestorRows(): AncestorRow[] {
    const dates = [...this.changeDates(), END_OF_TIME];
    const open = new Map<string, AncestorRow>();
    const out: AncestorRow[] = [];
    for (let i = 0; i < dates.length - 1; i++) {
      const from = dates[i]!;
      const to = dates[i + 1]!;
      const now = new Map<string, number>();
      for (const u of this.units) {
        if (!covers(u, from)) continue;
        const seen = new Set<string>();
        let depth = 0;
        for (let cur: string | undefined = u.id; cur !== undefined && !seen.has(cur); cur = this.parentOf(cur, from)) {
          seen.add(cur);
          now.set(`${u.id}\u0000${cur}`, depth++);
        }
      }
      // Extend rows that go on unchanged; close the others; open new ones.
      for (const [k, row] of open) {
        if (now.get(k) === row.depth) {
          row.valid_to = to;
          now.delete(k);
        } else {
          open.delete(k);
        }
      }
      for (const [k, depth] of now) {
        const [unit_id, ancestor_id] = k.split("\u0000") as [string, string];
        const row = { unit_id, ancestor_id, depth, valid_from: from, valid_to: to };
        open.set(k, row);
        out.push(row);
      }
    }
    return out;
  }
}
