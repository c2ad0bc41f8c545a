import { localKafkaStatus, startLocalKafka, stopLocalKafka } from "@lrew/local-kafka";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";
import { localKafkaOptions } from "./local-kafka.ts";

export async function kafkaCommand(ctx: CliContext, action: "start" | "stop" | "status"): Promise<number> {
  if (!ctx.config.kafka.local) {
    console.error(`lrew: ${t("kafkaNotLocal", ctx.lang)} (${ctx.config.kafka.brokers.join(",")})`);
    return 2;
  }
  const o = localKafkaOptions(ctx, (msg) => console.error(`lrew: ${msg}`));
  if (action === "start") {
    const r = await startLocalKafka(o);
    console.log(`${r.reused ? t("kafkaReused", ctx.lang) : t("kafkaRunning", ctx.lang)}: ${r.brokers} (pid ${r.pid})`);
    return 0;
  }
  if (action === "stop") {
    const stopped = await stopLocalKafka(o);
    console.log(stopped ? t("kafkaStoppedMsg", ctx.lang) : t("kafkaNotRunning", ctx.lang));
    return 0;
  }
  const s = await localKafkaStatus(o);
  console.log(s.running ? `${t("kafkaRunning", ctx.lang)}: ${s.brokers} (pid ${s.pid})` : t("kafkaNotRunning", ctx.lang));
  return s.running ? 0 : 3;
}
