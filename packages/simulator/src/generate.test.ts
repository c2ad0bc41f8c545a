import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { STREAM_NAMES, streamSchemas, validateRecord, type StreamName } from "@lrew/contracts";
import { generateWorld, type EventRecord, type WorldRecord } from "./generate.ts";
import type { SimulationParamsInput } from "./params.ts";
import { median, worldStatistics } from "./stats.ts";
import type { TruthRecord } from "./world.ts";

const SMALL: SimulationParamsInput = { enterprises: 200, days: 365, seed: 11 };

function collect(params: SimulationParamsInput): WorldRecord[] {
  return [...generateWorld(params)];
}
function eventsOf(records: WorldRecord[]): EventRecord[] {
  return records.filter((r): r is EventRecord => r.kind === "event");
}
function truthsOf(records: WorldRecord[]): TruthRecord[] {
  return records.flatMap((r) => (r.kind === "truth" ? [r.truth] : []));
}
function hashOf(records: Iterable<WorldRecord>): string {
  const h = createHash("sha256");
  for (const r of records) h.update(`${JSON.stringify(r)}\n`);
  return h.digest("hex");
}
/** The event's own time: when it was reported / updated. */
function ownTime(e: Record<string, unknown>): number {
  // A case action has a day only: the start of that day in Vietnam.
  if (typeof e.occurred_on === "string") return Date.parse(`${e.occurred_on}T00:00:00+07:00`);
  return Date.parse((e.reported_at ?? e.updated_at) as string);
}

const small = collect(SMALL);
const smallEvents = eventsOf(small);

describe("determinism", () => {
  it("gives byte-identical output for the same seed and different output for another", () => {
    const h = hashOf(small);
    expect(hashOf(generateWorld(SMALL))).toBe(h);
    expect(hashOf(generateWorld({ ...SMALL, seed: 12 }))).not.toBe(h);
  });

  it("keeps the world when only delivery noise changes (separate random streams)", () => {
    const noisy = truthsOf(collect({ ...SMALL, reporting: { duplicateProbability: 0.3, lateBatchProbability: 0.3 } }));
    expect(JSON.stringify(noisy)).toBe(JSON.stringify(truthsOf(small)));
  });
});

describe("events", () => {
  it("all pass validateRecord, on every stream", () => {
    const seen = new Set<StreamName>();
    for (const r of smallEvents) {
      const v = validateRecord(r.stream, r.event);
      if (!v.ok) throw new Error(`${r.stream}: ${JSON.stringify(v.errors)} in ${JSON.stringify(r.event)}`);
      seen.add(r.stream);
    }
    expect([...seen].sort()).toEqual([...STREAM_NAMES].sort());
  });

  it("also validate over two years of a larger province", () => {
    let n = 0;
    for (const r of generateWorld({ enterprises: 400, days: 730, seed: 3 })) {
      if (r.kind !== "event") continue;
      const v = validateRecord(r.stream, r.event);
      if (!v.ok) throw new Error(`${r.stream}: ${JSON.stringify(v.errors)} in ${JSON.stringify(r.event)}`);
      n++;
    }
    expect(n).toBeGreaterThan(10_000);
  });

  it("carry no ground truth: only contract fields, no hidden-state words", () => {
    for (const r of smallEvents) {
      const allowed = new Set(Object.keys(streamSchemas[r.stream].shape));
      for (const k of Object.keys(r.event)) expect(allowed.has(k)).toBe(true);
      expect(JSON.stringify(r.event)).not.toMatch(/healthy|strained|distressed|collapsing|propensity|insurance_registered/);
    }
  });

  it("are delivered in delivery order, never before their own time", () => {
    let last = -Infinity;
    for (const r of smallEvents) {
      expect(r.deliverAtMs).toBeGreaterThanOrEqual(last);
      last = r.deliverAtMs;
      expect(r.deliverAtMs).toBeGreaterThanOrEqual(ownTime(r.event as Record<string, unknown>));
      expect(Date.parse(r.deliverAt)).toBe(r.deliverAtMs);
      expect(r.deliverAt.endsWith("+07:00")).toBe(true);
    }
  });

  it("include grievances whose summaries carry phone numbers or e-mails, and complainant references", () => {
    const gs = smallEvents.filter((r) => r.stream === "grievances").map((r) => r.event as Record<string, unknown>);
    expect(gs.some((g) => /\b0\d{2}[ .]?\d{3}[ .]?\d{3}\b|@|CCCD/.test(String(g.summary ?? "")))).toBe(true);
    expect(gs.some((g) => g.complainant_ref !== undefined)).toBe(true);
    // Status changes are new events with the same grievance_id.
    const byId = new Map<string, Set<string>>();
    for (const g of gs) byId.set(g.grievance_id as string, (byId.get(g.grievance_id as string) ?? new Set()).add(g.status as string));
    expect([...byId.values()].some((s) => s.has("open") && s.has("resolved"))).toBe(true);
  });
});

