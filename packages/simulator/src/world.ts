// The hidden-state process of one enterprise and the events it shows itself through.
//
// Each month the enterprise's hidden state moves along a Markov chain
//   healthy → strained → distressed → collapsing → closed (owner flight / closure)
// with recovery paths back. The state drives, in the order the brief describes:
//   1. insurance contributions (paid in full when healthy; partly or not at all from strained on),
//   2. wages (unpaid periods start when distressed), reported late and incompletely,
//   3. grievances (ordinary ones everywhere; wage / arrears / insurance / bonus ones with distress,
//      bonus ones before Tết), each with a status life cycle,
//   4. incidents, whose hazard grows with distress, sector, ownership, size, Tết and contagion.
// Nothing here knows about delivery: events are handed to an `Emitter` with their own time.
import type { StreamName } from "@lrew/contracts";
import {
  ACTIVE_STATES,
  mult,
  type ActiveState,
  type Channel,
  type GrievanceCategory,
  type HiddenState,
  type IncidentKind,
  type SimulationParams,
} from "./params.ts";
import type { EnterpriseProfile } from "./province.ts";
import { investorCountryOf } from "./investors.ts";
import { Rng, STREAM_TAGS } from "./rng.ts";
import { complainantRef, grievanceSummary } from "./summaries.ts";
import { calendarMonthOf, dateMs, DAY_MS, formatLocal, HOUR_MS, MINUTE_MS, monthStartMs, periodOf } from "./time.ts";

const SCHEMES = ["social", "health", "unemployment"] as const;

/** Ground truth, written to truth.ndjson and never to Kafka or ClickHouse. */
export type TruthRecord =
  | {
      type: "enterprise";
      enterprise_id: string;
      initial_state: HiddenState;
      insurance_registered: boolean;
      insured_share: number;
      insured_wage_multiple: number;
      pay_multiple: number;
      grievance_propensity: number;
      union_founding_month: string | null;
    }
  | {
      type: "state";
      enterprise_id: string;
      month: string;
      state: HiddenState;
      /** Consecutive months with a contribution shortfall, counting arrears from before the simulation. */
      insurance_arrears_months: number;
      /** Pay periods with wages still owed. */
      wage_arrears_months: number;
      /**
       * The month's incident hazard, exactly the one the incident draw used: the hidden state's monthly
       * hazard × sector, ownership and size multipliers × Tết × contagion (0 once closed). P(an incident
       * this month) = 1 − e^(−hazard). The oracle of backtests scores by it; the pipeline never sees it.
       */
      hazard: number;
    }
  | {
      type: "incident";
      enterprise_id: string;
      event_id: string;
      started_at: string;
      kind: IncidentKind;
      state: HiddenState;
      /** False when the incident was never reported (not in the incidents stream). */
      reported: boolean;
      /** First period of the current insurance-shortfall spell ('YYYY-MM', may precede the simulation), or null. */
      insurance_shortfall_since: string | null;
      /** First period of the current wage-arrears spell, or null. */
      wage_arrears_since: string | null;
    };

/** Receives an enterprise's events in generation order, with the event's own time (local ms). */
export interface Emitter {
  /**
   * Hand over one event; false when it falls outside the simulated window and was dropped. `rng` draws
   * its delivery lag and duplicates (default: the enterprise's delivery stream).
   */
  emit(sim: EnterpriseSim, stream: StreamName, event: Record<string, unknown>, atMs: number, rng?: Rng): boolean;
  truth(record: TruthRecord): void;
  /** Incidents in the same area and sector in months [fromMonth, beforeMonth). */
  recentIncidents(areaCode: string, sector: string, fromMonth: number, beforeMonth: number): number;
  recordIncident(areaCode: string, sector: string, month: number): void;
}

interface OwedWages {
  period: string;
  amount: number;
  workers: number;
  reported: boolean;
}

interface PendingInsurance {
  period: string;
  due: number[];
  paid: number[];
  insured: number;
  /** The salary fund the contributions (and the union fee) are based on. */
  payrollBase: number;
  /** Share of the month's contributions paid (0, partial, 1). */
  paidShare: number;
}

interface UnionFeeMonth {
  period: string;
  base: number;
  due: number;
  relief?: { kind: "deferral"; from: string; to: string; decision_ref: string };
}

