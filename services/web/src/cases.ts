// The dashboard's case routes. Acknowledgements and actions are never written to ClickHouse here:
// they are case-action events produced to Kafka (the same contract, masking and topic as the ingest
// API), and the sink stores them exactly once like every stream.
//   GET  /cases/ack?t=…            the e-mail's link: a confirmation page, nothing recorded (mail
//                                  scanners follow links); public, the signed token is the authority
//   POST /cases/ack                the confirmation: an `acknowledged` action for that alert and unit
//   POST /enterprises/:id/actions  an action from the dashboard's form (behind the login)
import { verifyCaseLink } from "@lrew/alerts";
import { deterministicUuid, vietnamDate, type FieldError } from "@lrew/contracts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Html } from "./html.ts";
import type { PageContext } from "./pages/layout.ts";
import { ackConfirmPage, ackResultPage } from "./pages/cases.ts";
import { selectLatestEnterprises, type Warehouse } from "@lrew/warehouse";

/** Produces one case action (checked against its contract and masked) to Kafka; its errors when the contract refuses it. */
export type CaseActionSink = (record: Record<string, unknown>) => Promise<{ ok: true } | { ok: false; errors: FieldError[] }>;

export interface CaseRouteDeps {
  wh: Warehouse;
  caseActions: CaseActionSink | undefined;
  caseLinkKey: string | undefined;
  unitName: (id: string) => string;
}

export interface PageTools {
  ctxOf: (req: FastifyRequest) => PageContext;
  sendHtml: (reply: FastifyReply, page: Html, status?: number) => FastifyReply;
}

/** The event id of an acknowledgement by link: one per alert and unit, so a second POST is the same event. */
export function ackEventId(alertId: string, unitId: string): string {
  return deterministicUuid(`lrew.case-ack|${alertId}|${unitId}`);
}

export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps, tools: PageTools): void {
  const { ctxOf, sendHtml } = tools;
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
    const result = await deps.caseActions({
      event_id: ackEventId(v.claims.alert_id, v.claims.unit_id),
      enterprise_id: v.claims.enterprise_id,
      alert_id: v.claims.alert_id,
      action: "acknowledged",
      occurred_on: vietnamDate(new Date()),
      officer: officer.slice(0, 200),
      union_unit_id: v.claims.unit_id,
    });
    if (!result.ok) return reply.code(400).send({ error: "bad_request", errors: result.errors });
    return sendHtml(reply, ackResultPage(ctxOf(req), { ok: true, enterpriseId: v.claims.enterprise_id }));
  });

  app.post<{ Params: { id: string }; Body: Record<string, string | undefined> }>("/enterprises/:id/actions", async (req, reply) => {
    const id = req.params.id.trim();
    if (!/^[0-9A-Za-z-]{1,32}$/.test(id)) return reply.code(404).send({ error: "not_found" });
    if (!deps.caseActions) return reply.code(503).send({ error: "kafka_unavailable" });
    const b = req.body ?? {};
    const note = (b.note ?? "").trim();
    const record: Record<string, unknown> = {
      // A new id per submission: two visits on one day are two actions.
      event_id: crypto.randomUUID(),
      enterprise_id: id,
      action: b.action,
      occurred_on: b.occurred_on || vietnamDate(new Date()),
      officer: (b.officer ?? "").trim() || req.staff,
      union_unit_id: (b.union_unit_id ?? "").trim(),
      ...(note ? { note } : {}),
    };
    const result = await deps.caseActions(record);
    if (!result.ok) return reply.code(400).send({ error: "bad_request", errors: result.errors });
    return reply.redirect(`/enterprises/${encodeURIComponent(id)}?recorded=1#cases`, 303);
  });
}
