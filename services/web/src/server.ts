// Running the web dashboard: listen on loopback (unless configured), stop gracefully.
import type { FastifyInstance } from "fastify";
import { AnalystSession, registerQueryApi } from "@lrew/analytics";
import { areaCapacity, resolveAnalystTokens, resolveDashboardTokens, type LrewConfig } from "@lrew/config";
import type { Lang } from "@lrew/contracts";
import { areasFileBeside, readAreaNames, readResponsibleUnits } from "@lrew/reference";
import type { LevelThresholds } from "@lrew/risk";
import { loadModel, scoreHorizonDays, type Model } from "@lrew/scoring";
import { createLogger } from "@lrew/telemetry";
import type { Warehouse } from "@lrew/warehouse";
import { buildWebApp } from "./app.ts";
import { kafkaHealthSource } from "./kafka-health.ts";

export interface StartWebOptions {
  /** Level thresholds of the model in use. Default: those of the shipped model. */
  thresholds?: LevelThresholds;
  /** The days the model's scores are about. Default: the shipped model's. */
  scoreHorizonDays?: number;
  /** false: no Kafka figures on the health page. Default: read from config.kafka. */
  kafka?: boolean;
  lang?: Lang;
  host?: string;
  /** 0: any free port (see `url`). */
  port?: number;
  /** Called with the app before it listens, to register more routes (e.g. the query API). */
  extend?: (app: FastifyInstance) => void | Promise<void>;
}

export interface RunningWeb {
  app: FastifyInstance;
  /** Base URL, e.g. http://127.0.0.1:8080. */
  url: string;
  /** The staff tokens; `local` when generated in $LREW_HOME/dashboard-token. */
  tokens: ReturnType<typeof resolveDashboardTokens>;
  close(): Promise<void>;
}

const log = createLogger("web");

export async function startWeb(config: LrewConfig, wh: Warehouse, options: StartWebOptions = {}): Promise<RunningWeb> {
  const tokens = resolveDashboardTokens(config);
  // The shipped model, read at most once and only for what the caller did not give.
  let shipped: Model | undefined;
  const model = () => (shipped ??= loadModel());
  const app = buildWebApp({
    wh,
    tokens: tokens.tokens,
    thresholds: options.thresholds ?? model().thresholds,
    scoreHorizonDays: options.scoreHorizonDays ?? scoreHorizonDays(model()),
    areaNames: readAreaNames(areasFileBeside(config.notifier.unionUnitsFile)),
    capacityOf: areaCapacity(config.alerts.capacity, readResponsibleUnits(config.notifier.unionUnitsFile)),
    ...(options.kafka === false
      ? {}
      : { kafkaHealth: kafkaHealthSource(config.kafka, { sink: config.sink.groupId, notifier: config.notifier.groupId }) }),
    ...(options.lang ? { lang: options.lang } : {}),
    secureCookies: config.alerts.dashboardUrl.startsWith("https:"),
  });
  // The analysts' query API lives on the same server; it checks analyst tokens itself.
  const session = await AnalystSession.open(config.clickhouse);
  app.addHook("onClose", () => session.close());
  registerQueryApi(app, {
    session,
    tokens: resolveAnalystTokens(config),
    limits: config.analytics.limits,
    concurrency: config.analytics.concurrency,
  });
  await options.extend?.(app);
  let address: string;
  try {
    address = await app.listen({ host: options.host ?? config.web.host, port: options.port ?? config.web.port });
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  log.info({ url: address, staff: tokens.tokens.map((t) => t.name) }, "web dashboard listening");
  let closing: Promise<void> | undefined;
  return {
    app,
    url: address,
    tokens,
    close: () =>
      (closing ??= app.close().then(() => {
        log.info("web dashboard stopped");
      })),
  };
}
