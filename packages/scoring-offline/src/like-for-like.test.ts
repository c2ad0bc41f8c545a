import { describe, expect, it } from "vitest";
import { addDays } from "@lrew/contracts";
import { policyThresholds, runAlertPolicy, type PolicyEnterprise, type PolicyRun } from "./alert-policy.ts";
import {
  candidateThresholds,
  chooseAtBudget,
  curveOf,
  emptyCounts,
  figuresOf,
  judgeEmails,
  judgeMethod,
  likeForLike,
  METHODS,
  oracleScore,
  ruleScore,
  type Policy,
  type SeedMethods,
  type SweepPoint,
} from "./like-for-like.ts";

const dates = (n: number) => Array.from({ length: n }, (_, i) => addDays("2026-01-01", i));
const ones = (n: number) => new Uint8Array(n).fill(1);

function flags(n: number, from: number, to: number): Uint8Array {
  const f = new Uint8Array(n);
  for (let d = from; d <= to; d++) f[d] = 1;
  return f;
}

describe("judging e-mails (60 days)", () => {
  const n = 200; // judged until day 139
  const ents = [
    { id: "A", area: "X", present: ones(n) },
    { id: "B", area: "Y", present: ones(n) },
  ];
  const run: PolicyRun = {
    emails: [
      { enterprise: 0, day: 10, level: "high" },
      { enterprise: 0, day: 100, level: "high" },
      { enterprise: 0, day: 150, level: "high" },
    ],
    flagged: [flags(n, 5, 60), new Uint8Array(n)],
    maxOpenPerArea: 1,
  };
  const incidents = new Map([
    ["A", [50, 180]],
    ["B", [30]],
    ["never-scored", [20]],
  ]);
  const c = judgeEmails(run, ents, incidents, n, 60);

  it("an e-mail is true when an incident starts within 60 days after it; later e-mails are not judged", () => {
    expect(c.emails).toBe(3);
    expect(c.emailsJudged).toBe(2);
    expect(c.trueEmails).toBe(1); // day 10 → incident on day 50
    expect(c.falseEmails).toBe(1); // day 100: nothing in (100, 160]
    expect(c.falseByArea).toEqual({ X: 1, Y: 0 });
  });

  it("an incident is caught by an e-mail within the 60 days before it; lead from the first such e-mail", () => {
    // 50 caught (e-mail 10, lead 40); 180 not (last e-mail before it, 150, is 30 days before: caught!)
    expect(c.incidents).toBe(4); // A 50, A 180, B 30, never-scored 20
    expect(c.caught).toBe(2);
    expect(c.leads.sort((a, b) => a - b)).toEqual([30, 40]);
  });

  it("the earliest warning counts from the start of the open spell, beside the lead", () => {
    // Incident 50: e-mail on 10, but the spell at high opened on day 5.
    expect(c.earliest).toContain(45);
  });

  it("rates per area per month, and the open load", () => {
    const f = figuresOf(c, 0.1);
    expect(f.falsePerAreaMonth).toBeCloseTo(1 / ((2 * 140) / 30.4375), 10);
    expect(f.falsePerAreaMonthMax).toBeCloseTo(1 / (140 / 30.4375), 10);
    expect(f.emailsPerAreaMonth).toBeCloseTo(3 / ((2 * 200) / 30.4375), 10);
    expect(f.recall).toBe(0.5);
    expect(f.precision).toBe(0.5);
    expect(f.flaggedDays).toBe(56);
    expect(f.flaggedShare).toBeCloseTo(56 / 400, 10);
    expect(f.leadMedian).toBe(35);
  });
});

