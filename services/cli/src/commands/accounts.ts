// `./lrew accounts add|list|passwd|remove`: staff accounts in $LREW_HOME/accounts.json
// (LREW_ACCOUNTS_FILE). A new secret is printed once; only its scrypt hash is kept. A running web
// server notices the change within a second: a changed secret or a removed account ends its sessions.
import { readFileSync } from "node:fs";
import { ROLES, addAccount, changeSecret, readAccounts, removeAccount, type Role } from "@lrew/web";
import type { CliContext } from "../context.ts";

export interface AccountAddOptions {
  role: string;
  displayName?: string;
  unit?: string;
  areas?: string;
  secretStdin?: boolean;
}

const stdinSecret = (yes: boolean | undefined) => (yes ? readFileSync(0, "utf8").split("\n")[0]!.trim() : undefined);

function role(r: string): Role {
  if (!(ROLES as readonly string[]).includes(r)) throw new Error(`--role must be one of ${ROLES.join(", ")}`);
  return r as Role;
}

export function accountsAddCommand(ctx: CliContext, name: string, o: AccountAddOptions): number {
  const vi = ctx.lang === "vi";
  const { account, secret } = addAccount(ctx.config.web.accountsFile, {
    name,
    role: role(o.role),
    displayName: o.displayName,
    unit: o.unit,
    areas: o.areas
      ?.split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    secret: stdinSecret(o.secretStdin),
  });
  console.log(vi ? `đã tạo tài khoản ${account.name} (${account.role})` : `account ${account.name} (${account.role}) added`);
  if (!o.secretStdin) console.log(`${vi ? "mật khẩu (chỉ hiện một lần)" : "secret (shown once)"}: ${secret}`);
  return 0;
}

export function accountsListCommand(ctx: CliContext): number {
  const accounts = readAccounts(ctx.config.web.accountsFile);
  if (accounts.length === 0) {
    console.log(ctx.lang === "vi" ? `chưa có tài khoản (${ctx.config.web.accountsFile})` : `no accounts (${ctx.config.web.accountsFile})`);
    return 0;
  }
  for (const a of accounts) {
    const scope = a.role === "union_office" ? a.unit : a.areas?.length ? a.areas.join(",") : "*";
    console.log([a.name.padEnd(24), a.role.padEnd(13), String(scope).padEnd(24), a.display_name, `(${a.secret_set_at})`].join(" "));
  }
  return 0;
}

export function accountsPasswdCommand(ctx: CliContext, name: string, o: { secretStdin?: boolean }): number {
  const secret = changeSecret(ctx.config.web.accountsFile, name, stdinSecret(o.secretStdin));
  const vi = ctx.lang === "vi";
  console.log(vi ? `đã đổi mật khẩu của ${name}; các phiên cũ kết thúc` : `secret of ${name} changed; its sessions end`);
  if (!o.secretStdin) console.log(`${vi ? "mật khẩu mới (chỉ hiện một lần)" : "new secret (shown once)"}: ${secret}`);
  return 0;
}

export function accountsRemoveCommand(ctx: CliContext, name: string): number {
  removeAccount(ctx.config.web.accountsFile, name);
  console.log(ctx.lang === "vi" ? `đã xóa tài khoản ${name}` : `account ${name} removed`);
  return 0;
}
