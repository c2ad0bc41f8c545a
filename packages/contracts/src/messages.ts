// Message catalogue for the checks lrew adds on top of zod's own (whose messages come from
// zod's vi / en locales). Vietnamese first: it is the language of the people reading them.

export type Lang = "vi" | "en";

export const LANGS: readonly Lang[] = ["vi", "en"];

const catalogue = {
  enterprise_id: {
    vi: "mã số thuế không hợp lệ: cần 10 chữ số, hoặc 10 chữ số + \"-\" + 3 chữ số cho chi nhánh",
    en: "invalid tax code: expected 10 digits, or 10 digits + \"-\" + 3 digits for a branch",
  },
  timestamp: {
    vi: "thời điểm không hợp lệ: cần ISO-8601 có múi giờ, ví dụ 2026-11-23T08:30:00+07:00",
    en: "invalid time: expected ISO-8601 with an offset, e.g. 2026-11-23T08:30:00+07:00",
  },
  period: {
    vi: "kỳ không hợp lệ: cần dạng YYYY-MM, ví dụ 2026-10",
    en: "invalid period: expected YYYY-MM, e.g. 2026-10",
  },
  vnd: {
    vi: "số tiền phải là số nguyên VND không âm",
    en: "amount must be a non-negative whole number of VND",
  },
  blank: {
    vi: "không được để trống",
    en: "must not be blank",
  },
} as const;

export type MessageCode = keyof typeof catalogue;

export function message(code: MessageCode, lang: Lang): string {
  return catalogue[code][lang];
}

export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === "string" && Object.hasOwn(catalogue, value);
}
