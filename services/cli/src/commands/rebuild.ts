// `./lrew rebuild-aggregates [--truncate]`: re-derive the daily aggregate tables (migration 0003) from
// the event tables, e.g. after restoring a backup of the events or replaying a dead-letter topic into
// a database whose views were created later. The erasure list is applied first, so rows put back by
// hand cannot bring erased data into the aggregates. Idempotent; see docs/operations.md.
import { hmacKeys } from "@lrew/config";
import { applyErasures, migrate, openWarehouse, rebuildDailyAggregates } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

export async function rebuildAggregatesCommand(ctx: CliContext, opts: { truncate?: boolean }): Promise<number> {
  const wh = await openWarehouse(ctx.config.clickhouse);
  try {
    await migrate(wh);
    await applyErasures(wh, hmacKeys(ctx.config).all);
    const counts = await rebuildDailyAggregates(wh, { truncate: opts.truncate === true });
    for (const [table, rows] of Object.entries(counts)) console.log(`${table}\t${rows.toLocaleString("vi-VN")} ${t("rows", ctx.lang)}`);
    return 0;
  } finally {
    await wh.close();
  }
}
