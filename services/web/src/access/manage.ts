// Managing accounts (what `./lrew accounts` does), and the demo account of `./lrew start`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BadInputError } from "@lrew/errors";
import { type Account, accountSchema, hashSecret, newSecret, type Role, verifySecret } from "./accounts.ts";
import { readAccounts, writeAccounts } from "./accounts-file.ts";

export interface NewAccount {
  name: string;
  role: Role;
  displayName?: string | undefined;
  unit?: string | undefined;
  areas?: readonly string[] | undefined;
  /** Given: this secret (at least 12 characters); absent: a new random one. */
  secret?: string | undefined;
}

function checkSecret(secret: string): void {
  if (secret.length < 12) throw new BadInputError("a secret needs at least 12 characters");
}

/** Adds an account; returns the secret to hand over (shown once: only its hash is kept). */
export function addAccount(file: string, n: NewAccount, now = new Date()): { account: Account; secret: string } {
  const accounts = readAccounts(file);
  if (accounts.some((a) => a.name === n.name)) throw new BadInputError(`an account named ${n.name} exists already`);
  const secret = n.secret ?? newSecret();
  checkSecret(secret);
  const r = accountSchema.safeParse({
    name: n.name,
    display_name: n.displayName ?? n.name,
    role: n.role,
    ...(n.unit ? { unit: n.unit } : {}),
    ...(n.areas && n.areas.length > 0 ? { areas: [...n.areas] } : {}),
    secret: hashSecret(secret),
    secret_set_at: now.toISOString(),
  });
  if (!r.success) throw new BadInputError(r.error.issues.map((i) => `${i.path.join(".") || "account"}: ${i.message}`).join("; "));
  writeAccounts(file, [...accounts, r.data]);
  return { account: r.data, secret };
}

/** A new secret for an account: every session begun before it ends. */
export function changeSecret(file: string, name: string, secret?: string, now = new Date()): string {
  const accounts = readAccounts(file);
  const a = accounts.find((x) => x.name === name);
  if (!a) throw new BadInputError(`no account named ${name}`);
  const s = secret ?? newSecret();
  checkSecret(s);
  a.secret = hashSecret(s);
  a.secret_set_at = now.toISOString();
  writeAccounts(file, accounts);
  return s;
}

export function removeAccount(file: string, name: string): void {
  const accounts = readAccounts(file);
  if (!accounts.some((a) => a.name === name)) throw new BadInputError(`no account named ${name}`);
  writeAccounts(
    file,
    accounts.filter((a) => a.name !== name),
  );
}

export const DEMO_ACCOUNT = "lien-doan-tinh";
export const DEMO_OFFICE_ACCOUNT = "cong-doan-xa";

export interface DemoLogin {
  name: string;
  secret: string;
  file: string;
  /** A union office's demo account, when a unit was given: it sees only what that unit answers for. */
  office?: { name: string; secret: string; unit: string };
}

/**
 * `./lrew start`: with no account at all, a federation-wide demo account (and, given a unit, a union
 * office's), their secrets kept in `$LREW_HOME/demo-login` (readable by the owner only) so the banner
 * can show them on every start. Undefined when accounts exist and the demo's secret is no longer the
 * one in the file (changed with `./lrew accounts passwd`), or there is no demo account.
 */
export function ensureDemoAccount(
  accountsFile: string,
  home: string,
  office?: { unit: string; displayName: string },
): DemoLogin | undefined {
  const file = path.join(home, "demo-login");
  const accounts = readAccounts(accountsFile);
  if (accounts.length === 0) {
    const { secret } = addAccount(accountsFile, {
      name: DEMO_ACCOUNT,
      role: "federation",
      displayName: "Liên đoàn Lao động tỉnh (thử / demo)",
    });
    const lines = [DEMO_ACCOUNT, secret];
    let demoOffice: DemoLogin["office"];
    if (office) {
      const made = addAccount(accountsFile, {
        name: DEMO_OFFICE_ACCOUNT,
        role: "union_office",
        unit: office.unit,
        displayName: office.displayName,
      });
      demoOffice = { name: DEMO_OFFICE_ACCOUNT, secret: made.secret, unit: office.unit };
      lines.push(DEMO_OFFICE_ACCOUNT, made.secret);
    }
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
    return { name: DEMO_ACCOUNT, secret, file, ...(demoOffice ? { office: demoOffice } : {}) };
  }
  const demo = accounts.find((a) => a.name === DEMO_ACCOUNT);
  if (!demo || !existsSync(file)) return undefined;
  const [name, secret, officeName, officeSecret] = readFileSync(file, "utf8").split("\n");
  // Its secret changed since (`./lrew accounts passwd`): the file no longer tells the truth.
  if (name !== DEMO_ACCOUNT || !secret || !verifySecret(secret, demo.secret)) return undefined;
  const o = accounts.find((a) => a.name === officeName);
  const stillOffice = o && officeSecret && o.unit && verifySecret(officeSecret, o.secret);
  return { name, secret, file, ...(stillOffice ? { office: { name: o.name, secret: officeSecret, unit: o.unit! } } : {}) };
}
