// The scorer as its own process (`./lrew scorer`): needs a ClickHouse server (CLICKHOUSE_URL) when
// other lrew processes use the same data; embedded ClickHouse belongs to one process.
import { parseConfig } from "@lrew/config";
import { EventProducer } from "@lrew/kafka";
import { areasFileBeside, loadResponsibilityOrUnits, readAreaNames } from "@lrew/reference/files";
import { loadModel } from "@lrew/scoring";
import { createLogger, onShutdown, startOpsServer } from "@lrew/telemetry";
import { migrate, openWarehouse, warehouseAnswers } from "@lrew/warehouse";
import { AlertPublisher } from "./alert-publisher.ts";
import { resolveModelFile } from "./model-file.ts";
import { policySettingsOf } from "./policy-settings.ts";
import { Scorer } from "./scorer.ts";

const log = createLogger("scorer.main");

export async function runScorer(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = parseConfig(env, env.LREW_ROOT ?? process.cwd());
  const wh = await openWarehouse(config.clickhouse);
  await migrate(wh);
  const producer = await EventProducer.connect(config.kafka, "scorer");
  const alerts = new AlertPublisher(wh, producer, {
    topicPrefix: config.kafka.topicPrefix,
    ...config.alerts,
    federationUnitId: config.notifier.federationUnitId,
    areaNames: readAreaNames(areasFileBeside(config.notifier.unionUnitsFile)),
  });
  const policy = policySettingsOf(
    config.alerts,
    loadResponsibilityOrUnits(config.notifier.unionUnitsFile, config.notifier.federationUnitId),
  );
  const scorer = new Scorer(wh, loadModel(resolveModelFile(config.home, config.scorer.modelFile)), alerts, policy);
  scorer.schedule(config.scorer);
  const ops = await startOpsServer({
    host: config.scorer.host,
    port: config.scorer.port,
    // It writes scores to ClickHouse and publishes alerts to Kafka: ready when both answer.
    ready: async () => (await Promise.all([warehouseAnswers(wh), producer.isReady()])).every(Boolean),
  });
  log.info({ ops: ops.url, model: scorer.model.version }, "scorer running");
  await onShutdown(log, [
    { name: "ops server", run: () => ops.close() },
    { name: "scorer", run: () => scorer.stop() },
    { name: "alerts producer", run: () => producer.disconnect() },
    { name: "warehouse", run: () => wh.close() },
  ]);
}

if (import.meta.main) {
  runScorer().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "scorer failed");
      process.exit(1);
    },
  );
}
