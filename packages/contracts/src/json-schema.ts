// JSON Schema (draft 2020-12) of each stream, for data providers who do not use TypeScript.
import { z } from "zod";
import { STREAM_NAMES, streamSchemas, topicOf, type StreamName } from "./streams.ts";

export function jsonSchemaOf(stream: StreamName): Record<string, unknown> {
  const schema = z.toJSONSchema(streamSchemas[stream], { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { $id: `https://lrew.invalid/schemas/${topicOf(stream)}.json`, title: topicOf(stream), ...schema };
}

export function allJsonSchemas(): Record<StreamName, Record<string, unknown>> {
  return Object.fromEntries(STREAM_NAMES.map((s) => [s, jsonSchemaOf(s)])) as Record<StreamName, Record<string, unknown>>;
}
