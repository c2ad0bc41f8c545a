// What a scorer scenario of `./lrew chaos` left in ClickHouse and on the alerts topic: every
// enterprise scored once by a completed run, no score of a killed run final, and every alert the
// scores call for decided once, recorded once and published once.
import { selectEmailedOn, type Warehouse } from "@lrew/warehouse";
import type { StoredCheck } from "./verdict.ts";

async function rows<T>(wh: Warehouse, sql: string): Promise<T[]> {
  const rs = await wh.client.query({ query: sql.replaceAll("{{db}}", wh.database), format: "JSONEachRow" });
  return (await rs.json()) as T[];
}

/**
 * acknowledged: enterprises a run must score plus the e-mails the policy decided; stored: final
 * scores plus the alerts recorded (one row per alert id); lost: enterprises without a final score,
 * decided e-mails without an alert, recorded alerts missing from the topic; doubled: extra scores and
 * a second alert id for one enterprise (what would be a second e-mail); partial: final scores of
 * killed runs. A run killed after publishing but before completing is redone by the next run, which
 * publishes the same alert ids again: the same id twice on the topic is one alert (the alerts table
 * folds it, the notifier's delivery log sends it once), not a double.
 */
export async function checkScores(
  wh: Warehouse,
  asOf: string,
  topicAlertIds: readonly string[],
  killedRuns: readonly string[],
): Promise<StoredCheck> {
  const [known] = await rows<{ n: number }>(wh, "SELECT count() AS n FROM {{db}}.enterprises_latest WHERE workforce > 0");
  const [final] = await rows<{ rows: number; unique: number; partial: number }>(
    wh,
    `SELECT count() AS rows, uniqExact(enterprise_id) AS unique, countIf(run_id IN {killed:Array(String)}) AS partial
     FROM {{db}}.scores_final WHERE as_of = '${asOf}'`.replace(
      "{killed:Array(String)}",
      `[${killedRuns.map((r) => `'${r.replace(/'/g, "")}'`).join(",")}]`,
    ),
  );
  // What the alert policy decided to e-mail that day (its completed run's own record): an enterprise
  // high on structure alone, or already e-mailed within the cooldown, is rightly not among them.
  const risen = new Set(await selectEmailedOn(wh, asOf));
  const alerts = await rows<{ alert_id: string; enterprise_id: string }>(wh, "SELECT alert_id, enterprise_id FROM {{db}}.alerts FINAL");
  const alerted = new Set(alerts.map((a) => a.enterprise_id));
  const onTopic = new Set(topicAlertIds);
  const recorded = new Set(alerts.map((a) => a.alert_id));
  const lostAlerts = [...risen].filter((e) => !alerted.has(e)).length + [...recorded].filter((id) => !onTopic.has(id)).length;
  const differences = [...risen].filter((e) => !alerted.has(e)).map((e) => `${e}: e-mail decided, no alert`);
  return {
    acknowledged: known!.n + risen.size,
    rows: final!.rows + alerts.length,
    unique: final!.unique + alerted.size,
    missing: known!.n - final!.unique + lostAlerts,
    partial: final!.partial,
    unsent: 0,
    // alerts nobody decided (on the topic, not in the table) or for enterprises that did not rise
    unknown: [...onTopic].filter((id) => !recorded.has(id)).length + [...alerted].filter((e) => !risen.has(e)).length,
    notIntact: 0,
    differences: differences.slice(0, 20),
  };
}
