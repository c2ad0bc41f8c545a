export * from "./logger.ts";
export * from "./metrics.ts";
export * from "./ops-server.ts";
export * from "./lifecycle.ts";
export * from "./faults.ts";
