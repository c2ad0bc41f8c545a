// Simulated union responses: when an enterprise slides into distress (its hidden state enters
// distressed or collapsing from a healthier one), the responsible district union may respond the way
// offices do — acknowledge after a few days (some late, some never), find out what is going on, work
// with the employer, and sometimes record an outcome. What the demo's cases show in every state.
// Responses are drawn from a random stream of their own (STREAM_TAGS.responses) and never feed back
// into hidden states or incidents, so every other event of a seed is what it was. Pure.
import type { CaseAction, CaseActionKind } from "@lrew/contracts";
import type { Rng } from "./rng.ts";
import { DAY_MS, formatLocal } from "./time.ts";

/** How offices respond, as probabilities and delays in days (median, spread of a log-normal). */
export const RESPONSE_MODEL = {
  /** Share of episodes nobody acknowledges. */
  neverAcknowledged: 0.3,
  acknowledgeDays: { median: 2.5, sigma: 0.8, max: 40 },
  firstAction: { probability: 0.8, median: 4, sigma: 0.7 },
  secondAction: { probability: 0.5, min: 3, max: 20 },
  outcome: { probability: 0.45, min: 10, max: 60 },
} as const;

const FIRST_ACTIONS: Array<[CaseActionKind, number]> = [
  ["fact_finding", 0.4],
  ["employer_contact", 0.3],
  ["workplace_dialogue", 0.15],
  ["insurance_arrears_referral", 0.1],
  ["inspection_request", 0.05],
];
const SECOND_ACTIONS: Array<[CaseActionKind, number]> = [
  ["employer_contact", 0.3],
  ["workplace_dialogue", 0.25],
  ["collective_bargaining", 0.1],
  ["mediation", 0.1],
  ["flash_report", 0.15],
  ["legal_aid", 0.1],
];
const OUTCOMES: Array<[CaseActionKind, number]> = [
  ["resolved_paid", 0.5],
  ["workers_returned", 0.1],
  ["referred_to_authorities", 0.15],
  ["closed_no_concern", 0.25],
];

function pick(rng: Rng, items: ReadonlyArray<[CaseActionKind, number]>): CaseActionKind {
  let u = rng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of items) {
    u -= w;
    if (u < 0) return k;
  }
  return items[items.length - 1]![0];
}

export interface Episode {
  enterprise_id: string;
  /** The district union that answers for the enterprise. */
  unit_id: string;
  /** Local ms (Vietnam wall clock as UTC) the distress began. */
  startMs: number;
}

/** The actions an office records for one episode, each with the local ms it is recorded at. */
export function planResponses(rng: Rng, e: Episode): Array<{ atMs: number; event: CaseAction }> {
  const m = RESPONSE_MODEL;
  if (rng.chance(m.neverAcknowledged)) return [];
  const out: Array<{ atMs: number; event: CaseAction }> = [];
  const officer = `Cán bộ ${e.unit_id}`;
  let last = e.startMs;
  // Office hours of the day `days` after the start; never before the previous action.
  const at = (days: number) => (last = Math.max(last, e.startMs + Math.floor(days) * DAY_MS + rng.int(8, 17) * 3_600_000));
  const add = (action: CaseActionKind, atMs: number) =>
    out.push({
      atMs,
      event: {
        event_id: rng.uuid(),
        enterprise_id: e.enterprise_id,
        action,
        occurred_on: formatLocal(atMs).slice(0, 10),
        officer,
        union_unit_id: e.unit_id,
      },
    });
  let day = Math.min(m.acknowledgeDays.max, rng.lognormal(m.acknowledgeDays.median, m.acknowledgeDays.sigma));
  add("acknowledged", at(day));
  if (!rng.chance(m.firstAction.probability)) return out;
  day += rng.lognormal(m.firstAction.median, m.firstAction.sigma);
  add(pick(rng, FIRST_ACTIONS), at(day));
  if (rng.chance(m.secondAction.probability)) {
    day += rng.uniform(m.secondAction.min, m.secondAction.max);
    add(pick(rng, SECOND_ACTIONS), at(day));
  }
  if (rng.chance(m.outcome.probability)) {
    day += rng.uniform(m.outcome.min, m.outcome.max);
    add(pick(rng, OUTCOMES), at(day));
  }
  return out;
}
