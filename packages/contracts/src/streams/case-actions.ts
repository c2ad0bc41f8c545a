import { z } from "zod";
import { calendarDate, enterpriseId, eventId, label, receivedAt, text } from "../common.ts";

/**
 * What a union office did about an enterprise (or an alert), in a fixed vocabulary. Each has its
 * Vietnamese name (what officers see and write in spreadsheets) and an English gloss. Outcomes close
 * the case they belong to.
 */
export const CASE_ACTION_VOCABULARY = {
  acknowledged: { vi: "Đã tiếp nhận cảnh báo", en: "acknowledged", outcome: false },
  fact_finding: { vi: "Nắm tình hình, gặp người lao động", en: "fact-finding, meeting workers", outcome: false },
  employer_contact: { vi: "Làm việc / kiến nghị với người sử dụng lao động", en: "contact the employer", outcome: false },
  workplace_dialogue: { vi: "Đề nghị đối thoại tại nơi làm việc", en: "workplace dialogue", outcome: false },
  collective_bargaining: { vi: "Hỗ trợ thương lượng tập thể", en: "support collective bargaining", outcome: false },
  insurance_arrears_referral: {
    vi: "Đề nghị cơ quan BHXH đôn đốc nợ",
    en: "ask the social-insurance agency to pursue arrears",
    outcome: false,
  },
  inspection_request: { vi: "Kiến nghị thanh tra", en: "request inspection", outcome: false },
  mediation: { vi: "Yêu cầu hòa giải viên lao động", en: "mediation", outcome: false },
  arbitration: { vi: "Yêu cầu Hội đồng trọng tài lao động", en: "arbitration", outcome: false },
  legal_aid: { vi: "Tư vấn pháp luật, hỗ trợ người lao động khởi kiện", en: "legal aid", outcome: false },
  flash_report: { vi: "Báo cáo nhanh cấp trên", en: "flash report upward", outcome: false },
  resolved_paid: { vi: "Đã chi trả / khắc phục", en: "outcome: paid / remedied", outcome: true },
  workers_returned: { vi: "Người lao động trở lại làm việc", en: "outcome: workers back at work", outcome: true },
  referred_to_authorities: { vi: "Chuyển cơ quan chức năng", en: "outcome: referred to the authorities", outcome: true },
  closed_no_concern: { vi: "Đóng hồ sơ", en: "outcome: closed, not a concern", outcome: true },
} as const satisfies Record<string, { vi: string; en: string; outcome: boolean }>;

export type CaseActionKind = keyof typeof CASE_ACTION_VOCABULARY;
export const CASE_ACTION_KINDS = Object.keys(CASE_ACTION_VOCABULARY) as [CaseActionKind, ...CaseActionKind[]];
/** The actions that close a case: its outcomes. */
export const CASE_OUTCOMES = CASE_ACTION_KINDS.filter((k) => CASE_ACTION_VOCABULARY[k].outcome);
/** The interventions: what an office did at the enterprise or about it — every action but an acknowledgement and the outcomes. */
export const CASE_INTERVENTIONS = CASE_ACTION_KINDS.filter((k) => k !== "acknowledged" && !CASE_ACTION_VOCABULARY[k].outcome);

/** Longest note the contract allows; masking may lengthen text, so it is cut back to this. */
export const CASE_NOTE_MAX_CHARS = 2000;

/** A union office's action on an enterprise's case: acknowledging an alert, a visit, a dialogue, an outcome. */
export const caseActionSchema = z.strictObject({
  /** The action's identity (its action id): a resend with the same id is stored once. */
  event_id: eventId,
  enterprise_id: enterpriseId,
  /** The alert it answers, when there is one (the e-mail's acknowledgement link carries it). */
  alert_id: eventId.optional(),
  action: z.enum(CASE_ACTION_KINDS),
  /** The day it happened, in Vietnam. */
  occurred_on: calendarDate,
  /** Who did it: the officer's name or account, as the office records it. */
  officer: label(200),
  /** The union unit that acted. */
  union_unit_id: label(100),
  /** Free text. Phone numbers, ID and bank account numbers, e-mail addresses and personal names are masked at ingest. */
  note: text(CASE_NOTE_MAX_CHARS).optional(),
  /** When the office itself first had the record (a spreadsheet of past actions sets it); ingest stamps its own receive time when absent. */
  received_at: receivedAt,
});
export type CaseAction = z.infer<typeof caseActionSchema>;