/** One simulated month, computed once for all enterprises. */
export interface MonthInfo {
  /** 0 = the month `start` falls in. */
  t: number;
  /** Local ms of its first day and of the next month's. */
  start: number;
  end: number;
  period: string;
  calendarMonth: number;
  tet: boolean;
}

export function monthInfo(params: SimulationParams, t: number, tetMonths: ReadonlySet<number>): MonthInfo {
  const calendarMonth = calendarMonthOf(params.start, t);
  return {
    t,
    start: monthStartMs(params.start, t),
    end: monthStartMs(params.start, t + 1),
    period: periodOf(params.start, t),
    calendarMonth,
    tet: tetMonths.has(calendarMonth),
  };
}

/** Pre-computed weight tables, shared by every enterprise of a world. */
export interface WorldTables {
  ordinaryMix: Record<GrievanceCategory, number>;
  ordinaryMixTet: Record<GrievanceCategory, number>;
  distressMix: Record<GrievanceCategory, number>;
  distressMixTet: Record<GrievanceCategory, number>;
  channelsUnion: Record<Channel, number>;
  channelsNoUnion: Record<Channel, number>;
  tetMonths: Set<number>;
}

export function worldTables(params: SimulationParams): WorldTables {
  const g = params.grievances;
  const withTet = (m: Partial<Record<GrievanceCategory, number>>) =>
    ({ ...m, bonus: (m.bonus ?? 0) * g.tetBonusMultiplier }) as Record<GrievanceCategory, number>;
  const channels = g.channelMix as Record<Channel, number>;
  return {
    ordinaryMix: g.ordinaryMix as Record<GrievanceCategory, number>,
    ordinaryMixTet: withTet(g.ordinaryMix),
    distressMix: g.distressMix as Record<GrievanceCategory, number>,
    distressMixTet: withTet(g.distressMix),
    channelsUnion: channels,
    channelsNoUnion: { ...channels, union_officer: (channels.union_officer ?? 0) / 3 },
    tetMonths: new Set(params.tetSeasonMonths),
  };
}

const BETTER: Record<ActiveState, ActiveState> = {
  healthy: "healthy",
  strained: "healthy",
  distressed: "strained",
  collapsing: "distressed",
};

const BASE_SEVERITY: Partial<Record<GrievanceCategory, number>> = {
  wage_arrears: 2,
  social_insurance: 2,
  safety: 2,
  harassment: 2,
  dismissal: 2,
  discrimination: 2,
};

export class EnterpriseSim {
  readonly profile: EnterpriseProfile;
  /** The world's draws (states, amounts, categories…). */
  readonly rng: Rng;
  /** Delivery noise (lags, duplicates), kept apart so that changing delivery parameters keeps the same world. */
  readonly deliveryRng: Rng;
  /** Event ids. */
  readonly idRng: Rng;
  state: HiddenState;
  workforce: number;
  hasUnion: boolean;
  private readonly params: SimulationParams;
  private readonly tables: WorldTables;
  private readonly out: Emitter;
  private readonly stress: number;
  private readonly incidentBase: number;
  private insuranceArrears: number[] = [0, 0, 0];
  /** Consecutive shortfall months including hidden ones from before the start. */
  private shortfallMonths = 0;
  private shortfallSince: string | null = null;
  private pending: PendingInsurance | undefined;
  /** The union fee draws from its own stream (ids and delivery too), so every other event stays as it was. */
  private readonly feeRng: Rng;
  private feeUnpaid: UnionFeeMonth[] = [];
  /** The half-yearly labour-use report draws from its own stream (ids and delivery too), so every other event stays as it was. */
  private readonly labourUseRng: Rng;
  private deferral: { from: string; to: string; ref: string } | undefined;
  private owed: OwedWages[] = [];
  private wageSince: string | null = null;
  private grievanceSeq = 0;
  private settleNext = false;
  /** This month's incident hazard (0 when closed), for the truth record. */
  private hazard = 0;

