// `./lrew deliveries uncertain` and `./lrew deliveries resend <alert_id> --unit <unit>`: the e-mails
// whose sending was interrupted, and sending one deliberately (services/notifier/src/resend.ts; see
// services/notifier/README.md). With embedded ClickHouse, run them while the notifier is stopped
// (one process owns the data); against a ClickHouse server, at any time.
import { vietnamTime } from "@lrew/contracts";
import { createMailer, listUncertain, loadUnionUnits, resendAlert, type ResendOutcome } from "@lrew/notifier";
import { migrate, openWarehouse, type DeliveryForOperator } from "@lrew/warehouse";
import type { CliContext } from "../context.ts";
import { t, type MessageKey } from "../messages.ts";

/** 'YYYY-MM-DD hh:mm:ss.sss' UTC, as the log stores it → Vietnam time, to the second. */
const inVietnam = (utc: string) =>
  vietnamTime(new Date(`${utc.replace(" ", "T")}Z`))
    .slice(0, 19)
    .replace("T", " ");

function uncertainLine(d: DeliveryForOperator): string {
  const alert = d.enterprise_id ? `${d.enterprise_id} ${d.level} ${d.as_of}` : "-";
  return [d.alert_id, d.unit_id, d.recipient, inVietnam(d.updated_at), String(d.attempts), alert, d.error ?? ""].join("\t");
}

export async function deliveriesUncertainCommand(ctx: CliContext): Promise<number> {
  const wh = await openWarehouse(ctx.config.clickhouse);
  try {
    await migrate(wh);
    const rows = await listUncertain(wh);
    console.log(t("deliveriesHeader", ctx.lang));
    for (const d of rows) console.log(uncertainLine(d));
    console.log(`${t("deliveriesUncertainCount", ctx.lang)}: ${rows.length.toLocaleString("vi-VN")}`);
    return 0;
  } finally {
    await wh.close();
  }
}

const REFUSALS: Record<string, MessageKey> = {
  no_delivery: "resendNoDelivery",
  digest: "resendDigest",
  already_sent: "resendAlreadySent",
  in_progress: "resendInProgress",
  pending_digest: "resendPendingDigest",
  alert_unknown: "resendAlertUnknown",
};

function outcomeLine(o: ResendOutcome, ctx: CliContext): string {
  switch (o.outcome) {
    case "sent":
      return `${o.recipient}\t${t("resendSent", ctx.lang)} (${o.messageId})`;
    case "parked":
      return `${o.recipient}\t${t("resendParked", ctx.lang)}: ${o.error}`;
    case "refused":
      return `${o.recipient}\t${t("resendRefused", ctx.lang)} (${o.status}): ${t(REFUSALS[o.reason]!, ctx.lang)}`;
  }
}

export async function deliveriesResendCommand(ctx: CliContext, alertId: string, opts: { unit: string }): Promise<number> {
  const n = ctx.config.notifier;
  const units = loadUnionUnits(n.unionUnitsFile, n.federationUnitId);
  const wh = await openWarehouse(ctx.config.clickhouse);
  const mailer = createMailer(n.smtp, n.from);
  try {
    await migrate(wh);
    const result = await resendAlert({ wh, mailer, units }, alertId, opts.unit);
    if (!result.ok) {
      console.error(`lrew: ${alertId} / ${opts.unit}: ${t(REFUSALS[result.reason]!, ctx.lang)}`);
      return 1;
    }
    for (const o of result.outcomes) console.log(outcomeLine(o, ctx));
    return result.outcomes.every((o) => o.outcome === "sent") ? 0 : 1;
  } finally {
    mailer.close();
    await wh.close();
  }
}
