// The OpenAPI 3.1 document of the ingest server (port 8081), served at /openapi.json. A test
// (openapi.test.ts) checks that it names exactly the routes the server registers, both ways, and
// validates it with a third-party validator. The records' schemas come from @lrew/contracts (the same
// JSON Schemas as docs/schemas/), the answers' from its api.ts: nothing here restates a contract.
import { STREAM_NAMES, ingestAnswerJsonSchemas, jsonSchemaOf, topicOf, type StreamName } from "@lrew/contracts";
import { ACCEPTED_MEDIA_TYPES } from "./body.ts";

const json = (schema: object) => ({ "application/json": { schema } });
/** A stream's JSON Schema as an OpenAPI component: its own $schema and $id dropped (the document sets the dialect). */
function component(stream: StreamName): Record<string, unknown> {
  const { $schema: _dialect, $id: _id, ...schema } = jsonSchemaOf(stream);
  return schema;
}
const schemaName = (stream: StreamName) => topicOf(stream).replace(/[^A-Za-z0-9_.-]/g, "_");
const record = { anyOf: STREAM_NAMES.map((s) => ({ $ref: `#/components/schemas/${schemaName(s)}` })) };
const problem = (description: string, extra: object = {}) => ({
  description,
  content: json({ $ref: "#/components/schemas/ApiError" }),
  ...extra,
});
const retryAfter = { "Retry-After": { description: "seconds to wait before resending", schema: { type: "integer", minimum: 1 } } };
const NDJSON_TYPES = ACCEPTED_MEDIA_TYPES.filter((t) => t !== "application/json");

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "lrew — API nhận dữ liệu (ingest API)",
    version: "1",
    description:
      "The ingest server of lrew (default http://127.0.0.1:8081): providers post records of a v1 stream; valid records are anonymised and written to Kafka (acks=all) before the answer, refused ones go to the stream's dead-letter topic. Messages are Vietnamese unless Accept-Language prefers English. See services/ingest/README.md.",
  },
  components: {
    securitySchemes: {
      apiKey: { type: "http", scheme: "bearer", description: "a provider's API key (LREW_API_KEYS); a key may be limited to some streams" },
    },
    schemas: {
      ...Object.fromEntries(STREAM_NAMES.map((s) => [schemaName(s), component(s)])),
      ...ingestAnswerJsonSchemas(),
    },
  },
  paths: {
    "/v1/events/{stream}": {
      post: {
        summary: "Post records of a stream (one object, a JSON array, or NDJSON); answered once Kafka acknowledged them",
        security: [{ apiKey: [] }],
        parameters: [
          { name: "stream", in: "path", required: true, schema: { type: "string", enum: [...STREAM_NAMES] } },
          {
            name: "Accept-Language",
            in: "header",
            required: false,
            schema: { type: "string" },
            description: "vi (default) or en: the language of messages",
          },
        ],
        requestBody: {
          required: false,
          description:
            "UTF-8. Each record follows the contract of the path's stream (components/schemas, the same as docs/schemas/); a record that does not is refused on its own (listed in the 202 answer, dead-lettered), the others are still taken. An empty body is an empty batch.",
          content: {
            "application/json": { schema: { anyOf: [record, { type: "array", items: record }] } },
            ...Object.fromEntries(
              NDJSON_TYPES.map((t) => [
                t,
                {
                  schema: {
                    type: "string",
                    description:
                      "one JSON record per line; a line that is not JSON is refused on its own (its index is its line number from 0)",
                  },
                },
              ]),
            ),
          },
        },
        responses: {
          "202": {
            description: "accepted by Kafka; refused records named by index",
            content: json({ $ref: "#/components/schemas/IngestResponse" }),
          },
          "400": problem("invalid_body: not JSON, or neither an object nor an array"),
          "401": problem("unauthorized: no or unknown API key", { headers: { "WWW-Authenticate": { schema: { type: "string" } } } }),
          "403": problem("forbidden: the key may not post to this stream"),
          "404": problem("unknown_stream"),
          "413": problem("payload_too_large (LREW_INGEST_MAX_BODY_BYTES) or too_many_records (LREW_INGEST_MAX_RECORDS): split the batch"),
          "415": problem("unsupported_media_type: another Content-Type, or a charset other than UTF-8"),
          "429": problem("rate_limited: this key's budget is used up", { headers: retryAfter }),
          "500": problem("internal: nothing reported as accepted; resending is safe"),
          "503": problem("kafka_unavailable (nothing was accepted: resend the whole batch) or shutting_down", { headers: retryAfter }),
        },
      },
    },
    "/healthz": {
      get: {
        summary: "Liveness: 200 while the process runs",
        responses: { "200": { description: "alive", content: json({ type: "object", properties: { status: { const: "ok" } } }) } },
      },
    },
    "/readyz": {
      get: {
        summary: "Readiness: Kafka answers",
        responses: {
          "200": { description: "ready", content: json({ type: "object", properties: { status: { const: "ready" } } }) },
          "503": problem("not_ready: Kafka is not reachable"),
        },
      },
    },
    "/metrics": {
      get: {
        summary: "Prometheus metrics",
        responses: { "200": { description: "text exposition format", content: { "text/plain": { schema: { type: "string" } } } } },
      },
    },
    "/openapi.json": {
      get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } } },
    },
  },
} as const;
