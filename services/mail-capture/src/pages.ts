// Pure pieces of the mail catcher's web page: file names, listing order, HTML escaping and rendering.
// Everything a message carries (subject, addresses, bodies) is untrusted text: it is escaped, and an
// HTML body is only ever shown inside a sandboxed iframe (no scripts, no forms, no same origin).
import { vietnamTime } from "@lrew/contracts";

export interface CapturedSummary {
  /** File name without `.eml`: `<timestamp>-<session id>`. */
  id: string;
  /** When the SMTP server received it (ISO-8601). */
  receivedAt: string;
  /** The Date header, when the message has one. */
  date: string | null;
  from: string;
  /** Header To, decoded. */
  to: string;
  /** RCPT TO addresses of the SMTP envelope (who really receives it). */
  envelopeTo: string[];
  subject: string;
  messageId: string | null;
  hasHtml: boolean;
  size: number;
}

export interface CapturedMessage extends CapturedSummary {
  text: string;
  html: string | null;
  /** Every header line as received (name, decoded value), in order. */
  headers: Array<{ name: string; value: string }>;
}

const ID = /^\d{8}T\d{9}Z-[A-Za-z0-9]{1,64}$/;

/** A sortable UTC timestamp for file names: 20261123T010203123Z. */
export function fileTimestamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, "");
}

/** The file name of a message received at `at` in SMTP session `sessionId` (characters outside [A-Za-z0-9] dropped). */
export function messageFileName(at: Date, sessionId: string): string {
  const clean = sessionId.replace(/[^A-Za-z0-9]/g, "").slice(0, 64) || "x";
  return `${fileTimestamp(at)}-${clean}.eml`;
}

/** True for ids this service made (a guard against path tricks in URLs). */
export function isMessageId(id: string): boolean {
  return ID.test(id);
}

/** Parses the timestamp part of an id back into ISO-8601. */
export function receivedAtOf(id: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  if (!m) return "";
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

/** Captured file names (`*.eml` with our ids), newest first. */
export function newestFirst(fileNames: readonly string[]): string[] {
  return fileNames
    .filter((f) => f.endsWith(".eml") && isMessageId(f.slice(0, -4)))
    .map((f) => f.slice(0, -4))
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Vietnamese date and time in Vietnam: 23/11/2026 08:02:03. */
export function formatVietnamTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const [date, time] = vietnamTime(d).split("T") as [string, string];
  return `${date.split("-").reverse().join("/")} ${time.slice(0, 8)}`;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1rem}iframe{width:100%;height:70vh;border:1px solid #ddd}
.muted{color:#777}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function renderIndexPage(messages: readonly CapturedSummary[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escapeHtml(formatVietnamTime(m.receivedAt))}</td><td>${escapeHtml(m.to || m.envelopeTo.join(", "))}</td>` +
        `<td><a href="/messages/${encodeURIComponent(m.id)}">${escapeHtml(m.subject || "(không có tiêu đề)")}</a></td></tr>`,
    )
    .join("");
  const table =
    messages.length === 0
      ? `<p class="muted">Chưa có thư nào. (No e-mail captured yet.)</p>`
      : `<table><thead><tr><th>Thời gian (giờ Việt Nam)</th><th>Người nhận</th><th>Tiêu đề</th></tr></thead><tbody>${rows}</tbody></table>`;
  return page(
    "Thư đã gửi — lrew mail capture",
    `<h1>Thư cảnh báo đã gửi (${messages.length})</h1><p class="muted">Hộp thư thử nghiệm: thư lrew gửi tới công đoàn được giữ lại ở đây, không tới người nhận thật. <a href="/api/messages">JSON</a></p>${table}`,
  );
}

export function renderMessagePage(m: CapturedMessage): string {
  const meta: Array<[string, string]> = [
    ["Nhận lúc", formatVietnamTime(m.receivedAt)],
    ["Từ", m.from],
    ["Tới", m.to],
    ["Người nhận (envelope)", m.envelopeTo.join(", ")],
    ["Tiêu đề", m.subject],
    ["Message-ID", m.messageId ?? ""],
  ];
  const metaRows = meta.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("");
  const html =
    m.html === null
      ? ""
      : `<h2>HTML</h2><iframe sandbox="" referrerpolicy="no-referrer" title="HTML" srcdoc="${escapeHtml(m.html)}"></iframe>`;
  return page(
    m.subject || "(không có tiêu đề)",
    `<p><a href="/">← Tất cả thư</a> · <a href="/messages/${encodeURIComponent(m.id)}.eml">.eml</a></p>` +
      `<h1>${escapeHtml(m.subject || "(không có tiêu đề)")}</h1><table>${metaRows}</table>` +
      `<h2>Văn bản (text)</h2><pre>${escapeHtml(m.text)}</pre>${html}`,
  );
}

/** Security headers of every HTML page: nothing runs, nothing loads from elsewhere. */
export const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;
