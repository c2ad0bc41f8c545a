// Field-by-field comparison of what was sent with what ClickHouse holds, for the fault scenarios.
// Wage-arrears events carry no anonymised field, so every stored value must be the sent one exactly.
import { selectWageArrears, toUtcText, type Warehouse } from "@lrew/warehouse";

/** One line per difference (or missing event); empty when every sent event is stored intact. */
export async function differencesOfWageArrears(wh: Warehouse, sent: ReadonlyArray<Record<string, unknown>>): Promise<string[]> {
  const byId = new Map(sent.map((e) => [String(e.event_id), e]));
  const enterprises = [...new Set(sent.map((e) => String(e.enterprise_id)))];
  const stored = (await Promise.all(enterprises.map((id) => selectWageArrears(wh, id)))).flat();
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of stored) {
    const e = byId.get(row.event_id);
    if (!e) continue;
    seen.add(row.event_id);
    const expected: Record<string, unknown> = {
      enterprise_id: e.enterprise_id,
      reported_at: toUtcText(String(e.reported_at)),
      period: `${String(e.period)}-01`,
      amount_owed_vnd: e.amount_owed_vnd,
      workers_affected: e.workers_affected,
      status: e.status,
      source: e.source,
    };
    for (const [field, want] of Object.entries(expected)) {
      const got = (row as unknown as Record<string, unknown>)[field];
      if (got !== want) problems.push(`${row.event_id} ${field}: sent ${JSON.stringify(want)}, stored ${JSON.stringify(got)}`);
    }
  }
  for (const id of byId.keys()) if (!seen.has(id)) problems.push(`${id}: not stored`);
  return problems;
}