  constructor(profile: EnterpriseProfile, params: SimulationParams, seed: number, tables: WorldTables, out: Emitter) {
    this.profile = profile;
    this.params = params;
    this.tables = tables;
    this.out = out;
    this.rng = new Rng(seed, STREAM_TAGS.world, profile.index);
    this.deliveryRng = new Rng(seed, STREAM_TAGS.delivery, profile.index);
    this.idRng = new Rng(seed, STREAM_TAGS.ids, profile.index);
    this.feeRng = new Rng(seed, STREAM_TAGS.unionFees, profile.index);
    this.labourUseRng = new Rng(seed, STREAM_TAGS.labourUse, profile.index);
    this.workforce = profile.workforce;
    this.hasUnion = profile.has_union;
    const st = params.states;
    this.stress = mult(st.stressBySector, profile.sector) * mult(st.stressByOwnership, profile.ownership);
    const inc = params.incidents;
    const size = Math.min(6, Math.max(0.2, (profile.workforce / inc.sizeReference) ** inc.sizeExponent));
    this.incidentBase = mult(inc.sectorMultiplier, profile.sector) * mult(inc.ownershipMultiplier, profile.ownership) * size;

    const initial = this.rng.weighted(st.initial as Record<ActiveState, number>);
    this.state = initial;
    if (initial !== "healthy") {
      const [lo, hi] = st.initialArrearsMonths[initial];
      this.shortfallMonths = this.rng.int(lo, hi);
      if (this.shortfallMonths > 0) this.shortfallSince = periodOf(params.start, -this.shortfallMonths);
    }
    out.truth({
      type: "enterprise",
      enterprise_id: profile.enterprise_id,
      initial_state: initial,
      insurance_registered: profile.insuranceRegistered,
      insured_share: round3(profile.insuredShare),
      insured_wage_multiple: round3(profile.insuredWageMultiple),
      pay_multiple: round3(profile.payMultiple),
      grievance_propensity: round3(profile.propensity),
      union_founding_month: profile.unionFoundingMonth >= 0 ? periodOf(params.start, profile.unionFoundingMonth) : null,
    });
  }

  /** Simulate one month (see `monthInfo`). */
  step(m: MonthInfo): void {
    const p = this.params;
    const { t, start: monthStart, end: monthEnd, period, tet } = m;
    const before = this.state;
    if (t === 0) {
      this.emitRegistry(Math.max(monthStart, dateMs(p.start)) + this.rng.int(0, 6 * 3600) * 1000);
      // The agency's position for the month before the start arrives in the first month.
      if (isActive(this.state)) this.pending = this.contributions(periodOf(p.start, -1), this.state);
    } else {
      this.transition();
    }
    const state = this.state;
    const closedNow = state === "closed" && before !== "closed";
    this.hazard = 0;

    // 1. insurance: the previous period's position, reported this month.
    if (this.pending) {
      this.emitInsurance(this.pending, monthStart);
      this.pending = undefined;
    }
    if (state === "closed") {
      if (closedNow) this.close(monthStart, monthEnd);
      this.stateTruth(period);
      return;
    }
    this.pending = this.contributions(period, state);
    if (this.pending) this.unionFee(this.pending, state, monthEnd);
    // 2. wages of this period.
    this.wages(period, state, monthStart, monthEnd);
    // 3. grievances.
    this.grievances(state, monthStart, monthEnd, tet, m.calendarMonth);
    // 4. incidents.
    this.incident(t, state, monthStart, monthEnd, tet);
    // 5. registry changes.
    this.registry(t, state, monthStart, monthEnd);
    // 6. the half-yearly labour-use report, due by 5 June and 5 December.
    if (m.calendarMonth === 6 || m.calendarMonth === 12) this.labourUseReport(monthStart, monthEnd);
    this.stateTruth(period);
  }

  private stateTruth(month: string): void {
    this.out.truth({
      type: "state",
      enterprise_id: this.profile.enterprise_id,
      month,
      state: this.state,
      insurance_arrears_months: this.profile.insuranceRegistered ? this.shortfallMonths : 0,
      wage_arrears_months: this.owed.length,
      hazard: this.hazard,
    });
  }

