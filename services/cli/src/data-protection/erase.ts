// The right to erasure (Law 91/2025/QH15), behind `./lrew erase`: the reference is turned into its
// pseudonym under the current and every retired HMAC key (staff never need the stored one), the
// erasure is recorded — digests only — in ClickHouse, and every grievance of that complainant is
// cleared in place; then the same record goes to Kafka's erasure topic, where a restore of an older
// backup finds it. Idempotent: running it again clears what arrived meanwhile.
import { hmacRef } from "@lrew/anonymity";
import { hmacKeys, type LrewConfig } from "@lrew/config";
import {
  recordAudit,
  applyErasures,
  complainantErasure,
  formatUtc,
  insertErasures,
  migrate,
  openWarehouse,
  type ErasureEntry,
  type ErasureReport,
  type Warehouse,
} from "@lrew/warehouse";
import { publishErasures } from "./erasure-topic.ts";

export interface ErasureOutcome {
  report: ErasureReport;
  entries: ErasureEntry[];
  /** Why the erasure could not be recorded in Kafka (ClickHouse is cleared regardless); undefined when it was. */
  kafkaError?: unknown;
}

/** Erases a complainant; `wh` is the warehouse to use when the caller has it open already (else it is opened and closed here). */
export async function eraseComplainant(config: LrewConfig, ref: string, opts: { wh?: Warehouse } = {}): Promise<ErasureOutcome> {
  if (ref.trim() === "") throw new Error("the complainant reference is empty");
  const keys = hmacKeys(config);
  const entries = complainantErasure(
    keys.all.map((k) => hmacRef(ref, k)),
    keys.current,
    formatUtc(new Date()),
  );
  const wh = opts.wh ?? (await openWarehouse(config.clickhouse));
  let report: ErasureReport;
  try {
    await migrate(wh);
    await insertErasures(wh, entries);
    report = await applyErasures(wh, keys.all);
    // Who erased what stays visible to the federation: the keyed digests only, never the reference.
    await recordAudit(wh, {
      actor: process.env.USER ?? "cli",
      role: "operator",
      action: "erase_complainant",
      detail: `digests ${entries.map((e) => e.digest).join(",")}; grievances ${report.grievances}`,
    });
  } finally {
    if (!opts.wh) await wh.close();
  }
  try {
    await publishErasures(config.kafka, entries);
    return { report, entries };
  } catch (err) {
    return { report, entries, kafkaError: err };
  }
}
