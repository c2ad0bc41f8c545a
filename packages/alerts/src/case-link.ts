// The acknowledgement link of an alert e-mail: a signed, single-purpose, expiring token that lets
// the recipient acknowledge that one case without a password. It says which alert, enterprise and
// unit, what it is for (`ack`, nothing else) and until when; the HMAC covers all of it. Opening the
// link shows a confirmation page; only its POST acknowledges (mail scanners follow links). Pure.
import { createHmac, timingSafeEqual } from "node:crypto";

export const CASE_LINK_PURPOSE = "ack";

export interface CaseLinkClaims {
  purpose: typeof CASE_LINK_PURPOSE;
  alert_id: string;
  enterprise_id: string;
  /** The unit the e-mail went to: the acknowledgement is recorded for it. */
  unit_id: string;
  /** The address the e-mail went to (the officer, for lack of a login). */
  recipient: string;
  /** Expiry, epoch milliseconds. */
  exp: number;
}

function mac(key: string, payload: string): Buffer {
  // A key of its own for links, derived so that one secret cannot be replayed as another's MAC.
  return createHmac("sha256", createHmac("sha256", key).update("lrew.case-link.v1").digest()).update(payload).digest();
}

/** The token: base64url(JSON claims) "." base64url(HMAC). */
export function signCaseLink(claims: Omit<CaseLinkClaims, "purpose">, key: string): string {
  const payload = Buffer.from(JSON.stringify({ purpose: CASE_LINK_PURPOSE, ...claims })).toString("base64url");
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

export type CaseLinkCheck =
  | { ok: true; claims: CaseLinkClaims }
  | { ok: false; why: "malformed" | "bad_signature" | "expired" | "wrong_purpose" };

/** Checks a token's signature (constant time), purpose and expiry at `now` (epoch ms). */
export function verifyCaseLink(token: string, key: string, now: number): CaseLinkCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!))
    return { ok: false, why: "malformed" };
  const [payload, signature] = parts as [string, string];
  const expected = mac(key, payload);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: "bad_signature" };
  let claims: CaseLinkClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as CaseLinkClaims;
  } catch {
    return { ok: false, why: "malformed" };
  }
  if (claims.purpose !== CASE_LINK_PURPOSE) return { ok: false, why: "wrong_purpose" };
  if (typeof claims.exp !== "number" || !(now < claims.exp)) return { ok: false, why: "expired" };
  return { ok: true, claims };
}

/** The link's URL on the dashboard: `<base>/cases/ack?t=<token>`. */
export function caseLinkUrl(dashboardUrl: string, token: string): string {
  return `${dashboardUrl.replace(/\/$/, "")}/cases/ack?t=${encodeURIComponent(token)}`;
}
