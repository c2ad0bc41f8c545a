// The one place where the backtests meet the product's alert decision. Every method (the model, the
// rules, the oracle) is judged by the immediate e-mails this function returns for its scores, so a
// method can only win by its scores, never by a policy of its own.
//
// Today the decision is the product's two pure steps: levels with hysteresis (`nextLevel`, @lrew/risk)
// and the alert decision with cooldown and material rise (`decide`, @lrew/alerts), applied day by day
// exactly as the scorer and the notifier apply them. When the alert policy module of @lrew/risk
// (levels, per-area follow-up capacity, closed / silent, cooldown, material rise, actionable gate)
// lands, only this file changes.
import { decide } from "@lrew/alerts";
import { isFlagged, nextLevel, type Level, type LevelThresholds } from "@lrew/risk";

/** One enterprise's daily scores (0..1) for one method; `present` is 0 on days it was not scored. */
export interface PolicyEnterprise {
  id: string;
  area: string;
  present: ArrayLike<number>;
  score: ArrayLike<number>;
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
}

/** How hysteresis widens below an entry threshold: leave a level at half the score that entered it. */
export const EXIT_RATIO = 0.5;
/** Critical is entered at this many times high's entry score. */
export const CRITICAL_RATIO = 4;

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

/**
 * Replays the product's alert decision over every enterprise and day. Pure. `dates[d]` is day d
 * (YYYY-MM-DD), which the cooldown counts in. Lowered alerts are not e-mails (the product does not
 * send them by default); digest lines are not decisions and are not counted.
 */
export function runAlertPolicy(enterprises: readonly PolicyEnterprise[], dates: readonly string[], t: LevelThresholds): PolicyRun {
  const emails: PolicyEmail[] = [];
  const flagged: Uint8Array[] = [];
  const n = dates.length;
  enterprises.forEach((e, k) => {
    const open = new Uint8Array(n);
    let prev: Level | undefined;
    const lastAt = new Map<Level, { score: number; as_of: string }>();
    for (let d = 0; d < n; d++) {
      if (!e.present[d]) {
        // Not scored (not yet registered, or closed): no level carried over.
        prev = undefined;
        continue;
      }
      const score = e.score[d]!;
      const level = nextLevel(prev, score, t);
      if (isFlagged(level)) open[d] = 1;
      if (level !== (prev ?? "low")) {
        const change = { from: prev ?? null, to: level, score, as_of: dates[d]! };
        const decision = decide(change as Parameters<typeof decide>[0], lastAt.get(level));
        if (decision.emit && decision.kind !== "lowered") {
          emails.push({ enterprise: k, day: d, level });
          lastAt.set(level, { score, as_of: dates[d]! });
        }
      }
      prev = level;
    }
    flagged.push(open);
  });
  return { emails, flagged };
}
