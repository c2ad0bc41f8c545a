import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areasFileBeside, readAreaNames } from "./files.ts";

describe("area names", () => {
  it("reads code → name from areas.json beside the union units, skipping entries without both", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lrew-reference-"));
    const file = areasFileBeside(path.join(dir, "union-units.json"));
    expect(file).toBe(path.join(dir, "areas.json"));
    writeFileSync(file, JSON.stringify([{ code: "DB-TGIAO", name: "Huyện Tuần Giáo" }, { code: "DB-X" }, { name: "no code" }]));
    expect([...readAreaNames(file)]).toEqual([["DB-TGIAO", "Huyện Tuần Giáo"]]);
  });

  it("is empty when the file is absent", () => {
    expect(readAreaNames(path.join(tmpdir(), "lrew-no-such-dir", "areas.json")).size).toBe(0);
  });
});
