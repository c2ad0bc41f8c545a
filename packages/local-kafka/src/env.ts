// Pure: the local broker's options from lrew's environment, for the CLI.
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import { DEFAULT_HEAP_MB, DEFAULT_KAFKA_PORT, KAFKA_VERSION, type LocalKafkaOptions } from "./options.ts";

/**
 * True when lrew should run its own broker: KAFKA_BROKERS is not set (a set KAFKA_BROKERS means
 * "use that Kafka"), or LREW_LOCAL_KAFKA=1 forces it.
 */
export function wantsLocalKafka(env: Record<string, string | undefined>): boolean {
  const forced = env.LREW_LOCAL_KAFKA?.trim().toLowerCase();
  if (forced && ["1", "true", "yes", "on"].includes(forced)) return true;
  if (forced && ["0", "false", "no", "off"].includes(forced)) return false;
  return !env.KAFKA_BROKERS?.trim();
}

function intVar(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`invalid configuration:\n  ${name}: expected a whole number ${min}-${max}, got ${raw}`);
  return n;
}

/**
 * Options for the local broker:
 * - `LREW_KAFKA_PORT` (default 9092) and `LREW_KAFKA_CONTROLLER_PORT` (default: the next port),
 * - `LREW_KAFKA_HEAP_MB` (default 512),
 * - jar cache `$LREW_TOOLS_DIR/kafka-4.1.1` (default `<root>/.tools`), data in `<home>/kafka`.
 * Throws ConfigError naming each bad variable.
 */
export function localKafkaOptionsFromEnv(
  env: Record<string, string | undefined>,
  where: { root: string; home: string },
): LocalKafkaOptions & { port: number; controllerPort: number; heapMb: number } {
  const port = intVar(env, "LREW_KAFKA_PORT", 1, 65535) ?? DEFAULT_KAFKA_PORT;
  const controllerPort = intVar(env, "LREW_KAFKA_CONTROLLER_PORT", 1, 65535) ?? port + 1;
  if (controllerPort > 65535)
    throw new ConfigError(
      `invalid configuration:\n  LREW_KAFKA_PORT: ${port} leaves no port for the controller; set LREW_KAFKA_CONTROLLER_PORT`,
    );
  if (controllerPort === port)
    throw new ConfigError(`invalid configuration:\n  LREW_KAFKA_CONTROLLER_PORT: must differ from LREW_KAFKA_PORT (${port})`);
  const heapMb = intVar(env, "LREW_KAFKA_HEAP_MB", 128, 65536) ?? DEFAULT_HEAP_MB;
  const tools = env.LREW_TOOLS_DIR?.trim() ? path.resolve(where.root, env.LREW_TOOLS_DIR.trim()) : path.join(where.root, ".tools");
  return {
    distDir: path.join(tools, `kafka-${KAFKA_VERSION}`),
    dataDir: path.join(where.home, "kafka"),
    infraDir: path.join(where.root, "infra", "kafka"),
    port,
    controllerPort,
    heapMb,
    portEnvVar: "LREW_KAFKA_PORT",
  };
}
