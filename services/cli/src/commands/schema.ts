import { STREAM_NAMES, isStreamName, jsonSchemaOf } from "@lrew/contracts";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

export function schemaCommand(ctx: CliContext, stream: string): number {
  if (!isStreamName(stream)) {
    console.error(`lrew: ${t("unknownStream", ctx.lang)}: ${STREAM_NAMES.join(", ")}`);
    return 2;
  }
  console.log(JSON.stringify(jsonSchemaOf(stream), null, 2));
  return 0;
}
