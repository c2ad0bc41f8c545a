// Pure: the randomised fault plan of `./lrew chaos`. Seeded, so a failing run can be repeated with
// --seed; every delay and duration stays inside documented bounds, so the run stops by itself.

import { mulberry32 } from "@lrew/simulator";

export const SCENARIOS = [
  "sink-kill",
  "broker-restart",
  "clickhouse-outage",
  "notifier-kill",
  "scorer-kill",
  "notifier-broker-stop",
  "scorer-broker-stop",
  "leader-kill",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The scenarios of a run on one broker (the default), and on a cluster (`--brokers 3`). */
export const SINGLE_BROKER_SCENARIOS: readonly Scenario[] = SCENARIOS.filter((s) => s !== "leader-kill");
export const CLUSTER_SCENARIOS: readonly Scenario[] = ["leader-kill"];
/** Scenarios that stop a broker: they need brokers of the run's own (not KAFKA_BROKERS). */
export const STOPS_BROKERS: readonly Scenario[] = ["broker-restart", "notifier-broker-stop", "scorer-broker-stop", "leader-kill"];

/** The scorer's fault points, in the order a run reaches them (packages/scoring). */
export const SCORING_FAULT_POINTS = ["scoring.after-features", "scoring.after-insert", "scoring.before-complete"] as const;

export interface FaultStep {
  round: number;
  /** How long the load runs before the fault is injected. */
  afterMs: number;
  /** How long the dependency stays down (broker, ClickHouse); 0 for a kill. */
  downMs: number;
  /**
   * sink-kill: kill at the fault point between insert and commit, after the n-th insert, instead of at
   * a random moment; notifier-kill: between the n-th e-mail sent and its record.
   */
  atInsert?: number;
  /** scorer-kill: which of SCORING_FAULT_POINTS the run dies at. */
  atPoint?: number;
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
    if (
      scenario === "broker-restart" ||
      scenario === "notifier-broker-stop" ||
      scenario === "scorer-broker-stop" ||
      scenario === "leader-kill"
    )
      return { round, afterMs, downMs: between(r, BOUNDS.brokerDownMs) };
    if (scenario === "notifier-kill") return { round, afterMs, downMs: 0, atInsert: between(r, BOUNDS.atInsert) };
    if (scenario === "scorer-kill") return { round, afterMs, downMs: 0, atPoint: between(r, [0, SCORING_FAULT_POINTS.length - 1]) };
    if (scenario === "clickhouse-outage") return { round, afterMs, downMs: between(r, BOUNDS.clickhouseDownMs) };
    // every other kill lands exactly between a ClickHouse insert and its offset commit
    return round % 2 === 1 ? { round, afterMs, downMs: 0, atInsert: between(r, BOUNDS.atInsert) } : { round, afterMs, downMs: 0 };
  });
}
