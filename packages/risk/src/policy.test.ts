import { describe, expect, it } from "vitest";
import type { LevelThresholds } from "./levels.ts";
import {
  AlertPolicy,
  DEFAULT_POLICY,
  INITIAL_STATE,
  STATE_CODES,
  applyPolicy,
  dayNumberOf,
  materialRiseOf,
  type AlertPolicyConfig,
  type EmailKind,
  type EnterpriseState,
  type PolicyInput,
  type ScoredEnterprise,
} from "./policy.ts";

// The shipped model's thresholds (default-3): high entered at 0.0209, critical at 0.107.
const SHIPPED: LevelThresholds = {
  watch: { enter: 0.01414, exit: 0.00119 },
  high: { enter: 0.0209, exit: 0.00267 },
  critical: { enter: 0.1066, exit: 0.0223 },
};
const config = (over: Partial<AlertPolicyConfig> = {}): AlertPolicyConfig => ({ ...DEFAULT_POLICY, thresholds: SHIPPED, ...over });

/** A deterministic generator (mulberry32): the property tests are reproducible from their seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const inputOf = (n: number): PolicyInput => ({
  score: new Float64Array(n),
  signal: new Float64Array(n).fill(1),
  workforce: new Float64Array(n).fill(100),
  daysSinceEvent: new Float64Array(n),
});

/** One enterprise stepped through a series of scores (signal 1 unless given); the e-mails by day. */
function series(scores: readonly number[], over: Partial<AlertPolicyConfig> = {}, signals?: readonly number[]) {
  const p = new AlertPolicy(config(over), [0], [5]);
  const input = inputOf(1);
  const emails: Array<{ day: number; kind: EmailKind }> = [];
  const states: string[] = [];
  scores.forEach((s, day) => {
    input.score[0] = s;
    input.signal[0] = signals?.[day] ?? 1;
    p.step(day, input, (_i, kind) => emails.push({ day, kind }));
    states.push(["low", "watch", "high", "critical", "closed", "silent"][p.state[0]!]!);
  });
  return { emails, states };
}

describe("alert policy: levels and e-mails", () => {
  it("e-mails once on entering high, not every day it stays there", () => {
    const { emails, states } = series([0.01, 0.03, 0.03, 0.025, 0.03]);
    expect(states).toEqual(["low", "high", "high", "high", "high"]);
    expect(emails).toEqual([{ day: 1, kind: "raised_high" }]);
  });

  it("the material rise can fire at high: half the high→critical band, below critical's entry", () => {
    const rise = materialRiseOf(config());
    expect(rise).toBeCloseTo((0.1066 - 0.0209) / 2, 6);
    expect(0.0209 + rise).toBeLessThan(SHIPPED.critical.enter);
    // Entered high at 0.025, rose to 0.07 while still high: e-mailed again as "risen".
    const { emails, states } = series([0.025, 0.04, 0.07, 0.07]);
    expect(states).toEqual(["high", "high", "high", "high"]);
    expect(emails).toEqual([
      { day: 0, kind: "raised_high" },
      { day: 2, kind: "risen" },
    ]);
  });

  it("the material rise breaks the cooldown on re-entry, a small rise does not", () => {
    const up = [0.03, 0.001, 0.03]; // high, fell to low, back to high within the cooldown
    expect(series(up).emails.map((e) => e.kind)).toEqual(["raised_high"]);
    expect(series([0.03, 0.001, 0.03 + materialRiseOf(config()) + 0.001]).emails.map((e) => e.kind)).toEqual([
      "raised_high",
      "raised_high",
    ]);
    // After the cooldown the re-entry is e-mailed again.
    const later = [0.03, ...Array(30).fill(0.001), 0.03];
    expect(series(later).emails.map((e) => e.day)).toEqual([0, 31]);
  });

  it("escalation to critical is news; the way back down is not (unless notifyLowered)", () => {
    const scores = [0.03, 0.2, 0.05, 0.001];
    expect(series(scores).emails.map((e) => e.kind)).toEqual(["raised_high", "raised_critical"]);
    expect(series(scores, { notifyLowered: true }).emails.map((e) => e.kind)).toEqual(["raised_high", "raised_critical", "lowered"]);
  });

  it("an enterprise high on structure alone is open but gets no e-mail, until a signal appears", () => {
    const { emails, states } = series([0.05, 0.05, 0.05, 0.05], {}, [0.1, 0, 0.5, 0.5]);
    expect(states).toEqual(["high", "high", "high", "high"]);
    expect(emails).toEqual([{ day: 2, kind: "raised_high" }]);
    // Structure alone all along: never e-mailed, whatever the score.
    expect(series([0.05, 0.3, 0.5], {}, [0, 0, 0.19]).emails).toEqual([]);
  });

  it("workforce 0 → closed; no event for six months → silent; both leave the levels and come back from low", () => {
    const p = new AlertPolicy(config(), [0, 0], [5]);
    const input = inputOf(2);
    input.score.fill(0.2);
    p.step(0, input);
    expect([...p.state]).toEqual([STATE_CODES.critical, STATE_CODES.critical]);
    input.workforce[0] = 0;
    input.daysSinceEvent[1] = 183;
    const emails: EmailKind[] = [];
    p.step(1, input, (_i, k) => emails.push(k));
    expect([...p.state]).toEqual([STATE_CODES.closed, STATE_CODES.silent]);
    expect(p.openCount[0]).toBe(0);
    expect(emails).toEqual([]);
    input.daysSinceEvent[1] = 182;
    input.score[1] = 0.01;
    p.step(2, input);
    expect(p.state[1]).toBe(STATE_CODES.low); // from low, not from its frozen critical (critical would hold at 0.0223)
    input.score[0] = Number.NaN; // not scored: a closed enterprise stays closed
    input.workforce[0] = 100;
    p.step(3, input);
    expect(p.state[0]).toBe(STATE_CODES.closed);
  });

  it("one e-mail decision per enterprise and day, whatever happens", () => {
    const r = rng(7);
    const n = 50;
    const p = new AlertPolicy(config({ cooldownDays: 3 }), new Array(n).fill(0), [8]);
    const input = inputOf(n);
    for (let day = 0; day < 400; day++) {
      for (let i = 0; i < n; i++) input.score[i] = r() ** 3;
      const seen = new Set<number>();
      p.step(day, input, (i) => {
        expect(seen.has(i)).toBe(false);
        seen.add(i);
      });
    }
  });
});

