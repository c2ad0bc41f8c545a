// The notifier: alerts topic → e-mail to the union unit responsible (or a daily digest, digest.ts).
//
// Kafka delivers each alert at least once; e-mail goes out at most once per (alert_id, recipient):
//   1. validate (invalid → dead-letter topic with the reason) and route with the union-unit reference data;
//   2. a unit that takes digests: record 'pending_digest' and stop there;
//   3. otherwise deliver (delivery.ts): read the delivery log: 'sent' → skip; 'sending' → a process
//      died between send and record: do NOT resend, record 'uncertain'; else record 'sending', send,
//      record 'sent';
//   4. SMTP failures are retried with backoff; after the configured attempts (or a 5xx refusal) the
//      e-mail is 'parked' with its error and the partition moves on;
//   5. only then is the offset committed.
// Before any of it, the alert meets the enterprise's case (cases.ts of @lrew/alerts): a new case is
// opened and the e-mail carries a signed acknowledgement link; a rise within the open case is sent as
// an update; a repeat of the same level joins the case without an e-mail. The decision is recorded
// (case_alerts) before sending and read back on redelivery, so it is made once per alert.
// Daily, with the digest: cases overdue are escalated once (escalation.ts).
import cron, { type ScheduledTask } from "node-cron";
import { caseAlertDecision, caseLinkUrl, responsibleUnitOf, signCaseLink } from "@lrew/alerts";
import { resolveCaseLinkKey, type LrewConfig } from "@lrew/config";
import { addDays, alertsDeadLetterTopicOf, alertsTopicOf, DAY_MS, VIETNAM_TIME_ZONE, vietnamDate, type Lang } from "@lrew/contracts";
import type { HolidayCalendar } from "@lrew/reference";
import { readHolidayCalendar } from "@lrew/reference/files";
import { ConfigError } from "@lrew/errors";
import {
  BatchConsumer,
  EventProducer,
  StoppingError,
  deadLetter,
  ensureTopics,
  retrying,
  type BatchControl,
  type ConsumedBatch,
  type ConsumedMessage,
} from "@lrew/kafka";
import type { Responsibility } from "@lrew/reference";
import { loadResponsibility } from "@lrew/reference/files";
import { createLogger } from "@lrew/telemetry";
import {
  formatUtc,
  insertCaseAlert,
  selectCaseDecision,
  selectOpenCase,
  warehouseAnswers,
  type CaseDecision,
  type Warehouse,
} from "@lrew/warehouse";
import { emailTo, loadUnionUnits, renderAlert, routeAlert, validateAlert, type Alert, type UnionUnits } from "./alerts-adapter.ts";
import { Deliveries } from "./delivery.ts";
import { sendDigests, type DigestResult } from "./digest.ts";
import { escalationRules, readCaseEntries, sendEscalations, type EscalationResult } from "./escalation.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import { deadLettered, pending, retries, suppressed } from "./metrics.ts";

const log = createLogger("notifier");

export class Notifier {
  #config: LrewConfig;
  #wh: Warehouse;
  #units: UnionUnits;
  #responsibility: Responsibility | undefined;
  #mailer: Mailer;
  #deliveries: Deliveries;
  #producer: EventProducer | undefined;
  #consumer: BatchConsumer | undefined;
  #tasks: ScheduledTask[] = [];
  #digestRunning: Promise<unknown> | undefined;
  #stopping = false;
  #linkKey: string;
  #calendar: HolidayCalendar;

  private constructor(config: LrewConfig, wh: Warehouse, units: UnionUnits, responsibility: Responsibility | undefined, mailer: Mailer) {
    this.#config = config;
    this.#wh = wh;
    this.#units = units;
    this.#responsibility = responsibility;
    this.#mailer = mailer;
    this.#deliveries = new Deliveries(wh, mailer, config.notifier);
    this.#linkKey = resolveCaseLinkKey(config);
    this.#calendar = readHolidayCalendar();
  }

