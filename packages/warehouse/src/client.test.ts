import { describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import { checkSettings, onCluster } from "./client.ts";

const base = { username: "default", password: "", database: "lrew", embeddedPath: "/tmp/x" };

describe("checkSettings", () => {
  it("accepts embedded and server settings", () => {
    expect(() => checkSettings(base)).not.toThrow();
    expect(() => checkSettings({ ...base, url: "http://ch:8123", cluster: "main-cluster.1" })).not.toThrow();
  });

  it("refuses names that would have to be quoted into SQL, and clusters without a server", () => {
    expect(() => checkSettings({ ...base, database: "lrew; DROP" })).toThrow(ConfigError);
    expect(() => checkSettings({ ...base, url: "http://ch:8123", cluster: "a`b" })).toThrow(ConfigError);
    expect(() => checkSettings({ ...base, cluster: "main" })).toThrow(/embedded ClickHouse cannot run a cluster/);
    expect(() => checkSettings({ ...base, embeddedPath: "" })).toThrow(/embeddedPath/);
  });
});

describe("onCluster", () => {
  it("renders the ON CLUSTER clause or nothing", () => {
    expect(onCluster(undefined)).toBe("");
    expect(onCluster("main")).toBe(" ON CLUSTER `main`");
  });
});
