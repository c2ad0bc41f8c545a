// `./lrew start`: the whole pipeline in one process on this machine: the local Kafka broker
// (started, or reused when already running), embedded ClickHouse, ingest, sink, scorer, notifier,
// mail capture and the web dashboard. Ctrl-C stops
// everything in order: stop taking requests, finish and commit the batch in hand, disconnect.
import type { AddressInfo } from "node:net";
import path from "node:path";
import { hmacKeys, localDashboardTokenFile, resolveSecrets, type LrewConfig } from "@lrew/config";
import { startIngest } from "@lrew/ingest";
import { startLocalKafka, stopLocalKafka } from "@lrew/local-kafka";
import { Sink } from "@lrew/sink";
import { createLogger, logToFile, onShutdown } from "@lrew/telemetry";
import { applySummaryRetention, migrate, openWarehouse } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";
import { ConfigError } from "@lrew/errors";
import { EventProducer, ensureTopics, groupLag } from "@lrew/kafka";
import { startMailCapture } from "@lrew/mail-capture";
import { Notifier } from "@lrew/notifier";
import { ensureDemoAccount, startWeb, type RunningWeb } from "@lrew/web";
import { addDays, alertsTopicOf, vietnamDate } from "@lrew/contracts";
import { areasFileBeside, loadResponsibility, loadResponsibilityOrUnits, readAreaNames } from "@lrew/reference/files";
import { AlertPublisher, Scorer, policySettingsOf, resolveModelFile } from "@lrew/scorer";
import { loadModel, scoreHorizonDays } from "@lrew/scoring";
import { progressBar } from "../progress.ts";
import { demoLoaded, loadDemo } from "./demo.ts";
import { localKafkaOptions } from "./local-kafka.ts";

const log = createLogger("start");

/** True when e-mail goes to loopback without credentials: the local capture should receive it. */
export function usesLocalSmtp(config: LrewConfig): boolean {
  return ["127.0.0.1", "localhost", "::1"].includes(config.notifier.smtp.host) && !config.notifier.smtp.user;
}

