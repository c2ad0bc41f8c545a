// The CLI's view of the local broker: jars in .tools/, data in $LREW_HOME/kafka, ports and heap
// from LREW_KAFKA_PORT / LREW_KAFKA_CONTROLLER_PORT / LREW_KAFKA_HEAP_MB.
import { localKafkaOptionsFromEnv, type LocalKafkaOptions } from "@lrew/local-kafka";
import type { CliContext } from "../context.ts";

export function localKafkaOptions(ctx: CliContext, onProgress?: (msg: string) => void): LocalKafkaOptions {
  const o = localKafkaOptionsFromEnv(process.env, { root: ctx.root, home: ctx.config.home });
  return onProgress ? { ...o, onProgress } : o;
}
