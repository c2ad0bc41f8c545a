// A fresh scoring run of a simulated province with the shipped model, its alerts published to the
// real alerts topic: every alert states signals only (structure is the context phrase), and no area
// holds more open high + critical enterprises than its follow-up capacity.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertSchema, renderAlertEmail, type Alert } from "@lrew/alerts";
import { parseConfig } from "@lrew/config";
import { addDays, alertsTopicOf } from "@lrew/contracts";
import { EventProducer, ensureTopics, readTopic } from "@lrew/kafka";
import { FEATURES, isSignalFactor } from "@lrew/risk";
import { loadModel } from "@lrew/scoring";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { migrate, openWarehouse, selectLatestScores, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import { AlertPublisher } from "./alert-publisher.ts";
import { Responsibility } from "@lrew/reference";
import { policySettingsOf } from "./policy-settings.ts";
import { Scorer } from "./scorer.ts";

// No reference data: every enterprise's capacity group is its area_code.
const NO_UNITS = Responsibility.parse({ areas: [], units: [], area_units: [], enterprise_areas: [] });
let wh: Warehouse;
let producer: EventProducer;
let config: ReturnType<typeof parseConfig>;
let alerts: Alert[];
const asOf = "2026-06-30";
const CAPACITY = 3;

beforeAll(async () => {
  config = parseConfig({ ...testEnv(), LREW_FOLLOW_UP_CAPACITY: String(CAPACITY) }, process.cwd());
  await ensureTopics(config.kafka);
  wh = await openWarehouse({ ...config.clickhouse, embeddedPath: mkdtempSync(path.join(os.tmpdir(), "lrew-policy-alerts-")) });
  await migrate(wh);
  await loadSimulatedWorld(wh, { seed: 23, enterprises: 400, days: 365, start: addDays(asOf, -364) });
  producer = await EventProducer.connect(config.kafka, "test");
  const publisher = new AlertPublisher(wh, producer, {
    topicPrefix: config.kafka.topicPrefix,
    dashboardUrl: "http://127.0.0.1:8080",
    federationUnitId: "LDLD-DB",
  });
  const scorer = new Scorer(wh, loadModel(), publisher, policySettingsOf(config.alerts, NO_UNITS));
  // A fresh installation's first run: every open enterprise with a signal reason is alerted.
  await scorer.run("all", asOf);
  const onTopic = await readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix));
  alerts = onTopic.map((m) => alertSchema.parse(JSON.parse(m.value!.toString("utf8"))));
});

afterAll(async () => {
  await producer?.disconnect();
  await wh?.close();
});

describe("a fresh scoring run's alerts", () => {
  it("are published, each stating signals only, with structure as context", () => {
    expect(alerts.length).toBeGreaterThan(0);
    const structural = new Set(FEATURES.filter((f) => f.role === "context").map((f) => f.name));
    for (const a of alerts) {
      expect(a.as_of).toBe(asOf);
      expect(a.reasons.length).toBeGreaterThan(0);
      for (const r of a.reasons) {
        expect(isSignalFactor(r.feature), r.feature).toBe(true);
        expect(structural.has(r.feature)).toBe(false);
      }
      expect(a.context.vi).toMatch(/^Một doanh nghiệp .+ \([\d.]+ lao động\)/);
      const mail = renderAlertEmail(a, "vi");
      const numbered = mail.text.split("\n").filter((l) => /^ {2}\d\. /.test(l));
      expect(numbered.length).toBe(a.reasons.length);
      for (const l of numbered) expect(l).not.toMatch(/Quy mô|Doanh nghiệp tư nhân|Doanh nghiệp FDI|Ngành hay|Mùa Tết/);
    }
  });

  it("come from an open enterprise of an area within its capacity", async () => {
    const latest = await selectLatestScores(wh);
    const open = new Map<string, number>();
    for (const s of latest) if (s.level === "high" || s.level === "critical") open.set(s.area_code, (open.get(s.area_code) ?? 0) + 1);
    expect(open.size).toBeGreaterThan(0);
    for (const [area, n] of open) expect(n, area).toBeLessThanOrEqual(CAPACITY);
    const levelOf = new Map(latest.map((s) => [s.enterprise_id, s.level]));
    for (const a of alerts) expect(levelOf.get(a.enterprise_id)).toBe(a.level);
  });
});
