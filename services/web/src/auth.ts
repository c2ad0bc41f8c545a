// Cookies and where to send people after logging in (pure). Who is logged in is the server's
// business (access/directory.ts): the session cookie holds only a random session id.

export const SESSION_COOKIE = "lrew_session";
export const LANG_COOKIE = "lrew_lang";

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
