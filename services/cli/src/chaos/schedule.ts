// Pure: the randomised fault plan of `./lrew chaos`. Seeded, so a failing run can be repeated with
// --seed; every delay and duration stays inside documented bounds, so the run stops by itself.

import { mulberry32 } from "@lrew/simulator";

export const SCENARIOS = ["sink-kill", "broker-restart", "clickhouse-outage"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface FaultStep {
  round: number;
  /** How long the load runs before the fault is injected. */
  afterMs: number;
  /** How long the dependency stays down (broker, ClickHouse); 0 for a kill. */
  downMs: number;
  /** sink-kill only: kill at a fault point (between insert and commit, after the n-th insert) instead of at a random moment. */
  atInsert?: number;
}

/** mulberry32: small and good enough to drive a fault plan. */
export const prng = mulberry32;

export const BOUNDS = {
  afterMs: [300, 2500],
  brokerDownMs: [1000, 6000],
  clickhouseDownMs: [500, 5000],
  atInsert: [1, 4],
} as const;

const between = (r: () => number, [lo, hi]: readonly [number, number]) => lo + Math.floor(r() * (hi - lo + 1));

export function faultPlan(scenario: Scenario, rounds: number, seed: number): FaultStep[] {
  const r = prng(seed ^ (SCENARIOS.indexOf(scenario) * 0x9e3779b1));
  return Array.from({ length: rounds }, (_, round) => {
    const afterMs = between(r, BOUNDS.afterMs);
    if (scenario === "broker-restart") return { round, afterMs, downMs: between(r, BOUNDS.brokerDownMs) };
    if (scenario === "clickhouse-outage") return { round, afterMs, downMs: between(r, BOUNDS.clickhouseDownMs) };
    // every other kill lands exactly between a ClickHouse insert and its offset commit
    return round % 2 === 1 ? { round, afterMs, downMs: 0, atInsert: between(r, BOUNDS.atInsert) } : { round, afterMs, downMs: 0 };
  });
}