  private transition(): void {
    const s = this.state;
    if (s === "closed") return;
    const r = this.rng;
    if (this.settleNext) {
      this.settleNext = false;
      if (r.chance(this.params.states.settlementAfterIncident)) {
        this.state = BETTER[s];
        return;
      }
    }
    const tr = this.params.states.transitions;
    const k = this.stress;
    const x = r.next();
    switch (s) {
      case "healthy":
        if (x < tr.healthy.strained * k) this.state = "strained";
        break;
      case "strained": {
        const worse = tr.strained.distressed * k;
        if (x < worse) this.state = "distressed";
        else if (x < worse + tr.strained.healthy) this.state = "healthy";
        break;
      }
      case "distressed": {
        const worse = tr.distressed.collapsing * k;
        if (x < worse) this.state = "collapsing";
        else if (x < worse + tr.distressed.strained) this.state = "strained";
        else if (x < worse + tr.distressed.strained + tr.distressed.healthy) this.state = "healthy";
        break;
      }
      case "collapsing":
        if (x < tr.collapsing.closed) this.state = "closed";
        else if (x < tr.collapsing.closed + tr.collapsing.distressed) this.state = "distressed";
        break;
    }
  }

  private minimumWage(period: string): number {
    const schedule = this.params.wages.minimumWage;
    const day = `${period}-01`;
    let wage = schedule[0]!.wage;
    for (const entry of schedule) if (entry.from <= day) wage = entry.wage;
    return wage[this.profile.wageRegion];
  }

  /** The month's contributions and payments for every scheme; updates arrears. Undefined when not registered. */
  private contributions(period: string, state: ActiveState): PendingInsurance | undefined {
    const pr = this.profile;
    if (!pr.insuranceRegistered) return undefined;
    const r = this.rng;
    const ins = this.params.insurance;
    const insured = Math.max(1, Math.round(this.workforce * pr.insuredShare));
    const insuredWage = Math.round((this.minimumWage(period) * pr.insuredWageMultiple) / 1000) * 1000;
    const x = r.next();
    const full = x < ins.payFull[state];
    const share = full ? 1 : x < ins.payFull[state] + ins.payPartial[state] ? r.share(ins.partialShare[state], 0.3) * 0.98 : 0;
    const catchUp = full ? ins.catchUpShare[state] : 0;
    const rates = this.params.wages.contributionRates;
    const due: number[] = [];
    const paid: number[] = [];
    let shortfall = false;
    for (let i = 0; i < SCHEMES.length; i++) {
      const d = Math.round(insured * insuredWage * rates[SCHEMES[i]!]);
      let pd = Math.round(d * share);
      if (pd < d) shortfall = true;
      const arrears = this.insuranceArrears[i]! + d - pd;
      // Paying back: only arrears accrued inside the simulation, so derived arrears never go negative.
      const back = catchUp > 0 && arrears > 0 ? (arrears < d * 0.5 ? arrears : Math.round(arrears * catchUp)) : 0;
      pd += back;
      this.insuranceArrears[i] = arrears - back;
      due.push(d);
      paid.push(pd);
    }
    const anyArrears = this.insuranceArrears.some((a) => a > 0);
    if (shortfall) {
      if (this.shortfallMonths === 0) this.shortfallSince = period;
      this.shortfallMonths++;
    } else if (!anyArrears) {
      this.shortfallMonths = 0;
      this.shortfallSince = null;
    }
    return { period, due, paid, insured, payrollBase: insured * insuredWage, paidShare: share };
  }

  /**
   * The month's union fee on the insurance's payroll base, paid or not much as the insurance was, and
   * recorded by the federation's ledger in the following month (or at the quarter's reconciliation).
   * A distressed enterprise in arrears may be granted a deferral; a healthy one settles its arrears
   * and the ledger re-records the settled months. Draws only from feeRng.
   */
  private unionFee(pos: PendingInsurance, state: ActiveState, nextMonthStart: number): void {
    const r = this.feeRng;
    const f = this.params.unionFees;
    const period = pos.period;
    const due = Math.round(pos.payrollBase * f.rate);
    if (this.deferral && this.deferral.to < period) this.deferral = undefined;
    if (
      !this.deferral &&
      (state === "distressed" || state === "collapsing") &&
      this.feeUnpaid.length > 0 &&
      r.chance(f.deferralProbability)
    ) {
      this.deferral = { from: period, to: periodOf(`${period}-01`, f.deferralMonths - 1), ref: `${r.int(1, 450)}/QĐ-LĐLĐ` };
    }
    const relief = this.deferral
      ? { kind: "deferral" as const, from: this.deferral.from, to: this.deferral.to, decision_ref: this.deferral.ref }
      : undefined;
    const pay = pos.paidShare >= 1 ? f.payGivenInsurance.full : pos.paidShare > 0 ? f.payGivenInsurance.partial : f.payGivenInsurance.none;
    const paid = !relief && r.chance(pay);
    const month: UnionFeeMonth = { period, base: pos.payrollBase, due, ...(relief ? { relief } : {}) };
    const at = this.feeRecordedAt(nextMonthStart);
    if (paid && state === "healthy" && this.feeUnpaid.length > 0 && r.chance(f.settleWhenHealthy)) {
      for (const old of this.feeUnpaid) if (!r.chance(f.neverRecorded)) this.emitUnionFee(old, old.due, at);
      this.feeUnpaid = [];
    }
    if (!paid) this.feeUnpaid.push(month);
    if (!r.chance(f.neverRecorded)) this.emitUnionFee(month, paid ? due : 0, at);
  }

