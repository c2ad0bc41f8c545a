export * from "./config.ts";
export * from "./local-secrets.ts";
export { spliceGenerated } from "./write-configuration-doc.ts";
