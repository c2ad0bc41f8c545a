import { describe, expect, it } from "vitest";
import { INVESTOR_COUNTRIES, investorCountryOf } from "./investors.ts";

describe("investorCountryOf", () => {
  it("is the same for the same tax code and follows the weights over many", () => {
    expect(investorCountryOf("5600123456")).toBe(investorCountryOf("5600123456"));
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const c = investorCountryOf(`56${String(i).padStart(8, "0")}`);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const total = INVESTOR_COUNTRIES.reduce((s, [, w]) => s + w, 0);
    for (const [country, weight] of INVESTOR_COUNTRIES) {
      expect(Math.abs((counts.get(country) ?? 0) / 20_000 - weight / total)).toBeLessThan(0.02);
    }
  });
});
