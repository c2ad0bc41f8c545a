import { describe, expect, it } from "vitest";
import { groupLoad } from "./overview.ts";

describe("groupLoad", () => {
  it("counts each capacity group's open enterprises against its capacity, fullest first", () => {
    const loads = [
      { group_key: "CD-DB-P-DIENBIENPHU", open: 4 },
      { group_key: "LDLD-DB", open: 5 },
      { group_key: "DB-MANG", open: 0 },
    ];
    expect(groupLoad(loads, (g) => (g === "CD-DB-P-DIENBIENPHU" ? 8 : 5))).toEqual([
      { group: "LDLD-DB", open: 5, capacity: 5 },
      { group: "CD-DB-P-DIENBIENPHU", open: 4, capacity: 8 },
      { group: "DB-MANG", open: 0, capacity: 5 },
    ]);
  });
});
