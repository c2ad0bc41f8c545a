import { z } from "zod";
import { count, enterpriseId, eventId, period, timestamp, vnd, receivedAt } from "../common.ts";

export const WAGE_ARREARS_STATUSES = ["outstanding", "partially_paid", "paid"] as const;
export const WAGE_ARREARS_SOURCES = ["labour_inspectorate", "union", "workers", "enterprise", "court", "other"] as const;

/** Nợ lương, chậm trả lương: one report about one pay period. */
export const wageArrearsSchema = z.strictObject({
  event_id: eventId,
  enterprise_id: enterpriseId,
  reported_at: timestamp,
  /** When the provider itself first had the record (a backfill sets it); ingest stamps its own receive time when absent. */
  received_at: receivedAt,
  period,
  amount_owed_vnd: vnd,
  workers_affected: count.max(1_000_000),
  status: z.enum(WAGE_ARREARS_STATUSES),
  source: z.enum(WAGE_ARREARS_SOURCES),
});
export type WageArrears = z.infer<typeof wageArrearsSchema>;
