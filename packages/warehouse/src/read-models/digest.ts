// What the notifier's daily digest lists: the open high / critical enterprises (the latest completed
// score of each, scores_latest, with the registry's name and union unit) and their level history
// (scores_final), from which the digest tells since when an enterprise is at its level.
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";

export interface OpenEnterpriseRow {
  enterprise_id: string;
  /** Empty when the enterprise is missing from the registry. */
  name: string;
  /** The registry's area, else the one the score was computed with. */
  area_code: string;
  /** Empty when the enterprise is missing from the registry. */
  union_unit_id: string;
  level: "high" | "critical";
  score: number;
  /** YYYY-MM-DD */
  as_of: string;
  model_version: string;
  /** The scored sector, the registry's workforce and ownership (the context phrase). */
  sector: string;
  workforce: number;
  ownership: string;
  /** Every contribution of the latest score (the digest states the signals among them). */
  contributions: Array<{ feature: string; value: number; contribution: number }>;
}

/** Open high / critical enterprises, highest score first. */
export async function selectOpenEnterprises(wh: Warehouse): Promise<OpenEnterpriseRow[]> {
  const db = wh.database;
  const rows = await selectRows<Omit<OpenEnterpriseRow, "contributions"> & { contributions: unknown[] }>(
    wh,
    `SELECT s.enterprise_id AS enterprise_id, e.name AS name, if(e.area_code = '', s.area_code, e.area_code) AS area_code,
            e.union_unit_id AS union_unit_id, s.level AS level, s.score AS score, toString(s.as_of) AS as_of,
            s.model_version AS model_version, toString(s.sector) AS sector, e.workforce AS workforce,
            toString(e.ownership) AS ownership, s.contributions AS contributions
     FROM ${db}.scores_latest AS s
     LEFT JOIN ${db}.enterprises_latest AS e ON e.enterprise_id = s.enterprise_id
     WHERE s.level IN ('high', 'critical')
     ORDER BY s.score DESC, s.enterprise_id`,
  );
  // Named tuples come as objects, or as arrays where output_format_json_named_tuples_as_objects is off.
  return rows.map((r) => ({
    ...r,
    contributions: r.contributions.map((c) =>
      Array.isArray(c)
        ? { feature: String(c[0]), value: Number(c[1]), contribution: Number(c[2]) }
        : (c as OpenEnterpriseRow["contributions"][number]),
    ),
  }));
}

export interface LevelOnDate {
  /** YYYY-MM-DD */
  as_of: string;
  level: string;
}

/** Each enterprise's completed scores' levels, oldest first. */
export async function selectLevelHistory(wh: Warehouse, enterpriseIds: readonly string[]): Promise<Map<string, LevelOnDate[]>> {
  const history = new Map<string, LevelOnDate[]>();
  if (enterpriseIds.length === 0) return history;
  const rows = await selectRows<LevelOnDate & { enterprise_id: string }>(
    wh,
    `SELECT enterprise_id, toString(as_of) AS as_of, level FROM ${wh.database}.scores_final
     WHERE enterprise_id IN {ids:Array(String)} ORDER BY enterprise_id, as_of`,
    { ids: [...enterpriseIds] },
  );
  for (const { enterprise_id, as_of, level } of rows) {
    const list = history.get(enterprise_id) ?? [];
    list.push({ as_of, level });
    history.set(enterprise_id, list);
  }
  return history;
}
