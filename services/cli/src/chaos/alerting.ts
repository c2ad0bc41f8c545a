// The alerting scenarios of `./lrew chaos`: the notifier killed between sending an e-mail and
// recording it, the scorer killed inside a scoring run, and each of them while the broker stops.
// Notifier and scorer run as real child processes on their own embedded ClickHouse; the e-mails go
// to a mail capture on loopback; what came out is checked by the verifier child (verify-main.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseConfig } from "@lrew/config";
import { alertsDeadLetterTopicOf, alertsTopicOf, vietnamDate } from "@lrew/contracts";
import { EventProducer, ensureTopics, groupLag, readTopic, retryingKafkaCall } from "@lrew/kafka";
import { startLocalKafka, stopLocalKafka, type LocalKafkaOptions } from "@lrew/local-kafka";
import { startMailCapture } from "@lrew/mail-capture";
import type { ChaosOptions } from "./run.ts";
import { exitedWithin, freePort, killAndWait, n, sleep, spawnNode, until, verifyInChild, type Child } from "./children.ts";
import { SCORING_FAULT_POINTS, type FaultStep, type Scenario } from "./schedule.ts";
import type { ScenarioResult, StoredCheck } from "./verdict.ts";

export interface AlertingContext {
  o: ChaosOptions;
  work: string;
  brokers: string[];
  /** The run's own broker, for the broker-stop scenarios. */
  broker: LocalKafkaOptions | undefined;
  /** The cluster's nodes, when the run has one (topics are then replicated on each). */
  clusterNodes?: LocalKafkaOptions[];
}

