import { z } from "zod";
import { count, enterpriseId, eventId, grievanceCategory, instantMs, label, maxItems, receivedAt, timestamp } from "../common.ts";

export const INCIDENT_KINDS = ["strike", "work_stoppage", "collective_dispute", "mass_petition"] as const;

/**
 * What actually happened: the ground truth for evaluation and the dashboards (contract v1.1: v1
 * plus the optional incident_id; every v1 record is a valid v1.1 record).
 */
export const incidentSchema = z
  .strictObject({
    event_id: eventId,
    /**
     * The incident this record describes: a later record with the same incident_id is a correction
     * and replaces it. When absent, the warehouse derives it from the fields a correction does not
     * change: `<enterprise_id>/<start day in Vietnam>/<kind>` (migration 0080, the one definition).
     */
    incident_id: label(64).optional(),
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
  })
  // Checked only once every field is valid: a time that is no instant is reported at its own field.
  .refine((e) => e.ended_at === undefined || instantMs(e.ended_at) >= instantMs(e.started_at), {
    path: ["ended_at"],
    params: { code: "ended_before_started" },
    when: (payload) => payload.issues.length === 0,
  });
export type Incident = z.infer<typeof incidentSchema>;
