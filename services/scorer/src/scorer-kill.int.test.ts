// The scorer as its own process, SIGKILLed inside a scoring run at each of its fault points in turn
// (features read; scores written; alerts published but the run not yet completed), then run
// again: the next run completes with every enterprise scored once, no score of a killed run
// visible as final, every alert decided once (none lost, none doubled) in the table and on the topic.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig, type LrewConfig } from "@lrew/config";
import { addDays, alertsTopicOf, vietnamDate } from "@lrew/contracts";
import { ensureTopics, readTopic } from "@lrew/kafka";
import { loadSimulatedWorld } from "@lrew/scoring-offline";
import { migrate, openWarehouse, selectEmailedOn, type Warehouse } from "@lrew/warehouse";
import { testEnv } from "../../../test/infra/index.ts";
import { spawnService, waitFor, type ServiceProcess } from "../../../test/support/processes.ts";

const FAULT_POINTS = ["scoring.after-features", "scoring.after-insert", "scoring.before-complete"] as const;

let env: Record<string, string>;
let config: LrewConfig;
let asOf: string;
let scorer: ServiceProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function query<T>(wh: Warehouse, sql: string): Promise<T[]> {
  const rs = await wh.client.query({ query: sql.replaceAll("{{db}}", wh.database), format: "JSONEachRow" });
  return (await rs.json()) as T[];
}

/** Completed runs the scorer's /metrics reports (0 while it has none). */
async function completedRuns(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^lrew_scorer_runs_total\{[^}]*outcome="completed"[^}]*\} (\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
}

beforeAll(async () => {
  env = testEnv({
    LREW_SCORER_PORT: String(await freePort()),
    // the frequent run every second (node-cron's optional seconds field); the nightly one never in the test
    LREW_SCORER_FREQUENT: "* * * * * *",
    LREW_SCORER_NIGHTLY: "0 0 1 1 *",
  });
  config = parseConfig(env, process.cwd());
  await ensureTopics(config.kafka);
  // A province whose history ends today (the scorer scores as of today in Vietnam time). Embedded
  // ClickHouse belongs to one process at a time: this one loads it and closes it before any scorer runs.
  asOf = vietnamDate(new Date());
  const wh = await openWarehouse(config.clickhouse);
  try {
    await migrate(wh);
    await loadSimulatedWorld(wh, { seed: 17, enterprises: 150, days: 150, start: addDays(asOf, -149) });
  } finally {
    await wh.close();
  }
});

afterAll(async () => {
  if (scorer && scorer.child.exitCode === null && scorer.child.signalCode === null) {
    scorer.child.kill("SIGKILL");
    await scorer.exited;
  }
});

describe("scorer killed inside a scoring run", () => {
  it("completes the next run with every score once and every alert once", async () => {
    for (const point of FAULT_POINTS) {
      scorer = spawnService("services/scorer/src/main.ts", { ...env, LREW_FAULT: `${point}:1` });
      const how = await Promise.race([scorer.exited, new Promise((r) => setTimeout(() => r("still running"), 120_000))]);
      expect(how, `${point}: ${scorer.output()}`).toBe("SIGKILL");
    }

    // What the kills left behind: three runs still marked running, scores no view shows as final.
    const killedRuns = await (async () => {
      const wh = await openWarehouse(config.clickhouse);
      try {
        expect(await query(wh, "SELECT count() AS n FROM {{db}}.scores_final")).toEqual([{ n: 0 }]);
        const written = await query<{ n: number }>(wh, "SELECT count() AS n FROM {{db}}.scores");
        expect(written[0]!.n).toBeGreaterThan(0); // the kills after the insert really left scores behind
        return (await query<{ run_id: string }>(wh, "SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'running'")).map(
          (r) => r.run_id,
        );
      } finally {
        await wh.close();
      }
    })();
    expect(killedRuns).toHaveLength(FAULT_POINTS.length);
    const alertsBefore = await readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix));
    expect(alertsBefore.length).toBeGreaterThan(0); // the kill before completion came after publishing

    // The next run, with no fault: it completes by itself, without operator action.
    scorer = spawnService("services/scorer/src/main.ts", env);
    await waitFor("the next scoring run to complete", async () => (await completedRuns(Number(env.LREW_SCORER_PORT))) >= 1, 180_000);
    scorer.child.kill("SIGTERM");
    expect(await scorer.exited, scorer.output()).toBe(0);

    const wh = await openWarehouse(config.clickhouse);
    try {
      const runs = await query<{ run_id: string; status: string; enterprises_scored: number }>(
        wh,
        "SELECT run_id, status, enterprises_scored FROM {{db}}.scoring_runs FINAL ORDER BY started_at",
      );
      const completed = runs.filter((r) => r.status === "completed");
      expect(completed).toHaveLength(1);
      expect(new Set(runs.filter((r) => r.status === "running").map((r) => r.run_id))).toEqual(new Set(killedRuns));

      // No lost or doubled scores: every enterprise once, all from the completed run.
      const [final] = await query<{ rows: number; enterprises: number; runs: number; run: string }>(
        wh,
        `SELECT count() AS rows, uniqExact(enterprise_id) AS enterprises, uniqExact(run_id) AS runs, any(run_id) AS run
         FROM {{db}}.scores_final WHERE as_of = '${asOf}'`,
      );
      // what a run scores: every enterprise the registry knows by then with a workforce (see feature-sql.ts)
      const [enterprises] = await query<{ n: number }>(wh, "SELECT count() AS n FROM {{db}}.enterprises_latest WHERE workforce > 0");
      expect(final).toEqual({ rows: enterprises!.n, enterprises: enterprises!.n, runs: 1, run: completed[0]!.run_id });
      expect(completed[0]!.enterprises_scored).toBe(enterprises!.n);

      // No lost or doubled alerts: one per enterprise that rose to high or critical, once in the
      // table, and the topic holds exactly those alert ids (a republished one would carry the same id).
      // What the alert policy decided to e-mail that day (its completed run's record of states).
      const risen = await selectEmailedOn(wh, asOf);
      expect(risen.length).toBeGreaterThan(0);
      const alerts = await query<{ alert_id: string; enterprise_id: string }>(
        wh,
        "SELECT alert_id, enterprise_id FROM {{db}}.alerts FINAL ORDER BY enterprise_id",
      );
      expect(alerts.map((a) => a.enterprise_id)).toEqual(risen);
      const onTopic = await readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix));
      const topicIds = onTopic.map((r) => (JSON.parse(r.value!.toString("utf8")) as { alert_id: string }).alert_id);
      expect(new Set(topicIds)).toEqual(new Set(alerts.map((a) => a.alert_id)));
      // The run killed before completion had published its alerts; the next run decides the same
      // e-mails again (the killed run's states are not final) and republishes the same ids, which the
      // alerts table folds and the notifier's delivery log sends once. So each id at most twice.
      const perId = new Map<string, number>();
      for (const id of topicIds) perId.set(id, (perId.get(id) ?? 0) + 1);
      expect([...perId.values()].every((n) => n <= 2)).toBe(true);
    } finally {
      await wh.close();
    }
  }, 600_000);
});
