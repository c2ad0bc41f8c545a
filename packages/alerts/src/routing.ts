// Routing: enterprise → the union unit responsible for it on the alert's date → recipients, from
// reference data: the units' contacts (union-units.json as the simulator writes it, or a table
// exported to the same shape) and, when given, who answers for what as of when (@lrew/reference's
// Responsibility). The 2025 merger of administrative levels changes units and parents, so this is
// data, never code. Pure.
import { BadInputError, ConfigError } from "@lrew/errors";
import type { Responsibility } from "@lrew/reference";
import { z } from "zod";
import { LANGS, type Lang } from "@lrew/contracts";

/** province: the federation; district: a 2021 district federation; commune: a commune / ward union (from 2025); grassroots: an enterprise's own union. */
export const UNIT_LEVELS = ["province", "district", "commune", "grassroots"] as const;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

const email = z.email();
const id = z.string().trim().min(1).max(100);

export const unionUnitInputSchema = z
  .strictObject({
    id,
    name: z.string().trim().min(1).max(300),
    area_code: z.string().trim().min(1).max(50),
    /** One address, or several in `emails`; none at all: alerts go up to the parent. */
    email: email.optional(),
    emails: z.array(email).max(20).optional(),
    language: z.enum(LANGS).default("vi"),
    delivery: z.enum(["immediate", "digest"]).default("immediate"),
    /** province: the federation; district: upper-level unit of an area; grassroots: an enterprise's own union. */
    level: z.enum(UNIT_LEVELS).optional(),
    parent: id.optional(),
    /** When the unit was founded / dissolved (informative: who answers when is the responsibility data's). */
    valid_from: isoDate.optional(),
    valid_to: isoDate.optional(),
  })
  .transform(({ email, emails, ...u }) => ({ ...u, emails: [...new Set([...(email ? [email] : []), ...(emails ?? [])])] }));

export type UnionUnit = z.output<typeof unionUnitInputSchema>;
export type UnionUnitInput = z.input<typeof unionUnitInputSchema>;
export type UnionUnits = ReadonlyMap<string, UnionUnit>;

/**
 * Parses union units from JSON text or a parsed value: an array of units, or `{ "unionUnits": [...] }`.
 * Checks ids are unique, parents exist and the parent chain has no cycle. BadInputError naming every
 * problem (`[3].email: Invalid email address`).
 */
export function parseUnionUnits(input: unknown): UnionUnits {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (err) {
      throw new BadInputError(`union units: not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (data && typeof data === "object" && !Array.isArray(data) && "unionUnits" in data) data = (data as { unionUnits: unknown }).unionUnits;
  const r = z.array(unionUnitInputSchema).safeParse(data);
  if (!r.success) {
    const issues = r.error.issues.map(
      (i) => `${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("") || "(root)"}: ${i.message}`,
    );
    throw new BadInputError(`union units: ${issues.join("; ")}`);
  }
  const units = new Map<string, UnionUnit>();
  const problems: string[] = [];
  for (const u of r.data) {
    if (units.has(u.id)) problems.push(`duplicate unit id ${JSON.stringify(u.id)}`);
    units.set(u.id, u);
  }
  for (const u of units.values()) {
    if (u.parent !== undefined && !units.has(u.parent))
      problems.push(`unit ${JSON.stringify(u.id)}: parent ${JSON.stringify(u.parent)} is not a unit`);
  }
  for (const u of units.values()) {
    const seen = new Set<string>();
    for (let cur: UnionUnit | undefined = u; cur; cur = cur.parent ? units.get(cur.parent) : undefined) {
      if (seen.has(cur.id)) {
        problems.push(`unit ${JSON.stringify(u.id)}: parent chain has a cycle through ${JSON.stringify(cur.id)}`);
        break;
      }
      seen.add(cur.id);
    }
  }
  if (problems.length > 0) throw new BadInputError(`union units: ${problems.join("; ")}`);
  return units;
}

export interface Route {
  /** The unit whose addresses receive the alert. */
  unit: UnionUnit;
  recipients: string[];
  language: Lang;
  delivery: "immediate" | "digest";
  /** `unit`: the enterprise's own responsible unit; `parent`: a unit up its chain; `federation`: the fallback. */
  via: "unit" | "parent" | "federation";
  /** Unit ids walked, first to last. */
  path: string[];
}

export interface RouteOptions {
  /**
   * Skip grassroots units (the enterprise's own union, level `grassroots`) and alert the upper-level
   * unit: the users of alerts are district / area unions, and the grassroots union sits inside the
   * enterprise the alert is about. Default true.
   */
  skipGrassroots?: boolean;
  /**
   * Who answers for what, as of when. Given (with the alert's enterprise, area and date), the walk
   * starts at the unit responsible for the enterprise on the alert's date and climbs the hierarchy
   * as it stood on that date; without it, from the registry's union_unit_id up the units' `parent`.
   */
  responsibility?: Responsibility | undefined;
}

/** What routing reads of an alert: the registry's unit, and for effective-dated routing the enterprise, its area and the date. */
export interface Routable {
  union_unit_id: string;
  enterprise_id?: string;
  area_code?: string;
  /** The alert's date (YYYY-MM-DD): the responsibility in force on it decides. */
  as_of?: string;
}

/**
 * Where an alert goes: from the unit responsible for the enterprise (on the alert's date, with
 * responsibility data; else its union_unit_id) up the parent chain to the first unit with an address
 * (grassroots units skipped unless told), else the federation. Language and delivery are those of
 * the unit that receives it. ConfigError when not even the federation has an address.
 */
export function route(alert: Routable, units: UnionUnits, federationId: string, opts: RouteOptions = {}): Route {
  const skipGrassroots = opts.skipGrassroots ?? true;
  const r = opts.responsibility;
  const date = alert.as_of;
  const dated = r !== undefined && date !== undefined && alert.enterprise_id !== undefined;
  const start = dated ? r.responsibleUnit({ enterprise_id: alert.enterprise_id!, area_code: alert.area_code }, date) : alert.union_unit_id;
  const parentOf = (u: UnionUnit): string | undefined => (dated && r.unitExists(u.id, date) ? r.parentOf(u.id, date) : u.parent);
  const path: string[] = [];
  const seen = new Set<string>();
  let first = true;
  for (let u = start === undefined ? undefined : units.get(start); u && !seen.has(u.id); ) {
    seen.add(u.id);
    path.push(u.id);
    const eligible = !(skipGrassroots && u.level === "grassroots");
    if (eligible && u.emails.length > 0) {
      const via = u.id === federationId ? "federation" : first ? "unit" : "parent";
      return { unit: u, recipients: [...u.emails], language: u.language, delivery: u.delivery, via, path };
    }
    if (eligible) first = false;
    const up = parentOf(u);
    u = up === undefined ? undefined : units.get(up);
  }
  const fed = units.get(federationId);
  if (!fed || fed.emails.length === 0) {
    throw new ConfigError(
      `cannot route alerts: federation unit ${JSON.stringify(federationId)} ${fed ? "has no e-mail address" : "is not in the union units"}`,
    );
  }
  if (path[path.length - 1] !== fed.id) path.push(fed.id);
  return { unit: fed, recipients: [...fed.emails], language: fed.language, delivery: fed.delivery, via: "federation", path };
}
