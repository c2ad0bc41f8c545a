import { describe, expect, it } from "vitest";
import { chooseQueryRoute } from "./route.ts";

describe("chooseQueryRoute", () => {
  const web = { webHost: "127.0.0.1", webPort: 22080 };
  it("opens the warehouse itself when nobody else owns embedded ClickHouse, or with a server", () => {
    expect(chooseQueryRoute({ serverUrl: undefined, embeddedOwnerPid: undefined, ...web })).toEqual({ kind: "direct" });
    expect(chooseQueryRoute({ serverUrl: "http://ch:8123", embeddedOwnerPid: 4242, ...web })).toEqual({ kind: "direct" });
  });
  it("asks the owner's query API when a running lrew owns embedded ClickHouse", () => {
    expect(chooseQueryRoute({ serverUrl: undefined, embeddedOwnerPid: 4242, ...web })).toEqual({
      kind: "api",
      url: "http://127.0.0.1:22080/v1/query",
      ownerPid: 4242,
    });
    expect(chooseQueryRoute({ serverUrl: undefined, embeddedOwnerPid: 1, webHost: "::1", webPort: 80 })).toMatchObject({
      url: "http://[::1]:80/v1/query",
    });
  });
});
