// Event builders for tests: valid by default, with Vietnamese text, overridable field by field.
import { randomUUID } from "node:crypto";

export const TAX_CODE = "5600123456";

export function enterprise(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enterprise_id: TAX_CODE,
    name: "Công ty TNHH May mặc Điện Biên Phủ – Mường Thanh",
    area_code: "DB-DBP",
    sector: "garment",
    ownership: "fdi",
    workforce: 820,
    has_union: false,
    union_unit_id: "LDLD-DBP",
    updated_at: "2026-11-01T08:00:00+07:00",
    ...over,
  };
}

export function grievance(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    grievance_id: `G-${randomUUID().slice(0, 8)}`,
    enterprise_id: TAX_CODE,
    occurred_at: "2026-11-20T14:30:00+07:00",
    channel: "hotline",
    category: "wage_arrears",
    severity: 3,
    workers_involved: 45,
    status: "open",
    summary: "Công nhân tổ may số 3 chưa được trả lương tháng 10; liên hệ chị Hoa 0912 345 678",
    complainant_ref: "CCCD-001234567890",
    ...over,
  };
}

export function wageArrears(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    enterprise_id: TAX_CODE,
    reported_at: "2026-11-15T09:00:00+07:00",
    period: "2026-10",
    amount_owed_vnd: 1_234_567_000,
    workers_affected: 300,
    status: "outstanding",
    source: "labour_inspectorate",
    ...over,
  };
}

export function insuranceContribution(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    enterprise_id: TAX_CODE,
    period: "2026-10",
    scheme: "social",
    amount_due_vnd: 412_000_000,
    amount_paid_vnd: 0,
    insured_workers: 790,
    reported_at: "2026-11-10T00:00:00+07:00",
    ...over,
  };
}

export function incident(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    enterprise_id: TAX_CODE,
    started_at: "2026-11-22T07:00:00+07:00",
    kind: "work_stoppage",
    lawful: false,
    workers_involved: 380,
    causes: ["wage_arrears", "social_insurance"],
    ...over,
  };
}

export function unionFee(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    enterprise_id: TAX_CODE,
    period: "2026-10",
    payroll_base_vnd: 4_250_000_000,
    amount_due_vnd: 85_000_000,
    amount_paid_vnd: 0,
    reported_at: "2026-11-12T10:00:00+07:00",
    ...over,
  };
}

export function caseAction(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    enterprise_id: TAX_CODE,
    action: "fact_finding",
    occurred_on: "2026-11-24",
    officer: "Lò Văn Thắng",
    union_unit_id: "LDLD-TG",
    note: "Gặp chị Nguyễn Thị Hằng, số 0912 345 678, về lương tháng 10.",
    ...over,
  };
}
