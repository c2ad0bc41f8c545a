import { z } from "zod";
import { enterpriseId, eventId, isPeriod, label, period, periodIndex, receivedAt, timestamp, vnd } from "../common.ts";
import type { MessageCode } from "../messages.ts";

export const UNION_FEE_RELIEFS = ["exemption", "reduction", "deferral"] as const;

/** The Trade Union Law 2024 (in force 1 July 2025) allows a deferral of at most 12 months. */
export const MAX_DEFERRAL_MONTHS = 12;

// Cross-field checks run only on fields that are themselves valid (zod runs them after field errors too).
// The message comes from the catalogue, in the caller's language (validate.ts's error map reads the code).
const issue = (code: MessageCode, path: string[]) => ({ code: "custom" as const, path, params: { code }, input: undefined });

/**
 * A relief the union granted for the fee (miễn, giảm, tạm hoãn), over the periods from…to inclusive.
 * amount_due_vnd is what is due after it: 0 under an exemption, the reduced amount under a reduction;
 * under a deferral the due amount stands but is not owed until the deferral ends.
 */
export const unionFeeReliefSchema = z
  .strictObject({
    kind: z.enum(UNION_FEE_RELIEFS),
    from: period,
    to: period,
    /** The decision's number, as the federation files it (quyết định số …). */
    decision_ref: label(100).optional(),
  })
  .superRefine((r, ctx) => {
    if (!isPeriod(r.from) || !isPeriod(r.to)) return;
    if (periodIndex(r.to) < periodIndex(r.from)) ctx.addIssue(issue("relief_order", ["to"]));
    else if (r.kind === "deferral" && periodIndex(r.to) - periodIndex(r.from) + 1 > MAX_DEFERRAL_MONTHS)
      ctx.addIssue(issue("relief_deferral_span", ["to"]));
  });
export type UnionFeeRelief = z.infer<typeof unionFeeReliefSchema>;

/**
 * The trade-union fee (kinh phí công đoàn) of one enterprise for one month, as the federation's own
 * ledger has it: 2 % of the salary fund on which compulsory social insurance is based, due whether or
 * not the enterprise has a grassroots union. Arrears are derived, never sent.
 */
export const unionFeeSchema = z
  .strictObject({
    event_id: eventId,
    enterprise_id: enterpriseId,
    period,
    /** The salary fund the fee is computed on (quỹ tiền lương làm căn cứ đóng BHXH). */
    payroll_base_vnd: vnd,
    /** Due for the period, after any exemption or reduction. */
    amount_due_vnd: vnd,
    /** Paid for the period so far. */
    amount_paid_vnd: vnd,
    relief: unionFeeReliefSchema.optional(),
    /** When the federation's ledger recorded this position. */
    reported_at: timestamp,
    received_at: receivedAt,
  })
  .superRefine((f, ctx) => {
    if (!f.relief || !isPeriod(f.period) || !isPeriod(f.relief.from) || !isPeriod(f.relief.to)) return;
    const at = periodIndex(f.period);
    if (at < periodIndex(f.relief.from) || at > periodIndex(f.relief.to)) ctx.addIssue(issue("relief_period", ["period"]));
  });
export type UnionFee = z.infer<typeof unionFeeSchema>;
