import { describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import {
  groupCapacity,
  followUpCapacityOf,
  parseAnalystTokens,
  parseApiKeys,
  parseCapacityOverrides,
  parseConfig,
  parseDashboardTokens,
} from "./config.ts";

describe("parseConfig", () => {
  it("defaults to everything local on loopback", () => {
    const c = parseConfig({}, "/repo");
    expect(c.home).toBe("/repo/.lrew");
    expect(c.kafka).toMatchObject({ local: true, brokers: ["127.0.0.1:9092"], topicPrefix: "lrew", partitions: 3 });
    expect(c.clickhouse).toMatchObject({ url: undefined, database: "lrew", embeddedPath: "/repo/.lrew/clickhouse" });
    expect(c.ingest).toMatchObject({ host: "127.0.0.1", port: 8081, apiKeys: undefined });
    expect(c.web).toEqual({
      host: "127.0.0.1",
      port: 8080,
      tokens: undefined,
      accountsFile: "/repo/.lrew/accounts.json",
      loginMaxFailures: 10,
      loginWindowMs: 900_000,
      sessionMs: 43_200_000,
    });
  });

  it("uses given brokers and a ClickHouse server when told", () => {
    const c = parseConfig({ KAFKA_BROKERS: "k1:9092, k2:9092", CLICKHOUSE_URL: "http://ch:8123", LREW_HOME: "/var/lib/lrew" }, "/repo");
    expect(c.kafka.local).toBe(false);
    expect(c.kafka.brokers).toEqual(["k1:9092", "k2:9092"]);
    expect(c.clickhouse.url).toBe("http://ch:8123");
    expect(c.home).toBe("/var/lib/lrew");
  });

  it("names every bad variable in one error", () => {
    let err: unknown;
    try {
      parseConfig({ LREW_INGEST_PORT: "99999", CLICKHOUSE_URL: "not a url", LREW_DEMO: "maybe" }, "/repo");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain("LREW_INGEST_PORT");
    expect(msg).toContain("CLICKHOUSE_URL");
    expect(msg).toContain("LREW_DEMO");
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ KAFKA_BROKERS: "" }, "/r").kafka.local).toBe(true);
  });
});

describe("parseApiKeys", () => {
  it("reads names, keys and stream limits", () => {
    expect(parseApiKeys("bhxh:0123456789abcdef0:insurance-contributions; all:fedcba9876543210x")).toEqual([
      { name: "bhxh", key: "0123456789abcdef0", streams: ["insurance-contributions"] },
      { name: "all", key: "fedcba9876543210x", streams: "*" },
    ]);
  });
  it("refuses short keys and unknown streams", () => {
    expect(() => parseApiKeys("a:short")).toThrow(/at least 16/);
    expect(() => parseApiKeys("a:0123456789abcdef0:strikes")).toThrow(/unknown stream strikes/);
  });
});

describe("analyst settings", () => {
  it("reads tokens (a colon may appear inside a token) and limits", () => {
    expect(parseAnalystTokens("lan:0123456789abcdef:x; minh:fedcba9876543210")).toEqual([
      { name: "lan", token: "0123456789abcdef:x" },
      { name: "minh", token: "fedcba9876543210" },
    ]);
    const c = parseConfig({ LREW_ANALYST_MAX_RESULT_ROWS: "10", LREW_ANALYST_CONCURRENCY: "1" }, "/r");
    expect(c.analytics.limits.maxResultRows).toBe(10);
    expect(c.analytics.concurrency).toBe(1);
    expect(c.analytics.tokens).toBeUndefined();
  });
  it("refuses short tokens and entries without a name", () => {
    expect(() => parseAnalystTokens("a:short")).toThrow(/at least 16/);
    expect(() => parseAnalystTokens(":0123456789abcdef")).toThrow(/name:token/);
    expect(() => parseConfig({ LREW_ANALYST_MAX_EXECUTION_SECONDS: "0" }, "/r")).toThrow(/LREW_ANALYST_MAX_EXECUTION_SECONDS/);
  });
});

describe("parseDashboardTokens", () => {
  it("reads name:token entries; a token may contain colons", () => {
    expect(parseDashboardTokens("tinh:0123456789abcdef; huyen-1 : a:b:c:d:e:f:g:h:i:j ")).toEqual([
      { name: "tinh", token: "0123456789abcdef" },
      { name: "huyen-1", token: "a:b:c:d:e:f:g:h:i:j" },
    ]);
  });

  it("refuses short tokens, missing parts, odd names and repeated names", () => {
    expect(() => parseDashboardTokens("tinh:short")).toThrow(/at least 16/);
    expect(() => parseDashboardTokens("0123456789abcdef")).toThrow(/name:token/);
    expect(() => parseDashboardTokens("a b:0123456789abcdef")).toThrow(/name may hold/);
    expect(() => parseDashboardTokens("a:0123456789abcdef;a:0123456789abcdeg")).toThrow(/twice/);
  });

  it("is the web section of the configuration", () => {
    const c = parseConfig({ LREW_DASHBOARD_TOKENS: "tinh:0123456789abcdef" }, "/repo");
    expect(c.web.tokens).toEqual([{ name: "tinh", token: "0123456789abcdef" }]);
    expect(parseConfig({}, "/repo").web.tokens).toBeUndefined();
  });
});

describe("follow-up capacity", () => {
  it("defaults to 5 with no overrides", () => {
    const c = parseConfig({}, "/x").alerts.capacity;
    expect(c.default).toBe(5);
    expect(c.overrides.size).toBe(0);
  });
  it("reads overrides by unit id or area code; a unit's wins over its area's", () => {
    const c = parseConfig({ LREW_FOLLOW_UP_CAPACITY: "4", LREW_FOLLOW_UP_CAPACITY_OVERRIDES: " cd-xa-tuan-giao=8 ; DB-TGIAO=6" }, "/x")
      .alerts.capacity;
    expect(followUpCapacityOf(c, { unitId: "cd-xa-tuan-giao", areaCode: "DB-TGIAO" })).toBe(8);
    expect(followUpCapacityOf(c, { unitId: "other", areaCode: "DB-TGIAO" })).toBe(6);
    expect(followUpCapacityOf(c, { areaCode: "DB-DBP" })).toBe(4);
    // By capacity group: a responsible unit's id or an area's code.
    const ofGroup = groupCapacity(c);
    expect([ofGroup("cd-xa-tuan-giao"), ofGroup("DB-TGIAO"), ofGroup("DB-DBP"), ofGroup("LDLD-DB")]).toEqual([8, 6, 4, 4]);
  });
  it("refuses malformed, out-of-range and repeated entries, naming the entry", () => {
    expect(() => parseCapacityOverrides("DB-DBP")).toThrowError(/entry 1: expected key=number/);
    expect(() => parseCapacityOverrides("DB-DBP=0")).toThrowError(/entry 1/);
    expect(() => parseCapacityOverrides("a=2;a=3")).toThrowError(/entry 2: a given twice/);
    expect(() => parseConfig({ LREW_FOLLOW_UP_CAPACITY: "0" }, "/x")).toThrowError(/LREW_FOLLOW_UP_CAPACITY/);
  });
});
