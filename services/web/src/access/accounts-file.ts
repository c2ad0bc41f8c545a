// The accounts file ($LREW_HOME/accounts.json, LREW_ACCOUNTS_FILE): read by the web server, which
// notices changes (`./lrew accounts passwd` while it runs) by the file's modification time, and
// written by `./lrew accounts` atomically (a temporary file renamed over it), readable by its owner only.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import { type Account, accountsFileSchema } from "./accounts.ts";

export function readAccounts(file: string): Account[] {
  if (!existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(`accounts file ${file}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const r = accountsFileSchema.safeParse(json);
  if (!r.success) {
    throw new ConfigError(`accounts file ${file}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const names = new Set<string>();
  for (const a of r.data.accounts) {
    if (names.has(a.name)) throw new ConfigError(`accounts file ${file}: the name ${a.name} is used twice`);
    names.add(a.name);
  }
  return r.data.accounts;
}

export function writeAccounts(file: string, accounts: readonly Account[]): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** The accounts as the file holds them now, re-read when it changed (checked at most once a second, and on an unknown name). */
export class AccountsFile {
  readonly file: string;
  #accounts: Map<string, Account> = new Map();
  #stamp = "";
  #checkedMs = 0;

  constructor(file: string) {
    this.file = file;
    this.#reload();
  }

  #reload(): void {
    const st = existsSync(this.file) ? statSync(this.file) : undefined;
    const stamp = st ? `${st.mtimeMs}:${st.size}:${st.ino}` : "";
    if (stamp === this.#stamp) return;
    this.#accounts = new Map(readAccounts(this.file).map((a) => [a.name, a]));
    this.#stamp = stamp;
  }

  get(name: string, now = Date.now()): Account | undefined {
    // A name not (yet) known is looked up in the file as it is now: an account just added works at once.
    if (now - this.#checkedMs >= 1000 || !this.#accounts.has(name)) {
      this.#checkedMs = now;
      this.#reload();
    }
    return this.#accounts.get(name);
  }

  /** Re-reads now (tests, and the CLI's own changes). */
  refresh(): void {
    this.#checkedMs = Date.now();
    this.#reload();
  }

  all(): Account[] {
    return [...this.#accounts.values()];
  }
}
