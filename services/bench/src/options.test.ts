import { describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import { parseSuite, resolveOptions } from "./options.ts";

describe("bench options", () => {
  it("fills the defaults and keeps what was given", () => {
    const o = resolveOptions({ root: "/r", ingestRecords: 200, ingestLoads: undefined });
    expect(o).toMatchObject({
      root: "/r",
      ingestRecords: 200,
      referenceRecords: 1_500_000,
      ingestLoads: [
        { batchSize: 1, concurrency: 8 },
        { batchSize: 1, concurrency: 64 },
        { batchSize: 100, concurrency: 8 },
        { batchSize: 1000, concurrency: 8 },
      ],
      abuseBodies: 20,
      abuseRecords: 10_000,
      scoringSizes: [1000, 10_000, 100_000],
    });
  });

  it("refuses figures that are not positive integers, naming them", () => {
    expect(() => resolveOptions({ root: "/r", sinkEvents: 0 })).toThrow(/sinkEvents must be a positive integer/);
    expect(() => resolveOptions({ root: "/r", ingestLoads: [] })).toThrow(ConfigError);
    expect(() => resolveOptions({ root: "/r", ingestLoads: [{ batchSize: 1, concurrency: 0 }] })).toThrow(/requests in flight/);
    expect(() => resolveOptions({ root: "/r", scoringSizes: [10, 2.5] })).toThrow(/scoring sizes/);
  });

  it("knows the suites, all by default", () => {
    expect(parseSuite(undefined)).toBe("all");
    expect(parseSuite("sink")).toBe("sink");
    expect(() => parseSuite("disk")).toThrow(/unknown bench suite "disk"/);
  });
});
