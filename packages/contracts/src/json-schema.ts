// JSON Schema (draft 2020-12) of each stream, for data providers who do not use TypeScript.
import { z } from "zod";
import { apiErrorSchema, ingestResponseSchema } from "./api.ts";
import { STREAM_NAMES, streamSchemas, topicOf, type StreamName } from "./streams.ts";

export function jsonSchemaOf(stream: StreamName): Record<string, unknown> {
  const schema = z.toJSONSchema(streamSchemas[stream], { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { $id: `https://lrew.invalid/schemas/${topicOf(stream)}.json`, title: topicOf(stream), ...schema };
}

export function allJsonSchemas(): Record<StreamName, Record<string, unknown>> {
  return Object.fromEntries(STREAM_NAMES.map((s) => [s, jsonSchemaOf(s)])) as Record<StreamName, Record<string, unknown>>;
}

/** JSON Schema of the ingest API's answers (the 202 body and every error body), for its OpenAPI document. */
export function ingestAnswerJsonSchemas(): { IngestResponse: Record<string, unknown>; ApiError: Record<string, unknown> } {
  const plain = (s: z.ZodType) => {
    const { $schema: _dialect, ...rest } = z.toJSONSchema(s) as Record<string, unknown>;
    return rest;
  };
  return { IngestResponse: plain(ingestResponseSchema), ApiError: plain(apiErrorSchema) };
}
