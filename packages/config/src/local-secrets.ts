// Local-mode secrets: on a laptop nobody should have to invent an API key or an HMAC key before
// trying lrew, so they are generated once under LREW_HOME. Production sets LREW_API_KEYS and
// LREW_HMAC_KEY instead (the HMAC key must not live next to the data it protects).
import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AnalystToken, ApiKey, DashboardToken, LrewConfig } from "./config.ts";

function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  // Written whole under a temporary name, then linked into place (fails if the name exists): a
  // process started beside this one (a sink beside ingest) never reads a half-written key, and when
  // it made its own first, theirs is the one.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${value}\n`, { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return readFileSync(file, "utf8").trim();
  } finally {
    rmSync(tmp, { force: true });
  }
  return value;
}

export function localApiKeyFile(home: string): string {
  return path.join(home, "api-key");
}

export interface ResolvedSecrets {
  apiKeys: ApiKey[];
  hmacKey: string;
  /** True when the keys came from LREW_HOME rather than the environment. */
  localApiKey: boolean;
}

/** LREW_HMAC_KEY, else the local key in `$LREW_HOME/secrets/hmac-key` (generated once). */
function resolveHmacKey(config: LrewConfig): string {
  return config.ingest.hmacKey ?? readOrCreate(path.join(config.home, "secrets", "hmac-key"), () => randomBytes(32).toString("hex"));
}

export function resolveSecrets(config: LrewConfig): ResolvedSecrets {
  const hmacKey = resolveHmacKey(config);
  if (config.ingest.apiKeys) return { apiKeys: config.ingest.apiKeys, hmacKey, localApiKey: false };
  const key = readOrCreate(localApiKeyFile(config.home), () => `lrew_${randomBytes(24).toString("base64url")}`);
  return { apiKeys: [{ name: "local", key, streams: "*" }], hmacKey, localApiKey: true };
}

/** Where `./lrew start`'s local retired HMAC keys are kept, one per line (see hmacKeys). */
export function localRetiredHmacKeysFile(home: string): string {
  return path.join(home, "secrets", "hmac-retired-keys");
}

/**
 * Every HMAC key an erasure must try: the current one first, then the retired ones
 * (LREW_HMAC_RETIRED_KEYS and the lines of `$LREW_HOME/secrets/hmac-retired-keys`), without repeats.
 * Only the current one ever makes pseudonyms.
 */
export function hmacKeys(config: LrewConfig): { current: string; all: string[] } {
  const current = resolveHmacKey(config);
  const file = localRetiredHmacKeysFile(config.home);
  const local = existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.length > 0)
    : [];
  return { current, all: [...new Set([current, ...config.ingest.hmacRetiredKeys, ...local])] };
}

export function localAnalystTokenFile(home: string): string {
  return path.join(home, "analyst-token");
}

/** Analyst tokens of the query API: LREW_ANALYST_TOKENS, else one generated in `$LREW_HOME/analyst-token`. */
export function resolveAnalystTokens(config: LrewConfig): AnalystToken[] {
  if (config.analytics.tokens) return config.analytics.tokens;
  const token = readOrCreate(localAnalystTokenFile(config.home), () => `lrewa_${randomBytes(24).toString("base64url")}`);
  return [{ name: "local", token }];
}

export function localDashboardTokenFile(home: string): string {
  return path.join(home, "dashboard-token");
}

/** The staff tokens of the web dashboard: LREW_DASHBOARD_TOKENS, or one generated under LREW_HOME. */
export function resolveDashboardTokens(config: LrewConfig): { tokens: DashboardToken[]; local: boolean } {
  if (config.web.tokens) return { tokens: config.web.tokens, local: false };
  const token = readOrCreate(localDashboardTokenFile(config.home), () => `lrew_dash_${randomBytes(24).toString("base64url")}`);
  return { tokens: [{ name: "local", token }], local: true };
}

/** The key of the e-mails' acknowledgement links: LREW_CASE_LINK_KEY, or one generated under LREW_HOME. */
export function resolveCaseLinkKey(config: LrewConfig): string {
  return config.cases.linkKey ?? readOrCreate(path.join(config.home, "secrets", "case-link-key"), () => randomBytes(32).toString("hex"));
}
