// Pseudonymous references: the same complainant always gets the same token (so repeated grievances
// from one person can be linked), yet nobody without the key can go back from token to person.
import { createHmac } from "node:crypto";

/** Version prefix of the token scheme: HMAC-SHA256 over the normalised reference, hex. */
export const HMAC_REF_PREFIX = "h1:";

const TOKEN = /^h1:[0-9a-f]{64}$/;

/** True for a token produced by {@link hmacRef} (any key). */
export function isHmacRef(value: string): boolean {
  return TOKEN.test(value);
}

/** NFC, trimmed, inner whitespace runs collapsed to one space: how a reference is compared. */
export function normaliseRef(ref: string): string {
  return ref.normalize("NFC").trim().replace(/\s+/gu, " ");
}

function requireKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) throw new TypeError("anonymity: the HMAC key must be a non-empty string");
}

/**
 * Keyed, versioned pseudonym of a complainant reference: `h1:` + hex HMAC-SHA256(key, normalised ref).
 * The key is used as its UTF-8 bytes. A value that already is an `h1:` token is returned unchanged,
 * so replaying an anonymised record (e.g. from the dead-letter topic) does not hash it twice.
 */
export function hmacRef(ref: string, key: string): string {
  requireKey(key);
  if (isHmacRef(ref)) return ref;
  return HMAC_REF_PREFIX + createHmac("sha256", key).update(normaliseRef(ref), "utf8").digest("hex");
}

/**
 * Short keyed pseudonym for identifiers with a length limit (e.g. `grievance_id`, at most 64
 * characters) that turned out to contain personal data: `p1:` + 40 hex characters.
 */
export function hmacShort(value: string, key: string): string {
  requireKey(key);
  return `p1:${createHmac("sha256", key).update(normaliseRef(value), "utf8").digest("hex").slice(0, 40)}`;
}