  /** When the ledger records a month: in the following month, or after the quarter's last month. */
  private feeRecordedAt(nextMonthStart: number): number {
    const r = this.feeRng;
    const f = this.params.unionFees;
    const day = Math.min(f.reportDay.max, r.lognormal(f.reportDay.median, f.reportDay.sigma));
    const quarterly = r.chance(f.quarterlyProbability) ? r.int(1, 2) * 30 * DAY_MS : 0;
    return nextMonthStart + quarterly + Math.floor(day) * DAY_MS + r.int(8 * 60, 17 * 60) * MINUTE_MS;
  }

  private emitUnionFee(month: UnionFeeMonth, paid: number, at: number): void {
    this.out.emit(
      this,
      "union-fees",
      {
        event_id: this.feeRng.uuid(),
        enterprise_id: this.profile.enterprise_id,
        period: month.period,
        payroll_base_vnd: month.base,
        amount_due_vnd: month.due,
        amount_paid_vnd: paid,
        ...(month.relief ? { relief: month.relief } : {}),
        reported_at: formatLocal(at),
      },
      at,
      this.feeRng,
    );
  }

  private emitInsurance(pos: PendingInsurance, monthStart: number): void {
    const r = this.rng;
    const ins = this.params.insurance;
    const heard = !r.chance(this.params.reporting.neverReported["insurance-contributions"]);
    const day = Math.min(ins.reportDay.max, r.lognormal(ins.reportDay.median, ins.reportDay.sigma));
    const at = monthStart + Math.floor(day) * DAY_MS + r.int(8 * 60, 17 * 60) * MINUTE_MS;
    if (!heard) return;
    for (let i = 0; i < SCHEMES.length; i++) {
      this.out.emit(
        this,
        "insurance-contributions",
        {
          event_id: this.idRng.uuid(),
          enterprise_id: this.profile.enterprise_id,
          period: pos.period,
          scheme: SCHEMES[i],
          amount_due_vnd: pos.due[i],
          amount_paid_vnd: pos.paid[i],
          insured_workers: pos.insured,
          reported_at: formatLocal(at),
        },
        at,
      );
    }
  }

  private monthlyPay(period: string): number {
    return Math.round((this.minimumWage(period) * this.profile.payMultiple) / 1000) * 1000;
  }

  private wages(period: string, state: ActiveState, monthStart: number, monthEnd: number): void {
    const r = this.rng;
    const w = this.params.wageArrears;
    // Settling what is owed when things are better.
    if (this.owed.length > 0) {
      const settle = state === "healthy" ? 0.5 : state === "strained" ? 0.15 : 0;
      if (settle > 0 && r.chance(settle)) {
        const at = monthStart + r.int(0, Math.floor((monthEnd - monthStart) / HOUR_MS) - 1) * HOUR_MS;
        for (const o of this.owed)
          if (o.reported && r.chance(w.followUpProbability)) this.emitWageReport(o, "paid", at + r.int(1, 20) * DAY_MS);
        this.owed = [];
        this.wageSince = null;
      } else if (state === "distressed" && r.chance(0.12)) {
        const o = this.owed[0]!;
        o.amount = Math.round((o.amount * r.uniform(0.3, 0.8)) / 1000) * 1000;
        if (o.reported && r.chance(w.followUpProbability)) this.emitWageReport(o, "partially_paid", monthStart + r.int(1, 25) * DAY_MS);
      }
    }
    if (!r.chance(w.unpaidProbability[state])) return;
    const workers = Math.max(1, Math.round(this.workforce * r.share(w.workersShare[state], 0.25)));
    const amount = Math.max(
      1000,
      Math.round((workers * this.monthlyPay(period) * Math.max(0.1, r.share(w.unpaidShare[state], 0.25))) / 1000) * 1000,
    );
    const owed: OwedWages = { period, amount, workers, reported: false };
    if (this.owed.length === 0) this.wageSince = period;
    this.owed.push(owed);
    if (this.owed.length > 36) this.owed.shift();
    if (r.chance(w.reportProbability[state])) {
      owed.reported = true;
      const delayDays = Math.min(w.reportDelayDays.max, r.lognormal(w.reportDelayDays.median, w.reportDelayDays.sigma));
      this.emitWageReport(owed, "outstanding", monthEnd + Math.floor((delayDays * DAY_MS) / MINUTE_MS) * MINUTE_MS);
    }
  }

