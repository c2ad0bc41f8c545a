import { describe, expect, it } from "vitest";
import { ApiKeyRing, mayPost } from "./auth.ts";
import { KEYS } from "./test-fixtures.ts";

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
