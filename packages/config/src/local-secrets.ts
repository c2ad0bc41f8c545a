// Local-mode secrets: on a laptop nobody should have to invent an API key or an HMAC key before
// trying lrew, so they are generated once under LREW_HOME. Production sets LREW_API_KEYS and
// LREW_HMAC_KEY instead (the HMAC key must not live next to the data it protects).
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { AnalystToken, ApiKey, DashboardToken, LrewConfig } from "./config.ts";

function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: "wx" });
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

export function resolveSecrets(config: LrewConfig): ResolvedSecrets {
  const hmacKey =
    config.ingest.hmacKey ?? readOrCreate(path.join(config.home, "secrets", "hmac-key"), () => randomBytes(32).toString("hex"));
  if (config.ingest.apiKeys) return { apiKeys: config.ingest.apiKeys, hmacKey, localApiKey: false };
  const key = readOrCreate(localApiKeyFile(config.home), () => `lrew_${randomBytes(24).toString("base64url")}`);
  return { apiKeys: [{ name: "local", key, streams: "*" }], hmacKey, localApiKey: true };
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
