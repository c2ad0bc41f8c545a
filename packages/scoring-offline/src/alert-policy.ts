// The one place where the backtests meet the product's alert decision. Every method (the model, the
// rules, the oracle) is judged by the immediate e-mails this function returns for its scores, so a
// method can only win by its scores, never by a policy of its own.
//
// The decision is THE alert policy of @lrew/risk (`AlertPolicy`, packages/risk/src/policy.ts: levels
// with hysteresis, closed, per-area follow-up capacity with ranked entry, cooldown, material rise,
// no e-mail on structure alone), stepped day by day over the series exactly as the scorer applies it
// once per run.
import { AlertPolicy, DEFAULT_POLICY, STATE_CODES, dayNumberOf, type Level, type LevelThresholds } from "@lrew/risk";

/** One enterprise's daily scores (0..1) for one method; `present` is 0 on days it was not scored. */
export interface PolicyEnterprise {
  id: string;
  area: string;
  present: ArrayLike<number>;
  score: ArrayLike<number>;
  /**
   * The largest signal contribution per day (logit points, `signalStrength`): what the policy's
   * "no e-mail on structure alone" reads. Absent for methods whose score has no split into signals
   * and structure (the rules, the oracle): they count as all signal, as the policy says.
   */
  signal?: ArrayLike<number>;
  /** Workforce per day (absent: 1 while present). */
  workforce?: ArrayLike<number>;
  /** Days since the last event lrew had, per day (absent: 0, never silent). */
  daysSinceEvent?: ArrayLike<number>;
}

/** One immediate alert e-mail: one decision for one enterprise (not one per address). */
export interface PolicyEmail {
  /** Index into the enterprises given. */
  enterprise: number;
  day: number;
  level: Level;
}

export interface PolicyRun {
  emails: PolicyEmail[];
  /** Per enterprise, 1 on days it was open at high or critical (the load a union carries). */
  flagged: Uint8Array[];
  /** The largest open (high + critical) count of any area on any day. */
  maxOpenPerArea: number;
}

/** How hysteresis widens below an entry threshold: leave a level at half the score that entered it. */
export const EXIT_RATIO = 0.5;
/** Critical is entered at this many times high's entry score. */
export const CRITICAL_RATIO = 4;
/** `LREW_FOLLOW_UP_CAPACITY`'s default: open high + critical enterprises one district office can follow up. */
export const DEFAULT_CAPACITY = 5;

/**
 * The level thresholds of one operating point, given high's entry score: the same shape for every
 * method (a method's scores are mapped to 0..1 first, see like-for-like.ts). Pure.
 */
export function policyThresholds(highEnter: number): LevelThresholds {
  const e = Math.min(1, Math.max(0, highEnter));
  const c = Math.min(1, e * CRITICAL_RATIO);
  return {
    watch: { enter: e * EXIT_RATIO, exit: e * EXIT_RATIO * EXIT_RATIO },
    high: { enter: e, exit: e * EXIT_RATIO },
    critical: { enter: c, exit: Math.max(e * EXIT_RATIO, c * EXIT_RATIO) },
  };
}

export interface PolicyOptions {
  /** Follow-up capacity of an area (default DEFAULT_CAPACITY for every area). */
  capacityOf?: (area: string) => number;
}

/**
 * Steps the product's alert policy over every day. Pure. `dates[d]` is day d (YYYY-MM-DD), which the
 * cooldown counts in. An enterprise not scored on a day is closed when it had been scored before
 * (no longer registered with a workforce), otherwise not yet there. With days since the last event
 * (the replay's, as the scorer reads them) an enterprise turns `silent` as it would live. Lowered decisions are not e-mails
 * (the product does not send them by default); digest lines are not decisions and are not counted.
 */
export function runAlertPolicy(
  enterprises: readonly PolicyEnterprise[],
  dates: readonly string[],
  t: LevelThresholds,
  opts: PolicyOptions = {},
): PolicyRun {
  const n = enterprises.length;
  const days = dates.length;
  const areas = [...new Set(enterprises.map((e) => e.area))].sort();
  const areaIndex = new Map(areas.map((a, i) => [a, i]));
  const policy = new AlertPolicy(
    { ...DEFAULT_POLICY, thresholds: t },
    enterprises.map((e) => areaIndex.get(e.area)!),
    areas.map((a) => opts.capacityOf?.(a) ?? DEFAULT_CAPACITY),
  );
  const input = {
    score: new Float64Array(n),
    signal: new Float64Array(n),
    workforce: new Float64Array(n),
    daysSinceEvent: new Float64Array(n),
  };
  const seen = new Uint8Array(n);
  const emails: PolicyEmail[] = [];
  const flagged = enterprises.map(() => new Uint8Array(days));
  let maxOpenPerArea = 0;
  for (let d = 0; d < days; d++) {
    for (let i = 0; i < n; i++) {
      const e = enterprises[i]!;
      if (e.present[d]) {
        seen[i] = 1;
        input.score[i] = e.score[d]!;
        input.signal[i] = e.signal ? e.signal[d]! : Number.POSITIVE_INFINITY;
        input.workforce[i] = e.workforce ? e.workforce[d]! : 1;
        input.daysSinceEvent[i] = e.daysSinceEvent ? e.daysSinceEvent[d]! : 0;
      } else {
        input.score[i] = Number.NaN;
        input.workforce[i] = seen[i] ? 0 : 1;
      }
    }
    policy.step(dayNumberOf(dates[d]!), input, (i, kind, level) => {
      if (kind !== "lowered") emails.push({ enterprise: i, day: d, level });
    });
    for (let i = 0; i < n; i++) {
      const s = policy.state[i]!;
      if (s === STATE_CODES.high || s === STATE_CODES.critical) flagged[i]![d] = 1;
    }
    for (const c of policy.openCount) if (c > maxOpenPerArea) maxOpenPerArea = c;
  }
  return { emails, flagged, maxOpenPerArea };
}
