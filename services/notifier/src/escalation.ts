// Escalation: a case not acknowledged within N working days, or critical with no action for M days,
// is e-mailed once to the first unit above its owner that has an address, and to the federation.
// "Once" is the delivery log's: each escalation is logged as alert_id = escalation:<case>:<reason>
// per recipient, so a rerun (the next day, after a restart, on another notifier) sends nothing again.
import {
  escalationsDue,
  escalationId,
  escalationRecipients,
  type CaseEntry,
  type EscalationReason,
  type EscalationRules,
  type UnionUnits,
} from "@lrew/alerts";
import { daysBetween } from "@lrew/contracts";
import type { WaitControl } from "@lrew/kafka";
import { workingDaysBetween, type HolidayCalendar } from "@lrew/reference";
import { createLogger } from "@lrew/telemetry";
import { selectLatestEnterprises, selectUnclosedCases, type CaseRow, type Warehouse } from "@lrew/warehouse";
import { emailTo, renderEscalation } from "./alerts-adapter.ts";
import type { Deliveries } from "./delivery.ts";

const log = createLogger("notifier");

export interface CaseRules {
  ackWorkingDays: number;
  criticalNoActionDays: number;
  calendar: HolidayCalendar;
}

export function escalationRules(r: CaseRules): EscalationRules {
  return {
    ackWorkingDays: r.ackWorkingDays,
    criticalNoActionDays: r.criticalNoActionDays,
    workingDaysBetween: (a, b) => workingDaysBetween(a, b, r.calendar),
    daysBetween,
  };
}

/** Pure: the cases not closed as e-mails list them, with whether each is overdue today. */
export function caseEntries(
  rows: readonly CaseRow[],
  names: ReadonlyMap<string, string>,
  units: UnionUnits,
  today: string,
  rules: EscalationRules,
  dashboardUrl: string,
): Array<{ row: CaseRow; entry: CaseEntry; due: EscalationReason[] }> {
  const base = dashboardUrl.replace(/\/$/, "");
  return rows.map((row) => {
    const due = escalationsDue(row, today, rules);
    return {
      row,
      due,
      entry: {
        case_id: row.case_id,
        enterprise_id: row.enterprise_id,
        enterprise_name: names.get(row.enterprise_id) || row.enterprise_id,
        area_code: row.area_code,
        level: row.level as CaseEntry["level"],
        owner_name: units.get(row.owner_unit_id)?.name ?? row.owner_unit_id,
        opened_on: row.opened_on,
        state: row.state,
        overdue: due.length > 0,
        dashboard_url: `${base}/enterprises/${encodeURIComponent(row.enterprise_id)}`,
      },
    };
  });
}

/** Reads the cases not closed and their enterprises' names. */
export async function readCaseEntries(
  wh: Warehouse,
  units: UnionUnits,
  today: string,
  rules: EscalationRules,
  dashboardUrl: string,
): Promise<ReturnType<typeof caseEntries>> {
  const rows = await selectUnclosedCases(wh);
  const names = new Map(
    (await selectLatestEnterprises(wh, { enterpriseIds: [...new Set(rows.map((r) => r.enterprise_id))] })).map((e) => [
      e.enterprise_id,
      e.name,
    ]),
  );
  return caseEntries(rows, names, units, today, rules, dashboardUrl);
}

export interface EscalationResult {
  /** Escalations e-mailed now (case, reason, recipients). */
  sent: Array<{ caseId: string; reason: EscalationReason; recipients: string[] }>;
  /** Escalations due that were already logged. */
  already: number;
}

export interface EscalationSources {
  wh: Warehouse;
  units: UnionUnits;
  deliveries: Deliveries;
  federationUnitId: string;
  dashboardUrl: string;
  rules: CaseRules;
}

/** Escalates every case due today, each (case, reason, recipient) at most once ever. */
export async function sendEscalations(s: EscalationSources, today: string, control: WaitControl): Promise<EscalationResult> {
  const rules = escalationRules(s.rules);
  const result: EscalationResult = { sent: [], already: 0 };
  for (const { row, entry, due } of await readCaseEntries(s.wh, s.units, today, rules, s.dashboardUrl)) {
    for (const reason of due) {
      const id = escalationId(row.case_id, reason);
      const days = reason === "not_acknowledged" ? s.rules.ackWorkingDays : s.rules.criticalNoActionDays;
      const sentTo: string[] = [];
      for (const unit of escalationRecipients(row.owner_unit_id, s.units, s.federationUnitId)) {
        const rendered = renderEscalation(unit, entry, reason, days, id);
        for (const recipient of unit.emails) {
          const outcome = await s.deliveries.deliver(
            { alertId: id, recipient, unitId: unit.id, kind: "escalation" },
            () => emailTo(recipient, rendered, id),
            control,
          );
          if (outcome === "sent") sentTo.push(recipient);
        }
      }
      if (sentTo.length > 0) result.sent.push({ caseId: row.case_id, reason, recipients: sentTo });
      else result.already++;
    }
  }
  log.info({ today, sent: result.sent.length, already: result.already }, "escalation run finished");
  return result;
}
