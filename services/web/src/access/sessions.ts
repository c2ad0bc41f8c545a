// Sessions held by the server: the cookie carries a random id, the server keeps who it is and until
// when. Logout ends the session; a changed secret ends every session of that account begun before
// the change (the store checks `secret_set_at` on each request); expired sessions are swept.
// In memory: a restart of the web server logs everybody out.
import { randomBytes } from "node:crypto";

export interface Session {
  name: string;
  /** When it was begun (ms since epoch). */
  startedMs: number;
  expiresMs: number;
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #lifeMs: number;

  constructor(lifeMs: number) {
    this.#lifeMs = lifeMs;
  }

  begin(name: string, now: number): string {
    this.#sweep(now);
    const id = randomBytes(32).toString("base64url");
    this.#sessions.set(id, { name, startedMs: now, expiresMs: now + this.#lifeMs });
    return id;
  }

  /** The session of an id, unless unknown or expired. */
  get(id: string | undefined, now: number): Session | undefined {
    if (!id) return undefined;
    const s = this.#sessions.get(id);
    if (!s) return undefined;
    if (s.expiresMs <= now) {
      this.#sessions.delete(id);
      return undefined;
    }
    return s;
  }

  end(id: string | undefined): void {
    if (id) this.#sessions.delete(id);
  }

  /** Ends every session of an account (removed, or its secret changed). */
  endAllOf(name: string): number {
    let n = 0;
    for (const [id, s] of this.#sessions) {
      if (s.name === name) {
        this.#sessions.delete(id);
        n++;
      }
    }
    return n;
  }

  #sweep(now: number): void {
    for (const [id, s] of this.#sessions) if (s.expiresMs <= now) this.#sessions.delete(id);
  }

  get size(): number {
    return this.#sessions.size;
  }
}
