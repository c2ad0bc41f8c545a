import { describe, expect, it } from "vitest";
import {
  anonymizeCaseAction,
  anonymizeGrievance,
  anonymizeUnknown,
  memoizedMask,
  SUMMARY_MAX_CHARS,
  TOO_DEEP,
  truncate,
} from "./anonymize.ts";
import { hmacRef, hmacShort, isHmacRef, normaliseRef } from "./hmac.ts";
import { MASKS, maskPersonalData } from "./mask.ts";

const KEY = "k".repeat(64);
const OTHER_KEY = "z".repeat(64);

describe("hmacRef", () => {
  it("is a versioned hex HMAC-SHA256", () => {
    const t = hmacRef("HL-2026-0042", KEY);
    expect(t).toMatch(/^h1:[0-9a-f]{64}$/);
    expect(isHmacRef(t)).toBe(true);
  });

  it("same person, same token; another key, another token", () => {
    expect(hmacRef("Nguyễn Văn A", KEY)).toBe(hmacRef("Nguyễn Văn A", KEY));
    expect(hmacRef("Nguyễn Văn A", KEY)).not.toBe(hmacRef("Nguyễn Văn A", OTHER_KEY));
    expect(hmacRef("Nguyễn Văn A", KEY)).not.toBe(hmacRef("Nguyễn Văn B", KEY));
  });

  it("normalises Unicode form and surrounding / repeated whitespace", () => {
    const nfc = "Nguyễn Văn A";
    expect(hmacRef(nfc.normalize("NFD"), KEY)).toBe(hmacRef(nfc, KEY));
    expect(hmacRef(`  Nguyễn   Văn\tA \n`, KEY)).toBe(hmacRef(nfc, KEY));
    expect(normaliseRef(" a  b ")).toBe("a b");
  });

  it("does not hash a token twice (replays stay linkable)", () => {
    const t = hmacRef("0912345678", KEY);
    expect(hmacRef(t, KEY)).toBe(t);
  });

  it("never contains the reference", () => {
    for (const ref of ["0912345678", "abc", "Trần Thị Bình"]) expect(hmacRef(ref, KEY)).not.toContain(ref);
  });

  it("refuses an empty key", () => {
    expect(() => hmacRef("x", "")).toThrow(TypeError);
    expect(() => hmacShort("x", "")).toThrow(TypeError);
  });
});

const grievance = {
  event_id: "0b7f9f1e-4c7a-4d0e-9a55-3f7d2f1f5a10",
  grievance_id: "G-2026-0001",
  enterprise_id: "5600123456",
  occurred_at: "2026-11-23T08:30:00+07:00",
  channel: "hotline",
  category: "bonus",
  severity: 3,
  workers_involved: 120,
  status: "open",
  summary: "Chị Hương (0912 345 678, huong.nt@gmail.com, CCCD 001203004567) phản ánh thưởng Tết 1.500.000 đồng chưa trả từ 23/11/2026",
  complainant_ref: "Nguyễn Thị Hương",
};

