// The alert event (topic lrew.alerts.v1, keyed by enterprise_id), built from one immediate e-mail
// decision of the alert policy (@lrew/risk policy.ts: which enterprises are open, cooldown, material
// rise, no e-mail on structure alone). Here: the wording: reasons (signals only) as sentences with
// their figures, the context phrase, what changed since the last alert, key figures. Pure: history
// and reference data are inputs.
import { daysBetween, deterministicUuid, enterpriseId } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";
import {
  EMAIL_KINDS,
  LEVELS,
  POLICY_STATES,
  isSignalFactor,
  minimumWage,
  type AlertDecision,
  type Contribution,
  type Level,
} from "@lrew/risk";
import { z } from "zod";
import { contextOf, contextPhrases } from "./context.ts";
import { DEFAULT_MIN_CELL_SIZE, featureLabel, impliedGrievances30d, sentences, shownValue } from "./sentences.ts";

/** raised_high / raised_critical: entered the level; risen: open and its score rose materially; lowered: fell back below high. */
export const ALERT_KINDS = EMAIL_KINDS;
export type AlertKind = (typeof ALERT_KINDS)[number];

const level = z.enum(LEVELS);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");
const text = (max: number) => z.string().min(1).max(max);
/** A figure as carried in the alert: null when it is a grievance count below the minimum cell size. */
const shown = z.number().nullable();

export const reasonSchema = z.strictObject({
  /** Always a signal factor (isSignalFactor): structure is context, never a reason. */
  feature: text(100).refine(isSignalFactor, "a reason must be a signal factor (structure is context, not a reason)"),
  label_vi: text(200),
  label_en: text(200),
  /** The feature's value; null when suppressed (a small grievance count, or a rate revealing one). */
  value: shown,
  contribution: z.number(),
  sentence_vi: text(500),
  sentence_en: text(500),
});
export type AlertReason = z.infer<typeof reasonSchema>;

export const changeSchema = z.strictObject({
  feature: text(100),
  label_vi: text(200),
  label_en: text(200),
  /** `changed`: among the reasons both times; `new`: a reason now, not last time; `gone`: a reason last time, not now. */
  kind: z.enum(["changed", "new", "gone"]),
  /** The value at the last alert; null when not a reason then (`new`) or suppressed. */
  before: shown,
  /** The value now; null when suppressed. */
  after: shown,
});
export type AlertChange = z.infer<typeof changeSchema>;

export const keyFiguresSchema = z.strictObject({
  insurance_arrears_months: z.int().min(0),
  wage_arrears_vnd: z.int().min(0),
  /** null when below the minimum cell size (never the exact small number). */
  grievances_30d: z.int().min(0).nullable(),
});
export type KeyFigures = z.infer<typeof keyFiguresSchema>;

export const alertSchema = z.strictObject({
  alert_id: z.uuid(),
  enterprise_id: enterpriseId,
  enterprise_name: text(300),
  area_code: text(50),
  area_name: text(200).optional(),
  /** The enterprise's union unit (routing starts here); the federation when the enterprise's is unknown. */
  union_unit_id: text(100),
  kind: z.enum(ALERT_KINDS),
  level,
  /** The state before (a level, closed or silent); null for an enterprise scored for the first time. */
  previous_level: z.enum(POLICY_STATES).nullable(),
  score: z.number().min(0).max(1),
  as_of: isoDate,
  model_version: text(100),
  /** The signals behind the alert, largest first; empty only for `lowered`. */
  reasons: z.array(reasonSchema).max(3),
  /** The enterprise's structure and the season as a phrase ("Một doanh nghiệp may mặc lớn (1.200 lao động)."). */
  context: z.strictObject({ vi: text(400), en: text(400) }),
  /** What changed since the last alert for this enterprise (empty for the first alert). */
  changes: z.array(changeSchema).max(12),
  /** The last alert for this enterprise before this one, or null. */
  previous_alert: z.strictObject({ alert_id: z.uuid().optional(), level, score: z.number().min(0).max(1), as_of: isoDate }).nullable(),
  key_figures: keyFiguresSchema,
  /** Grievance counts below this are suppressed (shown as "fewer than N"). */
  min_cell_size: z.int().min(1),
  dashboard_url: z.url({ protocol: /^https?$/ }),
});
export type Alert = z.infer<typeof alertSchema>;

