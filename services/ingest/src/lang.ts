// Ingest's answers in Vietnamese and English (the language is picked by @lrew/http's pickLang).
import type { Lang } from "@lrew/contracts";
import type { JsonSyntaxProblem } from "./body.ts";

type Text = (lang: Lang) => string;
const t =
  (vi: string, en: string): Text =>
  (lang) =>
    lang === "vi" ? vi : en;

export const messages = {
  unauthorized: t(
    "Thiếu khóa API hoặc khóa không hợp lệ. Gửi header: Authorization: Bearer <khóa API>",
    "Missing or unknown API key. Send the header: Authorization: Bearer <api key>",
  ),
  forbidden: (keyName: string, stream: string): Text =>
    t(`Khóa API "${keyName}" không được phép gửi vào luồng ${stream}`, `API key "${keyName}" may not post to stream ${stream}`),
  unknownStream: (stream: string, valid: readonly string[]): Text =>
    t(`Không có luồng "${stream}". Các luồng hợp lệ: ${valid.join(", ")}`, `No stream "${stream}". Valid streams: ${valid.join(", ")}`),
  notFound: t("Không tìm thấy địa chỉ này", "No such endpoint"),
  methodNotAllowed: t("Phương thức không được hỗ trợ ở địa chỉ này", "Method not allowed here"),
  payloadTooLarge: (limit: number): Text =>
    t(
      `Nội dung quá lớn: tối đa ${formatBytes(limit, "vi")}. Hãy chia thành nhiều lô nhỏ hơn`,
      `Body too large: at most ${formatBytes(limit, "en")}. Split it into smaller batches`,
    ),
  tooManyRecords: (count: number, limit: number): Text =>
    t(
      `Lô có ${formatCount(count, "vi")} bản ghi, vượt giới hạn ${formatCount(limit, "vi")} bản ghi mỗi yêu cầu. Hãy chia thành nhiều lô nhỏ hơn`,
      `The batch has ${formatCount(count, "en")} records, above the limit of ${formatCount(limit, "en")} records per request. Split it into smaller batches`,
    ),
  unsupportedMediaType: (accepted: readonly string[]): Text =>
    t(
      `Kiểu nội dung không được hỗ trợ. Dùng Content-Type: ${accepted.join(", ")} (UTF-8)`,
      `Unsupported content type. Use Content-Type: ${accepted.join(", ")} (UTF-8)`,
    ),
  unsupportedCharset: (charset: string): Text =>
    t(`Bảng mã ${charset} không được hỗ trợ: chỉ nhận UTF-8`, `Charset ${charset} is not supported: UTF-8 only`),
  rateLimited: (seconds: number): Text =>
    t(`Gửi quá nhiều yêu cầu. Thử lại sau ${seconds} giây`, `Too many requests. Retry in ${seconds} s`),
  invalidJson: (p: JsonSyntaxProblem): Text =>
    t(`Nội dung không phải JSON hợp lệ${where(p, "vi")}`, `Body is not valid JSON${where(p, "en")}`),
  notObjectOrArray: t(
    "Nội dung phải là một đối tượng JSON, một mảng JSON, hoặc NDJSON (Content-Type: application/x-ndjson)",
    "Body must be a JSON object, a JSON array, or NDJSON (Content-Type: application/x-ndjson)",
  ),
  invalidLine: (p: JsonSyntaxProblem): Text =>
    t(
      `Dòng ${p.line ?? "?"} không phải JSON hợp lệ${p.column !== undefined ? ` (cột ${p.column})` : ""}`,
      `Line ${p.line ?? "?"} is not valid JSON${p.column !== undefined ? ` (column ${p.column})` : ""}`,
    ),
  badRequest: t("Yêu cầu không hợp lệ", "Bad request"),
  kafkaUnavailable: (seconds: number): Text =>
    t(
      `Kafka tạm thời không sẵn sàng; chưa bản ghi nào được nhận. Gửi lại toàn bộ lô sau ${seconds} giây (an toàn: event_id chống ghi trùng)`,
      `Kafka is unavailable for now; no record was accepted. Resend the whole batch in ${seconds} s (safe: event_id prevents duplicates)`,
    ),
  notReady: t("Chưa sẵn sàng: chưa kết nối được Kafka", "Not ready: Kafka is not reachable"),
  internal: t("Lỗi nội bộ; chưa bản ghi nào được nhận. Có thể gửi lại", "Internal error; no record was accepted. It is safe to resend"),
  shuttingDown: t("Dịch vụ đang dừng; thử lại sau", "The service is shutting down; retry later"),
} as const;

function where(p: JsonSyntaxProblem, lang: Lang): string {
  if (p.line === undefined) return "";
  return lang === "vi" ? ` (dòng ${p.line}, cột ${p.column ?? "?"})` : ` (line ${p.line}, column ${p.column ?? "?"})`;
}

function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US").format(n);
}

function formatBytes(n: number, lang: Lang): string {
  const fmt = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { maximumFractionDigits: 1 });
  if (n >= 1024 * 1024) return `${fmt.format(n / 1024 / 1024)} MiB`;
  if (n >= 1024) return `${fmt.format(n / 1024)} KiB`;
  return `${fmt.format(n)} B`;
}
