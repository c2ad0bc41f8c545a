import { describe, expect, it } from "vitest";
import { checksumDifferences, type TableChecksum } from "./backup.ts";

const t = (table: string, rows: number, checksum: string): TableChecksum => ({ database: "lrew", table, rows, checksum });

describe("checksumDifferences", () => {
  it("is empty when every table matches, in any order", () => {
    expect(checksumDifferences([t("a", 1, "11"), t("b", 2, "22")], [t("b", 2, "22"), t("a", 1, "11")])).toEqual([]);
  });

  it("names missing, extra and altered tables", () => {
    expect(checksumDifferences([t("a", 1, "11"), t("b", 2, "22")], [t("a", 1, "12"), t("c", 0, "0")])).toEqual([
      "lrew.a: 1 rows (checksum 12), expected 1 (checksum 11)",
      "lrew.b: missing",
      "lrew.c: not in the backup",
    ]);
  });
});
