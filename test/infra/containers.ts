// Containers mode: Kafka and ClickHouse in Docker via testcontainers. Loaded only when a Docker engine
// answers, so that other modes never touch testcontainers. Not exercised on machines without Docker.
import { GenericContainer, Wait } from "testcontainers";
import type { StartedTestContainer } from "testcontainers";
import { fetchKafkaMetadata, KAFKA_VERSION } from "@lrew/local-kafka";

export const KAFKA_IMAGE = `apache/kafka:${KAFKA_VERSION}`;
export const CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.8";

const READY_LINE = "lrew: waiting for the start script";
const START_SCRIPT = "/tmp/lrew-start.sh";
const CLIENT_PORT = 9092; // mapped to a random host port; advertised as that port
const INTERNAL_PORT = 19092;
const CONTROLLER_PORT = 9093;

export interface StartedContainers {
  kafkaBrokers: string;
  clickhouseUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Kafka's advertised listener must carry the host port Docker picked, which is known only after the
 * container started: the container waits for a start script, which we write once the port is known
 * (the same trick as @testcontainers/kafka, whose module only drives Confluent images).
 */
async function startKafka(image: string): Promise<{ container: StartedTestContainer; brokers: string }> {
  const container = await new GenericContainer(image)
    .withExposedPorts(CLIENT_PORT)
    .withEnvironment({
      KAFKA_NODE_ID: "1",
      KAFKA_PROCESS_ROLES: "broker,controller",
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${CLIENT_PORT},BROKER://0.0.0.0:${INTERNAL_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: "PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT",
      KAFKA_INTER_BROKER_LISTENER_NAME: "BROKER",
      KAFKA_CONTROLLER_LISTENER_NAMES: "CONTROLLER",
      KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${CONTROLLER_PORT}`,
      KAFKA_NUM_PARTITIONS: "3",
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: "1",
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: "1",
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: "0",
    })
    .withEntrypoint(["sh"])
    .withCommand(["-c", `echo '${READY_LINE}'; while [ ! -f ${START_SCRIPT} ]; do sleep 0.1; done; exec sh ${START_SCRIPT}`])
    .withWaitStrategy(Wait.forLogMessage(READY_LINE))
    .withStartupTimeout(120_000)
    .start();
  const host = container.getHost();
  const port = container.getMappedPort(CLIENT_PORT);
  await container.copyContentToContainer([
    {
      content: `export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://${host}:${port},BROKER://localhost:${INTERNAL_PORT}\nexec /etc/kafka/docker/run\n`,
      target: START_SCRIPT,
      mode: 0o755,
    },
  ]);
  const deadline = Date.now() + 120_000;
  let last = "";
  for (;;) {
    try {
      const md = await fetchKafkaMetadata(host, port, 2000);
      if (md.brokers.some((b) => b.port === port)) break;
      last = "broker not registered yet";
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) {
      await container.stop().catch(() => undefined);
      throw new Error(`Kafka container (${image}) did not become ready on ${host}:${port} within 120 s: ${last}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { container, brokers: `${host}:${port}` };
}

async function startClickHouse(image: string): Promise<{ container: StartedTestContainer; url: string }> {
  const container = await new GenericContainer(image)
    .withExposedPorts(8123)
    // Without a password the image limits the default user to connections from inside the container.
    .withEnvironment({ CLICKHOUSE_SKIP_USER_SETUP: "1" })
    .withUlimits({ nofile: { soft: 262144, hard: 262144 } })
    .withWaitStrategy(Wait.forHttp("/ping", 8123).forStatusCode(200))
    .withStartupTimeout(120_000)
    .start();
  return { container, url: `http://${container.getHost()}:${container.getMappedPort(8123)}` };
}

export async function startContainers(opts: { clickhouse: boolean; env: Record<string, string | undefined> }): Promise<StartedContainers> {
  const kafkaImage = opts.env.LREW_TEST_KAFKA_IMAGE ?? KAFKA_IMAGE;
  const clickhouseImage = opts.env.LREW_TEST_CLICKHOUSE_IMAGE ?? CLICKHOUSE_IMAGE;
  const [k, c] = await Promise.allSettled([
    startKafka(kafkaImage),
    opts.clickhouse ? startClickHouse(clickhouseImage) : Promise.resolve(undefined),
  ]);
  if (k.status === "rejected" || c.status === "rejected") {
    // Do not leave the one that did start running.
    await Promise.allSettled([
      k.status === "fulfilled" ? k.value.container.stop() : undefined,
      c.status === "fulfilled" ? c.value?.container.stop() : undefined,
    ]);
    throw k.status === "rejected" ? k.reason : (c as PromiseRejectedResult).reason;
  }
  const kafka = k.value;
  const clickhouse = c.value;
  return {
    kafkaBrokers: kafka.brokers,
    clickhouseUrl: clickhouse?.url ?? null,
    async stop() {
      await Promise.allSettled([kafka.container.stop(), clickhouse?.container.stop()]);
    },
  };
}
