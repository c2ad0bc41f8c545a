// `./lrew chaos`: the fault scenarios, longer and randomised, against a broker of its own (or the
// Kafka of KAFKA_BROKERS), embedded ClickHouse per scenario and the sink as a real child process.
// Each scenario sends wage-arrears events over HTTP while its faults strike, waits for the sink to
// commit everything, then checks in ClickHouse (in a child process: embedded ClickHouse belongs to
// one process) that every acknowledged event is stored once and intact. Every wait is bounded, so
// the run stops by itself; the verdict table says what was produced, stored, unique and intact.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseConfig, resolveSecrets } from "@lrew/config";
import { topicOf } from "@lrew/contracts";
import { startIngest } from "@lrew/ingest";
import { ensureTopics, groupLag, partitionReplicas, topicEnds } from "@lrew/kafka";
import {
  ensureKafkaJars,
  localClusterNodes,
  localKafkaOptionsFromEnv,
  startLocalCluster,
  startLocalKafka,
  stopLocalCluster,
  stopLocalKafka,
  type LocalClusterOptions,
  type LocalKafkaOptions,
} from "@lrew/local-kafka";
import type { Lang } from "@lrew/contracts";
import { exitedWithin, freePort, killAndWait, n, sleep, spawnNode, until, verifyInChild } from "./children.ts";
import { runNotifierScenario, runScorerScenario } from "./alerting.ts";
import { faultPlan, STOPS_BROKERS, type FaultStep, type Scenario } from "./schedule.ts";
import type { ScenarioResult, StoredCheck } from "./verdict.ts";

export interface ChaosOptions {
  root: string;
  lang: Lang;
  scenarios: readonly Scenario[];
  rounds: number;
  /** Events per scenario. */
  events: number;
  seed: number;
  /** Port of the chaos broker (its controller takes the next one). */
  kafkaPort: number;
  /** Use this Kafka instead of starting one (the scenarios that stop brokers are then skipped). */
  brokers?: string[];
  /** Start a cluster of this many brokers (3 or 5) instead of one, from kafkaPort on (two ports each). */
  clusterBrokers?: number;
  /** Parent of the run's work directory (removed at the end). Default: the OS temp dir. */
  workParent?: string;
  progress: (line: string) => void;
}

/** One wage-arrears event, every field derived from i so the verifier can tell any change. */
function event(i: number): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    enterprise_id: String(5600200000 + (i % 41)),
    reported_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace("Z", "+00:00"),
    period: `2026-${String(1 + (i % 12)).padStart(2, "0")}`,
    amount_owed_vnd: 1_000_000 + i * 7919,
    workers_affected: 1 + (i % 997),
    status: (["outstanding", "partially_paid", "paid"] as const)[i % 3],
    source: (["labour_inspectorate", "union", "workers"] as const)[i % 3],
  };
}

interface Load {
  sent: Set<string>;
  acknowledged: Array<Record<string, unknown>>;
  statuses: Map<number, number>;
  /** 202 answers that acknowledged fewer records than the batch held. */
  partial: number;
}

/** Sends events [from, to) in batches; a batch that fails is sent again (as a provider would) until acknowledged. */
async function sendRange(url: string, apiKey: string, load: Load, from: number, to: number, deadline: number, pauseMs = 15): Promise<void> {
  for (let i = from; i < to; i += 25) {
    const batch = Array.from({ length: Math.min(25, to - i) }, (_, k) => event(i + k));
    for (const e of batch) load.sent.add(String(e.event_id));
    const body = batch.map((e) => JSON.stringify(e)).join("\n");
    let answer: { accepted?: number; rejected?: Array<{ index: number }> } = {};
    for (;;) {
      if (Date.now() > deadline) throw new Error("ingest did not acknowledge the load in time");
      let status = 0;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/x-ndjson" },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        answer = (await res.json().catch(() => ({}))) as typeof answer;
      } catch {
        // no answer (status 0): sent again below
      }
      load.statuses.set(status, (load.statuses.get(status) ?? 0) + 1);
      if (status === 202) break;
      await sleep(200);
    }
    // A 202 acknowledges the batch minus the records it lists as rejected; acknowledging fewer than
    // all (every event here is valid) counts as partial, and those acknowledged join the loss check.
    if (answer.accepted !== batch.length) load.partial++;
    const rejected = new Set((answer.rejected ?? []).map((r) => r.index));
    load.acknowledged.push(...batch.filter((_, k) => !rejected.has(k)));
    await sleep(pauseMs);
  }
}

interface ScenarioContext {
  o: ChaosOptions;
  work: string;
  brokers: string[];
  broker: LocalKafkaOptions | undefined;
  /** The cluster's nodes (node n at n-1), for leader-kill. */
  clusterNodes?: LocalKafkaOptions[];
}

