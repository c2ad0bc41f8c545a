import { describe, expect, it } from "vitest";
import { pickLang } from "./lang.ts";

describe("pickLang", () => {
  it.each([
    [undefined, "vi"],
    ["", "vi"],
    ["vi", "vi"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["vi-VN,vi;q=0.9,en;q=0.8", "vi"],
    ["en;q=0.8,vi;q=0.9", "vi"],
    ["fr-FR,fr;q=0.9,en;q=0.5", "en"],
    ["fr", "vi"],
    ["*", "vi"],
    ["en;q=0", "vi"],
    ["EN-gb", "en"],
  ])("%s → %s", (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });

  it("falls back to the configured default when there is no preference", () => {
    expect(pickLang(undefined, "en")).toBe("en");
    expect(pickLang("vi", "en")).toBe("vi");
  });
});