describe("delivery noise", () => {
  const noisy = eventsOf(collect({ ...SMALL, reporting: { duplicateProbability: 0.1, lateBatchProbability: 0.1 } }));

  it("sends about the configured share twice, with the same event_id", () => {
    const dups = noisy.filter((r) => r.duplicate);
    const originals = noisy.length - dups.length;
    expect(dups.length / originals).toBeGreaterThan(0.085);
    expect(dups.length / originals).toBeLessThan(0.115);
    const firstSeen = new Map<string, number>();
    for (const r of noisy) {
      const id = (r.event as { event_id: string }).event_id;
      if (!r.duplicate) firstSeen.set(id, r.deliverAtMs);
      else expect(firstSeen.get(id)).toBeLessThanOrEqual(r.deliverAtMs);
    }
  });

  it("delivers about the configured share late, so an enterprise's events arrive out of order", () => {
    const originals = noisy.filter((r) => !r.duplicate);
    const late = originals.filter((r) => r.deliverAtMs - ownTime(r.event as Record<string, unknown>) >= 86_400_000);
    expect(late.length / originals.length).toBeGreaterThan(0.085);
    expect(late.length / originals.length).toBeLessThan(0.13);
    const lastOwn = new Map<string, number>();
    let inversions = 0;
    for (const r of originals) {
      const e = r.event as Record<string, unknown>;
      const key = `${r.stream}|${e.enterprise_id as string}`;
      const t = ownTime(e);
      if (t < (lastOwn.get(key) ?? -Infinity)) inversions++;
      lastOwn.set(key, Math.max(t, lastOwn.get(key) ?? -Infinity));
    }
    expect(inversions).toBeGreaterThan(50);
  });

  it("carries each event's simulated arrival as its received_at: a late one arrives late, a duplicate keeps the first's", () => {
    const firstArrival = new Map<string, string>();
    let late = 0;
    for (const r of noisy) {
      const e = r.event as Record<string, unknown>;
      if (!r.duplicate) {
        expect(e.received_at).toBe(r.deliverAt);
        firstArrival.set(e.event_id as string, r.deliverAt);
      } else expect(e.received_at).toBe(firstArrival.get(e.event_id as string));
      expect(JSON.parse(r.json).received_at).toBe(e.received_at);
      const lag = Date.parse(e.received_at as string) - ownTime(e);
      expect(lag).toBeGreaterThanOrEqual(0);
      if (lag >= 86_400_000) late++;
    }
    expect(late).toBeGreaterThan(0);
  });
});

