// The dashboard's case routes. Acknowledgements and actions are never written to ClickHouse here:
// they are case-action events produced to Kafka (the same contract, masking and topic as the ingest
// API), and the sink stores them exactly once like every stream.
//   GET  /cases/ack?t=…            the e-mail's link: a confirmation page, nothing recorded (mail
//                                  scanners follow links); public, the signed token is the authority
//   POST /cases/ack                the confirmation: an `acknowledged` action for that alert and unit
//   POST /enterprises/:id/actions  an action from the dashboard's form (behind the login); an
//                                  enterprise outside the account's scope is a 404, as its page is;
//                                  the unit it names must answer for the enterprise today and lie
//                                  within the account's scope (unitsMayRecord), else 400, audited
// Both POSTs are audited (`record_case_action`): the link's by its recipient, the form's by the account.
import { verifyCaseLink } from "@lrew/alerts";
import { deterministicUuid, vietnamDate, type FieldError } from "@lrew/contracts";
import type { Responsibility } from "@lrew/reference";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Html } from "./html.ts";
import type { PageContext } from "./pages/layout.ts";
import { ackConfirmPage, ackResultPage, actionRefusedPage } from "./pages/cases.ts";
import { notFoundPage } from "./pages/not-found.ts";
import { recordAudit, selectLatestEnterprises, type AuditEntry, type Scope, type Warehouse } from "@lrew/warehouse";

/** Produces one case action (checked against its contract and masked) to Kafka; its errors when the contract refuses it. */
export type CaseActionSink = (record: Record<string, unknown>) => Promise<{ ok: true } | { ok: false; errors: FieldError[] }>;

export interface CaseRouteDeps {
  /** The unscoped warehouse: the link's routes have no account (the signed token is their authority), and the audit log is written here. */
  wh: Warehouse;
  caseActions: CaseActionSink | undefined;
  caseLinkKey: string | undefined;
  unitName: (id: string) => string;
  /** Who answers for what, as of when (the reference data the server loaded); absent: no unit may be named. */
  responsibility: Responsibility | undefined;
}

export interface PageTools {
  ctxOf: (req: FastifyRequest) => PageContext;
  sendHtml: (reply: FastifyReply, page: Html, status?: number) => FastifyReply;
}

/** The event id of an acknowledgement by link: one per alert and unit, so a second POST is the same event. */
export function ackEventId(alertId: string, unitId: string): string {
  return deterministicUuid(`lrew.case-ack|${alertId}|${unitId}`);
}

/**
 * The units an account may name on a case action for an enterprise on `date`: the units answering for
 * it then (its responsible unit and the units above it), and for an office only those at or below its
 * own unit — an office acts in its own name (or a unit under it), never in another unit's. Pure.
 */
export function unitsMayRecord(
  responsibility: Responsibility | undefined,
  enterprise: { enterprise_id: string; area_code?: string | undefined },
  scope: Scope,
  date: string,
): string[] {
  if (!responsibility) return [];
  const answering = responsibility.unitsAnswering(enterprise, date);
  if (scope.kind !== "units") return answering;
  const own = new Set(scope.units.flatMap((u) => responsibility.unitsUnder(u, date)));
  return answering.filter((u) => own.has(u));
}

/** What the audit log says of a recorded case action: ids and the vocabulary only, never the note. */
export function caseActionDetail(
  r: { action?: unknown; alert_id?: unknown; union_unit_id?: unknown; occurred_on?: unknown },
  via: "link" | "dashboard",
): string {
  const part = (k: string, v: unknown) => (typeof v === "string" && v ? [`${k}=${v.slice(0, 100)}`] : []);
  return [
    ...part("action", r.action),
    ...part("alert", r.alert_id),
    ...part("unit", r.union_unit_id),
    ...part("on", r.occurred_on),
    `via=${via}`,
  ].join(" ");
}

