// Contract-valid sample events shared by the unit and integration tests of this package.
import type { StreamEvent } from "@lrew/contracts";
import type { SourceMeta } from "./tables/common.ts";

export const VIETNAMESE_NAME = "Công ty TNHH May mặc Điện Biên Phủ – Mường Thanh";

export const meta = (offset: string, topic = "lrew.test.v1", partition = 0): SourceMeta => ({
  topic,
  partition,
  offset,
  ingestedAt: new Date("2026-11-23T02:00:00.123Z"),
});

export const enterprise = (over: Partial<StreamEvent<"enterprises">> = {}): StreamEvent<"enterprises"> => ({
  event_id: "0b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e01",
  enterprise_id: "5600123456",
  name: VIETNAMESE_NAME,
  area_code: "DBP",
  sector: "garment",
  ownership: "fdi",
  workforce: 850,
  has_union: false,
  union_unit_id: "ldld-dbp",
  updated_at: "2026-11-23T08:30:00+07:00",
  ...over,
});

export const grievance = (over: Partial<StreamEvent<"grievances">> = {}): StreamEvent<"grievances"> => ({
  event_id: "1b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e02",
  grievance_id: "G-2026-001",
  enterprise_id: "5600123456",
  occurred_at: "2026-11-23T08:30:00+07:00",
  channel: "hotline",
  category: "wage_arrears",
  severity: 3,
  workers_involved: 40,
  status: "open",
  summary: "Công nhân chưa được trả lương tháng 10, liên hệ ***",
  complainant_ref: "a3f1c2d4e5b6a7980112233445566778899aabbccddeeff00112233445566778",
  ...over,
});

export const wageArrears = (over: Partial<StreamEvent<"wage-arrears">> = {}): StreamEvent<"wage-arrears"> => ({
  event_id: "2b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e03",
  enterprise_id: "5600123456",
  reported_at: "2026-11-20T09:00:00+07:00",
  period: "2026-10",
  amount_owed_vnd: 4_021_500_000,
  workers_affected: 850,
  status: "outstanding",
  source: "labour_inspectorate",
  ...over,
});

export const insuranceContribution = (
  over: Partial<StreamEvent<"insurance-contributions">> = {},
): StreamEvent<"insurance-contributions"> => ({
  event_id: "3b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e04",
  enterprise_id: "5600123456",
  period: "2026-10",
  scheme: "social",
  amount_due_vnd: 705_512_500,
  amount_paid_vnd: 0,
  insured_workers: 830,
  reported_at: "2026-11-05T00:00:00Z",
  ...over,
});

export const incident = (over: Partial<StreamEvent<"incidents">> = {}): StreamEvent<"incidents"> => ({
  event_id: "4b4f5a8e-6a0c-4d3e-9b1a-3f2f1c0d9e05",
  enterprise_id: "5600123456",
  started_at: "2026-12-01T07:00:00+07:00",
  kind: "strike",
  lawful: false,
  workers_involved: 600,
  causes: ["wage_arrears", "social_insurance"],
  ...over,
});
