import { renderDictionary, schemaFromMigrations } from "@lrew/analytics";
import { STREAM_NAMES, isStreamName, jsonSchemaOf } from "@lrew/contracts";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

/** With a stream: its JSON Schema. Without: the analysts' data dictionary (docs/data-dictionary.md). */
export async function schemaCommand(ctx: CliContext, stream: string | undefined): Promise<number> {
  if (stream === undefined) {
    process.stdout.write(renderDictionary(await schemaFromMigrations()));
    return 0;
  }
  if (!isStreamName(stream)) {
    console.error(`lrew: ${t("unknownStream", ctx.lang)}: ${STREAM_NAMES.join(", ")}`);
    return 2;
  }
  console.log(JSON.stringify(jsonSchemaOf(stream), null, 2));
  return 0;
}
