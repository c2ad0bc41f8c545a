// Payloads of the ingest API, as external tools see them.
import { z } from "zod";

export const fieldErrorSchema = z.strictObject({ path: z.string(), message: z.string() });

/** The 202 answer lists at most this many rejected records (the first ones); `rejected_total` counts them all. */
export const MAX_LISTED_REJECTIONS = 500;

export const ingestResponseSchema = z.strictObject({
  accepted: z.int().min(0),
  rejected: z.array(z.strictObject({ index: z.int().min(0), errors: z.array(fieldErrorSchema) })).max(MAX_LISTED_REJECTIONS),
  rejected_total: z.int().min(0),
});
export type IngestResponse = z.infer<typeof ingestResponseSchema>;

/** Body of every non-2xx answer of the ingest API. */
export const apiErrorSchema = z.strictObject({
  error: z.string(),
  message: z.string(),
  retry_after_seconds: z.number().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
