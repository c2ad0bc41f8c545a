// case_actions: union offices' actions on enterprises' cases (stream lrew.case-actions.v1).
import { CASE_INTERVENTIONS, type CaseAction } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";

export const CASE_ACTIONS_TABLE = "case_actions";

export interface CaseActionRow extends MetaColumns {
  event_id: string;
  enterprise_id: string;
  alert_id: string | null;
  action: CaseAction["action"];
  /** 'YYYY-MM-DD' */
  occurred_on: string;
  officer: string;
  union_unit_id: string;
  note: string | null;
}

export function toCaseActionRow(e: CaseAction, meta: SourceMeta): CaseActionRow {
  return {
    event_id: e.event_id,
    enterprise_id: e.enterprise_id,
    alert_id: e.alert_id ?? null,
    action: e.action,
    occurred_on: e.occurred_on,
    officer: e.officer,
    union_unit_id: e.union_unit_id,
    note: e.note ?? null,
    ...metaColumns(meta, e.received_at),
  };
}

export interface StoredCaseAction {
  event_id: string;
  enterprise_id: string;
  alert_id: string | null;
  action: string;
  occurred_on: string;
  officer: string;
  union_unit_id: string;
  note: string | null;
}

/** The actions on one enterprise, oldest first, one row per event_id. */
export function selectCaseActions(wh: Warehouse, enterpriseId: string): Promise<StoredCaseAction[]> {
  return selectRows<StoredCaseAction>(
    wh,
    `SELECT toString(event_id) AS event_id, enterprise_id, if(isNull(alert_id), NULL, toString(alert_id)) AS alert_id, action,
            toString(occurred_on) AS occurred_on, officer, union_unit_id, note
     FROM {{db}}.${CASE_ACTIONS_TABLE} FINAL WHERE enterprise_id = {enterprise_id:String}
     ORDER BY occurred_on, _ingested_at, event_id`,
    { enterprise_id: enterpriseId },
    "cannot read case actions",
  );
}

/** The days an intervention (CASE_INTERVENTIONS) was recorded at an enterprise, from `from` on: one row per enterprise and day. */
export function selectInterventionDays(
  wh: Warehouse,
  opts: { from?: string } = {},
): Promise<Array<{ enterprise_id: string; day: string }>> {
  return selectRows<{ enterprise_id: string; day: string }>(
    wh,
    `SELECT DISTINCT enterprise_id, toString(occurred_on) AS day
     FROM {{db}}.${CASE_ACTIONS_TABLE} FINAL
     WHERE occurred_on >= {from:Date} AND action IN {actions:Array(String)}
     ORDER BY day, enterprise_id`,
    { from: opts.from ?? "1970-01-01", actions: [...CASE_INTERVENTIONS] },
    "cannot read the interventions",
  );
}