describe("anonymizeGrievance", () => {
  it("replaces complainant_ref and masks the summary, leaving the rest", () => {
    const out = anonymizeGrievance(grievance, KEY);
    expect(out.complainant_ref).toBe(hmacRef("Nguyễn Thị Hương", KEY));
    expect(out.summary).toBe(
      `Chị ${MASKS.name} (${MASKS.phone}, ${MASKS.email}, CCCD ${MASKS.id}) phản ánh thưởng Tết 1.500.000 đồng chưa trả từ 23/11/2026`,
    );
    const { complainant_ref: _a, summary: _b, ...rest } = out;
    const { complainant_ref: _c, summary: _d, ...restIn } = grievance;
    expect(rest).toEqual(restIn);
  });

  it("does not modify its input", () => {
    const copy = structuredClone(grievance);
    anonymizeGrievance(grievance, KEY);
    expect(grievance).toEqual(copy);
  });

  it("passes events without the optional fields", () => {
    const { summary: _s, complainant_ref: _c, ...bare } = grievance;
    expect(anonymizeGrievance(bare, KEY)).toEqual(bare);
  });

  it("keeps a summary within the contract's length after masking", () => {
    const summary = "0912345678 ".repeat(360).slice(0, 3960);
    const out = anonymizeGrievance({ ...grievance, summary }, KEY);
    expect(out.summary!.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(out.summary).not.toMatch(/\d{3}/);
  });

  it("pseudonymises a grievance_id that is itself a phone number, stably", () => {
    const a = anonymizeGrievance({ ...grievance, grievance_id: "0912345678" }, KEY);
    const b = anonymizeGrievance({ ...grievance, grievance_id: "0912345678", status: "resolved" }, KEY);
    expect(a.grievance_id).toBe(hmacShort("0912345678", KEY));
    expect(a.grievance_id).toBe(b.grievance_id);
    expect(a.grievance_id.length).toBeLessThanOrEqual(64);
  });
});

describe("anonymizeUnknown", () => {
  it("hashes complainant_ref of any type and masks every string, key and number", () => {
    const rejected = {
      enterprise_id: "0312345678",
      complainant_ref: "0987654321",
      summary: "gọi 0912345678",
      severity: "cao",
      extra: { note: ["mail a.b@c.vn", 123456789], "0911222333": true },
      workers_involved: 912345678,
      count: 7,
    };
    const out = anonymizeUnknown(rejected, KEY) as Record<string, unknown>;
    expect(out).toEqual({
      enterprise_id: "0312345678",
      complainant_ref: hmacRef("0987654321", KEY),
      summary: `gọi ${MASKS.phone}`,
      severity: "cao",
      extra: { note: [`mail ${MASKS.email}`, MASKS.id], [MASKS.phone]: true },
      workers_involved: MASKS.id,
      count: 7,
    });
    expect((anonymizeUnknown({ complainant_ref: 912345678 }, KEY) as { complainant_ref: string }).complainant_ref).toBe(
      hmacRef("912345678", KEY),
    );
    expect((anonymizeUnknown({ complainant_ref: { name: "A" } }, KEY) as { complainant_ref: string }).complainant_ref).toMatch(/^h1:/);
  });

  it("masks a tax-code-shaped enterprise_id only when it is not one", () => {
    expect(anonymizeUnknown({ enterprise_id: "nguyen@x.vn" }, KEY)).toEqual({ enterprise_id: MASKS.email });
  });

  it("scrubs text that is not JSON, complainant_ref included", () => {
    const line = '{"event_id": "x", "complainant_ref": "Nguyễn Văn A", "summary": "gọi 0912345678", ';
    const out = anonymizeUnknown(line, KEY) as string;
    expect(out).not.toContain("Nguyễn Văn A");
    expect(out).not.toContain("0912345678");
    expect(out).toContain(hmacRef("Nguyễn Văn A", KEY));
    const unterminated = anonymizeUnknown('{"complainant_ref": "Trần Thị B', KEY) as string;
    expect(unterminated).not.toContain("Trần Thị B");
    const bare = anonymizeUnknown('{"complainant_ref": 0912345678 oops}', KEY) as string;
    expect(bare).not.toContain("0912345678");
    const escaped = anonymizeUnknown('{"complainant_ref": "A \\"B\\" C"', KEY) as string;
    expect(escaped).toContain(hmacRef('A "B" C', KEY));
  });

  it("passes null, booleans and small numbers through; cuts off absurd nesting", () => {
    expect(anonymizeUnknown(null, KEY)).toBeNull();
    expect(anonymizeUnknown(true, KEY)).toBe(true);
    expect(anonymizeUnknown(42, KEY)).toBe(42);
    let deep: unknown = "0912345678";
    for (let i = 0; i < 200; i++) deep = [deep];
    const text = JSON.stringify(anonymizeUnknown(deep, KEY));
    expect(text).toContain(JSON.stringify(TOO_DEEP));
    expect(text).not.toContain("0912345678");
  });

  it("property: no complainant_ref, phone, ID or e-mail survives in the JSON", () => {
    let seed = 1;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 500; i++) {
      const phone = `09${String(next()).padStart(8, "0").slice(-8)}`;
      const cccd = `0${String(next()).padStart(11, "0").slice(-11)}`;
      const ref = `người-${next()}`;
      const email = `w${next()}@congdoan.vn`;
      const record = [
        { complainant_ref: ref, summary: `SĐT ${phone}`, nested: { cccd: `CCCD ${cccd}`, mail: email } },
        `not json ${phone} ${email} "complainant_ref": "${ref}"`,
      ][i % 2];
      const json = JSON.stringify(anonymizeUnknown(record, KEY));
      for (const secret of [phone, cccd, ref, email]) expect(json, json).not.toContain(secret);
    }
  });
});

describe("memoizedMask", () => {
  it("masks as maskPersonalData does, asking it once per text", () => {
    const texts = ["gọi chị Lan 0912 345 678", "social", "gọi chị Lan 0912 345 678", "cn1@congdoan.vn", "social"];
    const mask = memoizedMask();
    expect(texts.map(mask)).toEqual(texts.map(maskPersonalData));
    const record = { ghi_chu: texts[0], "số 0912345678": 912345678, complainant_ref: "Nguyễn Văn A", nested: [texts[3]] };
    expect(anonymizeUnknown(record, "k".repeat(32), mask)).toEqual(anonymizeUnknown(record, "k".repeat(32)));
  });
});

describe("truncate", () => {
  it("does not split a surrogate pair", () => {
    expect(truncate("ab😀", 3)).toBe("ab");
    expect(truncate("abc", 5)).toBe("abc");
  });
});

describe("anonymizeUnknown: hostile keys", () => {
  it("keeps a __proto__ field as a field, never as the prototype of the copy", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes", "summary": "gọi 0912345678"}, "name": "x"}') as object;
    const out = anonymizeUnknown(hostile, "k".repeat(32)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "name"]);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":"yes","summary":"gọi [số điện thoại]"},"name":"x"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("anonymizeCaseAction", () => {
  it("masks the note like a grievance summary and leaves the rest", () => {
    const action = { action: "fact_finding", officer: "Lò Văn Thắng", note: "Gặp chị Lò Thị Hoa (0912 345 678) về lương tháng 10." };
    const out = anonymizeCaseAction(action);
    expect(out.officer).toBe("Lò Văn Thắng");
    expect(out.note).toContain("về lương tháng 10");
    expect(out.note).not.toContain("0912 345 678");
    expect(out.note).not.toContain("Hoa");
    const ack: { action: string; note?: string } = { action: "acknowledged" };
    expect(anonymizeCaseAction(ack)).toEqual({ action: "acknowledged" });
  });
});
