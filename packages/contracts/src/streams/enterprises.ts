import { z } from "zod";
import { enterpriseId, eventId, label, timestamp, receivedAt } from "../common.ts";

export const SECTORS = [
  "garment",
  "footwear",
  "electronics",
  "wood_processing",
  "food_processing",
  "construction",
  "mining",
  "hydropower",
  "agriculture_forestry",
  "transport_logistics",
  "retail_trade",
  "hospitality",
  "services",
  "manufacturing_other",
  "other",
] as const;

export const OWNERSHIPS = ["state", "private", "fdi", "cooperative", "household"] as const;

/** Enterprise registry entry (reference data: the latest `updated_at` wins). */
export const enterpriseSchema = z.strictObject({
  /** Optional: derived from enterprise_id + updated_at when absent, so resending is harmless. */
  event_id: eventId.optional(),
  enterprise_id: enterpriseId,
  name: label(300),
  area_code: label(32),
  sector: z.enum(SECTORS),
  ownership: z.enum(OWNERSHIPS),
  workforce: z.int().min(0).max(1_000_000),
  has_union: z.boolean(),
  /** The union unit responsible: the grassroots union, or the upper-level unit where there is none. */
  union_unit_id: label(64),
  /** Where a foreign-invested enterprise's investor is from: ISO 3166-1 alpha-2 (KR, CN, TW, JP …). */
  investor_country: z
    .string()
    .regex(/^[A-Z]{2}$/, "mã quốc gia ISO 3166-1 gồm 2 chữ in hoa (KR, CN, JP …) / ISO 3166-1 alpha-2 country code")
    .optional(),
  updated_at: timestamp,
  /** When the provider itself first had the record (a backfill sets it); ingest stamps its own receive time when absent. */
  received_at: receivedAt,
});
export type Enterprise = z.infer<typeof enterpriseSchema>;
