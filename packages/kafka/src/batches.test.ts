import { describe, expect, it } from "vitest";
import { backoffMs, chunkMessages, commitOffsetAfter, decodeHeaders } from "./batches.ts";

describe("chunkMessages", () => {
  it("splits in order into chunks of at most maxRows", () => {
    expect(chunkMessages([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkMessages([], 3)).toEqual([]);
    expect(chunkMessages([1, 2], 10)).toEqual([[1, 2]]);
  });
  it("refuses a chunk size below one", () => {
    expect(() => chunkMessages([1], 0)).toThrow(RangeError);
  });
});

describe("commitOffsetAfter", () => {
  it("commits the next offset, beyond 2^53 too", () => {
    expect(commitOffsetAfter("0")).toBe("1");
    expect(commitOffsetAfter("9007199254740993")).toBe("9007199254740994");
  });
});

describe("decodeHeaders", () => {
  it("turns Buffers and arrays of Buffers into strings, keeping Vietnamese intact", () => {
    expect(decodeHeaders({ a: Buffer.from("Điện Biên"), b: [Buffer.from("x"), Buffer.from("y")], c: undefined })).toEqual({
      a: "Điện Biên",
      b: "x",
    });
  });
});

describe("backoffMs", () => {
  it("grows exponentially and stops at the cap", () => {
    expect(backoffMs(0, 100, 1000)).toBe(100);
    expect(backoffMs(3, 100, 1000)).toBe(800);
    expect(backoffMs(10, 100, 1000)).toBe(1000);
  });
});

describe("lagAfter", () => {
  it("counts the messages behind the high watermark once an offset is done, never below zero", async () => {
    const { lagAfter } = await import("./consumer.ts");
    expect(lagAfter("100", "89")).toBe(10);
    expect(lagAfter("100", "99")).toBe(0);
    expect(lagAfter("100", "-1")).toBe(100); // nothing of the batch done yet
    expect(lagAfter("5", "9")).toBe(0);
  });
});