/** The demo's union office: the commune union answering today for the most enterprises (from responsibility.json). */
function busiestOffice(config: LrewConfig): { unit: string; displayName: string } | undefined {
  const r = loadResponsibility(config.notifier.unionUnitsFile);
  if (!r) return undefined;
  const today = vietnamDate(new Date());
  const counts = new Map<string, number>();
  for (const e of r.enterpriseAreas) {
    const unit = r.responsibleUnit({ enterprise_id: e.enterprise_id }, today);
    if (unit && r.unitKind(unit, today) === "commune") counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  if (!best) return undefined;
  const area = r.areaUnits.find((a) => a.unit === best[0])?.area;
  const place = area ? (r.areaName(area) ?? area) : best[0];
  return { unit: best[0], displayName: `Công đoàn ${place.charAt(0).toLowerCase()}${place.slice(1)} (thử / demo)` };
}

export async function startCommand(ctx: CliContext, opts: { demo: boolean }): Promise<number> {
  const { config, lang } = ctx;
  const logFile = path.join(config.home, "logs", "lrew.log");
  logToFile(logFile);
  const say = (msg: string) => console.error(`lrew: ${msg}`);
  // Stop steps, in the order they must run: the last thing started stops first.
  const steps: Array<{ name: string; run: () => Promise<void> }> = [];
  const stopAll = async () => {
    for (const step of steps) await step.run().catch((err: unknown) => log.error({ err, step: step.name }, "stop step failed"));
  };

  let ingestUrl: string;
  let secrets: ReturnType<typeof resolveSecrets>;
  let mailUrl: string | undefined;
  let web: RunningWeb;
  let demoLogin: ReturnType<typeof ensureDemoAccount>;
  try {
    if (config.kafka.local) {
      say(t("startingKafka", lang));
      const k = await startLocalKafka(localKafkaOptions(ctx, say));
      if (k.reused) say(`${t("kafkaReused", lang)} (pid ${k.pid})`);
      else steps.unshift({ name: "kafka", run: async () => void (await stopLocalKafka(localKafkaOptions(ctx))) });
    }
    await ensureTopics(config.kafka);

    say(t("migrating", lang));
    const wh = await openWarehouse(config.clickhouse);
    steps.unshift({ name: "warehouse", run: () => wh.close() });
    const applied = await migrate(wh);
    if (applied.length) say(`${t("applied", lang)}: ${applied.join(", ")}`);
    await applySummaryRetention(wh, config.retention.summaryDays);

    secrets = resolveSecrets(config);
    const sink = await Sink.start({ kafka: config.kafka, ...config.sink, hmacKeys: hmacKeys(config).all }, wh);
    steps.unshift({ name: "sink", run: () => sink.stop() });
    const ingest = await startIngest(config, { secrets });
    steps.unshift({ name: "ingest", run: () => ingest.close() });
    ingestUrl = `http://${config.ingest.host}:${(ingest.app.server.address() as AddressInfo).port}`;

    const freshDemo = opts.demo && config.demo && !demoLoaded(ctx);
    if (freshDemo) await loadDemo(ctx, ingestUrl, secrets.apiKeys[0]!.key);

    // What district unions would receive lands in a local capture unless SMTP points elsewhere.
    if (usesLocalSmtp(config)) {
      const capture = await startMailCapture({
        host: config.mailCapture.host,
        smtpPort: config.notifier.smtp.port,
        httpPort: config.mailCapture.port,
        dir: config.mailCapture.dir,
      });
      steps.unshift({ name: "mail capture", run: () => capture.close() });
      mailUrl = capture.url;
    }
    const alertsProducer = await EventProducer.connect(config.kafka, "scorer");
    steps.unshift({ name: "alerts producer", run: () => alertsProducer.disconnect() });
    const alerts = new AlertPublisher(wh, alertsProducer, {
      topicPrefix: config.kafka.topicPrefix,
      ...config.alerts,
      federationUnitId: config.notifier.federationUnitId,
      areaNames: readAreaNames(areasFileBeside(config.notifier.unionUnitsFile)),
    });
    let notifier: Notifier | undefined;
    try {
      const started = await Notifier.start(config, wh);
      notifier = started;
      steps.unshift({ name: "notifier", run: () => started.stop() });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      say(`${t("notifierOff", lang)}: ${err.message}`);
    }

    const model = loadModel(resolveModelFile(config.home, config.scorer.modelFile));
    const scorer = new Scorer(
      wh,
      model,
      alerts,
      policySettingsOf(config.alerts, loadResponsibilityOrUnits(config.notifier.unionUnitsFile, config.notifier.federationUnitId)),
    );
    steps.unshift({ name: "scorer", run: () => scorer.stop() });
    if (freshDemo) {
      // A year of weekly scores, so the score history and trends have something to show.
      say(t("scoring", lang));
      const today = vietnamDate(new Date());
      const bar = progressBar(lang, { total: 54, unit: lang === "vi" ? "lần chấm" : "runs", counter: lang === "vi" ? "lần" : "runs" });
      // The last four weeks' alerts are published, so the demo's cases have an age: some acknowledged by
      // the simulated responses, some overdue and escalated (the check the notifier runs daily, run once now).
      await scorer.backfill(addDays(today, -364), today, 7, (done) => bar.update(done, { count: done }), {
        publishFrom: addDays(today, -28),
      });
      bar.stop();
      if (notifier) await escalateDemoCases(config, notifier);
    } else {
      await scorer.run("all");
    }
    scorer.schedule(config.scorer);
    // Last to start, first to stop on Ctrl-C: nobody reads pages of a pipeline that is going away.
    demoLogin = ensureDemoAccount(config.web.accountsFile, config.home, busiestOffice(config));
    web = await startWeb(config, wh, { thresholds: model.thresholds, scoreHorizonDays: scoreHorizonDays(model), lang });
    steps.unshift({ name: "web", run: () => web.close() });
  } catch (err) {
    await stopAll();
    throw err;
  }

  const keyFile = path.join(config.home, "api-key");
  const shownKeyFile = keyFile.startsWith(`${ctx.root}${path.sep}`) ? path.relative(ctx.root, keyFile) : keyFile;
  const keyLine = secrets.localApiKey
    ? `${secrets.apiKeys[0]!.key}  (${t("apiKeyFrom", lang)} ${shownKeyFile})`
    : t("apiKeysConfigured", lang);
  const tokenFile = localDashboardTokenFile(config.home);
  const shownTokenFile = tokenFile.startsWith(`${ctx.root}${path.sep}`) ? path.relative(ctx.root, tokenFile) : tokenFile;
  const tokenLine = web.tokens.local
    ? `${web.tokens.tokens[0]!.token}  (${t("apiKeyFrom", lang)} ${shownTokenFile})`
    : t("dashboardTokensConfigured", lang);
  const shown = (f: string) => (f.startsWith(`${ctx.root}${path.sep}`) ? path.relative(ctx.root, f) : f);
  const loginLine = demoLogin
    ? `${demoLogin.name} / ${demoLogin.secret}  (${t("apiKeyFrom", lang)} ${shown(demoLogin.file)})`
    : `${t("dashboardAccounts", lang)} ${shown(config.web.accountsFile)}`;
  const officeLine = demoLogin?.office ? `${demoLogin.office.name} / ${demoLogin.office.secret}  (${demoLogin.office.unit})` : undefined;
  const chLine = config.clickhouse.url ?? `${t("embedded", lang)} ${config.clickhouse.embeddedPath}`;
  const lines = [
    "",
    `  ${t("running", lang)}`,
    `  ${t("dashboardAt", lang).padEnd(28)} ${web.url}`,
    `  ${t("dashboardLogin", lang).padEnd(28)} ${loginLine}`,
    ...(officeLine ? [`  ${t("dashboardOfficeLogin", lang).padEnd(28)} ${officeLine}`] : []),
    `  ${t("dashboardToken", lang).padEnd(28)} ${tokenLine}`,
    `  ${t("ingestAt", lang).padEnd(28)} ${ingestUrl}/v1/events/{stream}`,
    `  ${t("apiKey", lang).padEnd(28)} ${keyLine}`,
    `  ${t("kafkaAt", lang).padEnd(28)} ${config.kafka.brokers.join(",")}${config.kafka.local ? ` (${t("localBroker", lang)})` : ""}`,
    `  ${t("clickhouseAt", lang).padEnd(28)} ${chLine}`,
    `  ${t("health", lang).padEnd(28)} ${ingestUrl}/healthz  /readyz  /metrics`,
    ...(mailUrl ? [`  ${t("mailbox", lang).padEnd(28)} ${mailUrl}`] : []),
    `  ${t("logs", lang).padEnd(28)} ${logFile}`,
    "",
    `  ${t("example", lang)}:`,
    `    curl -H "Authorization: Bearer $(cat ${path.join(config.home, "api-key")})" -H 'content-type: application/json' \\`,
    `      ${ingestUrl}/v1/events/grievances -d @docs/examples/grievance.json`,
    "",
    `  ${t("ctrlC", lang)}`,
    "",
  ];
  console.log(lines.join("\n"));
  log.info(
    { web: web.url, ingest: ingestUrl, kafka: config.kafka.brokers, clickhouse: config.clickhouse.url ?? "embedded" },
    "lrew started",
  );

  await onShutdown(log, [{ name: "all", run: stopAll }]);
  console.log(t("stopped", lang));
  return 0;
}

/** Waits (at most a minute) until the notifier has read the demo's alerts, then runs its daily escalation check once. */
async function escalateDemoCases(config: LrewConfig, notifier: Notifier): Promise<void> {
  const topics = [alertsTopicOf(config.kafka.topicPrefix)];
  for (let waited = 0; waited < 60_000; waited += 500) {
    const lag = await groupLag(config.kafka, config.notifier.groupId, topics).catch(() => undefined);
    if (lag?.every((p) => p.lag === 0n)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await notifier.runEscalations();
}
