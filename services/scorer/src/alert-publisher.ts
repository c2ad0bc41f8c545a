// From the alert policy's e-mail decisions to alert events: reads the earlier alerts (what changed
// since the last one) and the enterprises' names and union units from the warehouse, lets
// @lrew/alerts word them, publishes the alerts to <prefix>.alerts.v1 (keyed by enterprise) and
// records them in the alerts table. The decision itself was the policy's (@lrew/risk policy.ts).
// Publish first, record second: after a crash in between, the rerun produces the same alert_id,
// which the notifier's delivery log recognises.
import { alertsFor, type Alert, type EnterpriseRef } from "@lrew/alerts";
import { addDays, alertsTopicOf } from "@lrew/contracts";
import type { EventPublisher } from "@lrew/kafka";
import type { AlertDecision } from "@lrew/risk";
import { counter, createLogger } from "@lrew/telemetry";
import { formatUtc, insertAlerts, selectAlertHistory, selectLatestEnterprises, type Warehouse } from "@lrew/warehouse";

export interface AlertSettings {
  topicPrefix: string;
  dashboardUrl: string;
  federationUnitId: string;
  /** Area names by code (from the reference data), so alerts say "Huyện Tuần Giáo", not DB-TGIAO. */
  areaNames?: ReadonlyMap<string, string>;
}

const log = createLogger("scorer.alerts");
const published = counter("lrew_alerts_published_total", "Alerts published to the alerts topic", ["kind"]);

export class AlertPublisher {
  #wh: Warehouse;
  #publisher: EventPublisher;
  #s: AlertSettings;

  constructor(wh: Warehouse, publisher: EventPublisher, settings: AlertSettings) {
    this.#wh = wh;
    this.#publisher = publisher;
    this.#s = settings;
  }

  async publish(decisions: readonly AlertDecision[]): Promise<Alert[]> {
    if (decisions.length === 0) return [];
    const ids = [...new Set(decisions.map((c) => c.enterprise_id))];
    const earliest = decisions.map((c) => c.as_of).sort()[0]!;
    // The previous alert of each enterprise, for "what changed since": a year back is plenty.
    const history = await selectAlertHistory(this.#wh, { enterpriseIds: ids, since: addDays(earliest, -366) });
    const refs = await selectLatestEnterprises(this.#wh, { enterpriseIds: ids });
    const enterprises = new Map<string, EnterpriseRef>(
      refs.map((r) => [r.enterprise_id, { name: r.name, union_unit_id: r.union_unit_id }]),
    );
    const alerts = alertsFor(decisions, history, {
      enterprises,
      federationId: this.#s.federationUnitId,
      dashboardBaseUrl: this.#s.dashboardUrl,
      ...(this.#s.areaNames ? { areaNames: this.#s.areaNames } : {}),
    });
    if (alerts.length === 0) return alerts;
    await this.#publisher.send(
      alertsTopicOf(this.#s.topicPrefix),
      alerts.map((a) => ({
        key: a.enterprise_id,
        value: JSON.stringify(a),
        headers: { alert_id: a.alert_id, "content-type": "application/json" },
      })),
    );
    const producedAt = formatUtc(new Date());
    await insertAlerts(
      this.#wh,
      alerts.map((a) => ({
        alert_id: a.alert_id,
        enterprise_id: a.enterprise_id,
        as_of: a.as_of,
        kind: a.kind,
        level: a.level,
        previous_level: a.previous_level ?? "",
        score: a.score,
        model_version: a.model_version,
        union_unit_id: a.union_unit_id,
        area_code: a.area_code,
        reasons: a.reasons.map((r) => ({ feature: r.feature, value: r.value })),
        alert: JSON.stringify(a),
        produced_at: producedAt,
      })),
    );
    for (const a of alerts) published.inc({ kind: a.kind });
    log.info({ alerts: alerts.length }, "alerts published");
    return alerts;
  }
}