describe("alert policy: follow-up capacity", () => {
  it("the highest-ranked enter first; those with a signal before those high on structure alone", () => {
    const p = new AlertPolicy(config(), [0, 0, 0, 0, 1], [2, 1]);
    const input = inputOf(5);
    input.score.set([0.05, 0.5, 0.08, 0.03, 0.04]);
    input.signal.set([1, 0, 1, 1, 1]); // enterprise 1 is highest but on structure alone
    const emailed: number[] = [];
    p.step(0, input, (i) => emailed.push(i));
    expect([...p.state]).toEqual([STATE_CODES.high, STATE_CODES.watch, STATE_CODES.high, STATE_CODES.watch, STATE_CODES.high]);
    expect([...p.openCount]).toEqual([2, 1]);
    expect([...p.waitingCount]).toEqual([2, 0]);
    expect(emailed.sort()).toEqual([0, 2, 4]);
  });

  it("an open enterprise keeps its place unless a newcomer is clearly higher, and leaves when its score falls", () => {
    const p = new AlertPolicy(config(), [0, 0], [1]);
    const input = inputOf(2);
    input.score.set([0.05, 0.01]);
    p.step(0, input);
    input.score.set([0.05, 0.06]); // 0.06 < 0.05 × 1.25: no displacement
    p.step(1, input);
    expect([...p.state]).toEqual([STATE_CODES.high, STATE_CODES.watch]);
    input.score.set([0.05, 0.07]); // 0.07 ≥ 0.0625: takes the place
    p.step(2, input);
    expect([...p.state]).toEqual([STATE_CODES.watch, STATE_CODES.high]);
    input.score.set([0.05, 0.002]); // the open one's signals subside: below high's exit, the other enters
    p.step(3, input);
    expect([...p.state]).toEqual([STATE_CODES.high, STATE_CODES.watch]);
  });

  it("property: no group's open count ever exceeds its capacity over long random series", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = rng(seed);
      const n = 300;
      const groups = 7;
      const groupOf = Array.from({ length: n }, () => Math.floor(r() * groups));
      const capacities = Array.from({ length: groups }, () => 1 + Math.floor(r() * 6));
      const p = new AlertPolicy(config({ displacementRatio: 1 + r() }), groupOf, capacities);
      const input = inputOf(n);
      // A latent risk per enterprise that drifts, so enterprises stay high for spells.
      const latent = Float64Array.from({ length: n }, () => r() * 0.1);
      for (let day = 0; day < 730; day++) {
        for (let i = 0; i < n; i++) {
          latent[i] = Math.min(0.9, Math.max(0, latent[i]! + (r() - 0.5) * 0.02));
          input.score[i] = r() < 0.1 ? Number.NaN : latent[i]!;
          input.signal[i] = r() < 0.3 ? 0 : r();
          input.workforce[i] = r() < 0.005 ? 0 : 100;
          input.daysSinceEvent[i] = r() < 0.005 ? 200 : 1;
        }
        p.step(day, input);
        const open = new Array(groups).fill(0);
        for (let i = 0; i < n; i++) if (p.state[i] === STATE_CODES.high || p.state[i] === STATE_CODES.critical) open[groupOf[i]!]++;
        for (let g = 0; g < groups; g++) {
          expect(open[g]).toBeLessThanOrEqual(capacities[g]!);
          expect(open[g]).toBe(p.openCount[g]);
        }
      }
    }
  }, 60_000); // CPU-bound (5 seeds × long series): vitest's 5-second default is too short on a loaded 2-core machine
});