  private emitWageReport(o: OwedWages, status: "outstanding" | "partially_paid" | "paid", at: number): void {
    const r = this.rng;
    const source = r.weighted(this.params.wageArrears.sourceMix as Record<string, number>);
    this.out.emit(
      this,
      "wage-arrears",
      {
        event_id: this.idRng.uuid(),
        enterprise_id: this.profile.enterprise_id,
        reported_at: formatLocal(at),
        period: o.period,
        amount_owed_vnd: status === "paid" ? 0 : o.amount,
        workers_affected: o.workers,
        status,
        source,
      },
      at,
    );
  }

  private grievances(state: ActiveState, monthStart: number, monthEnd: number, tet: boolean, calMonth: number): void {
    const r = this.rng;
    const g = this.params.grievances;
    const mean = (g.ratePer100[state] / 100) * this.workforce * this.profile.propensity * (tet ? g.tetRateMultiplier : 1);
    const n = r.poisson(mean);
    const days = Math.round((monthEnd - monthStart) / DAY_MS);
    const year = new Date(monthStart).getUTCFullYear();
    for (let k = 0; k < n; k++) {
      const distress = r.chance(g.distressShare[state]);
      const t = this.tables;
      const category = r.weighted(distress ? (tet ? t.distressMixTet : t.distressMix) : tet ? t.ordinaryMixTet : t.ordinaryMix);
      const collective = r.chance(g.collectiveProbability[state]);
      const workers = collective ? Math.max(2, Math.min(this.workforce, Math.round(this.workforce * r.share(0.3, 0.25)))) : 1;
      const severity = clamp(
        (BASE_SEVERITY[category] ?? 1) +
          (collective ? 1 : 0) +
          (state === "distressed" || state === "collapsing" ? 1 : 0) +
          (r.chance(0.15) ? 1 : 0),
        1,
        4,
      );
      const channel = r.weighted(this.hasUnion ? t.channelsUnion : t.channelsNoUnion);
      const occurred = monthStart + r.int(0, days - 1) * DAY_MS + r.int(6 * 60, 21 * 60) * MINUTE_MS;
      const heard = !r.chance(this.params.reporting.neverReported.grievances);
      const reportDelay = Math.min(g.reportDelayDays.max, r.lognormal(g.reportDelayDays.median, g.reportDelayDays.sigma));
      const reported = occurred + Math.floor((reportDelay * DAY_MS) / MINUTE_MS) * MINUTE_MS;
      const summary = r.chance(g.summaryProbability)
        ? grievanceSummary(r, category, calMonth, r.chance(g.piiInSummaryProbability))
        : undefined;
      const ref = r.chance(g.complainantRefProbability) ? complainantRef(r, year) : undefined;
      // Life cycle: open → (in_progress) → resolved / withdrawn / left open.
      const steps: Array<{ status: "in_progress" | "resolved" | "withdrawn"; at: number }> = [];
      let last = reported;
      if (r.chance(g.inProgressProbability)) {
        last +=
          Math.floor(
            Math.min(g.inProgressDelayDays.max, r.lognormal(g.inProgressDelayDays.median, g.inProgressDelayDays.sigma)) * 24 * 60,
          ) * MINUTE_MS;
        steps.push({ status: "in_progress", at: last });
      }
      const x = r.next();
      const final =
        x < g.resolvedProbability[state] ? "resolved" : x < g.resolvedProbability[state] + g.withdrawnProbability ? "withdrawn" : undefined;
      if (final) {
        last +=
          Math.floor(Math.min(g.closeDelayDays.max, r.lognormal(g.closeDelayDays.median, g.closeDelayDays.sigma)) * 24 * 60) * MINUTE_MS;
        steps.push({ status: final, at: last });
      }
      if (!heard) continue;
      this.grievanceSeq++;
      const grievance_id = `KN-${this.profile.enterprise_id}-${String(this.grievanceSeq).padStart(5, "0")}`;
      const base = { grievance_id, enterprise_id: this.profile.enterprise_id };
      const open: Record<string, unknown> = {
        event_id: this.idRng.uuid(),
        ...base,
        occurred_at: formatLocal(occurred),
        reported_at: formatLocal(reported),
        channel,
        category,
        severity,
        workers_involved: workers,
        status: "open",
      };
      if (summary !== undefined) open.summary = summary;
      if (ref !== undefined) open.complainant_ref = ref;
      this.out.emit(this, "grievances", open, reported);
      for (const s of steps) {
        // A status change occurs when it is recorded; the union records it the same day.
        const rep = s.at + r.int(0, 8 * 60) * MINUTE_MS;
        this.out.emit(
          this,
          "grievances",
          {
            event_id: this.idRng.uuid(),
            ...base,
            occurred_at: formatLocal(s.at),
            reported_at: formatLocal(rep),
            channel,
            category,
            severity,
            workers_involved: workers,
            status: s.status,
          },
          rep,
        );
      }
    }
  }

