// Writes the JSON Schema of every v1 stream to docs/schemas/<topic>.json, for data providers who
// do not use TypeScript. Run after changing a contract:
//   ./lrew pnpm exec node packages/contracts/src/write-json-schemas.ts [dir]
// A unit test (json-schema.test.ts) fails when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { jsonSchemaOf } from "./json-schema.ts";
import { STREAM_NAMES, topicOf } from "./streams.ts";

/** docs/schemas at the root of the workspace. */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL("../../../docs/schemas/", import.meta.url));

/** The exact text written for a stream's schema: pretty JSON with a trailing newline. */
export function jsonSchemaText(stream: (typeof STREAM_NAMES)[number]): string {
  return `${JSON.stringify(jsonSchemaOf(stream), null, 2)}\n`;
}

/** Writes `<dir>/<topic>.json` for every stream; returns the paths written. */
export function writeJsonSchemas(dir: string = DEFAULT_SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return STREAM_NAMES.map((stream) => {
    const file = join(dir, `${topicOf(stream)}.json`);
    writeFileSync(file, jsonSchemaText(stream), "utf8");
    return file;
  });
}

const runAsScript =
  (import.meta as { main?: boolean }).main ??
  (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url));

if (runAsScript) {
  for (const file of writeJsonSchemas(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_SCHEMA_DIR)) {
    process.stdout.write(`wrote ${file}\n`);
  }
}
