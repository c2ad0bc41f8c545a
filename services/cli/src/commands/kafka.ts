import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import {
  localClusterStatus,
  localKafkaStatus,
  startLocalCluster,
  startLocalKafka,
  stopLocalCluster,
  stopLocalKafka,
  type LocalClusterOptions,
} from "@lrew/local-kafka";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";
import { localKafkaOptions } from "./local-kafka.ts";

/** The local cluster of `./lrew kafka start --brokers N`: beside the single broker's data, in `$LREW_HOME/kafka-cluster`. */
function clusterOptions(ctx: CliContext, brokers: number, onProgress: (msg: string) => void): LocalClusterOptions {
  const { controllerPort: _c, ...single } = localKafkaOptions(ctx, onProgress);
  return { ...single, dataDir: path.join(ctx.config.home, "kafka-cluster"), brokers };
}

function brokersOption(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (![1, 3, 5].includes(n)) throw new ConfigError(`--brokers: expected 1, 3 or 5, got ${raw}`);
  return n;
}

export async function kafkaCommand(ctx: CliContext, action: "start" | "stop" | "status", opts: { brokers?: string } = {}): Promise<number> {
  if (!ctx.config.kafka.local) {
    console.error(`lrew: ${t("kafkaNotLocal", ctx.lang)} (${ctx.config.kafka.brokers.join(",")})`);
    return 2;
  }
  const progress = (msg: string) => console.error(`lrew: ${msg}`);
  const o = localKafkaOptions(ctx, progress);
  if (action === "start") {
    const n = brokersOption(opts.brokers);
    if (n === 1) {
      const r = await startLocalKafka(o);
      console.log(`${r.reused ? t("kafkaReused", ctx.lang) : t("kafkaRunning", ctx.lang)}: ${r.brokers} (pid ${r.pid})`);
      return 0;
    }
    const r = await startLocalCluster(clusterOptions(ctx, n, progress));
    console.log(`${t("kafkaClusterRunning", ctx.lang)}: ${r.brokers} (pid ${r.pids.join(", ")})`);
    console.log(t("kafkaClusterUse", ctx.lang));
    console.log(`  export KAFKA_BROKERS=${r.brokers} LREW_KAFKA_REPLICATION=${n}`);
    return 0;
  }
  // stop and status cover the single broker and the cluster, whose size they read from its directory
  const cluster = await clusterWithKnownSize(clusterOptions(ctx, 3, progress));
  const clusterNodes = await localClusterStatus(cluster);
  if (action === "stop") {
    const single = await stopLocalKafka(o);
    const stopped = (await stopLocalCluster(cluster)) || single;
    console.log(stopped ? t("kafkaStoppedMsg", ctx.lang) : t("kafkaNotRunning", ctx.lang));
    return 0;
  }
  const s = await localKafkaStatus(o);
  const runningNodes = clusterNodes.filter((n) => n.running);
  if (s.running) console.log(`${t("kafkaRunning", ctx.lang)}: ${s.brokers} (pid ${s.pid})`);
  for (const [i, n] of clusterNodes.entries())
    console.log(
      `${t("kafkaClusterNode", ctx.lang)} ${i + 1}: ${n.brokers} ${n.running ? `(pid ${n.pid}${n.ready ? "" : ", not ready"})` : "-"}`,
    );
  if (!s.running && runningNodes.length === 0) console.log(t("kafkaNotRunning", ctx.lang));
  return s.running || runningNodes.length > 0 ? 0 : 3;
}

/** The cluster's options with the size it was created with (stop and status are not told it). */
async function clusterWithKnownSize(o: LocalClusterOptions): Promise<LocalClusterOptions> {
  try {
    const known = JSON.parse(await readFile(path.join(o.dataDir, "cluster.json"), "utf8")) as { brokers: number; port: number };
    return { ...o, brokers: known.brokers, port: known.port };
  } catch {
    return o;
  }
}