  private incident(t: number, state: ActiveState, monthStart: number, monthEnd: number, tet: boolean): void {
    const r = this.rng;
    const inc = this.params.incidents;
    const pr = this.profile;
    const near = inc.contagionMonths > 0 ? this.out.recentIncidents(pr.area_code, pr.sector, t - inc.contagionMonths, t) : 0;
    const contagion = Math.min(inc.contagionMax, 1 + inc.contagionPerIncident * near);
    const hazard = inc.monthlyHazard[state] * this.incidentBase * (tet ? inc.tetMultiplier : 1) * contagion;
    this.hazard = hazard;
    if (!r.chance(1 - Math.exp(-hazard))) return;
    const kind = r.weighted(inc.kindMix[state] as Record<IncidentKind, number>);
    const days = Math.round((monthEnd - monthStart) / DAY_MS);
    const started = monthStart + r.int(0, days - 1) * DAY_MS + r.int(6 * 60, 14 * 60) * MINUTE_MS;
    const workers = clamp(Math.round(this.workforce * r.share(mult(inc.workersShare, kind), 0.2)), 1, Math.max(1, this.workforce));
    const lawful = r.chance(mult(inc.lawfulProbability, kind));
    const dur = inc.durationDays[kind];
    const ended =
      dur !== undefined ? started + Math.max(2 * HOUR_MS, Math.floor((r.lognormal(dur, 0.5) * DAY_MS) / MINUTE_MS) * MINUTE_MS) : undefined;
    const causes = new Set<GrievanceCategory>();
    if (this.shortfallMonths > 0 && pr.insuranceRegistered && r.chance(0.7)) causes.add("social_insurance");
    if (this.owed.length > 0 && r.chance(0.85)) causes.add("wage_arrears");
    if (tet && r.chance(0.6)) causes.add("bonus");
    if (state !== "healthy" && r.chance(0.5)) causes.add("wages");
    if (causes.size === 0 || r.chance(0.3)) causes.add(r.weighted(this.tables.ordinaryMix));
    const delayDays = Math.min(inc.reportDelayDays.max, r.lognormal(inc.reportDelayDays.median, inc.reportDelayDays.sigma));
    const reportedAt = started + Math.floor((delayDays * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    const heard = !r.chance(this.params.reporting.neverReported.incidents);
    const event_id = this.idRng.uuid();
    this.settleNext = true;
    this.out.recordIncident(pr.area_code, pr.sector, t);
    let emitted = false;
    if (heard) {
      const ev: Record<string, unknown> = { event_id, enterprise_id: pr.enterprise_id, started_at: formatLocal(started) };
      if (ended !== undefined) ev.ended_at = formatLocal(ended);
      ev.reported_at = formatLocal(reportedAt);
      ev.kind = kind;
      ev.lawful = lawful;
      ev.workers_involved = workers;
      ev.causes = [...causes];
      emitted = this.out.emit(this, "incidents", ev, reportedAt);
    }
    this.out.truth({
      type: "incident",
      enterprise_id: pr.enterprise_id,
      event_id,
      started_at: formatLocal(started),
      kind,
      state,
      reported: emitted,
      insurance_shortfall_since: pr.insuranceRegistered ? this.shortfallSince : null,
      wage_arrears_since: this.wageSince,
    });
  }

  private registry(t: number, state: ActiveState, monthStart: number, monthEnd: number): void {
    const r = this.rng;
    const pr = this.profile;
    let changed = false;
    if (pr.unionFoundingMonth === t && !this.hasUnion) {
      this.hasUnion = true;
      changed = true;
    }
    const troubled = state === "distressed" || state === "collapsing";
    if (r.chance(this.params.registry.workforceUpdateProbability * (troubled ? 2 : 1))) {
      const factor = troubled ? r.uniform(0.7, 0.95) : r.lognormal(1.02, 0.1);
      const next = clamp(Math.round(this.workforce * factor), 1, this.params.structure.maxWorkforce);
      if (next !== this.workforce) {
        this.workforce = next;
        changed = true;
      }
    }
    if (changed) this.emitRegistry(monthStart + r.int(0, Math.floor((monthEnd - monthStart) / MINUTE_MS) - 1) * MINUTE_MS);
  }

  /**
   * The labour-use report of an operating enterprise (Decree 145/2020/NĐ-CP, Art. 4): its registry
   * entry as it stands, filed in the first five days of June or December, or later in the month when
   * late, or never. Draws only from labourUseRng; a closed enterprise files none (step returns first).
   */
  private labourUseReport(monthStart: number, monthEnd: number): void {
    const r = this.labourUseRng;
    const reg = this.params.registry;
    if (!r.chance(reg.labourUseReportProbability)) return;
    const late = r.chance(reg.labourUseLateProbability);
    const day = late
      ? 5 + Math.floor(Math.min(reg.labourUseLateDays.max, r.lognormal(reg.labourUseLateDays.median, reg.labourUseLateDays.sigma)))
      : r.int(0, 4);
    const at = Math.min(monthStart + day * DAY_MS, monthEnd - DAY_MS) + r.int(8 * 60, 17 * 60) * MINUTE_MS;
    this.emitRegistry(at, r);
  }

  /** A registry entry as the enterprise stands; `rng`: the stream of its id and delivery noise (the world's own when absent). */
  private emitRegistry(at: number, rng?: Rng): void {
    const pr = this.profile;
    this.out.emit(
      this,
      "enterprises",
      {
        event_id: (rng ?? this.idRng).uuid(),
        enterprise_id: pr.enterprise_id,
        name: pr.name,
        area_code: pr.area_code,
        sector: pr.sector,
        ownership: pr.ownership,
        workforce: this.workforce,
        has_union: this.hasUnion,
        union_unit_id: this.hasUnion ? pr.grassrootsUnitId : pr.districtUnitId,
        ...(pr.ownership === "fdi" ? { investor_country: investorCountryOf(pr.enterprise_id) } : {}),
        updated_at: formatLocal(at),
      },
      at,
      rng,
    );
  }

  /** Owner flight: workers report what is owed, the registry shows the enterprise empty. */
  private close(monthStart: number, monthEnd: number): void {
    const r = this.rng;
    const at = monthStart + r.int(0, Math.floor((monthEnd - monthStart) / HOUR_MS) - 1) * HOUR_MS;
    for (const o of this.owed) {
      if (!o.reported && r.chance(0.7)) {
        o.reported = true;
        this.emitWageReport(o, "outstanding", at + r.int(1, 30 * 24) * HOUR_MS);
      }
    }
    this.workforce = 0;
    this.emitRegistry(at + r.int(10, 60) * DAY_MS);
  }
}

export function isActive(s: HiddenState): s is ActiveState {
  return (ACTIVE_STATES as readonly string[]).includes(s);
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : Math.min(x, hi);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
