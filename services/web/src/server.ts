// Running the web dashboard: listen on loopback (unless configured), stop gracefully.
import type { FastifyInstance } from "fastify";
import { AnalystSession, registerQueryApi } from "@lrew/analytics";
import { existsSync, readFileSync } from "node:fs";
import { parseUnionUnits } from "@lrew/alerts";
import {
  groupCapacity,
  resolveAnalystTokens,
  resolveCaseLinkKey,
  resolveDashboardTokens,
  resolveSecrets,
  type LrewConfig,
} from "@lrew/config";
import { topicOf, type Lang } from "@lrew/contracts";
import { acceptEvent, EventProducer } from "@lrew/kafka";
import { workingDaysBetween } from "@lrew/reference";
import { areasFileBeside, loadResponsibilityOrUnits, readAreaNames, readHolidayCalendar } from "@lrew/reference/files";
import type { LevelThresholds } from "@lrew/risk";
import { loadModel, scoreHorizonDays, type Model } from "@lrew/scoring";
import { createLogger } from "@lrew/telemetry";
import { ConfigError } from "@lrew/errors";
import { loadResponsibilityTables, recordAudit, type Warehouse } from "@lrew/warehouse";
import { AccountsFile } from "./access/accounts-file.ts";
import { StaffDirectory } from "./access/directory.ts";
import { buildWebApp } from "./app.ts";
import type { CaseActionSink } from "./cases.ts";
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

/** Union unit id → name, from the routing reference file when there is one. */
function readUnitNames(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  try {
    return new Map([...parseUnionUnits(readFileSync(file, "utf8")).values()].map((u) => [u.id, u.name]));
  } catch (err) {
    log.warn({ file, err }, "cannot read the union units: unit ids shown as they are");
    return new Map();
  }
}

export async function startWeb(config: LrewConfig, wh: Warehouse, options: StartWebOptions = {}): Promise<RunningWeb> {
  const tokens = resolveDashboardTokens(config);
  const accounts = new AccountsFile(config.web.accountsFile);
  for (const t of tokens.tokens) {
    if (accounts.get(t.name)) {
      throw new ConfigError(
        `invalid configuration:\n  LREW_DASHBOARD_TOKENS: ${t.name} is also an account in ${config.web.accountsFile}; remove the token (the account replaces it) or rename one`,
      );
    }
  }
  const directory = new StaffDirectory({
    accounts,
    tokens: tokens.tokens,
    limits: { max: config.web.loginMaxFailures, windowMs: config.web.loginWindowMs },
    sessionMs: config.web.sessionMs,
  });
  // Who answers for what, as of when: into ClickHouse, where every scope is applied.
  const responsibility = loadResponsibilityOrUnits(config.notifier.unionUnitsFile, config.notifier.federationUnitId);
  const loaded = await loadResponsibilityTables(wh, responsibility);
  log.info(loaded, "reference data loaded");
  const areaNames = readAreaNames(areasFileBeside(config.notifier.unionUnitsFile));
  for (const a of responsibility.areas) if (!areaNames.has(a.code) && a.name !== a.code) areaNames.set(a.code, a.name);
  // The shipped model, read at most once and only for what the caller did not give.
  let shipped: Model | undefined;
  const model = () => (shipped ??= loadModel());
  // Case actions recorded on the dashboard go to Kafka like every event (never straight to ClickHouse).
  const producer = options.kafka === false ? undefined : await EventProducer.connect(config.kafka, "web");
  const hmacKey = resolveSecrets(config).hmacKey;
  const caseActions: CaseActionSink | undefined = producer
    ? async (record) => {
        const accepted = acceptEvent("case-actions", record, {
          hmacKey,
          lang: "vi",
          topicPrefix: config.kafka.topicPrefix,
          receivedAt: new Date(),
        });
        if (!accepted.ok) return { ok: false, errors: accepted.errors };
        await producer.send(topicOf("case-actions", config.kafka.topicPrefix), [accepted.message]);
        return { ok: true };
      }
    : undefined;
  const calendar = readHolidayCalendar();
  const app = buildWebApp({
    wh,
    directory,
    sessionMs: config.web.sessionMs,
    thresholds: options.thresholds ?? model().thresholds,
    scoreHorizonDays: options.scoreHorizonDays ?? scoreHorizonDays(model()),
    areaNames,
    capacityOf: groupCapacity(config.alerts.capacity),
    ...(options.kafka === false
      ? {}
      : { kafkaHealth: kafkaHealthSource(config.kafka, { sink: config.sink.groupId, notifier: config.notifier.groupId }) }),
    ...(options.lang ? { lang: options.lang } : {}),
    secureCookies: config.alerts.dashboardUrl.startsWith("https:"),
    ...(caseActions ? { caseActions } : {}),
    caseLinkKey: resolveCaseLinkKey(config),
    unitNames: readUnitNames(config.notifier.unionUnitsFile),
    responsibility,
    caseDeadline: { ackWorkingDays: config.cases.ackWorkingDays, workingDaysBetween: (a, b) => workingDaysBetween(a, b, calendar) },
  });
  if (producer) app.addHook("onClose", () => producer.disconnect());
  // The analysts' query API lives on the same server; it checks analyst tokens itself.
  const session = await AnalystSession.open(config.clickhouse);
  app.addHook("onClose", () => session.close());
  registerQueryApi(app, {
    session,
    tokens: resolveAnalystTokens(config),
    limits: config.analytics.limits,
    concurrency: config.analytics.concurrency,
    // Accounts too (HTTP Basic name:secret, limited like logins), each with its scope; every query audited.
    account: (name, secret, address) => {
      const wait = directory.limitedFor(name, address);
      if (wait > 0) return { limitedS: wait };
      const staff = directory.check(name, secret);
      if (!staff) {
        directory.recordFailure(name, address);
        return undefined;
      }
      return { name: staff.name, role: staff.role, scope: staff.scope };
    },
    audit: (entry) => recordAudit(wh, entry),
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