/** Validates an alert (e.g. one read back from the topic); BadInputError naming every problem. */
export function parseAlert(input: unknown): Alert {
  const r = alertSchema.safeParse(input);
  if (r.success) return r.data;
  throw new BadInputError(`invalid alert: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
}

/** The stable id: same enterprise, date, level and model version → same id (a rerun re-sends the same alert). */
export function alertId(enterpriseId: string, asOf: string, lvl: Level, modelVersion: string): string {
  return deterministicUuid(`lrew.alert|${enterpriseId}|${asOf}|${lvl}|${modelVersion}`);
}

/** One earlier alert, as the decision needs it (an Alert satisfies it). */
export interface AlertRecord {
  alert_id?: string;
  enterprise_id: string;
  level: Level;
  score: number;
  as_of: string;
  /** The reasons it stated, with their (suppressed) values. */
  reasons: ReadonlyArray<{ feature: string; value: number | null }>;
}

/** Enterprise reference data an alert names. */
export interface EnterpriseRef {
  name: string;
  union_unit_id: string;
  area_name?: string;
}

export interface AlertOptions {
  /** Enterprise names and union units; an unknown enterprise is named by its tax code and routed to the federation. */
  enterprises: ReadonlyMap<string, EnterpriseRef>;
  /** Area names by code (optional). */
  areaNames?: ReadonlyMap<string, string>;
  /** The provincial federation's unit id: union_unit_id of enterprises missing from `enterprises`. */
  federationId: string;
  /** Dashboard base URL; the alert links to `<base>/enterprises/<enterprise_id>`. */
  dashboardBaseUrl: string;
  /** Exact key figures from the warehouse, by enterprise; otherwise derived from the feature values. */
  keyFigures?: ReadonlyMap<string, { insurance_arrears_months: number; wage_arrears_vnd: number; grievances_30d: number }>;
  minCellSize?: number;
}

/** Key figures from the feature values (as scoring derived them): months, VND (ratio × minimum-wage payroll), grievances. */
export function keyFiguresFromValues(
  values: Readonly<Record<string, number>>,
  areaCode: string,
  asOf: string,
): KeyFigures & { grievances_30d: number } {
  const workforce = Math.max(1, values["workforce"] ?? 1);
  const payroll = workforce * minimumWage(areaCode, asOf);
  return {
    insurance_arrears_months: Math.max(0, Math.round(values["insurance_arrears_months"] ?? 0)),
    wage_arrears_vnd: Math.max(0, Math.round((values["wage_arrears_payroll"] ?? 0) * payroll)),
    grievances_30d: Math.max(0, impliedGrievances30d(values) ?? 0),
  };
}

const valuesOf = (cs: readonly Contribution[]) => Object.fromEntries(cs.map((c) => [c.feature, c.value])) as Record<string, number>;

/** The alert for one e-mail decision of the policy. */
export function buildAlert(change: AlertDecision, previous: AlertRecord | undefined, opts: AlertOptions): Alert {
  const minCellSize = opts.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  const values = valuesOf(change.contributions);
  for (const r of change.reasons) values[r.feature] ??= r.value;
  const exact = opts.keyFigures?.get(change.enterprise_id);
  const figures = exact ?? keyFiguresFromValues(values, change.area_code, change.as_of);
  const ctx = { values, wageArrearsVnd: figures.wage_arrears_vnd, minCellSize };
  const reasons: AlertReason[] = change.reasons
    .filter((r) => isSignalFactor(r.feature))
    .slice(0, 3)
    .map((r) => {
      const label = featureLabel(r.feature);
      const s = sentences(r.feature, r.value, ctx);
      return {
        feature: r.feature,
        label_vi: label.vi,
        label_en: label.en,
        value: shownValue(r.feature, r.value, ctx),
        contribution: r.contribution,
        sentence_vi: s.vi,
        sentence_en: s.en,
      };
    });
  const ent = opts.enterprises.get(change.enterprise_id);
  const areaName = ent?.area_name ?? opts.areaNames?.get(change.area_code);
  const base = opts.dashboardBaseUrl.replace(/\/+$/, "");
  return alertSchema.parse({
    alert_id: alertId(change.enterprise_id, change.as_of, change.to, change.model_version),
    enterprise_id: change.enterprise_id,
    enterprise_name: ent?.name?.trim() || change.enterprise_id,
    area_code: change.area_code,
    ...(areaName ? { area_name: areaName } : {}),
    union_unit_id: ent?.union_unit_id || opts.federationId,
    kind: change.kind,
    level: change.to,
    previous_level: change.from,
    score: change.score,
    as_of: change.as_of,
    model_version: change.model_version,
    reasons,
    context: contextPhrases(contextOf(change.sector, values)),
    changes: previous ? changesSince(previous, reasons, values, minCellSize) : [],
    previous_alert: previous
      ? {
          ...(previous.alert_id ? { alert_id: previous.alert_id } : {}),
          level: previous.level,
          score: previous.score,
          as_of: previous.as_of,
        }
      : null,
    key_figures: {
      insurance_arrears_months: figures.insurance_arrears_months,
      wage_arrears_vnd: figures.wage_arrears_vnd,
      grievances_30d: figures.grievances_30d < minCellSize ? null : figures.grievances_30d,
    },
    min_cell_size: minCellSize,
    dashboard_url: `${base}/enterprises/${encodeURIComponent(change.enterprise_id)}`,
  } satisfies Alert);
}

/** Reasons now vs the reasons of the last alert: changed values, new reasons, reasons gone. */
export function changesSince(
  previous: Pick<AlertRecord, "reasons">,
  reasons: ReadonlyArray<{ feature: string; value: number | null }>,
  values: Readonly<Record<string, number>>,
  minCellSize = DEFAULT_MIN_CELL_SIZE,
): AlertChange[] {
  const before = new Map(previous.reasons.map((r) => [r.feature, r.value]));
  const now = new Set(reasons.map((r) => r.feature));
  const out: AlertChange[] = [];
  const entry = (feature: string, kind: AlertChange["kind"], b: number | null, a: number | null): AlertChange => {
    const l = featureLabel(feature);
    return { feature, label_vi: l.vi, label_en: l.en, kind, before: b, after: a };
  };
  for (const r of reasons) {
    if (!before.has(r.feature)) out.push(entry(r.feature, "new", null, r.value));
    else if (!sameValue(before.get(r.feature) ?? null, r.value))
      out.push(entry(r.feature, "changed", before.get(r.feature) ?? null, r.value));
  }
  for (const [feature, b] of before) {
    if (now.has(feature)) continue;
    const v = values[feature];
    out.push(entry(feature, "gone", b, v === undefined ? null : shownValue(feature, v, { values, minCellSize })));
  }
  return out;
}

const sameValue = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

/**
 * The alerts of a scoring run's e-mail decisions (the policy decided them; nothing is dropped here).
 * `history` holds earlier alerts of these enterprises (order does not matter): the latest one before
 * each decision is its "previous alert", what changed is measured against. Decisions are taken in
 * as_of order and each alert counts as history for the next one.
 */
export function alertsFor(decisions: readonly AlertDecision[], history: Iterable<AlertRecord>, opts: AlertOptions): Alert[] {
  const last = new Map<string, AlertRecord>();
  const remember = (a: AlertRecord) => {
    const cur = last.get(a.enterprise_id);
    if (!cur || cur.as_of <= a.as_of) last.set(a.enterprise_id, a);
  };
  for (const h of history) remember(h);
  const out: Alert[] = [];
  const ordered = [...decisions].sort((a, b) => a.as_of.localeCompare(b.as_of) || a.enterprise_id.localeCompare(b.enterprise_id));
  for (const d of ordered) {
    const prev = last.get(d.enterprise_id);
    const alert = buildAlert(
      d,
      prev && daysBetween(prev.as_of, d.as_of) >= 0 && prev.alert_id !== alertId(d.enterprise_id, d.as_of, d.to, d.model_version)
        ? prev
        : undefined,
      opts,
    );
    out.push(alert);
    remember(alert);
  }
  return out;
}
