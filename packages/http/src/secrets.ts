// Comparing secrets a caller presents (API keys, dashboard and analyst tokens, session signatures)
// so that response timing reveals neither their content nor their length.
import { createHash, timingSafeEqual } from "node:crypto";

/** SHA-256 of a string: equal-length inputs for timingSafeEqual, whatever the lengths given. */
export function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

/** Constant-time equality of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
