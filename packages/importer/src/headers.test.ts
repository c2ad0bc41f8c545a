import { STREAM_NAMES } from "@lrew/contracts";
import { describe, expect, it } from "vitest";
import { fieldsOf } from "./fields.ts";
import { BOOLEAN_WORDS, HEADER_ALIASES, IGNORED_FACT_HEADERS, IGNORED_HEADERS, VALUE_SYNONYMS, normalizeKey } from "./headers.ts";
import { headerIndex } from "./rows.ts";

describe("normalizeKey", () => {
  it("ignores diacritics, đ, case, spacing, underscores and punctuation", () => {
    expect(normalizeKey("Mã số thuế")).toBe("ma so thue");
    expect(normalizeKey("  MA_SO_THUE ")).toBe("ma so thue");
    expect(normalizeKey("Số tiền nợ (đồng)")).toBe("so tien no dong");
    expect(normalizeKey("ĐÃ ĐÓNG")).toBe("da dong");
    expect(normalizeKey("amount_owed_vnd")).toBe("amount owed vnd");
    // decomposed input (some Windows keyboards) is the same key
    expect(normalizeKey("Mã số thuế".normalize("NFD"))).toBe("ma so thue");
    // both spellings of thủy / thuỷ
    expect(normalizeKey("Thủy điện")).toBe(normalizeKey("Thuỷ điện"));
  });
});

describe("the dictionaries", () => {
  it("point at real contract fields, without two fields sharing a header", () => {
    for (const stream of STREAM_NAMES) {
      const fields = fieldsOf(stream);
      const seen = new Map<string, string>();
      for (const [field, aliases] of Object.entries(HEADER_ALIASES[stream])) {
        expect(fields.has(field), `${stream}.${field}`).toBe(true);
        for (const alias of [field, ...aliases]) {
          const k = normalizeKey(alias);
          expect(seen.get(k) ?? field, `${stream}: "${alias}" is given to ${seen.get(k)} and ${field}`).toBe(field);
          seen.set(k, field);
        }
      }
      const ignored = [...IGNORED_HEADERS, ...(stream === "enterprises" ? [] : IGNORED_FACT_HEADERS)];
      for (const h of ignored) expect(seen.has(normalizeKey(h)), `${stream}: "${h}" is both ignored and a field`).toBe(false);
    }
  });

  it("give every field at least one Vietnamese header", () => {
    for (const stream of STREAM_NAMES) {
      for (const field of fieldsOf(stream).keys()) {
        expect(HEADER_ALIASES[stream][field]?.length ?? 0, `${stream}.${field}`).toBeGreaterThan(0);
      }
    }
  });

  it("map words to values the contract accepts, without one word meaning two things", () => {
    for (const stream of STREAM_NAMES) {
      const fields = fieldsOf(stream);
      for (const [field, words] of Object.entries(VALUE_SYNONYMS[stream])) {
        const spec = fields.get(field);
        expect(spec, `${stream}.${field}`).toBeDefined();
        const kind = spec!.kind;
        const seen = new Map<string, unknown>();
        for (const [word, v] of Object.entries(words)) {
          if (kind.type === "enum" || kind.type === "enum_list") expect(kind.options, `${stream}.${field}: ${word}`).toContain(v);
          else if (kind.type === "boolean") expect(typeof v).toBe("boolean");
          else if (kind.type === "integer") expect(Number.isInteger(v)).toBe(true);
          else throw new Error(`${stream}.${field}: words for a ${kind.type} field`);
          const k = normalizeKey(word);
          expect(seen.get(k) ?? v, `${stream}.${field}: "${word}"`).toBe(v);
          seen.set(k, v);
        }
      }
    }
    const seen = new Map<string, unknown>();
    for (const [word, v] of Object.entries(BOOLEAN_WORDS)) {
      expect(seen.get(normalizeKey(word)) ?? v).toBe(v);
      seen.set(normalizeKey(word), v);
    }
  });

  it("resolve the issue's examples", () => {
    const g = headerIndex("grievances");
    expect(g.get(normalizeKey("Mã số thuế"))).toBe("enterprise_id");
    expect(g.get(normalizeKey("MST"))).toBe("enterprise_id");
    expect(g.get(normalizeKey("ma so thue"))).toBe("enterprise_id");
    expect(g.get(normalizeKey("Ngày xảy ra"))).toBe("occurred_at");
    expect(g.get(normalizeKey("Số lao động liên quan"))).toBe("workers_involved");
    expect(g.get(normalizeKey("STT"))).toBe("ignore");
    expect(g.get(normalizeKey("Tên doanh nghiệp"))).toBe("ignore");
    const w = headerIndex("wage-arrears");
    expect(w.get(normalizeKey("Số tiền nợ (đồng)"))).toBe("amount_owed_vnd");
    expect(w.get(normalizeKey("so tien no"))).toBe("amount_owed_vnd");
    expect(w.get(normalizeKey("Kỳ lương"))).toBe("period");
    const i = headerIndex("insurance-contributions");
    expect(i.get(normalizeKey("Số phải đóng"))).toBe("amount_due_vnd");
    expect(i.get(normalizeKey("ĐÃ ĐÓNG"))).toBe("amount_paid_vnd");
    expect(headerIndex("enterprises").get(normalizeKey("Tên doanh nghiệp"))).toBe("name");
    expect(headerIndex("incidents").get(normalizeKey("Đúng luật"))).toBe("lawful");
  });

  it("let a mapping's columns win", () => {
    const idx = headerIndex("grievances", {
      columns: { Loại: "ignore", "Mã ĐV": "enterprise_id" },
      values: {},
      defaults: {},
      timezone: "+07:00",
    });
    expect(idx.get(normalizeKey("Loại"))).toBe("ignore");
    expect(idx.get(normalizeKey("ma dv"))).toBe("enterprise_id");
  });
});

describe("fieldsOf", () => {
  it("reads each field's kind from the contract", () => {
    const w = fieldsOf("wage-arrears");
    expect(w.get("amount_owed_vnd")).toEqual({ name: "amount_owed_vnd", kind: { type: "integer", money: true }, required: true });
    expect(w.get("workers_affected")?.kind).toEqual({ type: "integer", money: false });
    expect(w.get("period")?.kind).toEqual({ type: "period" });
    expect(w.get("reported_at")?.kind).toEqual({ type: "timestamp" });
    expect(w.get("enterprise_id")?.kind).toEqual({ type: "enterprise_id" });
    expect(w.get("status")?.kind).toEqual({ type: "enum", options: ["outstanding", "partially_paid", "paid"] });
    expect(fieldsOf("incidents").get("causes")?.kind.type).toBe("enum_list");
    expect(fieldsOf("incidents").get("lawful")?.kind).toEqual({ type: "boolean" });
    expect(fieldsOf("incidents").get("ended_at")).toEqual({ name: "ended_at", kind: { type: "timestamp" }, required: false });
    expect(fieldsOf("grievances").get("summary")).toEqual({ name: "summary", kind: { type: "text" }, required: false });
    expect(fieldsOf("enterprises").get("event_id")?.required).toBe(false);
  });
});
