// The daily digest: each union unit that takes digests and has open high / critical enterprises
// gets one e-mail listing them (to each of its addresses, at most once: the delivery log decides),
// logged as alert_id = digest:<unit>:<date>, so a rerun the same day sends nothing. The alerts that
// waited for the digest are then marked sent with it. Every unit with cases not closed gets its daily
// list of them too: in its digest, or, for a unit that takes its alerts immediately, as a case list
// of its own, logged under the same id (one daily e-mail per unit and date, never twice).
import { contextOf, contextPhrases, signalSentences } from "@lrew/alerts";
import type { WaitControl } from "@lrew/kafka";
import type { Responsibility } from "@lrew/reference";
import { createLogger } from "@lrew/telemetry";
import { selectLevelHistory, selectOpenEnterprises, type LevelOnDate, type OpenEnterpriseRow, type Warehouse } from "@lrew/warehouse";
import {
  emailTo,
  messageIdOf,
  renderCaseList,
  renderDigest,
  routeAlert,
  type CaseEntry,
  type OpenEnterprise,
  type Route,
  type UnionUnit,
  type UnionUnits,
} from "./alerts-adapter.ts";
import type { Deliveries } from "./delivery.ts";

const log = createLogger("notifier");

export interface DigestResult {
  date: string;
  /** Units whose digest (or case list) was sent now, with the enterprises and cases it listed. */
  sent: Array<{ unitId: string; recipients: string[]; enterprises: number; cases: number }>;
  /** Units skipped because today's digest was already logged (sent, sending, uncertain or parked). */
  skipped: string[];
}

/** The alert_id under which a unit's digest of one day is logged: a rerun the same day finds it. */
/** How every digest's id in the delivery log begins. */
export const DIGEST_ID_PREFIX = "digest:";

export function digestId(unitId: string, date: string): string {
  return `${DIGEST_ID_PREFIX}${unitId}:${date}`;
}

/** First as_of of the current spell at `level` (history sorted by as_of); `fallback` without history. */
export function spellStart(history: ReadonlyArray<{ as_of: string; level: string }>, level: string, fallback: string): string {
  let since = fallback;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.level !== level) break;
    since = history[i]!.as_of;
  }
  return since;
}

/**
 * Pure: the open enterprises as the digest lists them, with the unit they are routed from: each with
 * its context phrase and its signal reasons (none for one high on structure alone).
 */
export function openEnterprises(
  rows: readonly OpenEnterpriseRow[],
  history: ReadonlyMap<string, readonly LevelOnDate[]>,
  o: { dashboardUrl: string; federationUnitId: string; minSignalContribution?: number },
): Array<{ union_unit_id: string; open: OpenEnterprise }> {
  const base = o.dashboardUrl.replace(/\/$/, "");
  return rows.map((r) => {
    const values: Record<string, number> = Object.fromEntries(r.contributions.map((c) => [c.feature, c.value]));
    if (r.workforce > 0) values["workforce"] = r.workforce;
    if (r.ownership) values["ownership_fdi"] = r.ownership === "fdi" ? 1 : 0;
    return {
      // Enterprises missing from the registry go to the federation, as their alerts do.
      union_unit_id: r.union_unit_id || o.federationUnitId,
      open: {
        enterprise_id: r.enterprise_id,
        enterprise_name: r.name || r.enterprise_id,
        area_code: r.area_code,
        level: r.level,
        score: r.score,
        since: spellStart(history.get(r.enterprise_id) ?? [], r.level, r.as_of),
        dashboard_url: `${base}/enterprises/${encodeURIComponent(r.enterprise_id)}`,
        context: contextPhrases(contextOf(r.sector, values)),
        reasons: signalSentences(r.contributions, o.minSignalContribution, 3, { values }),
      },
    };
  });
}

/** Pure: the open enterprises grouped by the unit that receives them, for the units that take digests. */
export function digestsByUnit(
  open: ReadonlyArray<{ union_unit_id: string; open: OpenEnterprise }>,
  units: UnionUnits,
  federationUnitId: string,
  /** Who answers on the digest's date (see routeAlert); absent: from the registry's units. */
  dated?: { responsibility: Responsibility; date: string },
): Map<string, { route: Route; entries: OpenEnterprise[] }> {
  const byUnit = new Map<string, { route: Route; entries: OpenEnterprise[] }>();
  for (const e of open) {
    const routable = dated
      ? { union_unit_id: e.union_unit_id, enterprise_id: e.open.enterprise_id, area_code: e.open.area_code, as_of: dated.date }
      : e;
    const route = routeAlert(routable, units, federationUnitId, dated?.responsibility);
    if (route.delivery !== "digest") continue;
    const slot = byUnit.get(route.unit.id) ?? { route, entries: [] };
    slot.entries.push(e.open);
    byUnit.set(route.unit.id, slot);
  }
  return byUnit;
}

