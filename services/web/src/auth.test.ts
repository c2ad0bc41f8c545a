import { describe, expect, it } from "vitest";
import { cookie, parseCookies, safeNext } from "./auth.ts";

describe("cookies", () => {
  it("parses a Cookie header and writes HttpOnly SameSite=Strict cookies", () => {
    expect(parseCookies("a=1; lrew_lang=en; a=2; bad; x=%E0")).toEqual({ a: "1", lrew_lang: "en" });
    expect(cookie("lrew_session", "tinh.x", { maxAgeS: 60, httpOnly: true, secure: false })).toBe(
      "lrew_session=tinh.x; Path=/; Max-Age=60; SameSite=Strict; HttpOnly",
    );
  });

  it("sends people back only to local paths", () => {
    expect(safeNext("/enterprises/5600123456")).toBe("/enterprises/5600123456");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext(undefined)).toBe("/");
  });

  it("refuses every way a browser could read another site (tabs, newlines, backslashes, encodings)", () => {
    for (const evil of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/ /evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "/\u0000/evil.example",
      "/\u00a0/evil.example",
      "http://evil.example",
      "javascript:alert(1)",
      "evil.example",
      "",
      `/${"a".repeat(3000)}`,
    ]) {
      expect(safeNext(evil), JSON.stringify(evil)).toBe("/");
    }
    expect(safeNext(["/risk", "//evil.example"])).toBe("/");
    // Encoded forms stay encoded: a path, never an authority.
    expect(safeNext("/%09/evil.example")).toBe("/%09/evil.example");
    expect(safeNext("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeNext("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safeNext("/./evil.example")).toBe("/evil.example");
    expect(safeNext("/..//evil.example")).toBe("/");
    expect(safeNext("/risk?area=DB-TGIAO&q=Mường%20Thanh#x")).toBe("/risk?area=DB-TGIAO&q=M%C6%B0%E1%BB%9Dng%20Thanh#x");
  });
});
