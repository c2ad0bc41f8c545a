// Helpers of the integration tests: a warehouse in a temp dir, and contract events built by hand.
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StreamEvent, StreamName } from "@lrew/contracts";
import { insertRows, migrate, openWarehouse, toRow, type Row, type Warehouse } from "@lrew/warehouse";

export async function openScratchWarehouse(name: string): Promise<Warehouse> {
  const root = mkdtempSync(join(tmpdir(), `lrew-scoring-${name}-`));
  const wh = await openWarehouse({ username: "default", password: "", database: "lrew", embeddedPath: join(root, "chdb") });
  await migrate(wh);
  return wh;
}

let offset = 0;

/** The event's own time: when it was reported (or occurred / started), or updated for the registry. */
function ownTime(e: Record<string, unknown>): string {
  return (e.reported_at ?? e.occurred_at ?? e.started_at ?? e.updated_at) as string;
}

/**
 * Inserts contract events as the sink would (one insert per call). History is written today, so an
 * event without received_at is taken to have reached lrew at its own time (a timely backfill).
 */
export async function put<S extends StreamName>(wh: Warehouse, stream: S, events: Array<StreamEvent<S>>): Promise<void> {
  const rows: Row[] = events.map((e) =>
    toRow(stream, { received_at: ownTime(e), ...e }, { topic: "test", partition: 0, offset: String(offset++), ingestedAt: new Date() }),
  );
  await insertRows(wh, stream, rows, { dedupToken: `test/${stream}/${randomUUID()}` });
}

export const at = (date: string, time = "09:00:00") => `${date}T${time}+07:00`;

export function enterprise(id: string, over: Partial<StreamEvent<"enterprises">> = {}): StreamEvent<"enterprises"> {
  return {
    event_id: randomUUID(),
    enterprise_id: id,
    name: `Công ty ${id}`,
    area_code: "DB-DBP",
    sector: "garment",
    ownership: "private",
    workforce: 300,
    has_union: false,
    union_unit_id: "LDLD-DB-DBP",
    updated_at: at("2025-01-02"),
    ...over,
  };
}

export function grievance(id: string, n: number, date: string, over: Partial<StreamEvent<"grievances">> = {}): StreamEvent<"grievances"> {
  return {
    event_id: randomUUID(),
    grievance_id: `KN-${id}-${n}`,
    enterprise_id: id,
    occurred_at: at(date),
    reported_at: at(date, "15:00:00"),
    channel: "hotline",
    category: "wage_arrears",
    severity: 3,
    workers_involved: 1,
    status: "open",
    ...over,
  };
}

/** One month's contributions (three schemes) reported on `reportedOn`; paidShare of what is due. */
export function contributions(
  id: string,
  period: string,
  reportedOn: string,
  paidShare: number,
  monthlyDue = 90_000_000,
): Array<StreamEvent<"insurance-contributions">> {
  const split = { social: 0.797, health: 0.141, unemployment: 0.062 } as const;
  return (Object.keys(split) as Array<keyof typeof split>).map((scheme) => {
    const due = Math.round(monthlyDue * split[scheme]);
    return {
      event_id: randomUUID(),
      enterprise_id: id,
      period,
      scheme,
      amount_due_vnd: due,
      amount_paid_vnd: Math.round(due * paidShare),
      insured_workers: 280,
      reported_at: at(reportedOn),
    };
  });
}

export function wageArrears(
  id: string,
  period: string,
  reportedOn: string,
  amount: number,
  workers: number,
  status: "outstanding" | "partially_paid" | "paid" = "outstanding",
): StreamEvent<"wage-arrears"> {
  return {
    event_id: randomUUID(),
    enterprise_id: id,
    reported_at: at(reportedOn),
    period,
    amount_owed_vnd: amount,
    workers_affected: workers,
    status,
    source: "union",
  };
}

/** One month's union fee (2 % of a payroll base of 3 billion VND) as the federation's ledger records it on `reportedOn`. */
export function unionFee(
  id: string,
  period: string,
  reportedOn: string,
  paid: boolean,
  over: Partial<StreamEvent<"union-fees">> = {},
): StreamEvent<"union-fees"> {
  return {
    event_id: randomUUID(),
    enterprise_id: id,
    period,
    payroll_base_vnd: 3_000_000_000,
    amount_due_vnd: 60_000_000,
    amount_paid_vnd: paid ? 60_000_000 : 0,
    reported_at: at(reportedOn),
    ...over,
  };
}

export function incident(id: string, startedOn: string, reportedOn = startedOn): StreamEvent<"incidents"> {
  return {
    event_id: randomUUID(),
    enterprise_id: id,
    started_at: at(startedOn, "07:30:00"),
    reported_at: at(reportedOn, "18:00:00"),
    kind: "strike",
    lawful: false,
    workers_involved: 200,
    causes: ["wage_arrears", "social_insurance"],
  };
}

/** Monthly periods 'YYYY-MM' from start (inclusive), n of them. */
export function periods(start: string, n: number): string[] {
  const [y, m] = start.split("-").map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

/** The 12th of the month after a period: when the agency reports it. */
export function reportDayOf(period: string): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 12));
  return d.toISOString().slice(0, 10);
}
