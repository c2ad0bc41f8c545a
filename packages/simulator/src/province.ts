// The simulated province: its area hierarchy and union units (reference data, exported as JSON),
// and its enterprises with their static traits. Hidden traits (insurance registration, wage levels,
// propensity to complain, the month a union will be founded) live here too but never reach events.
import { OWNERSHIPS, SECTORS } from "@lrew/contracts";
import type { AreaDefinition, WageRegion } from "./dien-bien.ts";
import { enterpriseName } from "./names.ts";
import { mult, type Ownership, type Sector, type SimulationParams } from "./params.ts";
import { normaliseSeed, Rng, STREAM_TAGS } from "./rng.ts";
import { monthCount } from "./time.ts";

export interface Area {
  code: string;
  name: string;
  parent?: string;
}

export interface UnionUnit {
  id: string;
  name: string;
  area_code: string;
  email: string;
  language: "vi";
  /** `immediate`: one e-mail per alert; `digest`: alerts gathered into a periodic e-mail. */
  delivery: "immediate" | "digest";
  /** province: the federation (fallback); district: upper-level unit of an area; grassroots: an enterprise's own union. */
  level: "province" | "district" | "grassroots";
  /** The unit above (grassroots → district → province). */
  parent?: string;
}

/** The JSON-able hierarchy: what `areas.json` and `union-units.json` hold. */
export interface ProvinceReference {
  areas: Area[];
  unionUnits: UnionUnit[];
}

/** An enterprise's traits at the start, public (as in the registry) and hidden. */
export interface EnterpriseProfile {
  index: number;
  enterprise_id: string;
  name: string;
  area_code: string;
  sector: Sector;
  ownership: Ownership;
  workforce: number;
  has_union: boolean;
  /** The grassroots union when there is one, else the area's upper-level unit. */
  union_unit_id: string;
  districtUnitId: string;
  grassrootsUnitId: string;
  wageRegion: WageRegion;
  /** Hidden: registered with social insurance at all. */
  insuranceRegistered: boolean;
  /** Hidden: share of the workforce on the insurance rolls. */
  insuredShare: number;
  /** Hidden: insured wage / regional minimum. */
  insuredWageMultiple: number;
  /** Hidden: actual pay / regional minimum. */
  payMultiple: number;
  /** Hidden: multiplier of the grievance rate (this workforce's own baseline). */
  propensity: number;
  /** Hidden: month index (from the first simulated month) in which a union is founded, or -1. */
  unionFoundingMonth: number;
}

