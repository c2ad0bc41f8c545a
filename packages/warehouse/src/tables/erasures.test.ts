import { describe, expect, it } from "vitest";
import { ERASED_PREFIX, ErasureList, clearErasedRows, complainantErasure, erasureDigest } from "./erasures.ts";

const OLD = "old-key-0123456789abcdef0123456789abcdef";
const NEW = "new-key-0123456789abcdef0123456789abcdef";
const ERASED_AT = "2026-12-01 00:00:00.000";

const row = (over: Partial<{ enterprise_id: string; grievance_id: string; complainant_ref: string | null; occurred_at: string }> = {}) => ({
  enterprise_id: "5600123456",
  grievance_id: "G-1",
  complainant_ref: "h1:aaaa" as string | null,
  occurred_at: "2026-11-20 01:00:00.000",
  summary: "Chị Lò Thị Hoa, SĐT ***" as string | null,
  ...over,
});

describe("erasureDigest", () => {
  it("is keyed, separates kinds and never contains the value", () => {
    const d = erasureDigest("grievance", "5600123456\u001fG-1", NEW);
    expect(d).toMatch(/^p1:[0-9a-f]{40}$/);
    expect(d).not.toBe(erasureDigest("grievance", "5600123456\u001fG-1", OLD));
    expect(d).not.toBe(erasureDigest("complainant", "5600123456\u001fG-1", NEW));
    expect(d).not.toContain("G-1");
  });
});

describe("ErasureList", () => {
  it("clears a complainant's grievance found by the pseudonym made under a retired key, and remembers the grievance", () => {
    const list = new ErasureList(complainantErasure(["h1:aaaa"], OLD, ERASED_AT), [NEW, OLD]);
    const { rows, added } = clearErasedRows([row(), row({ grievance_id: "G-2", complainant_ref: "h1:bbbb" })], list);
    expect(rows[0]!.summary).toBeNull();
    expect(rows[0]!.complainant_ref).toBeNull();
    expect(rows[0]!.grievance_id.startsWith(ERASED_PREFIX)).toBe(true);
    expect(rows[0]!.grievance_id).not.toContain("G-1");
    expect(rows[1]).toEqual(row({ grievance_id: "G-2", complainant_ref: "h1:bbbb" }));
    expect(added).toHaveLength(1);
    // a later event of the same grievance, without the complainant: same replacement id
    const later = clearErasedRows([row({ complainant_ref: null, occurred_at: "2026-12-05 00:00:00.000" })], list);
    expect(later.rows[0]!.grievance_id).toBe(rows[0]!.grievance_id);
    expect(later.added).toEqual([]);
  });

  it("keeps distinct grievances distinct, and the same grievance of another enterprise apart", () => {
    const list = new ErasureList(complainantErasure(["h1:aaaa"], NEW, ERASED_AT), [NEW]);
    const { rows } = clearErasedRows([row(), row({ grievance_id: "G-2" }), row({ enterprise_id: "0100000001" })], list);
    expect(new Set(rows.map((r) => r.grievance_id)).size).toBe(3);
  });

  it("leaves a complaint made after the erasure alone (new data)", () => {
    const list = new ErasureList(complainantErasure(["h1:aaaa"], NEW, ERASED_AT), [NEW]);
    const { rows } = clearErasedRows([row({ occurred_at: "2026-12-02 00:00:00.000" })], list);
    expect(rows[0]!.summary).not.toBeNull();
  });

  it("clears a row already erased that still carries text (a row stored before the list was read)", () => {
    const list = new ErasureList([], [NEW]);
    const { rows } = clearErasedRows([row({ grievance_id: `${ERASED_PREFIX}p1:00` })], list);
    expect(rows[0]).toMatchObject({ grievance_id: `${ERASED_PREFIX}p1:00`, summary: null, complainant_ref: null });
  });
});
