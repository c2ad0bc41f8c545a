// Readiness: the broker answers a Kafka Metadata request with itself as a live broker and a controller.
import { setTimeout as sleep } from "node:timers/promises";
import { RetryableError } from "@lrew/errors";
import { brokerLogTail } from "./logs.ts";
import { LOCAL_KAFKA_HOST, type LocalKafkaOptions } from "./options.ts";
import { fetchKafkaMetadata, type KafkaMetadata } from "./probe.ts";
import { isAlive } from "./processes.ts";

function isReady(md: KafkaMetadata, port: number): boolean {
  return md.brokers.some((b) => b.port === port) && md.controllerId >= 0;
}

export async function probeReady(port: number): Promise<KafkaMetadata | undefined> {
  try {
    const md = await fetchKafkaMetadata(LOCAL_KAFKA_HOST, port, 2000);
    return isReady(md, port) ? md : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until the broker answers Metadata with itself as a live broker, the process dies, or time runs out. */
export async function waitReady(
  o: LocalKafkaOptions,
  pid: number,
  port: number,
  timeoutMs: number,
  exited: () => string | undefined,
): Promise<KafkaMetadata> {
  const deadline = Date.now() + timeoutMs;
  let lastNote = Date.now();
  for (;;) {
    const md = await probeReady(port);
    if (md) return md;
    const exit = exited() ?? (isAlive(pid) ? undefined : "exited");
    if (exit) {
      throw new RetryableError(
        `the local Kafka broker (pid ${pid}) ${exit} before it became ready on ${LOCAL_KAFKA_HOST}:${port}\n${await brokerLogTail(o)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new RetryableError(
        `the local Kafka broker (pid ${pid}) did not become ready on ${LOCAL_KAFKA_HOST}:${port} within ${Math.round(timeoutMs / 1000)} s\n${await brokerLogTail(o)}`,
      );
    }
    if (Date.now() - lastNote > 10_000) {
      o.onProgress?.(`still waiting for the Kafka broker on ${LOCAL_KAFKA_HOST}:${port}…`);
      lastNote = Date.now();
    }
    await sleep(250);
  }
}
