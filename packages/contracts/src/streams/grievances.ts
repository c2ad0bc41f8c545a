import { z } from "zod";
import { count, enterpriseId, eventId, grievanceCategory, label, text, timestamp, receivedAt } from "../common.ts";

export const CHANNELS = ["hotline", "union_officer", "online_portal", "letter", "in_person", "social_media"] as const;
export const GRIEVANCE_STATUSES = ["open", "in_progress", "resolved", "withdrawn"] as const;

/** A grievance (khiếu nại, kiến nghị) or a change of its status: same grievance_id, new event. */
export const grievanceSchema = z.strictObject({
  event_id: eventId,
  grievance_id: label(64),
  enterprise_id: enterpriseId,
  occurred_at: timestamp,
  /** When the union learnt of it; defaults to occurred_at. Scoring as of a date sees it from this day (or its arrival, if later). */
  reported_at: timestamp.optional(),
  /** When the provider itself first had the record (a backfill sets it); ingest stamps its own receive time when absent. */
  received_at: receivedAt,
  channel: z.enum(CHANNELS),
  category: grievanceCategory,
  severity: z.int().min(1).max(4),
  workers_involved: count.min(1).max(1_000_000),
  status: z.enum(GRIEVANCE_STATUSES),
  /** Free text. Phone numbers, ID numbers and e-mail addresses are masked at ingest. */
  summary: text(4000).optional(),
  /** Who complained, in the provider's own reference. Replaced by a keyed HMAC at ingest. */
  complainant_ref: label(200).optional(),
});
export type Grievance = z.infer<typeof grievanceSchema>;
