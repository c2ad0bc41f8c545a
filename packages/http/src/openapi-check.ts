// The checks every lrew server's OpenAPI document passes, for its tests ("@lrew/http/openapi-check",
// imported by tests only): the document is valid OpenAPI 3.1 by a maintained third-party validator
// (@seriousme/openapi-schema-validator), it names exactly the routes the server registers (both
// ways: nothing documented that is not served, nothing served that is not documented), and the
// server serves it at /openapi.json as it is.
import { Validator } from "@seriousme/openapi-schema-validator";
import { expect, it } from "vitest";

/** What the checks need of a server: the routes it registered (method in lower case, OpenAPI path) and a request. */
export interface DocumentedServer {
  lrewRoutes: ReadonlyArray<{ method: string; path: string }>;
  inject(o: { method: "GET"; url: string }): PromiseLike<{ statusCode: number; json(): unknown }>;
  close(): PromiseLike<unknown>;
}

/** Pure: the routes in one place and not the other, as "method path". */
export function routeDifferences(
  served: ReadonlyArray<{ method: string; path: string }>,
  document: { paths: Record<string, object> },
): { documentedNotServed: string[]; servedNotDocumented: string[] } {
  const real = new Set(served.map((r) => `${r.method} ${r.path}`));
  const documented = new Set(Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
  return {
    documentedNotServed: [...documented].filter((r) => !real.has(r)),
    servedNotDocumented: [...real].filter((r) => !documented.has(r)),
  };
}

/** Registers the two tests of a server's document inside the caller's describe block. */
export function openApiDocumentTests(document: { paths: Record<string, object> }, server: () => Promise<DocumentedServer>): void {
  it("is valid OpenAPI 3.1", async () => {
    const res = await new Validator().validate(structuredClone(document) as never);
    expect(res.errors ?? []).toEqual([]);
    expect(res.valid).toBe(true);
  });

  it("names exactly the routes the server serves, and the server serves it", async () => {
    const app = await server();
    const d = routeDifferences(app.lrewRoutes, document);
    expect(d.documentedNotServed, "documented but not served").toEqual([]);
    expect(d.servedNotDocumented, "served but not documented").toEqual([]);
    const res = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(document)));
    await app.close();
  });
}
