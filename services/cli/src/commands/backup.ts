// `./lrew backup [--out <dir>]` and `./lrew restore <dir> [--kafka-only]` (data-protection/backup.ts).
// See docs/operations.md#backup-and-restore.
import path from "node:path";
import type { CliContext } from "../context.ts";
import { backup, KafkaStepError, restore, restoreKafkaStep } from "../data-protection/backup.ts";
import { t } from "../messages.ts";

const n = (x: number) => x.toLocaleString("vi-VN");

/** topic/partition@offset of the partitions the sink has committed in. */
function offsetsLine(offsets: ReadonlyArray<{ topic: string; partition: number; offset: string }>): string {
  return offsets
    .filter((o) => o.offset !== "-1")
    .map((o) => `${o.topic}/${o.partition}@${o.offset}`)
    .join(" ");
}

export async function backupCommand(ctx: CliContext, opts: { out?: string }): Promise<number> {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  const out = path.resolve(opts.out ?? path.join(ctx.config.home, "backups", stamp));
  const m = await backup(ctx.config, out);
  const rows = m.clickhouse.tables.reduce((sum, x) => sum + x.rows, 0);
  console.log(`${t("backupDone", ctx.lang)} ${out}`);
  console.log(`  ClickHouse: ${n(m.clickhouse.tables.length)} ${t("backupTables", ctx.lang)}, ${n(rows)} ${t("eraseRows", ctx.lang)}`);
  console.log(`  ${t("backupFiles", ctx.lang)}: ${m.files.map((f) => f.path).join(", ") || "-"}`);
  if ("error" in m.kafka) console.log(`  Kafka: ${t("backupNoOffsets", ctx.lang)} (${m.kafka.error})`);
  else console.log(`  Kafka ${m.kafka.group}: ${offsetsLine(m.kafka.offsets)}`);
  console.log(t("backupCopyAway", ctx.lang));
  return 0;
}

export async function restoreCommand(ctx: CliContext, dir: string, opts: { kafkaOnly?: boolean }): Promise<number> {
  try {
    const r = opts.kafkaOnly ? await restoreKafkaStep(ctx.config, dir) : await restore(ctx.config, dir);
    console.log(`${t("restoreDone", ctx.lang)} ${path.resolve(dir)} (${r.manifest.created_at})`);
    if ("tables" in r && Array.isArray(r.tables)) console.log(`  ${n(r.tables.length)} ${t("restoreChecked", ctx.lang)}`);
    console.log(
      `  ${t("restoreErasures", ctx.lang)}: ${n(r.erasuresFromKafka)}; ${n(r.erasures.rows)} ${t("restoreErasedRows", ctx.lang)}`,
    );
    console.log(`  ${t("restoreOffsets", ctx.lang)}: ${offsetsLine(r.offsets)}`);
    return 0;
  } catch (err) {
    if (!(err instanceof KafkaStepError)) throw err;
    console.error(`lrew: ${t("restoreKafkaFailed", ctx.lang)} \`./lrew restore ${dir} --kafka-only\` (${err.message})`);
    return 1;
  }
}