describe("ground truth", () => {
  const truths = truthsOf(small);

  it("has every enterprise's state for every month, and every incident", () => {
    expect(truths.filter((t) => t.type === "enterprise")).toHaveLength(200);
    expect(truths.filter((t) => t.type === "state")).toHaveLength(200 * 12);
    const reported = new Set(truths.flatMap((t) => (t.type === "incident" && t.reported ? [t.event_id] : [])));
    const streamed = smallEvents
      .filter((r) => r.stream === "incidents" && !r.duplicate)
      .map((r) => (r.event as { event_id: string }).event_id);
    expect(new Set(streamed)).toEqual(reported);
  });
});

describe("the model behind the events", () => {
  // Two years of a default-sized province; incident hazards raised tenfold where rates are compared.
  const world = collect({ enterprises: 1500, days: 730, seed: 21 });
  const events = eventsOf(world).filter((r) => !r.duplicate);
  const truths = truthsOf(world);

  it("shows insurance shortfalls before wage arrears in enterprises that go bad", () => {
    const healthyAtStart = new Set(
      truths.flatMap((t) => (t.type === "enterprise" && t.initial_state === "healthy" ? [t.enterprise_id] : [])),
    );
    const firstShortfall = new Map<string, string>();
    const firstWage = new Map<string, string>();
    for (const r of events) {
      const e = r.event as Record<string, unknown>;
      const id = e.enterprise_id as string;
      if (!healthyAtStart.has(id)) continue;
      const period = e.period as string;
      if (r.stream === "insurance-contributions" && (e.amount_paid_vnd as number) < (e.amount_due_vnd as number)) {
        if (!firstShortfall.has(id) || period < firstShortfall.get(id)!) firstShortfall.set(id, period);
      }
      if (r.stream === "wage-arrears" && e.status === "outstanding") {
        if (!firstWage.has(id) || period < firstWage.get(id)!) firstWage.set(id, period);
      }
    }
    const both = [...firstWage.keys()].filter((id) => firstShortfall.has(id));
    expect(both.length).toBeGreaterThan(20);
    const monthIndex = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
    const ins = median(both.map((id) => monthIndex(firstShortfall.get(id)!)))!;
    const wage = median(both.map((id) => monthIndex(firstWage.get(id)!)))!;
    expect(ins).toBeLessThan(wage);
    // …in most cases one by one too, but not all.
    const earlier = both.filter((id) => firstShortfall.get(id)! < firstWage.get(id)!).length;
    expect(earlier / both.length).toBeGreaterThan(0.6);
  });

  it("raises bonus grievances in the Tết season", () => {
    const s = worldStatistics(world);
    expect(s.bonusShare.tet).toBeGreaterThan(2 * s.bonusShare.other);
  });

  it("leaves most distressed enterprises without an incident, and warns ahead of most but not all incidents", () => {
    const s = worldStatistics(world);
    expect(s.distressedEnterprises).toBeGreaterThan(100);
    expect(s.distressedWithIncident / s.distressedEnterprises).toBeLessThan(0.3);
    expect(s.incidents.total).toBeGreaterThan(10);
    expect(s.insuranceLeadDays.length).toBeGreaterThan(s.incidentsWithoutLead);
    expect(s.incidentsWithoutLead).toBeGreaterThan(0);
    expect(median(s.insuranceLeadDays)!).toBeGreaterThan(14);
  });

  it("orders incident rates by state as parameterised: collapsing > distressed > strained > healthy", () => {
    const s = worldStatistics(
      generateWorld({
        enterprises: 1500,
        days: 730,
        seed: 22,
        incidents: { monthlyHazard: { healthy: 0.001, strained: 0.008, distressed: 0.05, collapsing: 0.3 } },
      }),
    );
    const r = s.incidentRate;
    expect(r.collapsing).toBeGreaterThan(r.distressed);
    expect(r.distressed).toBeGreaterThan(r.strained);
    expect(r.strained).toBeGreaterThan(r.healthy);
    expect(r.healthy).toBeGreaterThan(0);
    expect(r.closed).toBe(0);
    // Two years of 1,500 enterprises: seconds on a quiet machine, more on a shared one (a limit on hanging, not a speed target).
  }, 120_000);
});
