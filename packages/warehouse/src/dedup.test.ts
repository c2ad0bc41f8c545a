import { describe, expect, it } from "vitest";
import { FatalError } from "@lrew/errors";
import { dedupToken } from "./dedup.ts";

describe("dedupToken", () => {
  it("is deterministic and names topic, partition and offset range", () => {
    const a = dedupToken("lrew.grievances.v1", 3, "100", "199");
    expect(a).toBe("lrew.grievances.v1/3/100-199");
    expect(dedupToken("lrew.grievances.v1", 3, "100", "199")).toBe(a);
  });

  it("differs when any coordinate differs", () => {
    const base = dedupToken("lrew.grievances.v1", 3, "100", "199");
    expect(
      new Set([
        base,
        dedupToken("lrew.incidents.v1", 3, "100", "199"),
        dedupToken("lrew.grievances.v1", 4, "100", "199"),
        dedupToken("lrew.grievances.v1", 3, "101", "199"),
        dedupToken("lrew.grievances.v1", 3, "100", "198"),
        dedupToken("lrew.grievances.v1", 31, "00", "199"),
      ]).size,
    ).toBe(6);
  });

  it("handles offsets beyond 2^53 exactly and normalises leading zeros", () => {
    expect(dedupToken("t", 0, "9007199254740993", "9007199254740999")).toBe("t/0/9007199254740993-9007199254740999");
    expect(dedupToken("t", 0, "007", "08")).toBe("t/0/7-8");
  });

  it("refuses malformed coordinates", () => {
    expect(() => dedupToken("", 0, "1", "2")).toThrow(FatalError);
    expect(() => dedupToken("t", -1, "1", "2")).toThrow(FatalError);
    expect(() => dedupToken("t", 0, "x", "2")).toThrow(FatalError);
    expect(() => dedupToken("t", 0, "5", "2")).toThrow(FatalError);
  });
});
