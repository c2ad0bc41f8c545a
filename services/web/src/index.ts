// @lrew/web: the built-in dashboard (Fastify, server-rendered pages, ECharts).
export { buildWebApp, isPublicPath, type WebAppDeps } from "./app.ts";
export { startWeb, type StartWebOptions, type RunningWeb } from "./server.ts";
export { kafkaHealthSource, lagByTopic, type KafkaHealth, type KafkaHealthSource } from "./kafka-health.ts";
export { parseRiskFilters, riskQueryString, pageInfo, type RiskFilters } from "./filters.ts";
