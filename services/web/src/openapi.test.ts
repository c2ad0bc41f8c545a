// The OpenAPI document against the server's real routes (both ways), validated by a maintained
// third-party validator (@seriousme/openapi-schema-validator, OpenAPI 3.1).
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
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
  it("is valid OpenAPI 3.1", async () => {
    const res = await new Validator().validate(structuredClone(OPENAPI) as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it("names exactly the routes the server serves, and the server serves it", async () => {
    const app = await server();
    const real = new Set(app.lrewRoutes.map((r) => `${r.method} ${r.path}`));
    const documented = new Set(Object.entries(OPENAPI.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
    expect(
      [...documented].filter((r) => !real.has(r)),
      "documented but not served",
    ).toEqual([]);
    expect(
      [...real].filter((r) => !documented.has(r)),
      "served but not documented",
    ).toEqual([]);
    const res = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(OPENAPI)));
    await app.close();
  });

  it("writes Fastify's parameters as OpenAPI's", () => {
    expect(openApiPath("/enterprises/:id")).toBe("/enterprises/{id}");
    expect(openApiPath("/static/:file")).toBe("/static/{file}");
  });
});
