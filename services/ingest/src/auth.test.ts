import { describe, expect, it } from "vitest";
import { ApiKeyRing, bearerToken, mayPost, safeEqual } from "./auth.ts";
import { KEYS } from "./test-support.ts";

describe("safeEqual", () => {
  it("compares strings of any length in constant time over digests", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("khóa", "khóa".normalize("NFD"))).toBe(false);
  });
});

describe("bearerToken", () => {
  it("reads the Bearer scheme only", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer   abc  ")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeUndefined();
    expect(bearerToken("Bearer")).toBeUndefined();
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe("ApiKeyRing", () => {
  it("finds the key by value and checks its streams", () => {
    const ring = new ApiKeyRing([KEYS.all, KEYS.bhxh]);
    expect(ring.find(KEYS.bhxh.key)?.name).toBe("bhxh");
    expect(ring.find(KEYS.all.key)?.name).toBe("hotline");
    expect(ring.find(KEYS.all.key.slice(0, -1))).toBeUndefined();
    expect(ring.find(undefined)).toBeUndefined();
    expect(mayPost(KEYS.bhxh, "insurance-contributions")).toBe(true);
    expect(mayPost(KEYS.bhxh, "grievances")).toBe(false);
    expect(mayPost(KEYS.all, "grievances")).toBe(true);
  });
});
