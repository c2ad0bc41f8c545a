import { describe, expect, it } from "vitest";
import { minimumWage, wageRegionOf } from "./wage-regions.ts";

describe("regional minimum wage", () => {
  it("maps Điện Biên's areas to regions III (the city) and IV", () => {
    expect(wageRegionOf("DB-DBP")).toBe("III");
    expect(wageRegionOf("DB-MNHE")).toBe("IV");
    expect(wageRegionOf("unknown-area")).toBe("IV");
  });

  it("applies the 2026 schedule from 1 January 2026 and Decree 74/2024 before", () => {
    expect(minimumWage("DB-DBP", "2026-01-01")).toBe(4_140_000);
    expect(minimumWage("DB-TGIAO", "2026-06-30")).toBe(3_700_000);
    expect(minimumWage("DB-DBP", "2025-12-31")).toBe(3_860_000);
    expect(minimumWage("DB-TGIAO", "2024-01-01")).toBe(3_450_000); // before the table: its first entry
  });

  it("agrees with the simulator's wage regions", async () => {
    const { DIEN_BIEN } = await import("@lrew/simulator");
    for (const a of DIEN_BIEN.areas) if (a.wageRegion) expect(wageRegionOf(a.code)).toBe(a.wageRegion);
  });
});
