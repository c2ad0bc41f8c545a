// The notifier's view of @lrew/alerts: validation of a Kafka message, loading the union units,
// routing, and the two e-mails. Kept in one file so the service's other modules see a small surface.
import { readFileSync } from "node:fs";
import type { Lang } from "@lrew/contracts";
import { ConfigError } from "@lrew/errors";
import {
  alertMessageId,
  alertSchema,
  parseUnionUnits,
  renderAlertEmail,
  renderCaseListEmail,
  renderDigestEmail,
  renderEscalationEmail,
  route,
  type Alert,
  type Routable,
  type CaseEntry,
  type CaseMention,
  type EscalationReason,
  type OpenEnterprise,
  type RenderedEmail,
  type Route,
  type UnionUnit,
  type UnionUnits,
} from "@lrew/alerts";
import type { Responsibility } from "@lrew/reference";
import type { OutgoingEmail } from "./mailer.ts";

export type { Alert, CaseEntry, OpenEnterprise, RenderedEmail, Route, UnionUnit, UnionUnits };

export type Validated = { ok: true; alert: Alert } | { ok: false; error: string };

/** A Kafka message value → an Alert, or the reason it is not one (for the dead-letter topic). */
export function validateAlert(value: Buffer | string | null): Validated {
  if (value === null) return { ok: false, error: "empty message (no value)" };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (err) {
    return { ok: false, error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const r = alertSchema.safeParse(json);
  if (r.success) return { ok: true, alert: r.data };
  return { ok: false, error: `invalid alert: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}` };
}

/** Reads and checks the union-unit reference file; ConfigError naming the file when it is missing or wrong. */
export function loadUnionUnits(file: string, federationId: string): UnionUnits {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(
      `cannot read the union units (LREW_UNION_UNITS_FILE) ${file}: ${err instanceof Error ? err.message : String(err)}. ` +
        "Run `./lrew simulate` (or `./lrew start`, which loads the demo province) or point LREW_UNION_UNITS_FILE at your units.",
    );
  }
  let units: UnionUnits;
  try {
    units = parseUnionUnits(text);
  } catch (err) {
    throw new ConfigError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const fed = units.get(federationId);
  if (!fed || fed.emails.length === 0) {
    throw new ConfigError(
      `invalid configuration:\n  LREW_FEDERATION_UNIT: ${federationId} ${fed ? "has no e-mail address" : "is not a unit"} in ${file}`,
    );
  }
  return units;
}

/** Routes to the unit responsible on the alert's date (with responsibility data), else from the registry's unit. */
export function routeAlert(alert: Routable, units: UnionUnits, federationId: string, responsibility?: Responsibility): Route {
  return route(alert, units, federationId, { responsibility });
}

/** The Message-ID to send: the one the template set, else derived from the id. */
export function messageIdOf(rendered: RenderedEmail, id: string): string {
  return rendered.headers["Message-ID"] ?? alertMessageId(id);
}

/** The e-mail to one recipient of what a template rendered for `id` (an alert's or a digest's). */
export function emailTo(recipient: string, rendered: RenderedEmail, id: string): OutgoingEmail {
  return {
    to: recipient,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdOf(rendered, id),
    headers: rendered.headers,
  };
}

export function renderAlert(alert: Alert, lang: Lang, kase?: CaseMention): RenderedEmail {
  return renderAlertEmail(alert, lang, kase);
}

export function renderDigest(
  unit: UnionUnit,
  date: string,
  open: readonly OpenEnterprise[],
  lang: Lang,
  cases: readonly CaseEntry[] = [],
): RenderedEmail {
  return renderDigestEmail(unit, [], lang, date, open, cases);
}

/** The daily case list of a unit without a digest (immediate delivery). */
export function renderCaseList(unit: UnionUnit, date: string, cases: readonly CaseEntry[], lang: Lang): RenderedEmail {
  return renderCaseListEmail(unit, date, cases, lang);
}

export function renderEscalation(unit: UnionUnit, entry: CaseEntry, reason: EscalationReason, days: number, id: string): RenderedEmail {
  return renderEscalationEmail(unit, entry, reason, days, id, unit.language);
}