async function runScenario(c: ScenarioContext, scenario: Scenario, plan: FaultStep[]): Promise<ScenarioResult> {
  const { o } = c;
  const say = (msg: string) => o.progress(`[${scenario}] ${msg}`);
  const home = path.join(c.work, scenario);
  const faultDir = path.join(home, "faults");
  mkdirSync(faultDir, { recursive: true });
  const sinkPort = await freePort();
  const env: Record<string, string> = {
    KAFKA_BROKERS: c.brokers.join(","),
    LREW_KAFKA_REPLICATION: String(c.clusterNodes?.length ?? 1),
    LREW_HOME: home,
    LREW_TOPIC_PREFIX: `chaos${randomBytes(4).toString("hex")}`,
    LREW_SINK_GROUP: `lrew-chaos-${scenario}`,
    LREW_INGEST_PORT: "0",
    LREW_SINK_PORT: String(sinkPort),
    LREW_SINK_BATCH_ROWS: "200",
    LREW_SINK_BATCH_MS: "100",
    LREW_SINK_SESSION_TIMEOUT_MS: "6000",
    LREW_FAULT_DIR: faultDir,
    LOG_LEVEL: "error",
  };
  const config = parseConfig(env, o.root);
  await ensureTopics(config.kafka);
  const ingest = await startIngest(config);
  const url = `${ingest.url}/v1/events/wage-arrears`;
  const apiKey = resolveSecrets(config).apiKeys[0]!.key;
  const sinkUrl = `http://127.0.0.1:${sinkPort}`;
  const startSink = async (extra: Record<string, string> = {}) => {
    const s = spawnNode(o.root, "services/sink/src/main.ts", { ...env, ...extra });
    await until("the sink to start", async () => (await fetch(`${sinkUrl}/healthz`)).ok, 120_000);
    return s;
  };
  let sink = await startSink();
  const load: Load = { sent: new Set(), acknowledged: [], statuses: new Map(), partial: 0 };
  const deadline = Date.now() + 10 * 60_000;
  const perRound = Math.ceil(o.events / plan.length);
  let kills = 0;
  let notReadySeen = 0;
  try {
    for (const step of plan) {
      const from = step.round * perRound;
      const to = Math.min(o.events, from + perRound);
      // spread the round's events over the whole fault, so they arrive before, during and after it
      const pauseMs = Math.floor((step.afterMs + step.downMs + 1500) / Math.max(1, Math.ceil((to - from) / 25)));
      if (scenario === "sink-kill" && step.atInsert !== undefined) {
        // the sink that will kill itself runs before the round's load, so its inserts happen
        await killAndWait(sink, "SIGKILL");
        const faulty = await startSink({ LREW_FAULT: `sink.after-insert:${step.atInsert}` });
        const sending = sendRange(url, apiKey, load, from, to, deadline, pauseMs);
        const how = await exitedWithin(faulty, 60_000);
        if (how === "not reached") await killAndWait(faulty, "SIGKILL");
        say(`round ${step.round + 1}/${plan.length}: sink killed between insert ${step.atInsert} and its offset commit (${how})`);
        kills++;
        sink = await startSink();
        await sending;
        say(`${n(load.acknowledged.length)}/${n(o.events)} events acknowledged`);
        continue;
      }
      const sending = sendRange(url, apiKey, load, from, to, deadline, pauseMs);
      await sleep(step.afterMs);
      if (scenario === "sink-kill") {
        await killAndWait(sink, "SIGKILL");
        say(`round ${step.round + 1}/${plan.length}: sink SIGKILLed ${n(step.afterMs)} ms into the round`);
        kills++;
        sink = await startSink();
      } else if (scenario === "leader-kill") {
        // the leader of the busiest partition of the topic under load, SIGKILLed, back after downMs
        const parts = await partitionReplicas(config.kafka, topicOf("wage-arrears", config.kafka.topicPrefix));
        const ends = await topicEnds(config.kafka, topicOf("wage-arrears", config.kafka.topicPrefix));
        const busiest = parts.reduce((a, b) => ((ends.get(b.partition) ?? 0n) > (ends.get(a.partition) ?? 0n) ? b : a));
        const victim = c.clusterNodes![busiest.leader - 1]!;
        await stopLocalKafka(victim, { kill: true });
        say(
          `round ${step.round + 1}/${plan.length}: broker ${busiest.leader}, leader of partition ${busiest.partition}, SIGKILLed for ${n(step.downMs)} ms`,
        );
        await sleep(step.downMs);
        await startLocalKafka(victim);
        kills++;
      } else if (scenario === "broker-restart") {
        await stopLocalKafka(c.broker!);
        say(`round ${step.round + 1}/${plan.length}: broker stopped for ${n(step.downMs)} ms`);
        await sleep(step.downMs);
        await startLocalKafka(c.broker!);
        kills++;
      } else {
        const file = path.join(faultDir, "clickhouse-down");
        writeFileSync(file, "");
        const downUntil = Date.now() + step.downMs;
        const notReady = await until(
          "the sink to report not ready",
          async () => (await fetch(`${sinkUrl}/readyz`)).status === 503,
          step.downMs,
        ).then(
          () => true,
          () => false,
        );
        if (notReady) notReadySeen++;
        await sleep(Math.max(0, downUntil - Date.now()));
        rmSync(file, { force: true });
        kills++;
        say(
          `round ${step.round + 1}/${plan.length}: ClickHouse unavailable for ${n(step.downMs)} ms (sink not ready: ${notReady ? "yes" : "no"})`,
        );
      }
      await sending;
      say(`${n(load.acknowledged.length)}/${n(o.events)} events acknowledged`);
    }
    await sendRange(url, apiKey, load, plan.length * perRound, o.events, deadline);
    const topics = [topicOf("wage-arrears", config.kafka.topicPrefix)];
    await until(
      "the sink to commit everything",
      async () => (await groupLag(config.kafka, config.sink.groupId, topics)).every((p) => p.lag === 0n),
      180_000,
      500,
    );
    await until("the sink to be ready", async () => (await fetch(`${sinkUrl}/readyz`)).ok, 60_000);
  } finally {
    await killAndWait(sink, "SIGTERM");
    await ingest.close();
  }
  const ackFile = path.join(home, "acknowledged.ndjson");
  const sentFile = path.join(home, "sent-ids.txt");
  writeFileSync(ackFile, load.acknowledged.map((e) => JSON.stringify(e)).join("\n"));
  writeFileSync(sentFile, [...load.sent].join("\n"));
  const check = await verifyInChild<StoredCheck>(o.root, env, ["events", ackFile, sentFile]);
  check.partial = load.partial;
  for (const d of check.differences) say(`differs: ${d}`);
  const unavailable = load.statuses.get(503) ?? 0;
  const faults =
    scenario === "sink-kill"
      ? `${kills} kills`
      : scenario === "broker-restart"
        ? `${kills} restarts, ${unavailable} × 503`
        : scenario === "leader-kill"
          ? `${kills} leaders killed, ${unavailable} × 503`
          : `${kills} outages, not ready ${notReadySeen}/${kills}`;
  return { scenario, check, faults };
}

