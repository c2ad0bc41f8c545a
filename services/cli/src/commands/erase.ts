// `./lrew erase --complainant-ref <ref>`: erases a complainant (data-protection/erase.ts), then says
// what Kafka still holds and until when. See docs/operations.md#erasure.
import { STREAM_NAMES, deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { describe as describeError } from "@lrew/errors";
import { topicRetentionMs } from "@lrew/kafka";
import { formatUtc, parseUtc, type ErasureReport } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { eraseComplainant } from "../data-protection/erase.ts";
import { t } from "../messages.ts";

export async function eraseCommand(ctx: CliContext, opts: { complainantRef: string }): Promise<number> {
  const { report, kafkaError } = await eraseComplainant(ctx.config, opts.complainantRef);
  const n = (x: number) => x.toLocaleString("vi-VN");
  if (report.rows === 0) console.log(t("eraseNothing", ctx.lang));
  else
    console.log(
      `${t("eraseDone", ctx.lang)}: ${n(report.grievances)} ${t("eraseGrievances", ctx.lang)}, ${n(report.rows)} ${t("eraseRows", ctx.lang)}, ${n(report.enterprises.length)} ${t("eraseEnterprises", ctx.lang)}`,
    );
  try {
    if (kafkaError) throw kafkaError;
    await printKafkaRemainder(ctx, report);
  } catch (err) {
    console.error(`lrew: ${t("eraseKafkaFailed", ctx.lang)} (${describeError(err)})`);
    return 1;
  }
  return 0;
}

async function printKafkaRemainder(ctx: CliContext, report: ErasureReport): Promise<void> {
  const prefix = ctx.config.kafka.topicPrefix;
  const deadLetters = STREAM_NAMES.map((s) => deadLetterTopicOf(s, prefix));
  const retention = await topicRetentionMs(ctx.config.kafka, [topicOf("grievances", prefix), ...deadLetters]);
  if (report.kafka.length > 0) console.log(`${t("eraseKafkaLeft", ctx.lang)}:`);
  for (const k of report.kafka) {
    const ms = retention.get(k.topic);
    const until =
      ms === undefined || ms < 0
        ? t("eraseKafkaForever", ctx.lang)
        : `${t("eraseKafkaUntil", ctx.lang)} ${formatUtc(parseUtc(k.last_ingested_at).getTime() + ms).slice(0, 16)} UTC (retention.ms = ${ms})`;
    console.log(`  ${k.topic}\t${k.partition}\t${k.first_offset}–${k.last_offset}\t${until}`);
  }
  if (report.kafka.length > 0) console.log(t("eraseKafkaSegments", ctx.lang));
  const dlqRetention = deadLetters.map((d) => retention.get(d)).find((ms) => ms !== undefined);
  console.log(`${t("eraseDeadLetters", ctx.lang)}${dlqRetention !== undefined ? ` (retention.ms = ${dlqRetention})` : ""}.`);
}
