// Who may log in, and who a request is: accounts from the accounts file, plus the older
// LREW_DASHBOARD_TOKENS entries, each a federation-wide account (its name, the token as its secret),
// so existing setups keep working. Failed logins are limited per address and per account name;
// sessions are the server's (SessionStore), ended by logout, expiry, removal of the account or a
// change of its secret.
import type { DashboardToken } from "@lrew/config";
import { safeEqual } from "@lrew/http";
import { type Account, type Staff, staffOf, verifySecret } from "./accounts.ts";
import type { AccountsFile } from "./accounts-file.ts";
import { FailureLimiter, type LimitSettings } from "./rate-limit.ts";
import { SessionStore } from "./sessions.ts";

export type LoginResult = { kind: "ok"; staff: Staff; sessionId: string } | { kind: "failed" } | { kind: "limited"; retryAfterS: number };

export interface DirectoryOptions {
  accounts?: AccountsFile | undefined;
  /** LREW_DASHBOARD_TOKENS (or the local token): federation-wide logins. */
  tokens?: readonly DashboardToken[] | undefined;
  limits: LimitSettings;
  sessionMs: number;
}

function tokenStaff(t: DashboardToken): Staff {
  return { name: t.name, displayName: t.name, role: "federation", scope: { kind: "all" } };
}

export class StaffDirectory {
  readonly #accounts: AccountsFile | undefined;
  readonly #tokens: readonly DashboardToken[];
  readonly #byAddress: FailureLimiter;
  readonly #byAccount: FailureLimiter;
  readonly sessions: SessionStore;

  constructor(o: DirectoryOptions) {
    this.#accounts = o.accounts;
    this.#tokens = o.tokens ?? [];
    this.#byAddress = new FailureLimiter(o.limits);
    this.#byAccount = new FailureLimiter(o.limits);
    this.sessions = new SessionStore(o.sessionMs);
  }

  #account(name: string, now: number): Account | undefined {
    return this.#accounts?.get(name, now);
  }

  /** Name + secret → a new session, a failure, or a refusal while too many failures are recent. */
  login(name: string, secret: string, address: string, now = Date.now()): LoginResult {
    const wait = Math.max(this.#byAddress.retryAfterS(address, now), this.#byAccount.retryAfterS(name, now));
    if (wait > 0) return { kind: "limited", retryAfterS: wait };
    const staff = this.check(name, secret, now);
    if (!staff) {
      this.#byAddress.fail(address, now);
      this.#byAccount.fail(name, now);
      return { kind: "failed" };
    }
    this.#byAccount.clear(name);
    return { kind: "ok", staff, sessionId: this.sessions.begin(staff.name, now) };
  }

  /** Name + secret → who, without a session (the query API's Basic authentication). Not limited: callers limit. */
  check(name: string, secret: string, now = Date.now()): Staff | undefined {
    const account = this.#account(name, now);
    // Always one scrypt, whether or not the account exists: timing says nothing about names.
    const ok = verifySecret(secret, account?.secret);
    if (account) return ok ? staffOf(account) : undefined;
    let token: DashboardToken | undefined;
    for (const t of this.#tokens) if (t.name === name && safeEqual(t.token, secret) && token === undefined) token = t;
    return token ? tokenStaff(token) : undefined;
  }

  limitedFor(name: string, address: string, now = Date.now()): number {
    return Math.max(this.#byAddress.retryAfterS(address, now), this.#byAccount.retryAfterS(name, now));
  }

  recordFailure(name: string, address: string, now = Date.now()): void {
    this.#byAddress.fail(address, now);
    this.#byAccount.fail(name, now);
  }

  /** The staff member of a session id, unless it expired, or the account was removed or its secret changed since it began. */
  fromSession(id: string | undefined, now = Date.now()): Staff | undefined {
    const s = this.sessions.get(id, now);
    if (!s) return undefined;
    const account = this.#account(s.name, now);
    if (account) {
      if (Date.parse(account.secret_set_at) > s.startedMs) {
        this.sessions.end(id);
        return undefined;
      }
      return staffOf(account);
    }
    const token = this.#tokens.find((t) => t.name === s.name);
    if (token) return tokenStaff(token);
    this.sessions.end(id);
    return undefined;
  }

  /** `Authorization: Bearer <token>` of the older token setups (scripts): federation-wide. */
  fromBearer(given: string): Staff | undefined {
    let owner: DashboardToken | undefined;
    for (const t of this.#tokens) if (safeEqual(t.token, given) && owner === undefined) owner = t;
    return owner ? tokenStaff(owner) : undefined;
  }

  logout(id: string | undefined): void {
    this.sessions.end(id);
  }
}
