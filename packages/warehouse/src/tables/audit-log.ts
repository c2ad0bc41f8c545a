// The audit log (migration 0041): who logged in or failed to, viewed which enterprise, exported what,
// ran which query; other features (cases, erasure) record their own actions with recordAudit too.
// Never grievance text: `detail` is for filters, SQL, ids. Read by the federation's audit page.
import { z } from "zod";
import type { Warehouse } from "../client.ts";
import { insertInto, selectRows } from "../query.ts";
import { formatUtc } from "../time.ts";

export const AUDIT_TABLE = "audit_log";

export const auditEntrySchema = z.strictObject({
  /** The account name, or the name tried for a failed login. Never a secret. */
  actor: z.string().max(200),
  /** federation, union_office, analyst; empty when unknown (a failed login). */
  role: z.string().max(50).default(""),
  /** login, login_failed, logout, view_enterprise, export_csv, query, … (other features add theirs). */
  action: z.string().min(1).max(100),
  enterprise_id: z.string().max(50).default(""),
  /** What: an export's filters, a query's SQL, a case id. Never grievance text. Cut to 4,000 characters. */
  detail: z
    .string()
    .default("")
    .transform((s) => s.slice(0, 4000)),
  outcome: z.enum(["ok", "refused", "failed"]).default("ok"),
  /** The client's address. */
  address: z.string().max(100).default(""),
  /** When; default now. */
  at: z.date().optional(),
});
export type AuditEntry = z.input<typeof auditEntrySchema>;

/** Records one audited action; throws when ClickHouse does not take it (callers refuse the action then). */
export async function recordAudit(wh: Warehouse, entry: AuditEntry): Promise<void> {
  const e = auditEntrySchema.parse(entry);
  const { at, ...rest } = e;
  await insertInto(wh, AUDIT_TABLE, [{ ...rest, at: formatUtc(at ?? new Date()) }], { deduplicate: false });
}

export interface AuditRow {
  at: string;
  actor: string;
  role: string;
  action: string;
  enterprise_id: string;
  detail: string;
  outcome: string;
  address: string;
}

/** The newest audit entries first, optionally of one actor or action. */
export async function selectAuditLog(
  wh: Warehouse,
  o: { limit: number; offset?: number; actor?: string | undefined; action?: string | undefined },
): Promise<{ rows: AuditRow[]; total: number }> {
  const where = ["({actor:String} = '' OR actor = {actor:String})", "({action:String} = '' OR action = {action:String})"].join(" AND ");
  const params = { actor: o.actor ?? "", action: o.action ?? "", limit: o.limit, offset: o.offset ?? 0 };
  const [rows, count] = await Promise.all([
    selectRows<AuditRow>(
      wh,
      `SELECT toString(at) AS at, actor, toString(role) AS role, toString(action) AS action, enterprise_id, detail,
              toString(outcome) AS outcome, address
       FROM {{db}}.${AUDIT_TABLE} WHERE ${where} ORDER BY at DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      params,
      "reading the audit log",
    ),
    selectRows<{ n: number }>(wh, `SELECT count() AS n FROM {{db}}.${AUDIT_TABLE} WHERE ${where}`, params, "counting the audit log"),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}
