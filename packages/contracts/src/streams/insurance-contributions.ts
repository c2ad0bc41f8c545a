import { z } from "zod";
import { count, enterpriseId, eventId, period, timestamp, vnd, receivedAt } from "../common.ts";

export const INSURANCE_SCHEMES = ["social", "health", "unemployment"] as const;

/** The social-insurance agency's monthly position for one scheme; arrears are derived, never sent. */
export const insuranceContributionSchema = z.strictObject({
  event_id: eventId,
  enterprise_id: enterpriseId,
  period,
  scheme: z.enum(INSURANCE_SCHEMES),
  amount_due_vnd: vnd,
  amount_paid_vnd: vnd,
  insured_workers: count.max(1_000_000),
  reported_at: timestamp,
  /** When the provider itself first had the record (a backfill sets it); ingest stamps its own receive time when absent. */
  received_at: receivedAt,
});
export type InsuranceContribution = z.infer<typeof insuranceContributionSchema>;
