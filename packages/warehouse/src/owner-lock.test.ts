import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FatalError } from "@lrew/errors";
import { claimDataDirectory, mayTake } from "./owner-lock.ts";

describe("mayTake", () => {
  it("takes a free, own or stale directory and refuses one a live process holds", () => {
    expect(mayTake(undefined, 10, () => true)).toBe(true);
    expect(mayTake("garbage", 10, () => true)).toBe(true);
    expect(mayTake("10\n", 10, () => true)).toBe(true);
    expect(mayTake("11\n", 10, () => false)).toBe(true);
    expect(mayTake("11\n", 10, () => true)).toBe(false);
  });
});

describe("claimDataDirectory", () => {
  it("refuses a directory held by another live process, naming it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-lock-"));
    writeFileSync(path.join(dir, "lrew-owner.pid"), `${process.ppid}\n`); // the parent is alive
    expect(() => claimDataDirectory(dir)).toThrow(FatalError);
    expect(() => claimDataDirectory(dir)).toThrow(String(process.ppid));
  });
  it("claims a free directory and releases it", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "lrew-lock-"));
    const release = claimDataDirectory(dir);
    expect(() => claimDataDirectory(dir)).not.toThrow(); // same process: shared
    release();
  });
});
