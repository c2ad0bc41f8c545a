// From level changes to alert events: reads the alert history (for the cooldown) and the
// enterprises' names and union units from ClickHouse, lets @lrew/alerts decide, publishes the
// alerts to <prefix>.alerts.v1 (keyed by enterprise) and records them in the alerts table.
// Publish first, record second: after a crash in between, the rerun produces the same alert_id,
// which the notifier's delivery log recognises.
import { existsSync, readFileSync } from "node:fs";
import { decideAlerts, type Alert, type AlertRecord, type EnterpriseRef } from "@lrew/alerts";
import { alertsTopicOf } from "@lrew/contracts";
import type { EventPublisher } from "@lrew/kafka";
import { addDays, type LevelChange } from "@lrew/scoring";
import { counter, createLogger } from "@lrew/telemetry";
import { toLrewError, type Warehouse } from "@lrew/warehouse";

export interface AlertSettings {
  topicPrefix: string;
  cooldownDays: number;
  materialRise: number;
  notifyLowered: boolean;
  dashboardUrl: string;
  federationUnitId: string;
  /** Area names by code (from the reference data), so alerts say "Huyện Tuần Giáo", not DB-TGIAO. */
  areaNames?: ReadonlyMap<string, string>;
}

const log = createLogger("scorer.alerts");
const published = counter("lrew_alerts_published_total", "Alerts published to the alerts topic", ["kind"]);

const fmt = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

async function rows<T>(wh: Warehouse, query: string, params: Record<string, unknown>): Promise<T[]> {
  try {
    const rs = await wh.client.query({ query, query_params: params, format: "JSONEachRow" });
    return (await rs.json()) as T[];
  } catch (err) {
    throw toLrewError(err, "alert publisher query failed");
  }
}

export class AlertPublisher {
  #wh: Warehouse;
  #publisher: EventPublisher;
  #s: AlertSettings;

  constructor(wh: Warehouse, publisher: EventPublisher, settings: AlertSettings) {
    this.#wh = wh;
    this.#publisher = publisher;
    this.#s = settings;
  }

  async publish(changes: readonly LevelChange[]): Promise<Alert[]> {
    if (changes.length === 0) return [];
    const ids = [...new Set(changes.map((c) => c.enterprise_id))];
    const earliest = changes.map((c) => c.as_of).sort()[0]!;
    const db = this.#wh.database;
    const history = await rows<{
      alert_id: string;
      enterprise_id: string;
      level: AlertRecord["level"];
      score: number;
      day: string;
      reasons: Array<{ feature: string; value: number | null }>;
    }>(
      this.#wh,
      `SELECT alert_id, enterprise_id, level, score, toString(a.as_of) AS day, reasons FROM ${db}.alerts AS a FINAL
       WHERE a.enterprise_id IN {ids:Array(String)} AND a.as_of >= {since:Date} ORDER BY a.as_of`,
      { ids, since: addDays(earliest, -Math.max(this.#s.cooldownDays, 1) - 1) },
    );
    const refs = await rows<{ enterprise_id: string; name: string; union_unit_id: string }>(
      this.#wh,
      `SELECT enterprise_id, name, union_unit_id FROM ${db}.enterprises_latest WHERE enterprise_id IN {ids:Array(String)}`,
      { ids },
    );
    const enterprises = new Map<string, EnterpriseRef>(
      refs.map((r) => [r.enterprise_id, { name: r.name, union_unit_id: r.union_unit_id }]),
    );
    const alerts = decideAlerts(
      changes,
      history.map((h) => ({
        alert_id: h.alert_id,
        enterprise_id: h.enterprise_id,
        level: h.level,
        score: h.score,
        as_of: h.day,
        reasons: h.reasons,
      })),
      {
        cooldownDays: this.#s.cooldownDays,
        materialRise: this.#s.materialRise,
        notifyLowered: this.#s.notifyLowered,
        enterprises,
        federationId: this.#s.federationUnitId,
        dashboardBaseUrl: this.#s.dashboardUrl,
        ...(this.#s.areaNames ? { areaNames: this.#s.areaNames } : {}),
      },
    );
    if (alerts.length === 0) return alerts;
    await this.#publisher.send(
      alertsTopicOf(this.#s.topicPrefix),
      alerts.map((a) => ({
        key: a.enterprise_id,
        value: JSON.stringify(a),
        headers: { alert_id: a.alert_id, "content-type": "application/json" },
      })),
    );
    const producedAt = fmt(new Date());
    try {
      await this.#wh.client.insert({
        table: `${db}.alerts`,
        format: "JSONEachRow",
        values: alerts.map((a) => ({
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
      });
    } catch (err) {
      throw toLrewError(err, "cannot record alerts");
    }
    for (const a of alerts) published.inc({ kind: a.kind });
    log.info({ alerts: alerts.length, changes: changes.length }, "alerts published");
    return alerts;
  }
}

/** Area names from a reference file (`[{ "code", "name" }]`, as the simulator writes areas.json); empty when absent. */
export function readAreaNames(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const areas = JSON.parse(readFileSync(file, "utf8")) as Array<{ code?: unknown; name?: unknown }>;
  return new Map(
    areas.filter((a) => typeof a.code === "string" && typeof a.name === "string").map((a) => [a.code as string, a.name as string]),
  );
}
