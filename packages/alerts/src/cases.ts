// Cases, the pure part: who owns an enterprise's case, what an open case makes of a new alert, and
// which cases escalate. The case itself is derived in ClickHouse (the `cases` view); these decide
// from what it says. Kept apart from the scorer's alert policy (alert.ts) and composed after it:
// the policy decides whether a level change is an alert, the case decides whether that alert is an
// e-mail, an update of the open case, or joins it silently.
import { levelRank, type Level } from "@lrew/risk";
import { route, type UnionUnit, type UnionUnits } from "./routing.ts";

/**
 * The union unit responsible for an enterprise's case: the unit its alerts are routed to. The one
 * place that says so — when responsibility becomes effective-dated reference data, this is the line
 * that changes.
 */
export function responsibleUnitOf(alert: { union_unit_id: string }, units: UnionUnits, federationId: string): string {
  return route(alert, units, federationId).unit.id;
}

/** What an open case says about the alerts sent for it (a row of the cases view). */
export interface OpenCaseView {
  /** The level of the last alert sent for the case (opened or update). */
  sent_level: string;
  /** The score of the last alert sent for the case. */
  sent_score: number;
}

export type CaseAlertDecision = "opened" | "update" | "suppressed";

/**
 * An alert against the enterprise's open case:
 * - no open case: `opened` — a new case, the alert is sent;
 * - a higher level than last sent (high → critical), or a material rise of the score since the last
 *   alert sent for the case, or a lowering: `update` — sent as an update of the case;
 * - a repeat of the same level without a material rise: `suppressed` — it joins the case, no e-mail.
 */
export function caseAlertDecision(
  openCase: OpenCaseView | undefined,
  alert: { kind: string; level: Level; score: number },
  opts: { materialRise: number },
): CaseAlertDecision {
  if (!openCase) return "opened";
  if (alert.kind === "lowered") return "update";
  const sent = openCase.sent_level as Level;
  if (levelRank(alert.level) > levelRank(sent)) return "update";
  if (alert.score - openCase.sent_score >= opts.materialRise - 1e-12) return "update";
  return "suppressed";
}

export const ESCALATION_REASONS = ["not_acknowledged", "critical_without_action"] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** What escalation reads of a case that is not closed (a row of the cases view). */
export interface UnclosedCase {
  case_id: string;
  enterprise_id: string;
  owner_unit_id: string;
  opened_on: string;
  acknowledged_on: string | null;
  critical_since: string | null;
  last_action_on: string | null;
}

export interface EscalationRules {
  /** A case not acknowledged within this many whole working days escalates (default 3). */
  ackWorkingDays: number;
  /** A case critical with no action recorded since for this many days escalates (default 7). */
  criticalNoActionDays: number;
  /** Whole working days strictly between two days (weekends and public holidays excluded). */
  workingDaysBetween: (from: string, to: string) => number;
  /** Calendar days b − a. */
  daysBetween: (a: string, b: string) => number;
}

/**
 * Why a case escalates today (empty: it does not; each reason escalates once, so both may be due).
 * Not acknowledged: the deadline counts whole working days after the day the case opened. Critical
 * without action: no action (acknowledging included) on or after the day it became critical, for
 * criticalNoActionDays calendar days.
 */
export function escalationsDue(c: UnclosedCase, today: string, rules: EscalationRules): EscalationReason[] {
  const due: EscalationReason[] = [];
  if (c.acknowledged_on === null && rules.workingDaysBetween(c.opened_on, today) >= rules.ackWorkingDays) due.push("not_acknowledged");
  if (
    c.critical_since !== null &&
    (c.last_action_on === null || c.last_action_on < c.critical_since) &&
    rules.daysBetween(c.critical_since, today) >= rules.criticalNoActionDays
  ) {
    due.push("critical_without_action");
  }
  return due;
}

/** The id under which an escalation is logged (once per case and reason, whatever day it runs). */
export function escalationId(caseId: string, reason: EscalationReason): string {
  return `escalation:${caseId}:${reason}`;
}

/**
 * Who an escalation goes to: the first unit above the owner that has an address, and the federation
 * (once, when they are the same). None when the owner is the federation itself.
 */
export function escalationRecipients(ownerUnitId: string, units: UnionUnits, federationId: string): UnionUnit[] {
  if (ownerUnitId === federationId) return [];
  const owner = units.get(ownerUnitId);
  const out: UnionUnit[] = [];
  for (let u = owner?.parent ? units.get(owner.parent) : undefined; u; u = u.parent ? units.get(u.parent) : undefined) {
    if (u.emails.length > 0) {
      out.push(u);
      break;
    }
  }
  const fed = units.get(federationId);
  if (fed && fed.emails.length > 0 && !out.some((u) => u.id === fed.id)) out.push(fed);
  return out;
}
