// What ClickHouse holds after a chaos scenario, compared field by field with what was sent.
// Wage-arrears events carry no anonymised field, so every stored value must be the sent one exactly.
import { countEvents, selectEventIds, selectWageArrears, toUtcText, type StoredWageArrears, type Warehouse } from "@lrew/warehouse";
import type { StoredCheck } from "./verdict.ts";

type Sent = Record<string, unknown>;

/** Pure: one line per field that differs between a sent wage-arrears event and its stored row. */
export function wageArrearsDifferences(sent: Sent, row: StoredWageArrears): string[] {
  const expected: Record<string, unknown> = {
    enterprise_id: sent.enterprise_id,
    reported_at: toUtcText(String(sent.reported_at)),
    period: `${String(sent.period)}-01`,
    amount_owed_vnd: sent.amount_owed_vnd,
    workers_affected: sent.workers_affected,
    status: sent.status,
    source: sent.source,
  };
  const out: string[] = [];
  for (const [field, want] of Object.entries(expected)) {
    const got = (row as unknown as Record<string, unknown>)[field];
    if (got !== want) out.push(`${row.event_id} ${field}: sent ${JSON.stringify(want)}, stored ${JSON.stringify(got)}`);
  }
  return out;
}

/** Every sent event stored intact? One line per difference or missing event (empty when all are). */
export async function differencesOfWageArrears(wh: Warehouse, sent: readonly Sent[]): Promise<string[]> {
  const byId = new Map(sent.map((e) => [String(e.event_id), e]));
  const enterprises = [...new Set(sent.map((e) => String(e.enterprise_id)))];
  const stored = (await Promise.all(enterprises.map((id) => selectWageArrears(wh, id)))).flat();
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of stored) {
    const e = byId.get(row.event_id);
    if (!e) continue;
    seen.add(row.event_id);
    problems.push(...wageArrearsDifferences(e, row));
  }
  for (const id of byId.keys()) if (!seen.has(id)) problems.push(`${id}: not stored`);
  return problems;
}

/**
 * The check of one scenario: acknowledged events must all be stored, once, intact; events sent but
 * not acknowledged (cut off by a fault) may be stored, once; nothing else may be.
 */
export async function checkStored(wh: Warehouse, acknowledged: readonly Sent[], sentIds: ReadonlySet<string>): Promise<StoredCheck> {
  const { rows, uniqueEventIds } = await countEvents(wh, "wage-arrears");
  const storedIds = await selectEventIds(wh, "wage-arrears");
  const missing = acknowledged.filter((e) => !storedIds.has(String(e.event_id))).length;
  const unknown = [...storedIds].filter((id) => !sentIds.has(id)).length;
  const differences = (await differencesOfWageArrears(wh, acknowledged)).filter((d) => !d.endsWith(": not stored"));
  return {
    acknowledged: acknowledged.length,
    rows,
    unique: uniqueEventIds,
    missing,
    partial: 0,
    unsent: 0,
    unknown,
    notIntact: new Set(differences.map((d) => d.split(" ")[0])).size,
    differences: differences.slice(0, 20),
  };
}
