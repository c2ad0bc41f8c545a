import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.ts";
import { hmacKeys, localRetiredHmacKeysFile } from "./local-secrets.ts";

const KEY = "current-key-0123456789abcdef0123456789";

describe("hmacKeys", () => {
  it("puts the current key first, then the retired ones from the environment and the local file, once each", () => {
    const home = mkdtempSync(path.join(tmpdir(), "lrew-keys-"));
    mkdirSync(path.join(home, "secrets"));
    writeFileSync(localRetiredHmacKeysFile(home), "old-local\n\nold-env\n");
    const config = parseConfig({ LREW_HOME: home, LREW_HMAC_KEY: KEY, LREW_HMAC_RETIRED_KEYS: "old-env, older-env" }, home);
    expect(hmacKeys(config)).toEqual({ current: KEY, all: [KEY, "old-env", "older-env", "old-local"] });
  });

  it("without retired keys, only the current one (generated locally when unset)", () => {
    const home = mkdtempSync(path.join(tmpdir(), "lrew-keys-"));
    const keys = hmacKeys(parseConfig({ LREW_HOME: home }, home));
    expect(keys.all).toEqual([keys.current]);
    expect(keys.current).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("summary retention", () => {
  it("defaults to 365 days and refuses 0", () => {
    expect(parseConfig({}, "/tmp").retention.summaryDays).toBe(365);
    expect(parseConfig({ LREW_SUMMARY_RETENTION_DAYS: "30" }, "/tmp").retention.summaryDays).toBe(30);
    expect(() => parseConfig({ LREW_SUMMARY_RETENTION_DAYS: "0" }, "/tmp")).toThrow(/LREW_SUMMARY_RETENTION_DAYS/);
  });
});