describe("the alert policy every method goes through", () => {
  const n = 120;
  const d = dates(n);
  const one = (score: number[]): PolicyEnterprise[] => [{ id: "E", area: "X", present: ones(n), score: Float32Array.from(score) }];
  const t = policyThresholds(0.1);

  it("e-mails on entering high, not while the score stays within the band", () => {
    const s = Array.from({ length: n }, (_, i) => (i < 10 ? 0.01 : i < 40 ? 0.12 : i < 60 ? 0.06 : 0.01));
    const r = runAlertPolicy(one(s), d, t);
    expect(r.emails).toEqual([{ enterprise: 0, day: 10, level: "high" }]);
    expect(r.flagged[0]!.reduce((a, b) => a + b, 0)).toBe(50); // days 10..59: 0.06 stays above exit 0.05
  });

  it("does not e-mail the same level again within the 30-day cooldown unless the score rose materially", () => {
    const s = Array.from({ length: n }, (_, i) => (i >= 10 && i < 20 ? 0.12 : i >= 30 && i < 40 ? 0.12 : i >= 70 && i < 80 ? 0.12 : 0.01));
    const r = runAlertPolicy(one(s), d, t);
    expect(r.emails.map((e) => e.day)).toEqual([10, 70]); // day 30 is within 30 days of day 10
  });

  it("e-mails again when an enterprise rises to critical", () => {
    const s = Array.from({ length: n }, (_, i) => (i < 10 ? 0.01 : i < 20 ? 0.12 : 0.5));
    const r = runAlertPolicy(one(s), d, t);
    expect(r.emails.map((e) => [e.day, e.level])).toEqual([
      [10, "high"],
      [20, "critical"],
    ]);
  });

  it("keeps each area's open high + critical count within its follow-up capacity", () => {
    const many: PolicyEnterprise[] = Array.from({ length: 8 }, (_, k) => ({
      id: `E${k}`,
      area: k < 7 ? "X" : "Y",
      present: ones(n),
      score: Float32Array.from({ length: n }, () => 0.12 + k * 0.01),
    }));
    const r = runAlertPolicy(many, d, t, { capacityOf: (a) => (a === "X" ? 5 : 1) });
    expect(r.maxOpenPerArea).toBe(5);
    for (let day = 0; day < n; day++) expect(r.flagged.slice(0, 7).reduce((a, f) => a + f[day]!, 0)).toBeLessThanOrEqual(5);
    // The five highest scores of area X hold the places; the one enterprise of area Y is open too.
    expect(r.flagged.map((f) => f[0])).toEqual([0, 0, 1, 1, 1, 1, 1, 1]);
    expect(new Set(r.emails.map((e) => e.enterprise))).toEqual(new Set([2, 3, 4, 5, 6, 7]));
  });

  it("sends no e-mail for a model score high on structure alone (no signal reason)", () => {
    const s = Float32Array.from({ length: n }, () => 0.12);
    const structureOnly = runAlertPolicy([{ id: "E", area: "X", present: ones(n), score: s, signal: new Float32Array(n) }], d, t);
    expect(structureOnly.emails).toEqual([]);
    expect(structureOnly.flagged[0]![0]).toBe(1); // on the list, not e-mailed
    const withSignal = runAlertPolicy([{ id: "E", area: "X", present: ones(n), score: s, signal: new Float32Array(n).fill(1) }], d, t);
    expect(withSignal.emails).toHaveLength(1);
  });

  it("closes an enterprise no longer scored, and starts it from low when it comes back", () => {
    const s = Array.from({ length: n }, () => 0.12);
    const present = ones(n);
    present[50] = 0;
    const r = runAlertPolicy([{ id: "E", area: "X", present, score: Float32Array.from(s) }], d, { ...t });
    expect(r.emails.map((e) => e.day)).toEqual([0, 51]); // a new level on day 51, 51 days after the last e-mail
  });

  it("turns an enterprise with no event for six months silent: off the list and its place freed", () => {
    const s = Float32Array.from({ length: n }, () => 0.12);
    // Its last event 150 days before day 0: silent from day 33 (183 days), until an event on day 80.
    const since = Float32Array.from({ length: n }, (_, i) => (i < 80 ? 150 + i : i - 80));
    const r = runAlertPolicy([{ id: "E", area: "X", present: ones(n), score: s, daysSinceEvent: since }], d, t);
    expect([...r.flagged[0]!].map((f, i) => (f ? i : -1)).filter((i) => i >= 0)).toEqual([
      ...Array.from({ length: 33 }, (_, i) => i),
      ...Array.from({ length: n - 80 }, (_, i) => 80 + i),
    ]);
    expect(r.emails.map((e) => e.day)).toEqual([0, 80]);
  });
});

