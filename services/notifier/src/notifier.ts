// The notifier: alerts topic → e-mail to the union unit responsible (or a daily digest).
//
// Kafka delivers each alert at least once; e-mail goes out at most once per (alert_id, recipient):
//   1. validate (invalid → dead-letter topic with the reason) and route with the union-unit reference data;
//   2. a unit that takes digests: record 'pending_digest' and stop there;
//   3. otherwise read the delivery log: 'sent' → skip; 'sending' → a process died between send and
//      record: do NOT resend, record 'uncertain'; else record 'sending', send, record 'sent';
//   4. SMTP failures are retried with backoff; after the configured attempts (or a 5xx refusal) the
//      e-mail is 'parked' with its error and the partition moves on;
//   5. only then is the offset committed.
import cron, { type ScheduledTask } from "node-cron";
import type { LrewConfig } from "@lrew/config";
import { alertsDeadLetterTopicOf, alertsTopicOf } from "@lrew/contracts";
import { ConfigError, FatalError, LrewError, describe as describeError } from "@lrew/errors";
import {
  BatchConsumer,
  EventProducer,
  backoffMs,
  deadLetter,
  ensureTopics,
  type BatchControl,
  type ConsumedBatch,
  type ConsumedMessage,
} from "@lrew/kafka";
import { counter, createLogger, faultPoint } from "@lrew/telemetry";
import { classifyError, warehouseAnswers, type Warehouse } from "@lrew/warehouse";
import {
  loadUnionUnits,
  messageIdOf,
  renderAlert,
  renderDigest,
  routeAlert,
  validateAlert,
  type Alert,
  type Lang,
  type OpenEnterprise,
  type Route,
  type UnionUnits,
} from "./alerts-adapter.ts";
import {
  classifySmtpFailure,
  decideAfterFailure,
  decideSend,
  digestId,
  monotonicClock,
  vietnamDate,
  type DeliveryKind,
  type DeliveryState,
  type DeliveryStatus,
} from "./decide.ts";
import { deliveryKey, pendingDigestRows, readDeliveries, writeDeliveries, type DeliveryRow } from "./deliveries.ts";

import { createMailer, type Mailer, type OutgoingEmail } from "./mailer.ts";

export const TIMEZONE = "Asia/Ho_Chi_Minh";

const log = createLogger("notifier");
const emails = counter("lrew_notifier_emails_total", "E-mails by kind and outcome (sent, failed attempt, parked, uncertain, skipped)", [
  "kind",
  "outcome",
]);
const pending = counter("lrew_notifier_digest_pending_total", "Alerts recorded for a unit's digest");
const deadLettered = counter("lrew_notifier_dead_letters_total", "Alert messages sent to the dead-letter topic");
const retries = counter("lrew_notifier_retries_total", "Retries while ClickHouse or Kafka was unavailable", ["dependency"]);

/** Raised to abandon the message in hand without committing when the consumer is stopping. */
class StoppingError extends LrewError {}

export interface DigestResult {
  date: string;
  /** Units whose digest was sent now, with the enterprises it listed. */
  sent: Array<{ unitId: string; recipients: string[]; enterprises: number }>;
  /** Units skipped because today's digest was already logged (sent, sending, uncertain or parked). */
  skipped: string[];
}

export class Notifier {
  #config: LrewConfig;
  #wh: Warehouse;
  #units: UnionUnits;
  #mailer: Mailer;
  #producer: EventProducer | undefined;
  #consumer: BatchConsumer | undefined;
  #tasks: ScheduledTask[] = [];
  #digestRunning: Promise<unknown> | undefined;
  #clock = monotonicClock();
  #stopping = false;

  private constructor(config: LrewConfig, wh: Warehouse, units: UnionUnits, mailer: Mailer) {
    this.#config = config;
    this.#wh = wh;
    this.#units = units;
    this.#mailer = mailer;
  }

