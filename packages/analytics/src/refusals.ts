// Why an analyst query was not run, in words an analyst can act on (Vietnamese first, English second).
// Code decides by `reason`, never by the message text.
import type { Lang } from "@lrew/contracts";
import { BadInputError } from "@lrew/errors";

export type RefusalReason =
  | "empty"
  | "syntax"
  | "multiple_statements"
  | "not_select"
  | "settings"
  | "format"
  | "outfile"
  | "table_function"
  | "function"
  | "table"
  | "missing_param"
  | "limit"
  | "query_error";

/** Refusals of what analysts may not do (403); the rest is a query to fix (400). */
const FORBIDDEN: ReadonlySet<RefusalReason> = new Set(["not_select", "settings", "outfile", "table_function", "function", "table"]);

export class AnalystQueryError extends BadInputError {
  readonly reason: RefusalReason;
  /** What exactly: the statement kind, the table, the function, the limit, ClickHouse's own words. */
  readonly detail: string;
  constructor(reason: RefusalReason, detail = "", options?: { cause?: unknown }) {
    super(refusalMessage(reason, detail, "en"), options);
    this.reason = reason;
    this.detail = detail;
  }
  get status(): 400 | 403 {
    return FORBIDDEN.has(this.reason) ? 403 : 400;
  }
}

const text: Record<RefusalReason, { vi: (d: string) => string; en: (d: string) => string }> = {
  empty: { vi: () => "Câu truy vấn trống.", en: () => "The query is empty." },
  syntax: { vi: (d) => `Câu truy vấn sai cú pháp: ${d}`, en: (d) => `The query has a syntax error: ${d}` },
  multiple_statements: {
    vi: () => "Chỉ được gửi một câu lệnh SELECT mỗi lần (không dùng dấu ; để nối nhiều câu lệnh).",
    en: () => "Send one SELECT statement at a time (no ; between statements).",
  },
  not_select: {
    vi: (d) => `Chỉ được đọc dữ liệu bằng SELECT; câu lệnh ${d} bị từ chối (quyền chỉ đọc).`,
    en: (d) => `Only SELECT is allowed; a ${d} statement is refused (read-only access).`,
  },
  settings: {
    vi: () => "Không được thay đổi thiết lập (SETTINGS, SET) trong câu truy vấn: giới hạn và chế độ chỉ đọc do hệ thống đặt.",
    en: () => "Settings cannot be changed in a query (SETTINGS, SET): the limits and read-only mode are set by lrew.",
  },
  format: {
    vi: () => "Không ghi FORMAT trong câu truy vấn: chọn định dạng bằng --format hoặc trường format.",
    en: () => "Do not write FORMAT in the query: choose the format with --format or the format field.",
  },
  outfile: {
    vi: () => "Không được ghi kết quả ra tệp trên máy chủ (INTO OUTFILE): dùng --out.",
    en: () => "Writing results to a file on the server (INTO OUTFILE) is refused: use --out.",
  },
  table_function: {
    vi: (d) => `Không được dùng hàm bảng ${d}(): chỉ đọc các view trong cơ sở dữ liệu phân tích.`,
    en: (d) => `The table function ${d}() is refused: only the analytics views may be read.`,
  },
  function: {
    vi: (d) => `Không được dùng hàm ${d}(): hàm này đọc dữ liệu ngoài các view phân tích.`,
    en: (d) => `The function ${d}() is refused: it reads data outside the analytics views.`,
  },
  table: {
    vi: (d) => `Không được đọc ${d}: chỉ đọc các view trong cơ sở dữ liệu phân tích (xem ./lrew schema).`,
    en: (d) => `Reading ${d} is refused: only the analytics views may be read (see ./lrew schema).`,
  },
  missing_param: {
    vi: (d) => `Thiếu giá trị tham số ${d}: thêm --param ${d}=… (hoặc trường params).`,
    en: (d) => `No value for the parameter ${d}: add --param ${d}=… (or the params field).`,
  },
  limit: {
    vi: (d) => `Câu truy vấn bị dừng vì vượt giới hạn ${d}; hãy lọc hoặc gộp bớt dữ liệu.`,
    en: (d) => `The query was stopped by the limit ${d}; filter or aggregate more.`,
  },
  query_error: { vi: (d) => `ClickHouse không chạy được câu truy vấn: ${d}`, en: (d) => `ClickHouse could not run the query: ${d}` },
};

export function refusalMessage(reason: RefusalReason, detail: string, lang: Lang): string {
  return text[reason][lang](detail);
}
