import { describe, expect, it } from "vitest";
import { routeDifferences } from "./openapi-check.ts";

describe("routeDifferences", () => {
  it("names a route documented but not served and one served but not documented", () => {
    const doc = { paths: { "/a/{id}": { get: {}, post: {} }, "/b": { get: {} } } };
    const served = [
      { method: "get", path: "/a/{id}" },
      { method: "get", path: "/b" },
      { method: "delete", path: "/b" },
    ];
    expect(routeDifferences(served, doc)).toEqual({ documentedNotServed: ["post /a/{id}"], servedNotDocumented: ["delete /b"] });
    expect(routeDifferences(served.slice(0, 2), { paths: { "/a/{id}": { get: {} }, "/b": { get: {} } } })).toEqual({
      documentedNotServed: [],
      servedNotDocumented: [],
    });
  });
});
