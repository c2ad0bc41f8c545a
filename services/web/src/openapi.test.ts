// The dashboard's OpenAPI document against the server's real routes (both ways), validated by a
// maintained third-party validator: the checks every server's document passes (@lrew/http/openapi-check).
import { describe, expect, it } from "vitest";
import { openApiDocumentTests } from "@lrew/http/openapi-check";
import { QuerySlots, registerQueryApi, type AnalystSession } from "@lrew/analytics";
import type { Warehouse } from "@lrew/warehouse";
import { buildWebApp } from "./app.ts";
import { OPENAPI, openApiPath } from "./openapi.ts";

/** The server as startWeb assembles it; nothing is queried while routes are listed. */
async function server() {
  const app = buildWebApp({ wh: {} as Warehouse, tokens: [], thresholds: { high: 0.5, critical: 0.8 } as never });
  registerQueryApi(app, { session: {} as AnalystSession, tokens: [], limits: {} as never, concurrency: 1, slots: new QuerySlots(1) });
  await app.ready();
  return app;
}

describe("the OpenAPI document", () => {
  openApiDocumentTests(OPENAPI, server);

  it("writes Fastify's parameters as OpenAPI's", () => {
    expect(openApiPath("/enterprises/:id")).toBe("/enterprises/{id}");
    expect(openApiPath("/static/:file")).toBe("/static/{file}");
  });
});
