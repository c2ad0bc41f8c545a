// The 2025 re-organisation as data (pure): from a province's 2021 structure (areas and union units as
// the simulator writes them) and a list of the communes and wards that replace its districts, the
// effective-dated responsibility — the 2021 structure kept for history until the reform date, the
// commune / ward unions (or the provincial federation) from then on — and the new units' contacts.
// Enterprises keep their place: each is assigned to one commune of its 2021 district, chosen from its
// tax code by a stable hash (the registry has no commune; a real deployment replaces this assignment
// with the communes of the business registry).
import type { ResponsibilityData } from "./responsibility.ts";

export interface CommuneDefinition {
  code: string;
  name: string;
  kind: "commune" | "ward";
  /** The 2021 district it lies in. */
  district_2021: string;
  /** false: no commune union; its grassroots unions sit directly under the provincial federation. */
  commune_union: boolean;
}

export interface CommuneList {
  description: string;
  /** First day of the new structure (YYYY-MM-DD). */
  reform_date: string;
  province: string;
  communes: CommuneDefinition[];
}

/** The 2021 structure as the simulator's reference files hold it. */
export interface Structure2021 {
  areas: ReadonlyArray<{ code: string; name: string; parent?: string | undefined }>;
  unionUnits: ReadonlyArray<{ id: string; area_code: string; level?: string | undefined; parent?: string | undefined }>;
}

/** A commune / ward union's entry for union-units.json (contacts: who receives its alerts). */
export interface CommuneUnionUnit {
  id: string;
  name: string;
  area_code: string;
  email: string;
  language: "vi";
  delivery: "immediate";
  level: "commune";
  parent: string;
  valid_from: string;
}

export interface Reorganisation {
  responsibility: ResponsibilityData;
  communeUnits: CommuneUnionUnit[];
}

/** FNV-1a of a string: a stable choice that needs no seed. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function communeUnitId(communeCode: string): string {
  return `CD-${communeCode}`;
}

/** The commune of an enterprise in its 2021 district: a stable hash of its tax code (see the header). */
export function assignCommune(enterpriseId: string, communes: readonly CommuneDefinition[]): CommuneDefinition {
  if (communes.length === 0) throw new RangeError("no commune to assign");
  return communes[fnv1a(enterpriseId) % communes.length]!;
}

const slug = (code: string) => code.toLowerCase().replace(/[^a-z0-9]+/g, "");

export function buildReorganisation(
  structure: Structure2021,
  list: CommuneList,
  enterprises: ReadonlyArray<{ enterprise_id: string; area_code: string; grassroots_unit_id?: string | undefined }>,
  o: { federationId: string; emailDomain: string },
): Reorganisation {
  const reform = list.reform_date;
  const root = structure.areas.find((a) => a.parent === undefined)?.code ?? list.province;
  const districtAreas = structure.areas.filter((a) => a.parent !== undefined);
  const byDistrict = new Map<string, CommuneDefinition[]>();
  for (const c of list.communes) byDistrict.set(c.district_2021, [...(byDistrict.get(c.district_2021) ?? []), c]);
  for (const d of districtAreas) {
    if (!byDistrict.has(d.code)) throw new RangeError(`no commune lies in the 2021 area ${d.code}`);
  }
  const unitOfCommune = (c: CommuneDefinition) => (c.commune_union ? communeUnitId(c.code) : o.federationId);

  const r: ResponsibilityData = {
    description: `${list.description} The 2021 districts and their union federations are kept until ${reform} (history).`,
    areas: [
      ...structure.areas.map((a) =>
        a.parent === undefined
          ? { code: a.code, name: a.name, kind: "province" as const }
          : { code: a.code, name: a.name, kind: "district" as const, parent: a.parent, valid_to: reform },
      ),
      ...list.communes.map((c) => ({ code: c.code, name: c.name, kind: c.kind, parent: c.district_2021, valid_from: reform })),
    ],
    units: [],
    area_units: [],
    enterprise_areas: [],
  };
  const communeUnits: CommuneUnionUnit[] = [];
  for (const u of structure.unionUnits) {
    if (u.level === "province" || u.id === o.federationId) r.units.push({ id: u.id, kind: "province" });
    else if (u.level === "district") {
      r.units.push({ id: u.id, kind: "district", parent: u.parent ?? o.federationId, valid_to: reform });
      r.area_units.push({ area: u.area_code, unit: u.id, valid_to: reform });
    }
  }
  r.area_units.push({ area: root, unit: o.federationId });
  for (const c of list.communes) {
    if (c.commune_union) {
      const id = communeUnitId(c.code);
      r.units.push({ id, kind: "commune", parent: o.federationId, valid_from: reform });
      communeUnits.push({
        id,
        name: `Công đoàn ${c.name.charAt(0).toLowerCase()}${c.name.slice(1)}`,
        area_code: c.code,
        email: `cd.${slug(c.code.replace(/^[A-Z]+-[A-Z]-/, ""))}@${o.emailDomain}`,
        language: "vi",
        delivery: "immediate",
        level: "commune",
        parent: o.federationId,
        valid_from: reform,
      });
    }
    r.area_units.push({ area: c.code, unit: unitOfCommune(c), valid_from: reform });
  }
  const districtUnitOf = new Map(structure.unionUnits.filter((u) => u.level === "district").map((u) => [u.area_code, u.id]));
  for (const e of enterprises) {
    const communes = byDistrict.get(e.area_code);
    if (!communes) continue;
    const c = assignCommune(e.enterprise_id, communes);
    r.enterprise_areas.push({ enterprise_id: e.enterprise_id, area: c.code, valid_from: reform });
    if (e.grassroots_unit_id) {
      // A grassroots union moves: under its district's federation until the reform, then under its
      // commune's union (or the provincial federation).
      const district = districtUnitOf.get(e.area_code) ?? o.federationId;
      r.units.push({ id: e.grassroots_unit_id, kind: "grassroots", parent: district, valid_to: reform });
      r.units.push({ id: e.grassroots_unit_id, kind: "grassroots", parent: unitOfCommune(c), valid_from: reform });
    }
  }
  return { responsibility: r, communeUnits };
}

/** Without a responsibility file: the union units' own hierarchy, always valid, each unit answering for its area. */
export function responsibilityOfUnits(
  units: ReadonlyArray<{ id: string; area_code: string; level?: string | undefined; parent?: string | undefined }>,
  federationId: string,
): ResponsibilityData {
  const kindOf = (u: { id: string; level?: string | undefined }) =>
    u.id === federationId || u.level === "province"
      ? ("province" as const)
      : u.level === "grassroots"
        ? ("grassroots" as const)
        : ("district" as const);
  const areas = new Map<string, string>();
  for (const u of units) if (!areas.has(u.area_code)) areas.set(u.area_code, u.area_code);
  const answering = new Map<string, string>();
  for (const u of units) {
    const k = kindOf(u);
    if (k === "grassroots") continue;
    // The most local unit of an area answers for it (a district union before the federation).
    const cur = answering.get(u.area_code);
    if (cur === undefined || (cur === federationId && k !== "province")) answering.set(u.area_code, u.id);
  }
  return {
    areas: [...areas.keys()].map((code) => ({ code, name: code, kind: "district" as const })),
    units: units.map((u) => ({ id: u.id, kind: kindOf(u), ...(u.parent ? { parent: u.parent } : {}) })),
    area_units: [...answering].map(([area, unit]) => ({ area, unit })),
    enterprise_areas: [],
  };
}
