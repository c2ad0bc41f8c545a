// incidents: strikes, stoppages, collective disputes, mass petitions: the ground truth.
import type { Incident } from "@lrew/contracts";
import type { Warehouse } from "../client.ts";
import { toUtcText } from "../time.ts";
import { metaColumns, type MetaColumns, type SourceMeta } from "./common.ts";
import { selectRows } from "../query.ts";

export const INCIDENTS_TABLE = "incidents";

export const INCIDENT_COLUMNS = [
  "event_id",
  "incident_id",
  "enterprise_id",
  "started_at",
  "ended_at",
  "reported_at",
  "kind",
  "lawful",
  "workers_involved",
  "causes",
] as const;

export interface IncidentRow extends MetaColumns {
  event_id: string;
  /** Absent: the table's default derives it (migration 0080, the one definition). */
  incident_id?: string;
  enterprise_id: string;
  /** 'YYYY-MM-DD hh:mm:ss.sss' UTC */
  started_at: string;
  ended_at: string | null;
  /** started_at when the event has none */
  reported_at: string;
  kind: Incident["kind"];
  lawful: boolean;
  workers_involved: number;
  causes: Incident["causes"];
}

export function toIncidentRow(e: Incident, meta: SourceMeta): IncidentRow {
  const started = toUtcText(e.started_at, "started_at");
  return {
    event_id: e.event_id,
    ...(e.incident_id !== undefined ? { incident_id: e.incident_id } : {}),
    enterprise_id: e.enterprise_id,
    started_at: started,
    ended_at: e.ended_at !== undefined ? toUtcText(e.ended_at, "ended_at") : null,
    reported_at: e.reported_at !== undefined ? toUtcText(e.reported_at, "reported_at") : started,
    kind: e.kind,
    lawful: e.lawful,
    workers_involved: e.workers_involved,
    causes: [...e.causes],
    ...metaColumns(meta, e.received_at),
  };
}

export interface StoredIncident {
  event_id: string;
  incident_id: string;
  enterprise_id: string;
  started_at: string;
  ended_at: string | null;
  reported_at: string;
  kind: string;
  lawful: boolean;
  workers_involved: number;
  causes: string[];
}

/** Incidents, oldest first, each once in its latest version (incidents_latest); optionally of one enterprise. */
export function selectIncidents(wh: Warehouse, filter: { enterpriseId?: string } = {}): Promise<StoredIncident[]> {
  const where = filter.enterpriseId !== undefined ? "WHERE enterprise_id = {enterprise_id:String}" : "";
  return selectRows<StoredIncident>(
    wh,
    `SELECT ${INCIDENT_COLUMNS.join(", ")} FROM {{db}}.incidents_latest ${where} ORDER BY started_at, incident_id`,
    filter.enterpriseId !== undefined ? { enterprise_id: filter.enterpriseId } : {},
  );
}