  /** Loads the union units, creates the alert topics if missing, starts consuming and the digest schedule. */
  static async start(config: LrewConfig, wh: Warehouse, opts: { schedule?: boolean } = {}): Promise<Notifier> {
    const n = config.notifier;
    if (!cron.validate(n.digestCron))
      throw new ConfigError(`invalid configuration:\n  LREW_DIGEST_CRON: not a cron expression: ${n.digestCron}`);
    const units = loadUnionUnits(n.unionUnitsFile, n.federationUnitId);
    const responsibility = loadResponsibility(n.unionUnitsFile);
    const prefix = config.kafka.topicPrefix;
    await ensureTopics(config.kafka, [alertsTopicOf(prefix), alertsDeadLetterTopicOf(prefix)]);
    const self = new Notifier(config, wh, units, responsibility, createMailer(n.smtp, n.from));
    self.#producer = await EventProducer.connect(config.kafka, "notifier");
    self.#consumer = await BatchConsumer.start({
      settings: config.kafka,
      component: "notifier",
      groupId: n.groupId,
      topics: [alertsTopicOf(prefix)],
      maxWaitMs: 500,
      sessionTimeoutMs: n.sessionTimeoutMs,
      handle: (batch, control) => self.#handle(batch, control),
    });
    if (opts.schedule !== false) {
      self.#tasks.push(
        cron.schedule(
          n.digestCron,
          () =>
            void self
              .runEscalations()
              .catch((err: unknown) => log.error({ err }, "escalation failed"))
              .then(() => self.runDigest())
              .catch((err: unknown) => log.error({ err }, "digest failed")),
          {
            timezone: VIETNAM_TIME_ZONE,
            name: "notifier-digest",
          },
        ),
      );
    }
    log.info(
      { groupId: n.groupId, smtp: `${n.smtp.host}:${n.smtp.port}`, units: units.size, digest: n.digestCron, timezone: VIETNAM_TIME_ZONE },
      "notifier consuming",
    );
    return self;
  }

  async #handle(batch: ConsumedBatch, control: BatchControl): Promise<void> {
    for (const m of batch.messages) {
      if (!control.isActive()) return;
      try {
        await this.#handleMessage(batch, m, control);
      } catch (err) {
        if (err instanceof StoppingError) return;
        throw err;
      }
      await control.commit(m.offset);
    }
  }

  async #handleMessage(batch: ConsumedBatch, m: ConsumedMessage, control: BatchControl): Promise<void> {
    const parsed = validateAlert(m.value);
    if (!parsed.ok) {
      const dl = deadLetter(m, {
        stream: "alerts",
        stage: "notifier",
        error: parsed.error,
        sourceTopic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
      });
      const topic = alertsDeadLetterTopicOf(this.#config.kafka.topicPrefix);
      await retrying({ dependency: "kafka", control, log, retries }, () => this.#producer!.send(topic, [dl]));
      deadLettered.inc();
      log.warn({ topic: batch.topic, partition: batch.partition, offset: m.offset, error: parsed.error }, "invalid alert dead-lettered");
      return;
    }
    const alert = parsed.alert;
    const route = routeAlert(alert, this.#units, this.#config.notifier.federationUnitId, this.#responsibility);
    const decision = await this.#caseDecision(alert, control);
    if (decision === "suppressed") {
      suppressed.inc();
      log.info({ alert: alert.alert_id, enterprise: alert.enterprise_id }, "alert joins the open case without an e-mail");
      return;
    }
    if (route.delivery === "digest") {
      pending.inc(await this.#deliveries.recordPendingDigest(alert.alert_id, route.unit.id, route.recipients, control));
      return;
    }
    const until = addDays(vietnamDate(new Date()), this.#config.cases.linkDays);
    for (const recipient of route.recipients) {
      const token = signCaseLink(
        {
          alert_id: alert.alert_id,
          enterprise_id: alert.enterprise_id,
          unit_id: route.unit.id,
          recipient,
          exp: Date.now() + this.#config.cases.linkDays * DAY_MS,
        },
        this.#linkKey,
      );
      const rendered = renderAlert(alert, route.language, {
        update: decision === "update",
        ack: { url: caseLinkUrl(this.#config.alerts.dashboardUrl, token), until },
      });
      await this.#deliveries.deliver(
        { alertId: alert.alert_id, recipient, unitId: route.unit.id, kind: "immediate" },
        () => emailTo(recipient, rendered, alert.alert_id),
        control,
      );
    }
  }

  /** The alert's case decision: the one recorded for it, else decided now against the open case and recorded. */
  async #caseDecision(alert: Alert, control: BatchControl): Promise<CaseDecision> {
    return retrying({ dependency: "clickhouse", control, log, retries }, async () => {
      const recorded = await selectCaseDecision(this.#wh, alert.alert_id);
      if (recorded) return recorded;
      const open = await selectOpenCase(this.#wh, alert.enterprise_id);
      const decision = caseAlertDecision(open, alert, { materialRise: this.#config.alerts.materialRise });
      await insertCaseAlert(this.#wh, {
        alert_id: alert.alert_id,
        enterprise_id: alert.enterprise_id,
        as_of: alert.as_of,
        level: alert.level,
        score: alert.score,
        owner_unit_id: responsibleUnitOf(alert, this.#units, this.#config.notifier.federationUnitId),
        area_code: alert.area_code,
        decision,
        recorded_at: formatUtc(new Date()),
      });
      return decision;
    });
  }

  /** Escalates the cases due on `date` (default: today in Vietnam); each at most once ever. */
  async runEscalations(date: string = vietnamDate(new Date())): Promise<EscalationResult> {
    const control = { isActive: () => !this.#stopping, heartbeat: async () => undefined };
    return sendEscalations(
      {
        wh: this.#wh,
        units: this.#units,
        deliveries: this.#deliveries,
        federationUnitId: this.#config.notifier.federationUnitId,
        dashboardUrl: this.#config.alerts.dashboardUrl,
        rules: this.#caseRules(),
      },
      date,
      control,
    );
  }

  #caseRules() {
    return {
      ackWorkingDays: this.#config.cases.ackWorkingDays,
      criticalNoActionDays: this.#config.cases.criticalNoActionDays,
      calendar: this.#calendar,
    };
  }

  /**
   * The digest of `date` (default: today in Vietnam) to every unit that takes digests and has open
   * high / critical enterprises. Logged as alert_id = digest:<unit>:<date>, so a rerun sends nothing.
   */
  async runDigest(date: string = vietnamDate(new Date())): Promise<DigestResult> {
    while (this.#digestRunning) await this.#digestRunning.catch(() => undefined);
    const control = { isActive: () => !this.#stopping, heartbeat: async () => undefined };
    const dashboardUrl = this.#config.alerts.dashboardUrl;
    const work = readCaseEntries(this.#wh, this.#units, date, escalationRules(this.#caseRules()), dashboardUrl).then((cases) =>
      sendDigests(
        {
          wh: this.#wh,
          units: this.#units,
          ...(this.#responsibility ? { responsibility: this.#responsibility } : {}),
          deliveries: this.#deliveries,
          federationUnitId: this.#config.notifier.federationUnitId,
          dashboardUrl,
          minSignalContribution: this.#config.alerts.minSignalContribution,
          cases: cases.map((c) => ({ owner_unit_id: c.row.owner_unit_id, entry: c.entry })),
        },
        date,
        control,
      ),
    );
    this.#digestRunning = work;
    try {
      return await work;
    } finally {
      this.#digestRunning = undefined;
    }
  }

  /**
   * Ready when both dependencies answer now: ClickHouse holds the delivery log that decides whether an
   * e-mail may go out, and Kafka holds the alerts and the dead-letter topic. (SMTP is not asked: a
   * refusing server is retried and parked per e-mail, and says nothing about this process.)
   */
  async isReady(): Promise<boolean> {
    const [clickhouse, kafka] = await Promise.all([warehouseAnswers(this.#wh), this.#producer?.isReady() ?? false]);
    return clickhouse && kafka;
  }

  /** Graceful: no new digests, stop consuming (the message in hand finishes and is committed), close SMTP. */
  async stop(): Promise<void> {
    for (const t of this.#tasks) await t.stop();
    this.#tasks = [];
    await this.#consumer?.stop();
    this.#stopping = true;
    await this.#digestRunning?.catch(() => undefined);
    await this.#producer?.disconnect();
    this.#mailer.close();
    log.info("notifier stopped");
  }
}

export type { Alert, DigestResult, Lang };
