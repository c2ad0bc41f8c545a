import { describe, expect, it } from "vitest";
import { areaLoad } from "./overview.ts";

describe("areaLoad", () => {
  it("counts high + critical against each area's capacity, fullest first", () => {
    const areas = [
      { area_code: "DB-DBP", enterprises: 300, high: 3, critical: 1 },
      { area_code: "DB-TGIAO", enterprises: 120, high: 2, critical: 3 },
      { area_code: "DB-MANG", enterprises: 50, high: 0, critical: 0 },
    ];
    expect(areaLoad(areas, (a) => (a === "DB-DBP" ? 8 : 5))).toEqual([
      { area_code: "DB-TGIAO", open: 5, capacity: 5 },
      { area_code: "DB-DBP", open: 4, capacity: 8 },
      { area_code: "DB-MANG", open: 0, capacity: 5 },
    ]);
  });
});
