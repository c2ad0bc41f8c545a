export * from "./config.ts";
export * from "./local-secrets.ts";
