// THE alert policy: the one decision of which enterprises are open at high / critical, which are
// closed or silent, and which get an immediate e-mail today. The scorer applies it once per scoring
// run; a backtest applies the very same code day by day over a series. Pure; no I/O.
//
// API
// ---
// Configuration: `AlertPolicyConfig` (`DEFAULT_POLICY` holds every default but the thresholds):
//   thresholds            level thresholds with hysteresis (@lrew/risk levels.ts)
//   cooldownDays          30: an enterprise entering a level it was e-mailed at (or above) less than this
//                         many days ago is not e-mailed again unless its score rose materially
//   materialRise          0.5: a rise of this share of the high→critical band (critical.enter −
//                         high.enter) since the last e-mail is material: it breaks the cooldown, and an
//                         enterprise that stays open and rises that much is e-mailed again ("risen")
//   minSignalContribution 0.2: a signal factor contributing at least this (logit points) is a reason;
//                         an enterprise without one is high on structure alone: no immediate e-mail
//   displacementRatio     1.25: an open enterprise keeps its place against newcomers unless a
//                         newcomer's score is this many times its own
//   silentAfterDays       183: no event of any stream for this long → state `silent`
//   notifyLowered         false: e-mail when an e-mailed enterprise falls back below high
// Capacity: `capacities[g]`, the follow-up capacity of group g (@lrew/config's followUpCapacityOf
//   gives it). The open (high + critical) count of a group never exceeds it. The scorer's group of an
//   enterprise is `capacityGroupOf`: the union unit responsible for it on the scoring day (an office
//   follows up what it answers for), else its registry area; a backtest may group by 2021 area.
//
// Two forms over one core:
// - Series (backtests): `const p = new AlertPolicy(config, groupOf, capacities)` over a fixed set of n
//   enterprises (groupOf[i] = the group index of enterprise i), then once per day
//   `p.step(day, input, onEmail)` with `input` a `PolicyInput` of typed arrays (score, signal,
//   workforce, daysSinceEvent; score NaN = not scored that day: the enterprise keeps its state).
//   `signal` is signalStrength of the row's contributions (factors.ts; signalMask gives the signal
//   columns of a model's feature order); a method without contributions passes +Infinity.
//   `p.state[i]` is the state code (STATE_CODES), `p.openCount[g]` the group's open load,
//   `p.waitingCount[g]` the enterprises that qualified for high but found the group full.
//   `onEmail(i, kind, level)` is called once per immediate e-mail decision (one per enterprise, not
//   per address). No allocation per step beyond a few subarray views.
// - Records (the scorer): `applyPolicy(config, capacityOf, previous, asOf, scored)` with the previous
//   `EnterpriseState` by enterprise id and today's `ScoredEnterprise[]`; returns the new states
//   (every enterprise of `previous` and of `scored`), the e-mail decisions and each group's load.
//   Enterprises in `previous` but not scored keep their state (an open one keeps its place and counts
//   against the capacity); they are never e-mailed on a day they were not scored.
//
// Rules, in order, per enterprise and day:
// 1. workforce 0 → `closed`; no event for silentAfterDays → `silent` (both leave the levels, hold no
//    capacity, get no e-mail). A closed or silent enterprise that comes back starts from `low`.
// 2. The level by hysteresis from yesterday's level (closed / silent / none count as low).
// 3. Per group, those at high or critical are ranked (open ones not scored today first: they keep
//    their place), then enterprises with a signal reason before those
//    high on structure alone, then by score (an open one's score × displacementRatio), and the first
//    `capacity` stay or enter; the others wait at `watch`. Open enterprises leave when their score
//    falls below the exit threshold (their signals subside) or a clearly higher one takes the place.
// 4. E-mails (only for an enterprise scored today with a signal reason; never for structure alone):
//    - raised_high / raised_critical: open at a level not yet e-mailed in this open spell (entered,
//      escalated, or its first signal appeared while open), unless the cooldown holds (last e-mail
//      less than cooldownDays ago at this level or above, score not risen materially since);
//    - risen: open, already e-mailed in this spell, score risen materially since the last e-mail;
//    - lowered (notifyLowered only): an enterprise e-mailed in this spell falls to watch or low.
import { LEVELS, nextLevel, type Level, type LevelThresholds } from "./levels.ts";

