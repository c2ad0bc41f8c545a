import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hashSecret, scopeOf, verifySecret } from "./accounts.ts";
import { AccountsFile } from "./accounts-file.ts";
import { StaffDirectory } from "./directory.ts";
import { addAccount, changeSecret, ensureDemoAccount, removeAccount } from "./manage.ts";
import { FailureLimiter } from "./rate-limit.ts";
import { SessionStore } from "./sessions.ts";

const tmp = () => path.join(mkdtempSync(path.join(tmpdir(), "lrew-access-")), "accounts.json");

describe("secrets", () => {
  it("hashes with scrypt and a salt, verifies only the same secret (NFC or NFD alike)", () => {
    const h = hashSecret("mật khẩu đủ dài");
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(h).not.toContain("mật");
    expect(hashSecret("mật khẩu đủ dài")).not.toBe(h);
    expect(verifySecret("mật khẩu đủ dài", h)).toBe(true);
    expect(verifySecret("mật khẩu đủ dài".normalize("NFD"), h)).toBe(true);
    expect(verifySecret("mật khẩu đủ dài ", h)).toBe(false);
    expect(verifySecret("", h)).toBe(false);
    expect(verifySecret("x", undefined)).toBe(false);
    expect(verifySecret("x", "scrypt$1$1$1$$")).toBe(false);
    expect(verifySecret("x", "plain")).toBe(false);
  });

  it("gives each role its scope", () => {
    expect(scopeOf({ role: "federation" })).toEqual({ kind: "all" });
    expect(scopeOf({ role: "union_office", unit: "CD-DB-X-QUAITO" })).toEqual({ kind: "units", units: ["CD-DB-X-QUAITO"] });
    expect(scopeOf({ role: "analyst", areas: ["DB-TGIAO"] })).toEqual({ kind: "areas", areas: ["DB-TGIAO"] });
    expect(scopeOf({ role: "analyst", areas: [] })).toEqual({ kind: "all" });
  });
});

describe("the failure limiter", () => {
  it("refuses after max failures within the window, says for how long, and forgets old failures", () => {
    const l = new FailureLimiter({ max: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterS("a", 1000 + i)).toBe(0);
      l.fail("a", 1000 + i);
    }
    expect(l.retryAfterS("a", 2000)).toBe(59);
    expect(l.retryAfterS("b", 2000)).toBe(0);
    expect(l.retryAfterS("a", 60_999)).toBe(1);
    expect(l.retryAfterS("a", 61_003)).toBe(0);
    expect(l.size).toBe(0);
    l.fail("a", 70_000);
    expect(l.size).toBe(1);
    l.clear("a");
    expect(l.size).toBe(0);
  });
});

describe("sessions", () => {
  it("are random ids that expire and end", () => {
    const s = new SessionStore(1000);
    const id = s.begin("tinh", 0);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(s.get(id, 999)?.name).toBe("tinh");
    expect(s.get(id, 1000)).toBeUndefined();
    const id2 = s.begin("tinh", 5000);
    s.end(id2);
    expect(s.get(id2, 5001)).toBeUndefined();
    s.begin("tinh", 6000);
    s.begin("tinh", 6000);
    expect(s.endAllOf("tinh")).toBe(2);
  });
});

