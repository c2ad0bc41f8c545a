// @lrew/web: the built-in dashboard (Fastify, server-rendered pages, ECharts).
export { buildWebApp, isPublicPath, type WebAppDeps } from "./app.ts";
export { startWeb, type StartWebOptions, type RunningWeb } from "./server.ts";
export { kafkaHealthSource, lagByTopic, type KafkaHealth, type KafkaHealthSource } from "./kafka-health.ts";
export { parseRiskFilters, riskQueryString, pageInfo, type RiskFilters } from "./filters.ts";
export { measurePages, type ListTiming, type PageTiming } from "./page-timings.ts";
export {
  ROLES,
  hashSecret,
  newSecret,
  scopeOf,
  staffOf,
  verifySecret,
  type Account,
  type Role,
  type Staff,
} from "./access/accounts.ts";
export { AccountsFile, readAccounts, writeAccounts } from "./access/accounts-file.ts";
export { StaffDirectory, type LoginResult } from "./access/directory.ts";
export { FailureLimiter } from "./access/rate-limit.ts";
export { SessionStore } from "./access/sessions.ts";
export {
  DEMO_ACCOUNT,
  DEMO_OFFICE_ACCOUNT,
  addAccount,
  changeSecret,
  ensureDemoAccount,
  removeAccount,
  type DemoLogin,
  type NewAccount,
} from "./access/manage.ts";