export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps, tools: PageTools): void {
  const { ctxOf, sendHtml } = tools;
  /** Recorded before the answer; when ClickHouse does not take it the request fails (no unaudited actions). */
  const audit = (req: FastifyRequest, entry: Omit<AuditEntry, "address" | "action">) =>
    recordAudit(deps.wh, { ...entry, action: "record_case_action", address: req.ip });
  /** Produces the action; when that throws (Kafka unavailable), the attempt is audited as failed before the error answer. */
  const produceAudited = async (
    req: FastifyRequest,
    sink: CaseActionSink,
    record: Record<string, unknown>,
    who: { actor: string; role: string },
    via: "link" | "dashboard",
  ) => {
    try {
      return await sink(record);
    } catch (err) {
      await audit(req, {
        ...who,
        enterprise_id: String(record.enterprise_id ?? ""),
        detail: caseActionDetail(record, via),
        outcome: "failed",
      });
      throw err;
    }
  };
  const check = (token: unknown) =>
    typeof token === "string" && deps.caseLinkKey
      ? verifyCaseLink(token, deps.caseLinkKey, Date.now())
      : ({ ok: false, why: "malformed" } as const);

  app.get<{ Querystring: { t?: string } }>("/cases/ack", async (req, reply) => {
    const v = check(req.query.t);
    if (!v.ok)
      return sendHtml(
        reply,
        ackResultPage(ctxOf(req), { ok: false, message: v.why === "expired" ? "expired" : "bad" }),
        v.why === "expired" ? 410 : 400,
      );
    const [e] = await selectLatestEnterprises(deps.wh, { enterpriseId: v.claims.enterprise_id });
    return sendHtml(
      reply,
      ackConfirmPage(ctxOf(req), {
        token: req.query.t!,
        enterpriseName: e?.name ?? v.claims.enterprise_id,
        unitName: deps.unitName(v.claims.unit_id),
        recipient: v.claims.recipient,
      }),
    );
  });

  app.post<{ Body: { t?: string; officer?: string } }>("/cases/ack", async (req, reply) => {
    const v = check(req.body?.t);
    if (!v.ok)
      return sendHtml(
        reply,
        ackResultPage(ctxOf(req), { ok: false, message: v.why === "expired" ? "expired" : "bad" }),
        v.why === "expired" ? 410 : 400,
      );
    if (!deps.caseActions) return reply.code(503).send({ error: "kafka_unavailable" });
    const officer = (req.body?.officer ?? "").trim() || v.claims.recipient;
    const record = {
      event_id: ackEventId(v.claims.alert_id, v.claims.unit_id),
      enterprise_id: v.claims.enterprise_id,
      alert_id: v.claims.alert_id,
      action: "acknowledged",
      occurred_on: vietnamDate(new Date()),
      officer: officer.slice(0, 200),
      union_unit_id: v.claims.unit_id,
    };
    const result = await produceAudited(req, deps.caseActions, record, { actor: v.claims.recipient.slice(0, 200), role: "" }, "link");
    // The link's authority is its recipient's: the audit names them, whoever typed an officer's name.
    await audit(req, {
      actor: v.claims.recipient.slice(0, 200),
      role: "",
      enterprise_id: v.claims.enterprise_id,
      detail: caseActionDetail(record, "link"),
      outcome: result.ok ? "ok" : "refused",
    });
    if (!result.ok) return reply.code(400).send({ error: "bad_request", errors: result.errors });
    return sendHtml(reply, ackResultPage(ctxOf(req), { ok: true, enterpriseId: v.claims.enterprise_id }));
  });

  app.post<{ Params: { id: string }; Body: Record<string, string | undefined> }>("/enterprises/:id/actions", async (req, reply) => {
    const id = req.params.id.trim();
    const who = { actor: req.who?.name ?? "", role: req.who?.role ?? "" };
    // Another area's enterprise is not found, as on its page: the request's scoped warehouse has no row of it.
    const [inScope] = /^[0-9A-Za-z-]{1,32}$/.test(id) ? await selectLatestEnterprises(req.wh, { enterpriseId: id }) : [];
    if (!inScope) {
      await audit(req, { ...who, enterprise_id: id.slice(0, 50), detail: "via=dashboard", outcome: "refused" });
      return sendHtml(reply, notFoundPage(ctxOf(req), id), 404);
    }
    if (!deps.caseActions) return reply.code(503).send({ error: "kafka_unavailable" });
    const b = req.body ?? {};
    const today = vietnamDate(new Date());
    const note = (b.note ?? "").trim();
    const record: Record<string, unknown> = {
      // A new id per submission: two visits on one day are two actions.
      event_id: crypto.randomUUID(),
      enterprise_id: id,
      action: b.action,
      occurred_on: b.occurred_on || today,
      officer: (b.officer ?? "").trim() || req.staff,
      union_unit_id: (b.union_unit_id ?? "").trim(),
      ...(note ? { note } : {}),
    };
    // The unit is checked, not taken as submitted: an office could otherwise act in another unit's name.
    const allowed = unitsMayRecord(deps.responsibility, inScope, req.who?.scope ?? { kind: "units", units: [] }, today);
    if (!allowed.includes(String(record.union_unit_id))) {
      await audit(req, { ...who, enterprise_id: id, detail: `${caseActionDetail(record, "dashboard")} why=unit`, outcome: "refused" });
      const page = actionRefusedPage(ctxOf(req), {
        enterpriseId: id,
        unit: String(record.union_unit_id),
        allowed: allowed.map((u) => (deps.unitName(u) === u ? u : `${deps.unitName(u)} (${u})`)),
      });
      return sendHtml(reply, page, 400);
    }
    const result = await produceAudited(req, deps.caseActions, record, who, "dashboard");
    await audit(req, { ...who, enterprise_id: id, detail: caseActionDetail(record, "dashboard"), outcome: result.ok ? "ok" : "refused" });
    if (!result.ok) return reply.code(400).send({ error: "bad_request", errors: result.errors });
    return reply.redirect(`/enterprises/${encodeURIComponent(id)}?recorded=1#cases`, 303);
  });
}