describe("alert policy: the records form", () => {
  const scored = (id: string, score: number, over: Partial<ScoredEnterprise> = {}): ScoredEnterprise => ({
    enterprise_id: id,
    group: "DB-DBP",
    score,
    signal: 1,
    workforce: 100,
    daysSinceEvent: 3,
    ...over,
  });

  it("carries enterprises not scored today: they keep their place, count against the capacity, get no e-mail", () => {
    const previous = new Map<string, EnterpriseState>([
      [
        "A",
        {
          ...INITIAL_STATE("DB-DBP"),
          state: "high",
          score: 0.05,
          signal: 1,
          emailedLevel: "high",
          lastEmail: { as_of: "2026-11-01", level: "high", score: 0.05 },
        },
      ],
    ]);
    const day = applyPolicy(config(), () => 1, previous, "2026-11-20", [scored("B", 0.5)]); // 10× A's score: still waits
    expect(day.states.get("A")!.state).toBe("high");
    expect(day.states.get("B")!.state).toBe("watch");
    expect(day.load.get("DB-DBP")).toEqual({ open: 1, capacity: 1, waiting: 1 });
    expect(day.emails).toEqual([]);
  });

  it("gives the same states and e-mails as the series form, and round-trips its state", () => {
    const r = rng(11);
    const ids = Array.from({ length: 40 }, (_, i) => `E${i}`);
    const groupOf = ids.map((_, i) => i % 3);
    const cfg = config();
    const series = new AlertPolicy(cfg, groupOf, [2, 3, 4]);
    const capacityOf = (g: string) => [2, 3, 4][Number(g.slice(1))]!;
    let states = new Map<string, EnterpriseState>();
    const start = dayNumberOf("2026-01-01");
    for (let d = 0; d < 120; d++) {
      const asOf = new Date((start + d) * 86_400_000).toISOString().slice(0, 10);
      const today = ids.map((id, i) =>
        scored(id, r() ** 2 * 0.3, { group: `G${groupOf[i]}`, signal: r() < 0.3 ? 0 : 1, workforce: r() < 0.01 ? 0 : 50 }),
      );
      const input = inputOf(ids.length);
      today.forEach((s, i) => {
        input.score[i] = s.score;
        input.signal[i] = s.signal;
        input.workforce[i] = s.workforce;
        input.daysSinceEvent[i] = s.daysSinceEvent;
      });
      const seriesEmails: string[] = [];
      series.step(start + d, input, (i, kind) => seriesEmails.push(`${ids[i]}:${kind}`));
      const rec = applyPolicy(cfg, capacityOf, states, asOf, today);
      expect(rec.emails.map((e) => `${e.enterprise_id}:${e.kind}`).sort()).toEqual(seriesEmails.sort());
      expect(ids.map((id) => rec.states.get(id)!.state)).toEqual(
        ids.map((_, i) => ["low", "watch", "high", "critical", "closed", "silent"][series.state[i]!]),
      );
      states = rec.states;
    }
  });
});
