// `./lrew start`: the whole pipeline in one process on this machine: the local Kafka broker
// (started, or reused when already running), embedded ClickHouse, ingest and sink. Ctrl-C stops
// everything in order: stop taking requests, finish and commit the batch in hand, disconnect.
import path from "node:path";
import { resolveSecrets } from "@lrew/config";
import { startIngest } from "@lrew/ingest";
import { ensureTopics } from "@lrew/kafka";
import { startLocalKafka, stopLocalKafka } from "@lrew/local-kafka";
import { Sink } from "@lrew/sink";
import { createLogger, onShutdown } from "@lrew/telemetry";
import { migrate, openWarehouse } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";
import { localKafkaOptions } from "./local-kafka.ts";

const log = createLogger("start");

export async function startCommand(ctx: CliContext, opts: { demo: boolean }): Promise<number> {
  const { config, lang } = ctx;
  const say = (msg: string) => console.error(`lrew: ${msg}`);
  const steps: Array<{ name: string; run: () => Promise<void> }> = [];

  let startedKafka = false;
  if (config.kafka.local) {
    say(t("startingKafka", lang));
    const k = await startLocalKafka(localKafkaOptions(ctx, say));
    startedKafka = !k.reused;
    if (k.reused) say(`${t("kafkaReused", lang)} (pid ${k.pid})`);
  }
  await ensureTopics(config.kafka);

  say(t("migrating", lang));
  const wh = await openWarehouse(config.clickhouse);
  const applied = await migrate(wh);
  if (applied.length) say(`${t("applied", lang)}: ${applied.join(", ")}`);

  const secrets = resolveSecrets(config);
  const sink = await Sink.start({ kafka: config.kafka, ...config.sink }, wh);
  const ingest = await startIngest(config);

  // Later stages (scorer, notifier, web, demo data) join here.
  void opts.demo;

  steps.push({ name: "ingest", run: () => ingest.close() });
  steps.push({ name: "sink", run: () => sink.stop() });
  steps.push({ name: "warehouse", run: () => wh.close() });
  if (startedKafka) steps.push({ name: "kafka", run: async () => void (await stopLocalKafka(localKafkaOptions(ctx))) });

  const ingestUrl = `http://${config.ingest.host}:${config.ingest.port}`;
  const keyLine = secrets.localApiKey
    ? `${secrets.apiKeys[0]!.key}  (${t("apiKeyFrom", lang)} ${path.relative(ctx.root, path.join(config.home, "api-key")) || path.join(config.home, "api-key")})`
    : t("apiKeysConfigured", lang);
  const chLine = config.clickhouse.url ?? `${t("embedded", lang)} ${config.clickhouse.embeddedPath}`;
  const lines = [
    "",
    `  ${t("running", lang)}`,
    `  ${t("ingestAt", lang).padEnd(28)} ${ingestUrl}/v1/events/{stream}`,
    `  ${t("apiKey", lang).padEnd(28)} ${keyLine}`,
    `  ${t("kafkaAt", lang).padEnd(28)} ${config.kafka.brokers.join(",")}${config.kafka.local ? ` (${t("localBroker", lang)})` : ""}`,
    `  ${t("clickhouseAt", lang).padEnd(28)} ${chLine}`,
    `  ${t("health", lang).padEnd(28)} ${ingestUrl}/healthz  /readyz  /metrics`,
    "",
    `  ${t("example", lang)}:`,
    `    curl -H "Authorization: Bearer $(cat ${path.join(config.home, "api-key")})" -H 'content-type: application/json' \\`,
    `      ${ingestUrl}/v1/events/grievances -d @docs/examples/grievance.json`,
    "",
    `  ${t("ctrlC", lang)}`,
    "",
  ];
  console.log(lines.join("\n"));
  log.info({ ingest: ingestUrl, kafka: config.kafka.brokers, clickhouse: config.clickhouse.url ?? "embedded" }, "lrew started");

  await onShutdown(log, steps);
  console.log(t("stopped", lang));
  return 0;
}
