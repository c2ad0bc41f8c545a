// The ingest server's OpenAPI document against its real routes (both ways), validated by a maintained
// third-party validator (the checks every server's document passes: @lrew/http/openapi-check), and
// the events route's streams and answers as the server gives them.
import { describe, expect, it } from "vitest";
import { STREAM_NAMES } from "@lrew/contracts";
import { openApiDocumentTests } from "@lrew/http/openapi-check";
import { buildIngestApp } from "./app.ts";
import { OPENAPI } from "./openapi.ts";
import { HMAC_KEY, KEYS, MemoryPublisher, testConfig } from "./test-fixtures.ts";

async function server() {
  const app = buildIngestApp({
    config: testConfig(),
    secrets: { apiKeys: [KEYS.all], hmacKey: HMAC_KEY },
    publisher: new MemoryPublisher(),
  });
  await app.ready();
  return app;
}

describe("the ingest server's OpenAPI document", () => {
  openApiDocumentTests(OPENAPI, server);

  it("lists every stream of the contracts, and the answers of the events route as the server gives them", async () => {
    const post = OPENAPI.paths["/v1/events/{stream}"].post;
    expect(post.parameters[0].schema.enum).toEqual([...STREAM_NAMES]);
    const app = await server();
    const answers = new Map<string, number>([
      ["unauthorized", (await app.inject({ method: "POST", url: "/v1/events/grievances", payload: "{}" })).statusCode],
      [
        "unknown stream",
        (await app.inject({ method: "POST", url: "/v1/events/nope", headers: { authorization: `Bearer ${KEYS.all.key}` }, payload: "{}" }))
          .statusCode,
      ],
      [
        "not json",
        (
          await app.inject({
            method: "POST",
            url: "/v1/events/grievances",
            headers: { authorization: `Bearer ${KEYS.all.key}`, "content-type": "application/json" },
            payload: "{not json",
          })
        ).statusCode,
      ],
      [
        "empty batch",
        (
          await app.inject({
            method: "POST",
            url: "/v1/events/grievances",
            headers: { authorization: `Bearer ${KEYS.all.key}`, "content-type": "application/x-ndjson" },
            payload: "",
          })
        ).statusCode,
      ],
    ]);
    await app.close();
    for (const status of answers.values()) expect(Object.keys(post.responses)).toContain(String(status));
    expect(Object.keys(post.requestBody.content)).toEqual(expect.arrayContaining(["application/json", "application/x-ndjson"]));
  });
});