export async function runChaos(o: ChaosOptions): Promise<ScenarioResult[]> {
  const parent = o.workParent ?? os.tmpdir();
  mkdirSync(parent, { recursive: true });
  const work = mkdtempSync(path.join(parent, "lrew-chaos-"));
  let broker: LocalKafkaOptions | undefined;
  let cluster: LocalClusterOptions | undefined;
  let clusterNodes: LocalKafkaOptions[] | undefined;
  let brokers = o.brokers;
  const results: ScenarioResult[] = [];
  try {
    if (!brokers) {
      const single: LocalKafkaOptions = {
        ...localKafkaOptionsFromEnv(process.env, { root: o.root, home: work }),
        dataDir: path.join(work, "kafka"),
        port: o.kafkaPort,
        controllerPort: o.kafkaPort + 1,
        portEnvVar: "--kafka-port",
        onProgress: (m) => o.progress(`kafka: ${m}`),
      };
      await ensureKafkaJars(single);
      if ((o.clusterBrokers ?? 1) > 1) {
        const { controllerPort: _c, ...common } = single;
        cluster = { ...common, dataDir: path.join(work, "kafka-cluster"), brokers: o.clusterBrokers!, heapMb: 256 };
        o.progress(`starting the chaos cluster of ${o.clusterBrokers} brokers from 127.0.0.1:${o.kafkaPort}`);
        brokers = (await startLocalCluster(cluster)).brokers.split(",");
        clusterNodes = await localClusterNodes(cluster);
      } else {
        broker = single;
        o.progress(`starting the chaos broker on 127.0.0.1:${o.kafkaPort}`);
        brokers = [(await startLocalKafka(broker)).brokers];
      }
    }
    for (const scenario of o.scenarios) {
      const skip =
        scenario === "leader-kill" && !clusterNodes
          ? "skipped: needs a cluster of its own (--brokers 3, without KAFKA_BROKERS)"
          : scenario !== "leader-kill" && STOPS_BROKERS.includes(scenario) && !broker
            ? "skipped: needs a single broker of its own (KAFKA_BROKERS or --brokers 3 is set)"
            : undefined;
      if (skip) {
        results.push({ scenario, check: undefined, faults: "-", error: skip });
        continue;
      }
      const plan = faultPlan(scenario, o.rounds, o.seed);
      o.progress(`[${scenario}] ${n(o.events)} events, ${plan.length} rounds (seed ${o.seed})`);
      const c = { o, work, brokers, broker, ...(clusterNodes ? { clusterNodes } : {}) };
      try {
        if (scenario === "notifier-kill" || scenario === "notifier-broker-stop") results.push(await runNotifierScenario(c, scenario, plan));
        else if (scenario === "scorer-kill" || scenario === "scorer-broker-stop") results.push(await runScorerScenario(c, scenario, plan));
        else results.push(await runScenario(c, scenario, plan));
      } catch (err) {
        results.push({ scenario, check: undefined, faults: "-", error: err instanceof Error ? err.message : String(err) });
        // a failed broker round must not break the next scenario
        if (broker) await startLocalKafka(broker).catch(() => undefined);
        if (cluster) await startLocalCluster(cluster).catch(() => undefined);
      }
    }
    return results;
  } finally {
    if (broker) await stopLocalKafka(broker).catch(() => undefined);
    if (cluster) await stopLocalCluster(cluster).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}