function tinySeed(seed: string): SeedMethods {
  const n = 150;
  const d = dates(n);
  const mk = (id: string, area: string, hot: number) => {
    const model = new Float32Array(n);
    const ins = new Float32Array(n);
    const g = new Float32Array(n);
    const oracle = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      model[i] = i >= hot ? 0.2 : 0.01;
      ins[i] = ruleScore(i >= hot + 10 ? 4 : 0);
      g[i] = ruleScore(i % 40 === 0 ? 1 : 0);
      oracle[i] = oracleScore(i >= hot - 10 ? 0.3 : 0.001);
    }
    return { id, area, present: ones(n), scores: { model, insurance_rule: ins, grievance_rule: g, oracle } };
  };
  return {
    seed,
    dates: d,
    enterprises: [mk("A", "X", 20), mk("B", "X", 200), mk("C", "Y", 60)],
    incidents: new Map([
      ["A", [50]],
      ["C", [85]],
    ]),
  };
}

describe("every method through the same decision", () => {
  it("each method's e-mails are exactly what the one policy returned for its scores", () => {
    const calls: Array<{ scores: ArrayLike<number>[]; emails: number }> = [];
    const watched: Policy = (ents, ds, t) => {
      const run = runAlertPolicy(ents, ds, t);
      calls.push({ scores: ents.map((e) => e.score), emails: run.emails.length });
      return run;
    };
    const seed = tinySeed("S");
    for (const m of METHODS) {
      calls.length = 0;
      const c = judgeMethod(seed, m, 0.1, watched);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.scores).toEqual(seed.enterprises.map((e) => e.scores[m]));
      expect(c.emails).toBe(calls[0]!.emails);
    }
  });

  it("the comparison runs every method, the oracle included, only through the injected policy", () => {
    const seen = new Set<ArrayLike<number>>();
    const watched: Policy = (ents, ds, t) => {
      for (const e of ents) seen.add(e.score);
      return runAlertPolicy(ents, ds, t);
    };
    const evaluation = tinySeed("E1");
    const r = likeForLike([tinySeed("S1")], [evaluation], { policy: watched, budget: 5 });
    expect(r.methods.map((m) => m.method)).toEqual([...METHODS]);
    for (const m of METHODS) for (const e of evaluation.enterprises) expect(seen.has(e.scores[m]!)).toBe(true);
    expect(r.modelShareOfOracle).not.toBeNull();
  });
});

describe("operating points and the curve", () => {
  const point = (threshold: number, falseEmails: number, caught: number, emails: number): SweepPoint => ({
    threshold,
    counts: {
      ...emptyCounts(),
      falseEmails,
      caught,
      incidents: 10,
      emails,
      emailsJudged: emails,
      judgedAreaMonths: 10,
      periodAreaMonths: 10,
      judgedMonths: 1,
    },
  });

  it("chooses the highest recall within the false e-mail budget, fewer e-mails on a tie", () => {
    const pts = [point(0.5, 2, 3, 5), point(0.3, 8, 6, 14), point(0.2, 10, 6, 16), point(0.1, 30, 9, 40)];
    // 0.3 and 0.2 both catch 6 within 1.0 false e-mail per area-month; 0.3 sends fewer e-mails.
    expect(chooseAtBudget(pts, 1)?.threshold).toBe(0.3);
    expect(chooseAtBudget(pts, 0.5)?.threshold).toBe(0.5);
  });

  it("falls back to the fewest false e-mails when nothing is within budget", () => {
    expect(chooseAtBudget([point(0.5, 20, 3, 25), point(0.3, 30, 6, 40)], 1)?.threshold).toBe(0.5);
  });

  it("candidate thresholds are distinct and fall as the flagged share grows; the curve is ordered by e-mails", () => {
    const c = candidateThresholds([tinySeed("S")], "model", 20);
    expect(new Set(c).size).toBe(c.length);
    for (let i = 1; i < c.length; i++) expect(c[i]!).toBeLessThan(c[i - 1]!);
    const curve = curveOf([point(0.5, 2, 3, 5), point(0.1, 30, 9, 40)]);
    expect(curve.map((p) => p.emailsPerAreaMonth)).toEqual([0.5, 4]);
    expect(curve.map((p) => p.recall)).toEqual([0.3, 0.9]);
  });

  it("maps rule counts and the oracle's hazard to increasing scores in 0..1", () => {
    expect(ruleScore(0)).toBe(0);
    expect(ruleScore(3)).toBe(0.75);
    expect(ruleScore(4)).toBeGreaterThan(ruleScore(3));
    expect(oracleScore(0)).toBe(0);
    expect(oracleScore(0.5)).toBeGreaterThan(oracleScore(0.1));
    expect(oracleScore(10)).toBeLessThanOrEqual(1);
  });
});
