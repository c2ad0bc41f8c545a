// API keys: compared in constant time over SHA-256 digests, so neither the content nor the length
// of a configured key leaks through response timing. Logs and metrics name a key, never show it.
import { timingSafeEqual } from "node:crypto";
import type { ApiKey } from "@lrew/config";
import { digest } from "@lrew/http";

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
