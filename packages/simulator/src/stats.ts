// Statistics of a generated world, for calibration, tests and the README. Unlike the generator this
// keeps per-enterprise histories (periods with a contribution shortfall), so it is meant for
// province-sized runs, not for 100,000 enterprises.
import { STREAM_NAMES, type StreamName } from "@lrew/contracts";
import type { WorldRecord } from "./generate.ts";
import { HIDDEN_STATES, type HiddenState, type IncidentKind } from "./params.ts";

export interface WorldStatistics {
  enterprises: number;
  months: number;
  /** Deliveries per stream, duplicates included. */
  events: Record<StreamName, number>;
  duplicates: number;
  /** Deliveries later than one day after the event's own time. */
  lateDeliveries: number;
  /** Enterprise-months per hidden state. */
  enterpriseMonths: Record<HiddenState, number>;
  /** Incidents that happened (truth), by kind and by state; `reported` counts those in the incidents stream. */
  incidents: { total: number; reported: number; byKind: Record<IncidentKind, number>; byState: Record<HiddenState, number> };
  /** Incidents per enterprise-month, by state. */
  incidentRate: Record<HiddenState, number>;
  /** Enterprises ever distressed or collapsing, and how many of them had an incident while so. */
  distressedEnterprises: number;
  distressedWithIncident: number;
  /**
   * Days from the first reported contribution shortfall of the current spell (the reported_at of the
   * first period in arrears, as the pipeline sees it) to the incident; only incidents with such a
   * report before them. `incidentsWithoutLead` counts the others.
   */
  insuranceLeadDays: number[];
  incidentsWithoutLead: number;
  /** Share of bonus among new grievances in Tết-season months and in the others. */
  bonusShare: { tet: number; other: number };
}

export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1]! + s[m]!) / 2;
}

/** Accumulates statistics record by record. */
export class StatsCollector {
  private readonly tetMonths: Set<number>;
  private readonly events = Object.fromEntries(STREAM_NAMES.map((s) => [s, 0])) as Record<StreamName, number>;
  private duplicates = 0;
  private late = 0;
  private readonly enterpriseMonths = zeroStates();
  private readonly incidentsByState = zeroStates();
  private readonly byKind: Record<IncidentKind, number> = { strike: 0, work_stoppage: 0, collective_dispute: 0, mass_petition: 0 };
  private incidentsTotal = 0;
  private incidentsReported = 0;
  private enterprises = 0;
  private readonly monthsSeen = new Set<string>();
  private readonly everDistressed = new Set<string>();
  private readonly distressedIncident = new Set<string>();
  /** enterprise → period → reported_at ms of a shortfall report. */
  private readonly shortfalls = new Map<string, Map<string, number>>();
  private readonly incidents: Array<{ id: string; startedMs: number; since: string | null }> = [];
  private bonusTet = 0;
  private allTet = 0;
  private bonusOther = 0;
  private allOther = 0;

  constructor(tetSeasonMonths: readonly number[] = [12, 1, 2]) {
    this.tetMonths = new Set(tetSeasonMonths);
  }

  add(r: WorldRecord): void {
    if (r.kind === "truth") {
      const t = r.truth;
      if (t.type === "enterprise") this.enterprises++;
      else if (t.type === "state") {
        this.enterpriseMonths[t.state]++;
        this.monthsSeen.add(t.month);
        if (t.state === "distressed" || t.state === "collapsing") this.everDistressed.add(t.enterprise_id);
      } else {
        this.incidentsTotal++;
        if (t.reported) this.incidentsReported++;
        this.byKind[t.kind]++;
        this.incidentsByState[t.state]++;
        if (t.state === "distressed" || t.state === "collapsing") this.distressedIncident.add(t.enterprise_id);
        this.incidents.push({ id: t.enterprise_id, startedMs: Date.parse(t.started_at), since: t.insurance_shortfall_since });
      }
      return;
    }
    this.events[r.stream]++;
    if (r.duplicate) this.duplicates++;
    const e = r.event as Record<string, unknown>;
    const own = (e.reported_at ?? e.updated_at ?? e.occurred_at) as string;
    if (r.deliverAtMs - Date.parse(own) > 86_400_000) this.late++;
    if (r.duplicate) return;
    if (r.stream === "insurance-contributions" && (e.amount_paid_vnd as number) < (e.amount_due_vnd as number)) {
      let m = this.shortfalls.get(e.enterprise_id as string);
      if (!m) this.shortfalls.set(e.enterprise_id as string, (m = new Map()));
      const at = Date.parse(e.reported_at as string);
      const prev = m.get(e.period as string);
      if (prev === undefined || at < prev) m.set(e.period as string, at);
    }
    if (r.stream === "grievances" && e.status === "open") {
      const month = Number((e.occurred_at as string).slice(5, 7));
      const bonus = e.category === "bonus" ? 1 : 0;
      if (this.tetMonths.has(month)) {
        this.allTet++;
        this.bonusTet += bonus;
      } else {
        this.allOther++;
        this.bonusOther += bonus;
      }
    }
  }

  result(): WorldStatistics {
    const rate = zeroStates();
    for (const s of HIDDEN_STATES) rate[s] = this.enterpriseMonths[s] > 0 ? this.incidentsByState[s] / this.enterpriseMonths[s] : 0;
    const leads: number[] = [];
    let without = 0;
    for (const inc of this.incidents) {
      const m = this.shortfalls.get(inc.id);
      let first: number | undefined;
      if (m && inc.since !== null) {
        for (const [period, at] of m) {
          if (period >= inc.since && at < inc.startedMs && (first === undefined || at < first)) first = at;
        }
      }
      if (first === undefined) without++;
      else leads.push((inc.startedMs - first) / 86_400_000);
    }
    return {
      enterprises: this.enterprises,
      months: this.monthsSeen.size,
      events: { ...this.events },
      duplicates: this.duplicates,
      lateDeliveries: this.late,
      enterpriseMonths: { ...this.enterpriseMonths },
      incidents: {
        total: this.incidentsTotal,
        reported: this.incidentsReported,
        byKind: { ...this.byKind },
        byState: { ...this.incidentsByState },
      },
      incidentRate: rate,
      distressedEnterprises: this.everDistressed.size,
      distressedWithIncident: this.distressedIncident.size,
      insuranceLeadDays: leads,
      incidentsWithoutLead: without,
      bonusShare: { tet: this.allTet ? this.bonusTet / this.allTet : 0, other: this.allOther ? this.bonusOther / this.allOther : 0 },
    };
  }
}

export function worldStatistics(records: Iterable<WorldRecord>, tetSeasonMonths?: readonly number[]): WorldStatistics {
  const c = new StatsCollector(tetSeasonMonths);
  for (const r of records) c.add(r);
  return c.result();
}

function zeroStates(): Record<HiddenState, number> {
  return { healthy: 0, strained: 0, distressed: 0, collapsing: 0, closed: 0 };
}
