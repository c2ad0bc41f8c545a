import { describe, expect, it } from "vitest";
import { renderDictionary, splitComment } from "./dictionary.ts";

describe("splitComment", () => {
  it("splits at the last ' | ' so Vietnamese text may contain a pipe", () => {
    expect(splitComment("Mã số thuế | Tax code")).toEqual({ vi: "Mã số thuế", en: "Tax code" });
    expect(splitComment("a | b | c")).toEqual({ vi: "a | b", en: "c" });
    expect(splitComment("no english")).toEqual({ vi: "no english", en: "no english" });
  });
});

describe("renderDictionary", () => {
  it("writes one section per view with a row per column, pipes escaped", () => {
    const md = renderDictionary([
      {
        name: "enterprises",
        comment: "Doanh nghiệp | Enterprises",
        columns: [{ name: "enterprise_id", type: "String", comment: "Mã số thuế | Tax code" }],
      },
    ]);
    expect(md).toContain("## `lrew_analytics.enterprises`\n\nDoanh nghiệp\n\nEnterprises\n");
    expect(md).toContain("| `enterprise_id` | `String` | Mã số thuế | Tax code |");
    expect(md).toContain("Ẩn danh — Anonymity");
  });
});
