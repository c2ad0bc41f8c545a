// Message catalogue for the checks lrew adds on top of zod's own (whose messages come from
// zod's vi / en locales). Vietnamese first: it is the language of the people reading them.

/** The languages of lrew's users: Vietnamese first, English second. Every package takes Lang from here. */
export const LANGS = ["vi", "en"] as const;
export type Lang = (typeof LANGS)[number];

const catalogue = {
  enterprise_id: {
    vi: 'mã số thuế không hợp lệ: cần 10 chữ số, hoặc 10 chữ số + "-" + 3 chữ số cho chi nhánh',
    en: 'invalid tax code: expected 10 digits, or 10 digits + "-" + 3 digits for a branch',
  },
  timestamp: {
    vi: "thời điểm không hợp lệ: cần ISO-8601 có múi giờ, ví dụ 2026-11-23T08:30:00+07:00",
    en: "invalid time: expected ISO-8601 with an offset, e.g. 2026-11-23T08:30:00+07:00",
  },
  timestamp_range: {
    vi: "thời điểm nằm ngoài khoảng lưu trữ được: từ 1900-01-01 đến 2299-12-31 (UTC)",
    en: "time outside the storable range: 1900-01-01 to 2299-12-31 (UTC)",
  },
  period: {
    vi: "kỳ không hợp lệ: cần dạng YYYY-MM, ví dụ 2026-10",
    en: "invalid period: expected YYYY-MM, e.g. 2026-10",
  },
  period_range: {
    vi: "kỳ nằm ngoài khoảng lưu trữ được: năm từ 1970 đến 2148",
    en: "period outside the storable range: years 1970 to 2148",
  },
  date: {
    vi: "ngày không hợp lệ: cần dạng YYYY-MM-DD (năm 1970 đến 2148), ví dụ 2026-11-23",
    en: "invalid date: expected YYYY-MM-DD (years 1970 to 2148), e.g. 2026-11-23",
  },
  vnd: {
    vi: "số tiền phải là số nguyên VND không âm",
    en: "amount must be a non-negative whole number of VND",
  },
  unreadable: {
    vi: "không đọc được bản ghi: cần một đối tượng JSON theo hợp đồng của luồng",
    en: "record could not be read: expected a JSON object following the stream's contract",
  },
  text_ill_formed: {
    vi: "văn bản chứa ký tự UTF-16 lẻ (nửa cặp thay thế), không phải Unicode hợp lệ",
    en: "text contains a lone UTF-16 surrogate, which is not valid Unicode",
  },
  received_at_future: {
    vi: "received_at muộn hơn thời điểm lrew nhận bản ghi (cho phép lệch đồng hồ tối đa 5 phút): nhà cung cấp không thể có bản ghi sau khi đã gửi nó",
    en: "received_at is later than the time lrew received the record (up to 5 minutes of clock skew allowed): a provider cannot have had a record after sending it",
  },
  ended_before_started: {
    vi: "ended_at sớm hơn started_at: sự cố không thể kết thúc trước khi bắt đầu",
    en: "ended_at is earlier than started_at: an incident cannot end before it starts",
  },
  blank: {
    vi: "không được để trống",
    en: "must not be blank",
  },
  relief_order: {
    vi: "kỳ kết thúc của miễn, giảm, tạm hoãn (to) trước kỳ bắt đầu (from)",
    en: "the relief ends (to) before it starts (from)",
  },
  relief_deferral_span: {
    vi: "tạm hoãn đóng kinh phí công đoàn tối đa 12 tháng",
    en: "a deferral of the union fee lasts at most 12 months",
  },
  relief_period: {
    vi: "kỳ (period) không nằm trong thời gian miễn, giảm, tạm hoãn (from … to)",
    en: "the period is outside the relief's months (from … to)",
  },
} as const;

export type MessageCode = keyof typeof catalogue;

export function message(code: MessageCode, lang: Lang): string {
  return catalogue[code][lang];
}

export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === "string" && Object.hasOwn(catalogue, value);
}
