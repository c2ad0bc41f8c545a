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
}

/** Open high / critical enterprises, highest score first. */
export function selectOpenEnterprises(wh: Warehouse): Promise<OpenEnterpriseRow[]> {
  const db = wh.database;
  return selectRows<OpenEnterpriseRow>(
    wh,
    `SELECT s.enterprise_id AS enterprise_id, e.name AS name, if(e.area_code = '', s.area_code, e.area_code) AS area_code,
            e.union_unit_id AS union_unit_id, s.level AS level, s.score AS score, toString(s.as_of) AS as_of,
            s.model_version AS model_version
     FROM ${db}.scores_latest AS s
     LEFT JOIN ${db}.enterprises_latest AS e ON e.enterprise_id = s.enterprise_id
     WHERE s.level IN ('high', 'critical')
     ORDER BY s.score DESC, s.enterprise_id`,
  );
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
