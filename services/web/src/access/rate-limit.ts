// Failed logins, limited per key (an address, an account name): after `max` failures within
// `windowMs`, further attempts are refused until the oldest failure leaves the window. Pure: the
// caller passes the time. Memory stays bounded: old failures are dropped as keys are touched, and
// keys with none left are forgotten.
export interface LimitSettings {
  max: number;
  windowMs: number;
}

export class FailureLimiter {
  readonly #s: LimitSettings;
  readonly #failures = new Map<string, number[]>();

  constructor(s: LimitSettings) {
    this.#s = s;
  }

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((t) => t > now - this.#s.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, list);
    return list;
  }

  /** Seconds to wait before trying again (0: go ahead). */
  retryAfterS(key: string, now: number): number {
    const list = this.#recent(key, now);
    if (list.length < this.#s.max) return 0;
    const oldest = list[list.length - this.#s.max]!;
    return Math.max(1, Math.ceil((oldest + this.#s.windowMs - now) / 1000));
  }

  fail(key: string, now: number): void {
    const list = this.#recent(key, now);
    list.push(now);
    this.#failures.set(key, list);
  }

  /** A successful login clears the account's failures (never the address's: that one guards against guessing names). */
  clear(key: string): void {
    this.#failures.delete(key);
  }

  /** Keys tracked (for tests and metrics). */
  get size(): number {
    return this.#failures.size;
  }
}
