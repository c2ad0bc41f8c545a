// API keys: compared in constant time over SHA-256 digests, so neither the content nor the length
// of a configured key leaks through response timing. Logs and metrics name a key, never show it.
import { createHash, timingSafeEqual } from "node:crypto";
import type { ApiKey } from "@lrew/config";

function digest(s: string): Buffer {
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

export class ApiKeyRing {
  readonly #keys: ReadonlyArray<{ key: ApiKey; digest: Buffer }>;

  constructor(keys: readonly ApiKey[]) {
    this.#keys = keys.map((key) => ({ key, digest: digest(key.key) }));
  }

  /** The configured key matching `token`. Every key is compared, so the time does not say which one matched. */
  find(token: string | undefined): ApiKey | undefined {
    if (token === undefined) return undefined;
    const presented = digest(token);
    let found: ApiKey | undefined;
    for (const k of this.#keys) {
      if (timingSafeEqual(presented, k.digest) && found === undefined) found = k.key;
    }
    return found;
  }
}

export function mayPost(key: ApiKey, stream: string): boolean {
  return key.streams === "*" || key.streams.includes(stream);
}
