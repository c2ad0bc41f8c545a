// The CLI's view of the local broker: where its jars and data live for this checkout.
import path from "node:path";
import type { LocalKafkaOptions } from "@lrew/local-kafka";
import type { CliContext } from "../context.ts";

export const KAFKA_VERSION = "4.1.1";

export function localKafkaOptions(ctx: CliContext, onProgress?: (msg: string) => void): LocalKafkaOptions {
  return {
    distDir: path.join(process.env.LREW_TOOLS_DIR ?? path.join(ctx.root, ".tools"), `kafka-${KAFKA_VERSION}`),
    dataDir: path.join(ctx.config.home, "kafka"),
    infraDir: path.join(ctx.root, "infra", "kafka"),
    port: ctx.config.kafka.localPort,
    controllerPort: ctx.config.kafka.localControllerPort,
    ...(onProgress ? { onProgress } : {}),
  };
}