export interface DigestSources {
  wh: Warehouse;
  units: UnionUnits;
  deliveries: Deliveries;
  federationUnitId: string;
  dashboardUrl: string;
  responsibility?: Responsibility;
  /** The alert policy's minimum signal contribution: the digest states the same reasons alerts do. */
  minSignalContribution?: number;
  /** The cases not closed, as e-mails list them (escalation.ts), to list each unit's own. */
  cases?: ReadonlyArray<{ owner_unit_id: string; entry: CaseEntry }>;
}

/**
 * Pure: the cases a digest unit's digest lists — those it owns; the federation's lists, besides its
 * own, every overdue case of every unit.
 */
export function casesForUnit(
  unitId: string,
  cases: ReadonlyArray<{ owner_unit_id: string; entry: CaseEntry }>,
  federationUnitId: string,
): CaseEntry[] {
  return cases.filter((c) => c.owner_unit_id === unitId || (unitId === federationUnitId && c.entry.overdue)).map((c) => c.entry);
}

/**
 * Pure: the units with a case list due besides the digests already chosen (`digestUnits`): every unit
 * with addresses whose list (casesForUnit) is not empty — the owners of cases not closed, and the
 * federation while any case is overdue — whatever its delivery.
 */
export function caseListUnits(
  cases: ReadonlyArray<{ owner_unit_id: string; entry: CaseEntry }>,
  units: UnionUnits,
  federationUnitId: string,
  digestUnits: ReadonlySet<string>,
): UnionUnit[] {
  const candidates = new Set([...cases.map((c) => c.owner_unit_id), ...(cases.some((c) => c.entry.overdue) ? [federationUnitId] : [])]);
  return [...candidates]
    .filter((id) => !digestUnits.has(id) && casesForUnit(id, cases, federationUnitId).length > 0)
    .map((id) => units.get(id))
    .filter((u): u is UnionUnit => u !== undefined && u.emails.length > 0)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Sends the digest of `date` to every unit that has one due, and its case list to every other unit with cases. */
export async function sendDigests(s: DigestSources, date: string, control: WaitControl): Promise<DigestResult> {
  const rows = await selectOpenEnterprises(s.wh);
  const history = await selectLevelHistory(
    s.wh,
    rows.map((r) => r.enterprise_id),
  );
  const open = openEnterprises(rows, history, s);
  const result: DigestResult = { date, sent: [], skipped: [] };
  const byUnit = digestsByUnit(
    open,
    s.units,
    s.federationUnitId,
    s.responsibility ? { responsibility: s.responsibility, date } : undefined,
  );
  // Units with cases but no enterprise in a digest get their cases: a digest unit in a digest, any
  // other unit (immediate delivery) in a case list of its own.
  const caseLists = new Set<string>();
  for (const unit of caseListUnits(s.cases ?? [], s.units, s.federationUnitId, new Set(byUnit.keys()))) {
    if (unit.delivery !== "digest") caseLists.add(unit.id);
    byUnit.set(unit.id, {
      route: { unit, recipients: [...unit.emails], language: unit.language, delivery: unit.delivery, via: "unit", path: [unit.id] },
      entries: [],
    });
  }
  for (const [unitId, { route, entries }] of byUnit) {
    const id = digestId(unitId, date);
    const cases = casesForUnit(unitId, s.cases ?? [], s.federationUnitId);
    const rendered = caseLists.has(unitId)
      ? renderCaseList(route.unit, date, cases, route.language)
      : renderDigest(route.unit, date, entries, route.language, cases);
    const sentTo: string[] = [];
    for (const recipient of route.recipients) {
      const outcome = await s.deliveries.deliver(
        { alertId: id, recipient, unitId, kind: "digest" },
        () => emailTo(recipient, rendered, id),
        control,
      );
      if (outcome === "sent") sentTo.push(recipient);
    }
    if (sentTo.length === 0) {
      result.skipped.push(unitId);
      continue;
    }
    result.sent.push({ unitId, recipients: sentTo, enterprises: entries.length, cases: cases.length });
    // A case list carries no alert: none waited for it.
    if (!caseLists.has(unitId)) await s.deliveries.markDigestSent(unitId, messageIdOf(rendered, id), control);
  }
  log.info({ date, sent: result.sent.length, skipped: result.skipped.length }, "digest run finished");
  return result;
}