export const POLICY_STATES = ["low", "watch", "high", "critical", "closed", "silent"] as const;
/** An enterprise's state: a level, or closed (workforce 0) or silent (no event for months). */
export type PolicyState = (typeof POLICY_STATES)[number];
/** Codes of the states in the series form: the index in POLICY_STATES. */
export const STATE_CODES = { low: 0, watch: 1, high: 2, critical: 3, closed: 4, silent: 5 } as const;
/** No e-mail in the current open spell (emailedLevel) / no e-mail ever (lastEmailLevel). */
const NONE = -1;

export const EMAIL_KINDS = ["raised_high", "raised_critical", "risen", "lowered"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export interface AlertPolicyConfig {
  thresholds: LevelThresholds;
  cooldownDays: number;
  /** Share of the high→critical band (critical.enter − high.enter) that is a material rise. */
  materialRise: number;
  /** Logit points a signal factor must contribute to be a reason. */
  minSignalContribution: number;
  /** A newcomer takes an open enterprise's place only with a score this many times its own (≥ 1). */
  displacementRatio: number;
  silentAfterDays: number;
  notifyLowered: boolean;
}

/**
 * The capacity group of an enterprise on a day: the union unit responsible for it that day (from the
 * effective-dated reference data: its commune's union from 1 July 2025, its district's before), or,
 * when no unit is known, its registry `area_code`. Both key the capacity overrides, so unit ids and
 * area codes must stay distinct (in lrew's reference data they are: LDLD-… / CD-… against DB-…).
 */
export function capacityGroupOf(responsibleUnit: string | undefined, areaCode: string): string {
  return responsibleUnit ?? areaCode;
}

/** The follow-up capacity of an office when none is configured (LREW_FOLLOW_UP_CAPACITY's default). */
export const DEFAULT_FOLLOW_UP_CAPACITY = 5;

export const DEFAULT_POLICY: Omit<AlertPolicyConfig, "thresholds"> = {
  cooldownDays: 30,
  materialRise: 0.5,
  minSignalContribution: 0.2,
  displacementRatio: 1.25,
  silentAfterDays: 183,
  notifyLowered: false,
};

export const isPolicyState = (s: unknown): s is PolicyState => typeof s === "string" && (POLICY_STATES as readonly string[]).includes(s);

/** True for the open states (high, critical): the load a union follows up. */
export const isOpen = (s: PolicyState): boolean => s === "high" || s === "critical";

/** The absolute score rise (0..1) that is material under `config`. */
export function materialRiseOf(config: Pick<AlertPolicyConfig, "thresholds" | "materialRise">): number {
  const band = config.thresholds.critical.enter - config.thresholds.high.enter;
  return Math.max(band, 0) * config.materialRise;
}

/** The day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayNumberOf(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

const dateOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** One day's input of the series form: one entry per enterprise, same order as `groupOf`. */
export interface PolicyInput {
  /** 0..1; NaN: not scored today (the enterprise keeps its state). */
  score: Float64Array;
  /** The largest signal contribution (logit points; see signalStrength). Methods without a split pass +Infinity. */
  signal: Float64Array;
  workforce: Float64Array;
  /** Days since the enterprise's last event of any stream (Infinity when none). */
  daysSinceEvent: Float64Array;
}

export type OnEmail = (enterprise: number, kind: EmailKind, level: Level) => void;

const levelCode = (l: Level): number => STATE_CODES[l];

/** The policy over a fixed set of enterprises, stepped one day at a time (the series form). */
export class AlertPolicy {
  readonly n: number;
  readonly config: AlertPolicyConfig;
  /** State code per enterprise (STATE_CODES). */
  readonly state: Uint8Array;
  /** Last score and signal used (the stored ones on a day not scored). */
  readonly score: Float64Array;
  readonly signal: Float64Array;
  /** Highest level code e-mailed (or covered by the cooldown) in the current open spell; -1: none. */
  readonly emailedLevel: Int8Array;
  readonly lastEmailDay: Float64Array;
  readonly lastEmailLevel: Int8Array;
  readonly lastEmailScore: Float64Array;
  readonly openCount: Int32Array;
  readonly waitingCount: Int32Array;
  readonly #groupOf: Int32Array;
  readonly #capacity: Int32Array;
  readonly #rise: number;
  // Scratch, reused every step.
  readonly #base: Int8Array;
  readonly #fresh: Uint8Array;
  readonly #key: Float64Array;
  readonly #tier: Uint8Array;
  readonly #order: Int32Array;
  readonly #start: Int32Array;
  readonly #fill: Int32Array;

  constructor(config: AlertPolicyConfig, groupOf: ArrayLike<number>, capacities: ArrayLike<number>) {
    this.config = config;
    const n = groupOf.length;
    const g = capacities.length;
    this.n = n;
    this.#groupOf = Int32Array.from(groupOf);
    this.#capacity = Int32Array.from(capacities);
    for (let i = 0; i < n; i++) {
      const gi = this.#groupOf[i]!;
      if (!(gi >= 0 && gi < g)) throw new RangeError(`enterprise ${i}: group ${gi} has no capacity`);
    }
    this.#rise = materialRiseOf(config);
    this.state = new Uint8Array(n);
    this.score = new Float64Array(n);
    this.signal = new Float64Array(n);
    this.emailedLevel = new Int8Array(n).fill(NONE);
    this.lastEmailDay = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.lastEmailLevel = new Int8Array(n).fill(NONE);
    this.lastEmailScore = new Float64Array(n);
    this.openCount = new Int32Array(g);
    this.waitingCount = new Int32Array(g);
    this.#base = new Int8Array(n);
    this.#fresh = new Uint8Array(n);
    this.#key = new Float64Array(n);
    this.#tier = new Uint8Array(n);
    this.#order = new Int32Array(n);
    this.#start = new Int32Array(g + 1);
    this.#fill = new Int32Array(g);
  }

  /** One day. `day` is a day number (dayNumberOf); days must not go backwards for the cooldown to hold. */
  step(day: number, input: PolicyInput, onEmail?: OnEmail): void {
    const { n, state, score, signal } = this;
    const cfg = this.config;
    const t = cfg.thresholds;
    const base = this.#base;
    const fresh = this.#fresh;
    const groupOf = this.#groupOf;
    const start = this.#start;
    const g = this.#capacity.length;
    start.fill(0);
    // 1–2: closed / silent, else the level by hysteresis; candidates for high / critical counted per group.
    for (let i = 0; i < n; i++) {
      const prev = state[i]!;
      const s = input.score[i]!;
      fresh[i] = 0;
      if (input.workforce[i]! <= 0) {
        base[i] = STATE_CODES.closed;
        continue;
      }
      if (input.daysSinceEvent[i]! >= cfg.silentAfterDays) {
        base[i] = STATE_CODES.silent;
        continue;
      }
      if (Number.isNaN(s)) {
        // Not scored today: keeps its state; an open one keeps its place (ranked first below).
        base[i] = prev;
      } else {
        fresh[i] = 1;
        score[i] = s;
        signal[i] = input.signal[i]!;
        const prevLevel = prev <= STATE_CODES.critical ? LEVELS[prev]! : undefined;
        base[i] = levelCode(nextLevel(prevLevel, s, t));
      }
      if (base[i] === STATE_CODES.high || base[i] === STATE_CODES.critical) start[groupOf[i]! + 1]!++;
    }
    // 3: per group, rank the candidates and fill the capacity.
    for (let k = 0; k < g; k++) start[k + 1]! += start[k]!;
    const fill = this.#fill;
    for (let k = 0; k < g; k++) fill[k] = start[k]!;
    const order = this.#order;
    const key = this.#key;
    const tier = this.#tier;
    const minSignal = cfg.minSignalContribution;
    for (let i = 0; i < n; i++) {
      const b = base[i]!;
      if (b !== STATE_CODES.high && b !== STATE_CODES.critical) continue;
      const incumbent = state[i] === STATE_CODES.high || state[i] === STATE_CODES.critical;
      key[i] = incumbent ? score[i]! * cfg.displacementRatio : score[i]!;
      // An open enterprise not scored today keeps its place (tier 2): nothing new is known about it.
      tier[i] = !fresh[i] ? 2 : signal[i]! >= minSignal ? 1 : 0;
      order[fill[groupOf[i]!]!++] = i;
    }
    const byRank = (a: number, b: number): number => tier[b]! - tier[a]! || key[b]! - key[a]! || a - b;
    const open = this.openCount;
    const waiting = this.waitingCount;
    for (let k = 0; k < g; k++) {
      const from = start[k]!;
      const to = start[k + 1]!;
      open[k] = 0;
      waiting[k] = 0;
      if (to - from > this.#capacity[k]!) order.subarray(from, to).sort(byRank);
      for (let j = from; j < to; j++) {
        const i = order[j]!;
        if (j - from < this.#capacity[k]!) open[k]!++;
        else {
          base[i] = STATE_CODES.watch;
          waiting[k]!++;
        }
      }
    }
    // 4: e-mails and the new states.
    const rise = this.#rise;
    for (let i = 0; i < n; i++) {
      const prev = state[i]!;
      const now = base[i]!;
      state[i] = now;
      const wasOpen = prev === STATE_CODES.high || prev === STATE_CODES.critical;
      const isOpenNow = now === STATE_CODES.high || now === STATE_CODES.critical;
      if (!isOpenNow) {
        if (wasOpen && this.emailedLevel[i]! !== NONE) {
          if (cfg.notifyLowered && fresh[i] && now <= STATE_CODES.watch) onEmail?.(i, "lowered", LEVELS[now]!);
          this.emailedLevel[i] = NONE;
        }
        continue;
      }
      if (!fresh[i] || signal[i]! < minSignal) continue;
      const s = score[i]!;
      if (this.emailedLevel[i]! < now) {
        const cooling =
          this.lastEmailLevel[i]! >= now && day - this.lastEmailDay[i]! < cfg.cooldownDays && s - this.lastEmailScore[i]! < rise - 1e-12;
        this.emailedLevel[i] = now;
        if (cooling) continue;
        this.#emailed(i, day, now, s);
        onEmail?.(i, now === STATE_CODES.critical ? "raised_critical" : "raised_high", LEVELS[now]!);
      } else if (s - this.lastEmailScore[i]! >= rise - 1e-12) {
        this.#emailed(i, day, now, s);
        onEmail?.(i, "risen", LEVELS[now]!);
      }
    }
  }

  #emailed(i: number, day: number, level: number, s: number): void {
    this.lastEmailDay[i] = day;
    this.lastEmailLevel[i] = level;
    this.lastEmailScore[i] = s;
  }
}

/** An enterprise's state between runs (what the scorer stores). */
export interface EnterpriseState {
  state: PolicyState;
  /** The group (area or responsible unit) whose capacity it counts against. */
  group: string;
  /** The last score and signal strength used. */
  score: number;
  signal: number;
  /** Highest level e-mailed (or covered by the cooldown) in the current open spell; null: none. */
  emailedLevel: Level | null;
  /** The last immediate e-mail (raised or risen). */
  lastEmail: { as_of: string; level: Level; score: number } | null;
}

/** One enterprise scored today (the records form). */
export interface ScoredEnterprise {
  enterprise_id: string;
  group: string;
  /** 0..1; NaN when the enterprise could not be scored (e.g. closed: workforce 0). */
  score: number;
  /** signalStrength of its contributions. */
  signal: number;
  workforce: number;
  /** Days since its last event of any stream; Infinity when none. */
  daysSinceEvent: number;
}

export interface EmailDecision {
  enterprise_id: string;
  kind: EmailKind;
  level: Level;
  /** The state before today (null for an enterprise seen for the first time). */
  previous: PolicyState | null;
}

export interface GroupLoad {
  /** Open (high + critical) enterprises after today's run. */
  open: number;
  capacity: number;
  /** Enterprises that qualified for high or critical but found the group full (held at watch). */
  waiting: number;
}

export interface PolicyDay {
  states: Map<string, EnterpriseState>;
  emails: EmailDecision[];
  load: Map<string, GroupLoad>;
}

/** The records form of one day: see the comment at the top. */
export function applyPolicy(
  config: AlertPolicyConfig,
  capacityOf: (group: string) => number,
  previous: ReadonlyMap<string, EnterpriseState>,
  asOf: string,
  scored: readonly ScoredEnterprise[],
): PolicyDay {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const add = (id: string) => {
    let i = index.get(id);
    if (i === undefined) {
      i = ids.length;
      index.set(id, i);
      ids.push(id);
    }
    return i;
  };
  for (const id of previous.keys()) add(id);
  for (const s of scored) add(s.enterprise_id);
  const n = ids.length;
  const groups: string[] = [];
  const groupIndex = new Map<string, number>();
  const groupOf = new Int32Array(n);
  const today = new Map(scored.map((s) => [s.enterprise_id, s]));
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const group = today.get(id)?.group ?? previous.get(id)!.group;
    let gi = groupIndex.get(group);
    if (gi === undefined) {
      gi = groups.length;
      groupIndex.set(group, gi);
      groups.push(group);
    }
    groupOf[i] = gi;
  }
  const p = new AlertPolicy(
    config,
    groupOf,
    groups.map((g) => capacityOf(g)),
  );
  const day = dayNumberOf(asOf);
  const input: PolicyInput = {
    score: new Float64Array(n).fill(Number.NaN),
    signal: new Float64Array(n),
    workforce: new Float64Array(n).fill(1),
    daysSinceEvent: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const prev = previous.get(ids[i]!);
    if (prev) {
      p.state[i] = STATE_CODES[prev.state];
      p.score[i] = prev.score;
      p.signal[i] = prev.signal;
      p.emailedLevel[i] = prev.emailedLevel ? STATE_CODES[prev.emailedLevel] : NONE;
      if (prev.lastEmail) {
        p.lastEmailDay[i] = dayNumberOf(prev.lastEmail.as_of);
        p.lastEmailLevel[i] = STATE_CODES[prev.lastEmail.level];
        p.lastEmailScore[i] = prev.lastEmail.score;
      }
      // A closed or silent enterprise not scored today stays so.
      if (prev.state === "closed") input.workforce[i] = 0;
      if (prev.state === "silent") input.daysSinceEvent[i] = Number.POSITIVE_INFINITY;
    }
    const s = today.get(ids[i]!);
    if (s) {
      input.score[i] = s.score;
      input.signal[i] = s.signal;
      input.workforce[i] = s.workforce;
      input.daysSinceEvent[i] = s.daysSinceEvent;
    }
  }
  const prevStates = Uint8Array.from(p.state);
  const emails: EmailDecision[] = [];
  p.step(day, input, (i, kind, level) => {
    const prev = previous.get(ids[i]!);
    emails.push({ enterprise_id: ids[i]!, kind, level, previous: prev ? POLICY_STATES[prevStates[i]!]! : null });
  });
  const states = new Map<string, EnterpriseState>();
  for (let i = 0; i < n; i++) {
    const e = p.emailedLevel[i]!;
    const l = p.lastEmailLevel[i]!;
    states.set(ids[i]!, {
      state: POLICY_STATES[p.state[i]!]!,
      group: groups[groupOf[i]!]!,
      score: p.score[i]!,
      signal: p.signal[i]!,
      emailedLevel: e === NONE ? null : (LEVELS[e] ?? null),
      lastEmail: l === NONE ? null : { as_of: dateOf(p.lastEmailDay[i]!), level: LEVELS[l]!, score: p.lastEmailScore[i]! },
    });
  }
  const load = new Map<string, GroupLoad>();
  for (const [k, group] of groups.entries())
    load.set(group, { open: p.openCount[k]!, capacity: capacityOf(group), waiting: p.waitingCount[k]! });
  return { states, emails, load };
}

/** The state an enterprise is in when it has none yet. */
export const INITIAL_STATE = (group: string): EnterpriseState => ({
  state: "low",
  group,
  score: 0,
  signal: 0,
  emailedLevel: null,
  lastEmail: null,
});
