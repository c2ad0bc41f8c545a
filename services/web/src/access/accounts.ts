// Staff accounts (pure apart from scrypt, which is CPU only): who a member of staff is, their role,
// what they may see, and their secret — stored only as an scrypt hash (node:crypto).
//   federation    every area;
//   union_office  the areas its union unit answers for, and those of the units below it (today);
//   analyst       every area, or only the listed areas (and the areas inside them).
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Scope } from "@lrew/warehouse";

export const ROLES = ["federation", "union_office", "analyst"] as const;
export type Role = (typeof ROLES)[number];

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "letters, digits, '.', '_' and '-' only");
export const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export const accountSchema = z
  .strictObject({
    name: z.string().regex(ACCOUNT_NAME, "name: letters, digits, '.', '_', '@', '-' (at most 64)"),
    display_name: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    /** union_office: its union unit. */
    unit: code.optional(),
    /** analyst: the areas it may read (empty or absent: all). */
    areas: z.array(code).max(200).optional(),
    /** scrypt$N$r$p$salt$hash (base64url). */
    secret: z.string().startsWith("scrypt$"),
    /** When the secret was last set (ISO time): sessions started before it end. */
    secret_set_at: z.string(),
  })
  .refine((a) => a.role !== "union_office" || a.unit !== undefined, { message: "a union_office account needs its unit", path: ["unit"] });
export type Account = z.infer<typeof accountSchema>;

export const accountsFileSchema = z.strictObject({ accounts: z.array(accountSchema) });

/** Who is logged in, as the pages and the scope need it. */
export interface Staff {
  name: string;
  displayName: string;
  role: Role;
  scope: Scope;
}

const N = 16_384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

export function hashSecret(secret: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(secret.normalize("NFC"), salt, KEY_LENGTH, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

/** A hash no secret matches: verified against when the account does not exist, so both take as long. */
const NOBODY = hashSecret(randomBytes(24).toString("base64url"));

/** Whether `secret` matches a stored hash (constant-time); a malformed hash matches nothing. */
export function verifySecret(secret: string, stored: string | undefined): boolean {
  const parts = (stored ?? NOBODY).split("$");
  const [kind, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || kind !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((x) => Number.isInteger(x) && x > 0) || params.N > 1 << 20) return false;
  const got = scryptSync(secret.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, params);
  return timingSafeEqual(got, expected) && stored !== undefined;
}

/** A new secret to hand to a person: 24 random characters. */
export function newSecret(): string {
  return randomBytes(18).toString("base64url");
}

/** What an account may see. */
export function scopeOf(a: Pick<Account, "role" | "unit" | "areas">): Scope {
  if (a.role === "union_office") return { kind: "units", units: [a.unit!] };
  if (a.role === "analyst" && a.areas && a.areas.length > 0) return { kind: "areas", areas: a.areas };
  return { kind: "all" };
}

export function staffOf(a: Account): Staff {
  return { name: a.name, displayName: a.display_name, role: a.role, scope: scopeOf(a) };
}