  /** Loads the union units, creates the alert topics if missing, starts consuming and the digest schedule. */
  static async start(config: LrewConfig, wh: Warehouse, opts: { schedule?: boolean } = {}): Promise<Notifier> {
    const n = config.notifier;
    if (!cron.validate(n.digestCron))
      throw new ConfigError(`invalid configuration:\n  LREW_DIGEST_CRON: not a cron expression: ${n.digestCron}`);
    const units = loadUnionUnits(n.unionUnitsFile, n.federationUnitId);
    const prefix = config.kafka.topicPrefix;
    await ensureTopics(config.kafka, [alertsTopicOf(prefix), alertsDeadLetterTopicOf(prefix)]);
    const self = new Notifier(config, wh, units, createMailer(n.smtp, n.from));
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
        cron.schedule(n.digestCron, () => void self.runDigest().catch((err: unknown) => log.error({ err }, "digest failed")), {
          timezone: TIMEZONE,
          name: "notifier-digest",
        }),
      );
    }
    log.info(
      { groupId: n.groupId, smtp: `${n.smtp.host}:${n.smtp.port}`, units: units.size, digest: n.digestCron, timezone: TIMEZONE },
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
      await this.#retrying("kafka", control, () => this.#producer!.send(topic, [dl]));
      deadLettered.inc();
      log.warn({ topic: batch.topic, partition: batch.partition, offset: m.offset, error: parsed.error }, "invalid alert dead-lettered");
      return;
    }
    const alert = parsed.alert;
    const route = routeAlert(alert, this.#units, this.#config.notifier.federationUnitId);
    if (route.delivery === "digest") {
      const states = await this.#retrying("clickhouse", control, () => readDeliveries(this.#wh, [alert.alert_id]));
      const rows = route.recipients
        .filter((r) => !states.has(deliveryKey(alert.alert_id, r)))
        .map((r) => this.#row(alert.alert_id, r, route.unit.id, "digest", "pending_digest", 0, null));
      await this.#write(control, rows);
      pending.inc(rows.length);
      return;
    }
    for (const recipient of route.recipients) {
      const rendered = renderAlert(alert, route.language);
      await this.#deliver(
        { alertId: alert.alert_id, recipient, unitId: route.unit.id, kind: "immediate" },
        () => ({
          to: recipient,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: messageIdOf(rendered, alert.alert_id),
          headers: rendered.headers,
        }),
        control,
      );
    }
  }

  /** At most once: the delivery log decides whether this e-mail may go out. */
  async #deliver(
    key: { alertId: string; recipient: string; unitId: string; kind: DeliveryKind },
    build: () => OutgoingEmail,
    control: Pick<BatchControl, "isActive" | "heartbeat">,
  ): Promise<DeliveryStatus | "skipped"> {
    const n = this.#config.notifier;
    const states = await this.#retrying("clickhouse", control, () => readDeliveries(this.#wh, [key.alertId]));
    const state: DeliveryState | undefined = states.get(deliveryKey(key.alertId, key.recipient));
    const decision = decideSend(state, n.maxAttempts);
    const row = (status: DeliveryStatus, attempts: number, error: string | null, messageId = "") =>
      this.#row(key.alertId, key.recipient, key.unitId, key.kind, status, attempts, error, messageId);
    switch (decision.action) {
      case "skip":
        emails.inc({ kind: key.kind, outcome: "skipped" });
        log.debug({ alert: key.alertId, reason: decision.reason }, "not sending again");
        return "skipped";
      case "mark_uncertain":
        await this.#write(control, [
          row(
            "uncertain",
            state?.attempts ?? 1,
            "found 'sending' on redelivery: the process stopped between sending and recording; not resent",
            state?.message_id,
          ),
        ]);
        emails.inc({ kind: key.kind, outcome: "uncertain" });
        log.warn({ alert: key.alertId, unit: key.unitId }, "delivery uncertain (process died while sending); not resending");
        return "uncertain";
      case "park":
        await this.#write(control, [row("parked", decision.attempts, state?.error ?? "attempts used up")]);
        emails.inc({ kind: key.kind, outcome: "parked" });
        return "parked";
      case "send":
        break;
    }
    const email = build();
    for (let attempt = decision.attempt; ; attempt++) {
      await this.#write(control, [row("sending", attempt, null, email.messageId)]);
      try {
        await this.#mailer.send(email);
      } catch (err) {
        const kind = classifySmtpFailure(err);
        const error = describeError(err);
        const next = decideAfterFailure(attempt, n.maxAttempts, kind, n.retryBaseMs);
        if (next.action === "park") {
          await this.#write(control, [row("parked", attempt, error, email.messageId)]);
          emails.inc({ kind: key.kind, outcome: "parked" });
          log.error({ alert: key.alertId, unit: key.unitId, attempt, error }, "e-mail parked after failures");
          return "parked";
        }
        await this.#write(control, [row("failed", attempt, error, email.messageId)]);
        emails.inc({ kind: key.kind, outcome: "failed" });
        log.warn({ alert: key.alertId, attempt, waitMs: next.waitMs, error }, "SMTP send failed; retrying");
        await sleepWithHeartbeat(next.waitMs, control);
        if (!control.isActive()) throw new StoppingError("stopping between SMTP attempts");
        continue;
      }
      faultPoint("notifier.after-send");
      await this.#write(control, [row("sent", attempt, null, email.messageId)]);
      emails.inc({ kind: key.kind, outcome: "sent" });
      log.info({ alert: key.alertId, unit: key.unitId, kind: key.kind }, "e-mail sent");
      return "sent";
    }
  }

  /**
   * The digest of `date` (default: today in Vietnam) to every unit that takes digests and has open
   * high / critical enterprises. Logged as alert_id = digest:<unit>:<date>, so a rerun sends nothing.
   */
  async runDigest(date: string = vietnamDate(new Date())): Promise<DigestResult> {
    while (this.#digestRunning) await this.#digestRunning.catch(() => undefined);
    const work = this.#runDigest(date);
    this.#digestRunning = work;
    try {
      return await work;
    } finally {
      this.#digestRunning = undefined;
    }
  }

  async #runDigest(date: string): Promise<DigestResult> {
    const fed = this.#config.notifier.federationUnitId;
    const open = await this.#openEnterprises();
    const byUnit = new Map<string, { route: Route; entries: OpenEnterprise[] }>();
    for (const e of open) {
      const route = routeAlert(e, this.#units, fed);
      if (route.delivery !== "digest") continue;
      const slot = byUnit.get(route.unit.id) ?? { route, entries: [] };
      slot.entries.push(e.open);
      byUnit.set(route.unit.id, slot);
    }
    const result: DigestResult = { date, sent: [], skipped: [] };
    const control = { isActive: () => !this.#stopping, heartbeat: async () => undefined };
    for (const [unitId, { route, entries }] of byUnit) {
      const id = digestId(unitId, date);
      const rendered = renderDigest(route.unit, date, entries, route.language);
      const sentTo: string[] = [];
      for (const recipient of route.recipients) {
        const outcome = await this.#deliver(
          { alertId: id, recipient, unitId, kind: "digest" },
          () => ({
            to: recipient,
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            messageId: messageIdOf(rendered, id),
            headers: rendered.headers,
          }),
          control,
        );
        if (outcome === "sent") sentTo.push(recipient);
      }
      if (sentTo.length === 0) {
        result.skipped.push(unitId);
        continue;
      }
      result.sent.push({ unitId, recipients: sentTo, enterprises: entries.length });
      // The alerts waiting for this unit's digest went out with it.
      const waiting = await pendingDigestRows(this.#wh, unitId);
      await this.#write(
        control,
        waiting.map((w) => this.#row(w.alert_id, w.recipient, unitId, "digest", "sent", 1, null, messageIdOf(rendered, id))),
      );
    }
    log.info({ date, sent: result.sent.length, skipped: result.skipped.length }, "digest run finished");
    return result;
  }

  /** Open high / critical enterprises: the latest completed score of each, with registry data and since when. */
  async #openEnterprises(): Promise<Array<{ union_unit_id: string; open: OpenEnterprise }>> {
    const db = this.#wh.database;
    const rs = await this.#wh.client.query({
      query: `SELECT s.enterprise_id AS enterprise_id, e.name AS name, if(e.area_code = '', s.area_code, e.area_code) AS area_code,
                     e.union_unit_id AS union_unit_id, s.level AS level, s.score AS score, toString(s.as_of) AS as_of,
                     s.model_version AS model_version
              FROM ${db}.scores_latest AS s
              LEFT JOIN ${db}.enterprises_latest AS e ON e.enterprise_id = s.enterprise_id
              WHERE s.level IN ('high', 'critical')
              ORDER BY s.score DESC, s.enterprise_id`,
      format: "JSONEachRow",
    });
    const rows = (await rs.json()) as Array<{
      enterprise_id: string;
      name: string;
      area_code: string;
      union_unit_id: string;
      level: "high" | "critical";
      score: number;
      as_of: string;
      model_version: string;
    }>;
    if (rows.length === 0) return [];
    const hist = await this.#wh.client.query({
      query: `SELECT enterprise_id, toString(as_of) AS as_of, level FROM ${db}.scores_final
              WHERE enterprise_id IN {ids:Array(String)} ORDER BY enterprise_id, as_of`,
      query_params: { ids: rows.map((r) => r.enterprise_id) },
      format: "JSONEachRow",
    });
    const history = new Map<string, Array<{ as_of: string; level: string }>>();
    for (const h of (await hist.json()) as Array<{ enterprise_id: string; as_of: string; level: string }>) {
      const list = history.get(h.enterprise_id) ?? [];
      list.push(h);
      history.set(h.enterprise_id, list);
    }
    const base = this.#config.alerts.dashboardUrl.replace(/\/$/, "");
    return rows.map((r) => ({
      // Enterprises missing from the registry go to the federation, as their alerts do.
      union_unit_id: r.union_unit_id || this.#config.notifier.federationUnitId,
      open: {
        enterprise_id: r.enterprise_id,
        enterprise_name: r.name || r.enterprise_id,
        area_code: r.area_code,
        level: r.level,
        score: Number(r.score),
        since: spellStart(history.get(r.enterprise_id) ?? [], r.level, r.as_of),
        dashboard_url: `${base}/enterprises/${encodeURIComponent(r.enterprise_id)}`,
      },
    }));
  }

  #row(
    alertId: string,
    recipient: string,
    unitId: string,
    kind: DeliveryKind,
    status: DeliveryStatus,
    attempts: number,
    error: string | null,
    messageId = "",
  ): DeliveryRow {
    return {
      alert_id: alertId,
      recipient,
      unit_id: unitId,
      kind,
      status,
      attempts,
      error,
      message_id: messageId,
      updated_at: this.#clock(),
    };
  }

  async #write(control: Pick<BatchControl, "isActive" | "heartbeat">, rows: DeliveryRow[]): Promise<void> {
    await this.#retrying("clickhouse", control, () => writeDeliveries(this.#wh, rows));
  }

  /** Runs fn until it succeeds while the dependency is unavailable; other errors propagate. */
  async #retrying<T>(dependency: string, control: Pick<BatchControl, "isActive" | "heartbeat">, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        const retryable =
          dependency === "kafka" ? err instanceof LrewError && err.name === "RetryableError" : classifyError(err) === "retryable";
        if (!retryable) throw err instanceof LrewError ? err : new FatalError(`${dependency}: ${describeError(err)}`, { cause: err });
        if (!control.isActive()) throw new StoppingError(`stopping while waiting for ${dependency}`);
        const wait = backoffMs(attempt);
        retries.inc({ dependency });
        log.warn({ dependency, attempt, waitMs: wait, error: describeError(err) }, `${dependency} unavailable; retrying`);
        await sleepWithHeartbeat(wait, control);
      }
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

/** First as_of of the current spell at `level` (history sorted by as_of); `fallback` without history. */
export function spellStart(history: ReadonlyArray<{ as_of: string; level: string }>, level: string, fallback: string): string {
  let since = fallback;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.level !== level) break;
    since = history[i]!.as_of;
  }
  return since;
}

async function sleepWithHeartbeat(ms: number, control: Pick<BatchControl, "isActive" | "heartbeat">): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && control.isActive()) {
    await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
    await control.heartbeat().catch(() => undefined);
  }
}

export type { Alert, Lang };