const TG = "ldld.tuangiao@example.vn";
const UNITS = [
  { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", area_code: "DB", email: "ldld.dienbien@example.vn", level: "province" },
  { id: "LDLD-TG", name: "Liên đoàn Lao động huyện Tuần Giáo", area_code: "DB-TG", email: TG, level: "district", parent: "LDLD-DB" },
];

/** One alert as the scorer publishes it (alerts contract v1), for enterprise i. */
function alert(i: number): Record<string, unknown> {
  const id = String(5600400000 + i);
  return {
    alert_id: randomUUID(),
    enterprise_id: id,
    enterprise_name: `Công ty TNHH Thử nghiệm số ${i}`,
    area_code: "DB-TG",
    union_unit_id: "LDLD-TG",
    kind: "raised_high",
    level: "high",
    previous_level: "watch",
    score: 0.071,
    as_of: "2026-11-23",
    model_version: "chaos-1",
    reasons: [
      {
        feature: "insurance_arrears_months",
        label_vi: "Nợ BHXH",
        label_en: "Insurance arrears",
        value: 4,
        contribution: 1.2,
        sentence_vi: "Nợ đóng BHXH 4 tháng liên tiếp",
        sentence_en: "Social insurance unpaid for 4 consecutive months",
      },
    ],
    context: { vi: "Một doanh nghiệp may mặc lớn (800 lao động).", en: "A large garment plant (800 workers)." },
    changes: [],
    previous_alert: null,
    key_figures: { insurance_arrears_months: 4, wage_arrears_vnd: 1_234_567_000, grievances_30d: null },
    min_cell_size: 3,
    dashboard_url: `http://127.0.0.1:8080/enterprises/${id}`,
  };
}

function scenarioEnv(c: AlertingContext, scenario: Scenario): { home: string; env: Record<string, string> } {
  const home = path.join(c.work, scenario);
  mkdirSync(home, { recursive: true });
  const unitsFile = path.join(home, "union-units.json");
  writeFileSync(unitsFile, JSON.stringify(UNITS));
  return {
    home,
    env: {
      KAFKA_BROKERS: c.brokers.join(","),
      LREW_KAFKA_REPLICATION: String(c.clusterNodes?.length ?? 1),
      LREW_HOME: home,
      LREW_TOPIC_PREFIX: `chaos${randomBytes(4).toString("hex")}`,
      LREW_UNION_UNITS_FILE: unitsFile,
      LREW_NOTIFIER_SESSION_TIMEOUT_MS: "6000",
      LREW_NOTIFY_RETRY_BASE_MS: "100",
      LOG_LEVEL: "error",
    },
  };
}

/** Stops the run's broker for step.downMs, then starts it again. */
async function brokerDown(c: AlertingContext, step: FaultStep, say: (m: string) => void, rounds: number): Promise<void> {
  await stopLocalKafka(c.broker!);
  say(`round ${step.round + 1}/${rounds}: broker stopped for ${n(step.downMs)} ms`);
  await sleep(step.downMs);
  await startLocalKafka(c.broker!);
}

/** notifier-kill and notifier-broker-stop: alerts in, e-mails out, each acknowledged alert e-mailed once. */
export async function runNotifierScenario(c: AlertingContext, scenario: Scenario, plan: FaultStep[]): Promise<ScenarioResult> {
  const { o } = c;
  const say = (msg: string) => o.progress(`[${scenario}] ${msg}`);
  const { home, env } = scenarioEnv(c, scenario);
  const capture = await startMailCapture({ smtpPort: 0, httpPort: 0, dir: path.join(home, "mail") });
  env.LREW_SMTP_PORT = String(capture.smtpPort);
  const config = parseConfig(env, o.root);
  const topic = alertsTopicOf(config.kafka.topicPrefix);
  await ensureTopics(config.kafka, [topic, alertsDeadLetterTopicOf(config.kafka.topicPrefix)]);
  const producer = await retryingKafkaCall(() => EventProducer.connect(config.kafka, "chaos"));
  const acknowledged: string[] = [];
  const attempted = new Set<string>();
  const total = Math.max(plan.length * 10, Math.ceil(o.events / 10));
  const perRound = Math.ceil(total / plan.length);
  let next = 0;
  let faults = 0;
  const publish = async (count: number, pauseMs: number) => {
    for (let k = 0; k < count; k += 5) {
      const batch = Array.from({ length: Math.min(5, count - k) }, () => alert(next++));
      for (const a of batch) attempted.add(String(a.alert_id));
      for (;;) {
        try {
          await producer.send(
            topic,
            batch.map((a) => ({ key: String(a.enterprise_id), value: JSON.stringify(a) })),
          );
          acknowledged.push(...batch.map((a) => String(a.alert_id)));
          break;
        } catch {
          await sleep(500); // the scorer's run would fail and decide them again: send again
        }
      }
      await sleep(pauseMs);
    }
  };
  const opsPort = await freePort();
  env.LREW_NOTIFIER_PORT = String(opsPort);
  const start = (extra: Record<string, string> = {}) => spawnNode(o.root, "services/notifier/src/main.ts", { ...env, ...extra });
  const startRunning = async () => {
    const s = start();
    await until("the notifier to start", async () => (await fetch(`http://127.0.0.1:${opsPort}/healthz`)).ok, 120_000);
    return s;
  };
  let notifier: Child | undefined;
  try {
    for (const step of plan) {
      if (scenario === "notifier-kill") {
        await publish(perRound, 0);
        const faulty = start({ LREW_FAULT: `notifier.after-send:${step.atInsert}` });
        const how = await exitedWithin(faulty, 120_000);
        if (how === "not reached") await killAndWait(faulty, "SIGKILL");
        say(`round ${step.round + 1}/${plan.length}: notifier killed between e-mail ${step.atInsert} and its record (${how})`);
        faults++;
      } else {
        notifier ??= await startRunning();
        const sending = publish(perRound, Math.floor((step.afterMs + step.downMs + 1500) / Math.max(1, perRound / 5)));
        await sleep(step.afterMs);
        await brokerDown(c, step, say, plan.length);
        faults++;
        await sending;
      }
    }
    notifier ??= await startRunning();
    const running = notifier;
    await until(
      "the notifier to send everything",
      async () => {
        if (running.child.exitCode !== null || running.child.signalCode !== null)
          throw new Error(`the notifier exited (${await running.exited}): ${running.output().slice(-400)}`);
        return (await groupLag(config.kafka, config.notifier.groupId, [topic])).every((p) => p.lag === 0n);
      },
      240_000,
      500,
    );
  } finally {
    if (notifier) await killAndWait(notifier, "SIGTERM");
    await producer.disconnect();
  }
  const mails = await capture.messages();
  await capture.close();
  const perAlert = new Map<string, number>();
  for (const m of mails) {
    const id = m.headers.find((h) => h.name.toLowerCase() === "x-lrew-alert-id")?.value ?? "";
    perAlert.set(id, (perAlert.get(id) ?? 0) + 1);
  }
  const idsFile = path.join(home, "alert-ids.txt");
  writeFileSync(idsFile, acknowledged.join("\n"));
  const log = await verifyInChild<Array<{ alert_id: string; status: string }>>(o.root, env, ["deliveries", idsFile]);
  const held = log.filter((r) => r.status !== "sent");
  const check: StoredCheck = {
    acknowledged: acknowledged.length,
    rows: mails.length,
    unique: perAlert.size,
    // an alert with neither an e-mail nor a record held for an operator is lost
    missing: acknowledged.filter((id) => !perAlert.has(id) && !held.some((r) => r.alert_id === id)).length,
    partial: 0,
    unsent: held.length,
    unknown: [...perAlert.keys()].filter((id) => !attempted.has(id)).length,
    notIntact: 0,
    differences: held.slice(0, 20).map((r) => `${r.alert_id}: ${r.status}`),
  };
  return { scenario, check, faults: scenario === "notifier-kill" ? `${faults} kills` : `${faults} broker stops` };
}

/** Completed runs the scorer's /metrics reports. */
async function scorerRuns(port: number, outcome: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const re = new RegExp(`^lrew_scorer_runs_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\d+)`, "gm");
  return [...text.matchAll(re)].reduce((a, m) => a + Number(m[1]), 0);
}

/** scorer-kill and scorer-broker-stop: every enterprise scored once, every alert once. */
export async function runScorerScenario(c: AlertingContext, scenario: Scenario, plan: FaultStep[]): Promise<ScenarioResult> {
  const { o } = c;
  const say = (msg: string) => o.progress(`[${scenario}] ${msg}`);
  const { home, env } = scenarioEnv(c, scenario);
  const port = await freePort();
  Object.assign(env, {
    LREW_SCORER_PORT: String(port),
    // the frequent run every second (node-cron's seconds field); the nightly one never during the run
    LREW_SCORER_FREQUENT: "* * * * * *",
    LREW_SCORER_NIGHTLY: "0 0 1 1 *",
  });
  const config = parseConfig(env, o.root);
  await ensureTopics(config.kafka);
  const asOf = vietnamDate(new Date());
  say("loading a simulated province");
  await verifyInChild(o.root, env, ["load-world", asOf], 600_000);
  const start = (extra: Record<string, string> = {}) => spawnNode(o.root, "services/scorer/src/main.ts", { ...env, ...extra });
  let faults = 0;
  let failedRuns = 0;
  let scorer: Child | undefined;
  try {
    for (const step of plan) {
      if (scenario === "scorer-kill") {
        const point = SCORING_FAULT_POINTS[step.atPoint ?? 0]!;
        const faulty = start({ LREW_FAULT: `${point}:1` });
        const how = await exitedWithin(faulty, 180_000);
        if (how === "not reached") await killAndWait(faulty, "SIGKILL");
        say(`round ${step.round + 1}/${plan.length}: scorer killed at ${point} (${how})`);
        faults++;
      } else {
        // a run may complete before the broker stops; then the next runs find nothing new: still once each
        scorer ??= start();
        await until("the scorer to start", async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 120_000);
        await sleep(step.afterMs);
        await brokerDown(c, step, say, plan.length);
        faults++;
      }
    }
    scorer ??= start();
    await until("a scoring run to complete", async () => (await scorerRuns(port, "completed")) >= 1, 300_000, 500);
    failedRuns = await scorerRuns(port, "failed");
  } finally {
    if (scorer) await killAndWait(scorer, "SIGTERM");
  }
  const topicIds = (await retryingKafkaCall(() => readTopic(config.kafka, alertsTopicOf(config.kafka.topicPrefix)))).map(
    (r) => (JSON.parse(r.value!.toString("utf8")) as { alert_id: string }).alert_id,
  );
  const topicFile = path.join(home, "topic-alert-ids.txt");
  writeFileSync(topicFile, topicIds.join("\n"));
  // runs left `running` by the kills: none of their scores may be final
  const killedFile = path.join(home, "killed-runs.txt");
  const killed = await verifyInChild<string[]>(o.root, env, ["running-runs"]);
  writeFileSync(killedFile, killed.join("\n"));
  const check = await verifyInChild<StoredCheck>(o.root, env, ["scores", asOf, topicFile, killedFile]);
  for (const d of check.differences) say(`differs: ${d}`);
  return {
    scenario,
    check,
    faults: scenario === "scorer-kill" ? `${faults} kills` : `${faults} broker stops, ${failedRuns} runs failed`,
  };
}