describe("the staff directory", () => {
  it("logs in by name and secret, limits failures per account and per address, ends sessions on a new secret or removal", () => {
    const file = tmp();
    const { secret } = addAccount(file, {
      name: "xa-quaito",
      role: "union_office",
      unit: "CD-DB-X-QUAITO",
      displayName: "Công đoàn xã Quài Tở",
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).not.toContain(secret);
    const accounts = new AccountsFile(file);
    const d = new StaffDirectory({
      accounts,
      tokens: [{ name: "cu", token: "an-older-token-0123456789" }],
      limits: { max: 10, windowMs: 900_000 },
      sessionMs: 3_600_000,
    });
    const t0 = Date.now();
    const ok = d.login("xa-quaito", secret, "10.0.0.1", t0);
    expect(ok.kind).toBe("ok");
    const sid = ok.kind === "ok" ? ok.sessionId : "";
    expect(d.fromSession(sid, t0 + 1)).toMatchObject({
      name: "xa-quaito",
      role: "union_office",
      scope: { kind: "units", units: ["CD-DB-X-QUAITO"] },
    });
    // The older token: a federation-wide login, and a Bearer for scripts.
    expect(d.login("cu", "an-older-token-0123456789", "10.0.0.1", t0)).toMatchObject({
      kind: "ok",
      staff: { role: "federation", scope: { kind: "all" } },
    });
    expect(d.fromBearer("an-older-token-0123456789")?.name).toBe("cu");
    expect(d.fromBearer("an-older-token-012345678")).toBeUndefined();

    // Ten failures for one account from many addresses: the account is limited, even with the right secret.
    for (let i = 0; i < 10; i++) expect(d.login("xa-quaito", "wrong secret!", `10.0.1.${i}`, t0 + i).kind).toBe("failed");
    const limited = d.login("xa-quaito", secret, "10.0.2.1", t0 + 20);
    expect(limited).toMatchObject({ kind: "limited" });
    expect(limited.kind === "limited" && limited.retryAfterS).toBeGreaterThan(800);
    expect(d.login("xa-quaito", secret, "10.0.2.1", t0 + 900_001).kind).toBe("ok");
    // Ten failures from one address over many names: that address is limited.
    for (let i = 0; i < 10; i++) d.login(`nobody-${i}`, "x", "10.9.9.9", t0 + i);
    expect(d.login("cu", "an-older-token-0123456789", "10.9.9.9", t0 + 100).kind).toBe("limited");

    // A changed secret ends the sessions begun before it.
    changeSecret(file, "xa-quaito", "a brand new secret", new Date(t0 + 10));
    accounts.refresh();
    expect(d.fromSession(sid, t0 + 20)).toBeUndefined();
    const again = d.login("xa-quaito", "a brand new secret", "10.0.3.1", t0 + 900_002);
    expect(again.kind).toBe("ok");
    removeAccount(file, "xa-quaito");
    accounts.refresh();
    expect(d.fromSession(again.kind === "ok" ? again.sessionId : "", t0 + 900_003)).toBeUndefined();
  }, 60_000); // some thirty scrypt hashes: slow on a busy machine

  it("refuses incomplete accounts and short secrets", () => {
    const file = tmp();
    expect(() => addAccount(file, { name: "x", role: "union_office" })).toThrow(/needs its unit/);
    expect(() => addAccount(file, { name: "x", role: "federation", secret: "short" })).toThrow(/12 characters/);
    expect(() => addAccount(file, { name: "a b", role: "federation" })).toThrow(/name/);
    expect(() => addAccount(file, { name: "x", role: "union_office", unit: "U'; DROP" })).toThrow(/letters, digits/);
    addAccount(file, { name: "x", role: "federation" });
    expect(() => addAccount(file, { name: "x", role: "federation" })).toThrow(/exists already/);
  });

  it("creates the demo accounts once, and shows their secrets only while they are still the secrets", () => {
    const file = tmp();
    const home = path.dirname(file);
    const first = ensureDemoAccount(file, home, { unit: "CD-DB-P-MUONGTHANH", displayName: "Công đoàn phường Mường Thanh" })!;
    expect(first.name).toBe("lien-doan-tinh");
    expect(first.office).toMatchObject({ name: "cong-doan-xa", unit: "CD-DB-P-MUONGTHANH" });
    expect(ensureDemoAccount(file, home)).toEqual(first);
    changeSecret(file, "cong-doan-xa", "office secret changed");
    expect(ensureDemoAccount(file, home)?.office).toBeUndefined();
    changeSecret(file, first.name, "changed by the operator");
    expect(ensureDemoAccount(file, home)).toBeUndefined();
  });
});
