import { applySummaryRetention, migrate, openWarehouse } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

export async function migrateCommand(ctx: CliContext): Promise<number> {
  const wh = await openWarehouse(ctx.config.clickhouse);
  try {
    const applied = await migrate(wh);
    await applySummaryRetention(wh, ctx.config.retention.summaryDays);
    console.log(applied.length ? `${t("applied", ctx.lang)}: ${applied.join(", ")}` : t("nothingToApply", ctx.lang));
    return 0;
  } finally {
    await wh.close();
  }
}
