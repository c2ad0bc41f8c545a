import { z } from "zod";
import { count, enterpriseId, eventId, grievanceCategory, maxItems, timestamp, receivedAt } from "../common.ts";

export const INCIDENT_KINDS = ["strike", "work_stoppage", "collective_dispute", "mass_petition"] as const;

/** What actually happened: the ground truth for evaluation and the dashboards. */
export const incidentSchema = z.strictObject({
  event_id: eventId,
  enterprise_id: enterpriseId,
  started_at: timestamp,
  ended_at: timestamp.optional(),
  /** When it was recorded; defaults to started_at. */
  reported_at: timestamp.optional(),
  /** When the provider itself first had the record (a backfill sets it); ingest stamps its own receive time when absent. */
  received_at: receivedAt,
  kind: z.enum(INCIDENT_KINDS),
  /** False for a spontaneous (unlawful) strike. */
  lawful: z.boolean(),
  workers_involved: count.min(1).max(1_000_000),
  causes: z.array(grievanceCategory).check(maxItems(13)),
});
export type Incident = z.infer<typeof incidentSchema>;
