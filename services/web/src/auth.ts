// Staff access to the dashboard (pure parts). A staff member logs in with a token; the session
// cookie then holds `<name>.<HMAC(token, name)>`, so the server keeps no session store, the token
// itself never sits in the cookie, and changing a token ends its sessions. Every comparison of
// secrets is constant-time.
import { createHmac } from "node:crypto";
import type { DashboardToken } from "@lrew/config";
import { safeEqual } from "@lrew/http";

export const SESSION_COOKIE = "lrew_session";
export const LANG_COOKIE = "lrew_lang";
/** Sessions last a working week; then staff log in again. */
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

/** The staff member whose token this is, or undefined. Checks every token, never stopping early. */
export function tokenOwner(tokens: readonly DashboardToken[], given: string): string | undefined {
  let owner: string | undefined;
  for (const t of tokens) if (safeEqual(t.token, given) && owner === undefined) owner = t.name;
  return owner;
}

function signature(token: string, name: string): string {
  return createHmac("sha256", token).update(`lrew-dashboard-session:${name}`).digest("base64url");
}

export function sessionValue(tokens: readonly DashboardToken[], name: string): string {
  const t = tokens.find((x) => x.name === name);
  if (!t) throw new RangeError(`no dashboard token named ${name}`);
  return `${name}.${signature(t.token, name)}`;
}

/** The staff member of a session cookie value, or undefined when it is not one of ours. */
export function sessionOwner(tokens: readonly DashboardToken[], value: string | undefined): string | undefined {
  if (!value) return undefined;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const name = value.slice(0, dot);
  const t = tokens.find((x) => x.name === name);
  if (!t) return undefined;
  return safeEqual(value.slice(dot + 1), signature(t.token, name)) ? name : undefined;
}

/** Cookies of a Cookie header (first value of each name wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    if (k in out) continue;
    try {
      out[k] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // a malformed value is ignored, as if absent
    }
  }
  return out;
}

export function cookie(name: string, value: string, o: { maxAgeS: number; httpOnly: boolean; secure: boolean }): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    `Max-Age=${o.maxAgeS}`,
    "SameSite=Strict",
    ...(o.httpOnly ? ["HttpOnly"] : []),
    ...(o.secure ? ["Secure"] : []),
  ].join("; ");
}

const SAME_SITE = "http://lrew.invalid";

/**
 * Where to go after logging in or switching language: only a path of this site, re-serialised by the
 * WHATWG URL parser (what browsers use). Refused outright, as `/`: anything not starting with one
 * `/`, control characters and whitespace (browsers drop tabs and newlines, so `/\t/evil.example`
 * reads `//evil.example`), and backslashes (read as `/`). Whatever is left must resolve to this site.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > 2048) return "/";
  if (/[\p{Cc}\s\\]/u.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, SAME_SITE);
  } catch {
    return "/";
  }
  if (url.origin !== SAME_SITE) return "/";
  const local = `${url.pathname}${url.search}${url.hash}`;
  return local.startsWith("/") && !local.startsWith("//") ? local : "/";
}
