import { describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import { parseSuite, resolveOptions } from "./options.ts";

describe("bench options", () => {
  it("fills the defaults and keeps what was given", () => {
    const o = resolveOptions({ root: "/r", ingestRecords: 200, batchSizes: undefined });
    expect(o).toMatchObject({
      root: "/r",
      ingestRecords: 200,
      batchSizes: [1, 100, 1000],
      concurrency: 8,
      scoringSizes: [1000, 10_000, 100_000],
    });
  });

  it("refuses figures that are not positive integers, naming them", () => {
    expect(() => resolveOptions({ root: "/r", sinkEvents: 0 })).toThrow(/sinkEvents must be a positive integer/);
    expect(() => resolveOptions({ root: "/r", batchSizes: [] })).toThrow(ConfigError);
    expect(() => resolveOptions({ root: "/r", scoringSizes: [10, 2.5] })).toThrow(/scoring sizes/);
  });

  it("knows the suites, all by default", () => {
    expect(parseSuite(undefined)).toBe("all");
    expect(parseSuite("sink")).toBe("sink");
    expect(() => parseSuite("disk")).toThrow(/unknown bench suite "disk"/);
  });
});
