import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normaliseSeed, Rng } from "./rng.ts";

describe("Rng", () => {
  it("gives the same sequence for the same seed and path, another for another", () => {
    const a = new Rng(42, 2, 7),
      b = new Rng(42, 2, 7),
      c = new Rng(42, 2, 8),
      d = new Rng(43, 2, 7);
    const seq = (r: Rng) => Array.from({ length: 8 }, () => r.nextU32());
    const sa = seq(a);
    expect(seq(b)).toEqual(sa);
    expect(seq(c)).not.toEqual(sa);
    expect(seq(d)).not.toEqual(sa);
  });

  it("is pinned: the first draws of seed 1 never change (platform and version independence)", () => {
    const r = new Rng(1);
    expect(Array.from({ length: 4 }, () => r.nextU32())).toEqual([4271336824, 278079091, 2437160821, 224037403]);
  });

  it("draws uniform, normal and Poisson values with the right means", () => {
    const r = new Rng(7);
    const n = 20_000;
    let u = 0,
      g = 0,
      g2 = 0,
      p = 0,
      pl = 0;
    for (let i = 0; i < n; i++) {
      u += r.next();
      const x = r.normal();
      g += x;
      g2 += x * x;
      p += r.poisson(3);
      pl += r.poisson(50);
    }
    expect(u / n).toBeCloseTo(0.5, 1);
    expect(g / n).toBeCloseTo(0, 1);
    expect(g2 / n).toBeCloseTo(1, 1);
    expect(p / n).toBeCloseTo(3, 1);
    expect(Math.abs(pl / n - 50)).toBeLessThan(0.5);
  });

  it("picks by weight and never picks a zero weight", () => {
    const r = new Rng(3);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.weighted({ a: 1, b: 3, c: 0 })]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.5);
    expect(counts.b / counts.a).toBeLessThan(3.5);
  });

  it("makes UUIDs that zod accepts", () => {
    const r = new Rng(9);
    for (let i = 0; i < 200; i++) expect(z.uuid().safeParse(r.uuid()).success).toBe(true);
  });

  it("reduces text and large seeds to 32 bits, distinctly", () => {
    expect(normaliseSeed("điện biên")).toBe(normaliseSeed("điện biên"));
    expect(normaliseSeed("a")).not.toBe(normaliseSeed("b"));
    expect(normaliseSeed(1)).not.toBe(normaliseSeed(2 ** 32 + 1));
  });
});