export interface Province {
  reference: ProvinceReference;
  enterprises: EnterpriseProfile[];
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/**
 * Check digit of a Vietnamese tax code (the 10th digit) from the first nine, as commonly implemented
 * from the General Department of Taxation's rule; undefined when the nine digits yield no valid code.
 */
export function taxCheckDigit(nine: string): number | undefined {
  if (!/^\d{9}$/.test(nine)) throw new RangeError(`nine digits expected: ${nine}`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * TAX_WEIGHTS[i]!;
  const c = 10 - (sum % 11);
  return c === 10 ? undefined : c;
}

export function isValidTaxCode(code: string): boolean {
  const m = /^(\d{9})(\d)(-\d{3})?$/.exec(code);
  return m !== null && taxCheckDigit(m[1]!) === Number(m[2]);
}

function drawTaxCode(rng: Rng, prefix: string, used: Set<string>): string {
  for (;;) {
    const nine = prefix + String(rng.int(0, 9_999_999)).padStart(7, "0");
    const check = taxCheckDigit(nine);
    if (check === undefined) continue;
    const code = nine + String(check);
    if (used.has(code)) continue;
    used.add(code);
    return code;
  }
}

/** Districts (areas with a parent) and their enterprise weights. */
export function districtsOf(params: SimulationParams): AreaDefinition[] {
  return params.province.areas.filter((a) => a.parent !== undefined);
}

export function districtUnitId(areaCode: string): string {
  return `LDLD-${areaCode}`;
}

export function buildProvince(params: SimulationParams): Province {
  const prov = params.province;
  const seed = normaliseSeed(params.seed);
  const domain = prov.emailDomain;
  const areas: Area[] = prov.areas.map((a) =>
    a.parent === undefined ? { code: a.code, name: a.name } : { code: a.code, name: a.name, parent: a.parent },
  );
  const root = prov.areas.find((a) => a.parent === undefined);
  const place = root ? root.name.replace(/^(Tỉnh|Thành phố)\s+/u, "") : "";
  const districts = districtsOf(params);
  if (districts.length === 0) throw new RangeError("the province needs at least one area with a parent");

  const unionUnits: UnionUnit[] = [
    {
      id: prov.federation.id,
      name: prov.federation.name,
      area_code: prov.federation.areaCode,
      email: prov.federation.email,
      language: "vi",
      delivery: "digest",
      level: "province",
    },
  ];
  for (const d of districts) {
    const slug = d.slug ?? d.code.toLowerCase().replace(/[^a-z0-9]+/g, "");
    unionUnits.push({
      id: districtUnitId(d.code),
      name: d.unionName ?? `Liên đoàn Lao động ${d.name}`,
      area_code: d.code,
      email: `ldld.${slug}@${domain}`,
      language: "vi",
      delivery: "immediate",
      level: "district",
      parent: prov.federation.id,
    });
  }

  const s = params.structure;
  const areaWeights = Object.fromEntries(districts.map((d) => [d.code, d.enterpriseWeight ?? 1])) as Record<string, number>;
  const regionOf = new Map(districts.map((d) => [d.code, (d.wageRegion ?? params.wages.defaultRegion) as WageRegion]));
  const months = monthCount(params.start, params.days);
  const usedCodes = new Set<string>();
  const usedNames = new Set<string>();
  const enterprises: EnterpriseProfile[] = [];
  const grassroots: UnionUnit[] = [];

  for (let index = 0; index < params.enterprises; index++) {
    const rng = new Rng(seed, STREAM_TAGS.province, index);
    const area_code = rng.weighted(areaWeights);
    const sector = rng.weighted(s.sectorMix as Record<Sector, number>);
    const ownership = rng.weighted(s.ownershipMix as Record<Ownership, number>);
    const branch = ownership !== "household" && rng.chance(s.branchShare);
    let enterprise_id: string;
    if (branch) {
      const parentPrefix = rng.pick(["01", "03", prov.taxCodePrefix]);
      enterprise_id = `${drawTaxCode(rng, parentPrefix, usedCodes)}-${String(rng.int(1, 3)).padStart(3, "0")}`;
    } else {
      enterprise_id = drawTaxCode(rng, prov.taxCodePrefix, usedCodes);
    }
    let name = enterpriseName(rng, sector, ownership, branch, place);
    for (let n = 2; usedNames.has(name); n++) name = `${enterpriseName(rng, sector, ownership, branch, place)}${n > 6 ? ` ${n}` : ""}`;
    usedNames.add(name);

    const median = (s.medianWorkforceBySector[sector] ?? 10) * mult(s.workforceByOwnership, ownership);
    const workforce = Math.max(1, Math.min(s.maxWorkforce, Math.round(rng.lognormal(median, s.workforceSigma))));
    const coverage = mult(s.unionCoverage, ownership) * (workforce >= s.unionSizeThreshold ? 1 : s.smallFirmUnionFactor);
    const has_union = rng.chance(Math.min(1, coverage));
    let unionFoundingMonth = -1;
    if (!has_union && workforce >= s.unionSizeThreshold && params.registry.unionFoundingProbability > 0) {
      // Geometric draw of the founding month; only months inside the simulation matter.
      const u = rng.next();
      const m = Math.floor(Math.log(1 - u) / Math.log(1 - params.registry.unionFoundingProbability));
      if (m >= 1 && m < months) unionFoundingMonth = m;
    }
    const districtUnit = districtUnitId(area_code);
    const grassrootsUnitId = `CDCS-${enterprise_id}`;
    if (has_union || unionFoundingMonth >= 0) {
      grassroots.push({
        id: grassrootsUnitId,
        name: `Công đoàn cơ sở ${name}`,
        area_code,
        email: `cdcs.${enterprise_id.replace("-", ".")}@${domain}`,
        language: "vi",
        delivery: "digest",
        level: "grassroots",
        parent: districtUnit,
      });
    }
    const insuranceRegistered = rng.chance(mult(s.insuranceRegistration, ownership));
    const insuredShare = Math.min(1, mult(s.insuredShare, ownership) * rng.uniform(0.85, 1.1));
    const insuredWageMultiple = Math.max(1, rng.lognormal(params.wages.insuredWageMultiple.median, params.wages.insuredWageMultiple.sigma));
    const payMultiple = Math.max(insuredWageMultiple, rng.lognormal(params.wages.payMultiple.median, params.wages.payMultiple.sigma));
    const propensity = rng.lognormal(1, params.grievances.propensitySigma);
    enterprises.push({
      index,
      enterprise_id,
      name,
      area_code,
      sector,
      ownership,
      workforce,
      has_union,
      union_unit_id: has_union ? grassrootsUnitId : districtUnit,
      districtUnitId: districtUnit,
      grassrootsUnitId,
      wageRegion: regionOf.get(area_code) ?? params.wages.defaultRegion,
      insuranceRegistered,
      insuredShare,
      insuredWageMultiple,
      payMultiple,
      propensity,
      unionFoundingMonth,
    });
  }
  return { reference: { areas, unionUnits: [...unionUnits, ...grassroots] }, enterprises };
}

/** All sectors and ownerships, re-exported for callers that tabulate. */
export { OWNERSHIPS, SECTORS };
