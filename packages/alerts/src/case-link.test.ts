import { describe, expect, it } from "vitest";
import { caseLinkUrl, signCaseLink, verifyCaseLink } from "./case-link.ts";

const KEY = "k".repeat(40);
const NOW = Date.UTC(2026, 10, 23, 8);
const claims = {
  alert_id: "7d2c5a1e-4b3f-4e8d-9a6c-2f1e0d9c8b7a",
  enterprise_id: "5600123456",
  unit_id: "LDLD-TG",
  recipient: "tg@example.vn",
  exp: NOW + 14 * 86_400_000,
};

describe("case links", () => {
  it("verify what was signed, for acknowledging only", () => {
    const token = signCaseLink(claims, KEY);
    expect(verifyCaseLink(token, KEY, NOW)).toEqual({ ok: true, claims: { purpose: "ack", ...claims } });
  });

  it("expire", () => {
    const token = signCaseLink(claims, KEY);
    expect(verifyCaseLink(token, KEY, claims.exp)).toEqual({ ok: false, why: "expired" });
  });

  it("refuse another key, a changed claim, a changed purpose and garbage", () => {
    const token = signCaseLink(claims, KEY);
    expect(verifyCaseLink(token, "x".repeat(40), NOW)).toEqual({ ok: false, why: "bad_signature" });
    const [, sig] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ purpose: "ack", ...claims, enterprise_id: "5600999999" })).toString("base64url");
    expect(verifyCaseLink(`${forged}.${sig}`, KEY, NOW)).toEqual({ ok: false, why: "bad_signature" });
    for (const bad of ["", "abc", "a.b.c", "é.x"]) expect(verifyCaseLink(bad, KEY, NOW).ok).toBe(false);
  });

  it("is a dashboard URL", () => {
    expect(caseLinkUrl("http://127.0.0.1:8080/", "a.b")).toBe("http://127.0.0.1:8080/cases/ack?t=a.b");
  });
});
