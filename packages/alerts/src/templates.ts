// Alert e-mails: subject, plain-text and HTML parts, headers. Vietnamese by default, English when the
// unit chose it. Only what the alert carries (no free text, no worker-level data); every interpolated
// value is HTML-escaped in the HTML part and stripped of CR/LF and control characters in headers. Pure.
import { deterministicUuid, type Lang } from "@lrew/contracts";
import { levelRank, type Level, type PolicyState } from "@lrew/risk";
import type { Alert, AlertChange } from "./alert.ts";
import { formatDate, formatNumber, formatScore, formatVnd } from "./format.ts";
import { renderCasesSection, type CaseEntry } from "./case-templates.ts";
import type { UnionUnit } from "./routing.ts";
import { fewerThan, formatFeatureValue } from "./sentences.ts";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Extra headers (Message-ID and friends), values already safe. */
  headers: Record<string, string>;
}

/** The Message-ID domain: `.invalid` (RFC 2606) never resolves, so the id cannot collide with a real host. */
export const MESSAGE_ID_DOMAIN = "lrew.invalid";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

// C0 and C1 controls, DEL, line / paragraph separators, bidi overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A single line of text: control characters (CR, LF, tab, …) become spaces, runs of spaces one, trimmed; NFC. */
export function singleLine(s: string): string {
  return s.normalize("NFC").replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

/** A header value: a single line (no CR/LF can survive), at most `max` characters. */
export function headerValue(s: string, max = 250): string {
  const line = singleLine(s);
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join("")}…`;
}

const LEVEL_NAMES: Record<Level, { vi: string; en: string }> = {
  low: { vi: "THẤP", en: "LOW" },
  watch: { vi: "THEO DÕI", en: "WATCH" },
  high: { vi: "CAO", en: "HIGH" },
  critical: { vi: "RẤT CAO", en: "CRITICAL" },
};

const STATE_NAMES: Record<PolicyState, { vi: string; en: string }> = {
  ...LEVEL_NAMES,
  closed: { vi: "ĐÃ NGỪNG HOẠT ĐỘNG", en: "CLOSED" },
  silent: { vi: "KHÔNG CÓ SỐ LIỆU MỚI", en: "SILENT" },
};

/** The name of a level, or of the states closed (workforce 0) and silent (no event for months). */
export function levelName(level: PolicyState, lang: Lang): string {
  return STATE_NAMES[level][lang];
}

const T = {
  vi: {
    headline: (a: Alert) =>
      a.kind === "lowered"
        ? `Đã giảm xuống mức ${levelName(a.level, "vi")}`
        : a.kind === "risen"
          ? `Nguy cơ ${levelName(a.level, "vi")}, đang tăng`
          : `Nguy cơ ${levelName(a.level, "vi")}`,
    taxCode: "Mã số thuế",
    area: "Địa bàn",
    asOf: "Ngày đánh giá",
    score: "Điểm rủi ro",
    previousLevel: "Mức trước đó",
    firstScored: "lần đầu được đánh giá",
    context: "Bối cảnh",
    reasons: "Lý do chính (tín hiệu có thể kiểm tra)",
    noReasons: "Không còn tín hiệu nào làm tăng rủi ro.",
    changesSince: (d: string, l: string, s: string) => `Thay đổi từ lần cảnh báo trước (${d}, mức ${l}, điểm ${s})`,
    noChanges: "Các lý do chính không thay đổi.",
    firstAlert: "Đây là cảnh báo đầu tiên cho doanh nghiệp này.",
    newReason: "mới",
    goneReason: "không còn là lý do chính",
    figures: "Số liệu chính",
    insurance: "Nợ BHXH",
    months: (n: string) => `${n} tháng`,
    wages: "Nợ lương",
    grievances: "Khiếu nại trong 30 ngày",
    details: "Xem chi tiết",
    footer: (mv: string) =>
      `Thư tự động từ hệ thống cảnh báo sớm quan hệ lao động lrew (mô hình ${mv}). Thư không chứa nội dung khiếu nại hay thông tin của từng người lao động; số khiếu nại nhỏ được ẩn.`,
    digestTitle: (d: string) => `Bản tin cảnh báo ngày ${d}`,
    digestCount: (n: number) => `${formatNumber(n, "vi")} doanh nghiệp`,
    digestNew: "Cảnh báo mới",
    digestOpen: "Doanh nghiệp vẫn ở mức nguy cơ cao",
    digestNone: "Không có cảnh báo mới.",
    structureOnly: "Không có tín hiệu nổi bật: nguy cơ chủ yếu do đặc điểm của doanh nghiệp.",
    since: "từ",
    subjectTag: "[lrew]",
  },
  en: {
    headline: (a: Alert) =>
      a.kind === "lowered"
        ? `Risk lowered to ${levelName(a.level, "en")}`
        : a.kind === "risen"
          ? `${levelName(a.level, "en")} risk, rising`
          : `${levelName(a.level, "en")} risk`,
    taxCode: "Tax code",
    area: "Area",
    asOf: "Assessed on",
    score: "Risk score",
    previousLevel: "Previous level",
    firstScored: "first assessment",
    context: "Context",
    reasons: "Main reasons (signals to check)",
    noReasons: "No signal raises the risk any more.",
    changesSince: (d: string, l: string, s: string) => `Changes since the last alert (${d}, level ${l}, score ${s})`,
    noChanges: "The main reasons have not changed.",
    firstAlert: "This is the first alert for this enterprise.",
    newReason: "new",
    goneReason: "no longer a main reason",
    figures: "Key figures",
    insurance: "Insurance arrears",
    months: (n: string) => `${n} months`,
    wages: "Wage arrears",
    grievances: "Grievances in 30 days",
    details: "Details",
    footer: (mv: string) =>
      `Automatic message from the lrew labour-relations early-warning system (model ${mv}). It carries no grievance text and no data about individual workers; small grievance counts are suppressed.`,
    digestTitle: (d: string) => `Alert digest for ${d}`,
    digestCount: (n: number) => `${formatNumber(n, "en")} ${n === 1 ? "enterprise" : "enterprises"}`,
    digestNew: "New alerts",
    digestOpen: "Enterprises still at high risk",
    digestNone: "No new alerts.",
    structureOnly: "No signal stands out: the risk comes mostly from the enterprise's structure.",
    since: "since",
    subjectTag: "[lrew]",
  },
} as const;

const areaOf = (a: { area_code: string; area_name?: string | undefined }) => a.area_name ?? a.area_code;

function changeLine(c: AlertChange, lang: Lang, minCell: number): string {
  const label = lang === "vi" ? c.label_vi : c.label_en;
  const fmt = (v: number | null) => formatFeatureValue(c.feature, v, lang, minCell);
  if (c.kind === "new") return `${label}: ${fmt(c.after)} (${T[lang].newReason})`;
  if (c.kind === "gone") return `${label}: ${fmt(c.before)} → ${fmt(c.after)} (${T[lang].goneReason})`;
  return `${label}: ${fmt(c.before)} → ${fmt(c.after)}`;
}

/** The lines of an alert body, language chosen: the same content for the text and the HTML parts. */
function alertContent(a: Alert, lang: Lang) {
  const t = T[lang];
  const line = (s: string) => singleLine(s);
  const facts: Array<[string, string]> = [
    [t.taxCode, a.enterprise_id],
    [t.area, a.area_name ? `${a.area_name} (${a.area_code})` : a.area_code],
    [t.asOf, formatDate(a.as_of)],
    [t.score, formatScore(a.score, lang)],
    [t.previousLevel, a.previous_level ? levelName(a.previous_level, lang) : t.firstScored],
  ];
  const reasons = a.reasons.map((r) => line(lang === "vi" ? r.sentence_vi : r.sentence_en));
  const context = line(a.context[lang]);
  const changesTitle = a.previous_alert
    ? t.changesSince(formatDate(a.previous_alert.as_of), levelName(a.previous_alert.level, lang), formatScore(a.previous_alert.score, lang))
    : null;
  const changes = a.changes.map((c) => line(changeLine(c, lang, a.min_cell_size)));
  const k = a.key_figures;
  const figures: Array<[string, string]> = [
    [t.insurance, t.months(formatNumber(k.insurance_arrears_months, lang, 0))],
    [t.wages, formatVnd(k.wage_arrears_vnd, lang)],
    [t.grievances, k.grievances_30d === null ? fewerThan(a.min_cell_size, lang) : formatNumber(k.grievances_30d, lang, 0)],
  ];
  return {
    title: line(`${t.headline(a)}: ${a.enterprise_name}`),
    facts: facts.map(([l, v]) => [l, line(v)] as const),
    context,
    reasons,
    changesTitle,
    changes,
    figures,
    url: safeUrl(a.dashboard_url),
    footer: t.footer(line(a.model_version)),
  };
}

/** Only http(s) URLs are linked; anything else is dropped. */
function safeUrl(u: string): string | null {
  try {
    const url = new URL(u);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Subject: `[lrew] Nguy cơ CAO: <enterprise> (<area>) — 24/11/2026`; a single safe header line. */
export function alertSubject(a: Alert, lang: Lang): string {
  const t = T[lang];
  return headerValue(
    `${t.subjectTag} ${t.headline(a)}: ${singleLine(a.enterprise_name)} (${singleLine(areaOf(a))}) — ${formatDate(a.as_of)}`,
  );
}

/** The Message-ID of an alert's e-mail: `<alert_id@lrew.invalid>` (a resend is recognisably the same message). */
export function alertMessageId(alertId: string): string {
  return `<${headerValue(alertId, 100).replace(/[<>@\s]/g, "")}@${MESSAGE_ID_DOMAIN}>`;
}

export const htmlDoc = (lang: Lang, title: string, body: string) =>
  `<!DOCTYPE html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #1a1a1a; line-height: 1.45;">
${body}
</body>
</html>
`;

const LEVEL_COLOURS: Record<Level, string> = { low: "#2e7d32", watch: "#b28704", high: "#d84315", critical: "#b71c1c" };

const htmlList = (items: readonly string[], ordered = false) =>
  `<${ordered ? "ol" : "ul"}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</${ordered ? "ol" : "ul"}>`;

const htmlTable = (rows: ReadonlyArray<readonly [string, string]>) =>
  `<table style="border-collapse: collapse;">${rows
    .map(
      ([l, v]) =>
        `<tr><th style="text-align: left; padding: 2px 12px 2px 0; font-weight: normal; color: #555;">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`,
    )
    .join("")}</table>`;

/** The enterprise's case, as an alert e-mail mentions it. */
export interface CaseMention {
  /** True when the alert is an update of a case already open (not a new case). */
  update: boolean;
  /** The signed acknowledgement link for this recipient, and until when it works (YYYY-MM-DD). */
  ack?: { url: string; until: string };
}

const CASE_WORDS = {
  vi: {
    update: "Cập nhật hồ sơ đang mở",
    updateLine: "Doanh nghiệp này đã có hồ sơ vụ việc đang mở; đây là cập nhật do mức rủi ro tăng.",
    ack: (until: string) => `Xác nhận đã tiếp nhận cảnh báo (không cần mật khẩu, liên kết dùng đến ${until})`,
  },
  en: {
    update: "Update of an open case",
    updateLine: "This enterprise already has an open case; this is an update because its risk rose.",
    ack: (until: string) => `Acknowledge this alert (no password needed; the link works until ${until})`,
  },
} as const;

/** One alert as an e-mail in the given language; `kase`: the case it opens or updates, and its acknowledgement link. */
export function renderAlertEmail(a: Alert, lang: Lang = "vi", kase?: CaseMention): RenderedEmail {
  const t = T[lang];
  const w = CASE_WORDS[lang];
  const c = alertContent(a, lang);
  const subject = kase?.update ? headerValue(`${w.update}: ${alertSubject(a, lang)}`) : alertSubject(a, lang);
  const ackText = kase?.ack ? w.ack(formatDate(kase.ack.until)) : undefined;

  const text: string[] = [c.title, ""];
  if (kase?.update) text.push(w.updateLine, "");
  if (kase?.ack) text.push(`${ackText}:`, kase.ack.url, "");
  text.push(...c.facts.map(([l, v]) => `${l}: ${v}`), "", `${t.context}: ${c.context}`, "", `${t.reasons}:`);
  if (c.reasons.length === 0) text.push(`  ${t.noReasons}`);
  for (const [i, r] of c.reasons.entries()) text.push(`  ${i + 1}. ${r}`);
  text.push("");
  if (c.changesTitle) {
    text.push(`${c.changesTitle}:`);
    if (c.changes.length === 0) text.push(`  ${t.noChanges}`);
    for (const ch of c.changes) text.push(`  - ${ch}`);
  } else text.push(t.firstAlert);
  text.push("", `${t.figures}:`, ...c.figures.map(([l, v]) => `  - ${l}: ${v}`), "");
  if (c.url) text.push(`${t.details}: ${c.url}`, "");
  text.push("-- ", c.footer, "");

  const colour = LEVEL_COLOURS[a.level];
  const html = htmlDoc(
    lang,
    subject,
    [
      `<h2 style="color: ${colour}; margin: 0 0 8px;">${escapeHtml(c.title)}</h2>`,
      kase?.update ? `<p><strong>${escapeHtml(w.updateLine)}</strong></p>` : "",
      kase?.ack ? `<p><a href="${escapeHtml(kase.ack.url)}">${escapeHtml(ackText!)}</a></p>` : "",
      htmlTable(c.facts),
      `<p><strong>${escapeHtml(t.context)}:</strong> ${escapeHtml(c.context)}</p>`,
      `<h3>${escapeHtml(t.reasons)}</h3>`,
      c.reasons.length > 0 ? htmlList(c.reasons, true) : `<p>${escapeHtml(t.noReasons)}</p>`,
      c.changesTitle
        ? `<h3>${escapeHtml(c.changesTitle)}</h3>${c.changes.length > 0 ? htmlList(c.changes) : `<p>${escapeHtml(t.noChanges)}</p>`}`
        : `<p>${escapeHtml(t.firstAlert)}</p>`,
      `<h3>${escapeHtml(t.figures)}</h3>`,
      htmlTable(c.figures),
      c.url ? `<p><a href="${escapeHtml(c.url)}">${escapeHtml(t.details)}</a></p>` : "",
      `<hr><p style="color: #666; font-size: 12px;">${escapeHtml(c.footer)}</p>`,
    ].join("\n"),
  );

  const headers: Record<string, string> = {
    "Message-ID": alertMessageId(a.alert_id),
    "Content-Language": lang,
    "Auto-Submitted": "auto-generated",
    "X-Lrew-Alert-Id": headerValue(a.alert_id, 100),
    "X-Lrew-Enterprise-Id": headerValue(a.enterprise_id, 100),
  };
  if (a.previous_alert?.alert_id) {
    const prev = alertMessageId(a.previous_alert.alert_id);
    headers["In-Reply-To"] = prev;
    headers["References"] = prev;
  }
  return { subject, text: text.join("\n"), html, headers };
}

/** An enterprise still flagged, listed in a digest (from the latest scores). */
export interface OpenEnterprise {
  enterprise_id: string;
  enterprise_name: string;
  area_code: string;
  area_name?: string;
  level: Level;
  score: number;
  /** First day of the current spell at this level (YYYY-MM-DD). */
  since: string;
  dashboard_url: string;
  /** The context phrase (structure and season), when known. */
  context?: { vi: string; en: string };
  /** The signal reasons as sentences (never structure); empty: high on structure alone. */
  reasons?: ReadonlyArray<{ vi: string; en: string }>;
}

const byRisk = <T extends { level: Level; score: number; enterprise_id: string }>(a: T, b: T) =>
  levelRank(b.level) - levelRank(a.level) || b.score - a.score || a.enterprise_id.localeCompare(b.enterprise_id);

/**
 * A unit's digest for one day: the day's alerts (most severe first, with their reasons and links) and,
 * optionally, the enterprises still at high or critical level. Message-ID derived from the unit, the
 * date and the alert ids, so a resend of the same digest is recognisable.
 */
export function renderDigestEmail(
  unit: Pick<UnionUnit, "id" | "name">,
  alerts: readonly Alert[],
  lang: Lang = "vi",
  date: string,
  open: readonly OpenEnterprise[] = [],
  cases: readonly CaseEntry[] = [],
): RenderedEmail {
  const t = T[lang];
  const day = formatDate(date);
  const casesSection = renderCasesSection(cases, lang);
  const sorted = [...alerts].sort(byRisk);
  const alerted = new Set(sorted.map((a) => a.enterprise_id));
  const still = [...open].filter((o) => !alerted.has(o.enterprise_id)).sort(byRisk);
  const unitName = singleLine(unit.name);
  const subject = headerValue(`${t.subjectTag} ${t.digestTitle(day)}: ${t.digestCount(sorted.length)} — ${unitName}`);

  const entries = sorted.map((a) => {
    const c = alertContent(a, lang);
    return {
      title: c.title,
      meta: `${singleLine(areaOf(a))} · ${t.score} ${formatScore(a.score, lang)}`,
      context: c.context,
      reasons: c.reasons,
      url: c.url,
    };
  });
  const openLines = still.map(
    (o) =>
      [
        singleLine(
          `${levelName(o.level, lang)} · ${o.enterprise_name} (${areaOf(o)}) · ${t.score} ${formatScore(o.score, lang)} · ${t.since} ${formatDate(o.since)}`,
        ),
        safeUrl(o.dashboard_url),
        [
          ...(o.context ? [singleLine(o.context[lang])] : []),
          ...(o.reasons === undefined ? [] : o.reasons.length === 0 ? [t.structureOnly] : o.reasons.map((r) => singleLine(r[lang]))),
        ],
      ] as const,
  );

  const text: string[] = [`${t.digestTitle(day)} — ${unitName}`, "", `${t.digestNew} (${t.digestCount(sorted.length)}):`];
  if (entries.length === 0) text.push(`  ${t.digestNone}`);
  entries.forEach((e, i) => {
    text.push("", `${i + 1}. ${e.title}`, `   ${e.meta}`, `   ${e.context}`);
    for (const r of e.reasons) text.push(`   - ${r}`);
    if (e.url) text.push(`   ${t.details}: ${e.url}`);
  });
  if (openLines.length > 0) {
    text.push("", `${t.digestOpen} (${t.digestCount(openLines.length)}):`);
    for (const [l, u, more] of openLines) {
      text.push(`  - ${l}${u ? ` — ${u}` : ""}`);
      for (const m of more) text.push(`      ${m}`);
    }
  }
  text.push(...casesSection.text);
  text.push("", "-- ", t.footer(singleLine(alerts[0]?.model_version ?? "-")), "");

  const html = htmlDoc(
    lang,
    subject,
    [
      `<h2 style="margin: 0 0 8px;">${escapeHtml(`${t.digestTitle(day)} — ${unitName}`)}</h2>`,
      `<h3>${escapeHtml(`${t.digestNew} (${t.digestCount(sorted.length)})`)}</h3>`,
      entries.length === 0
        ? `<p>${escapeHtml(t.digestNone)}</p>`
        : `<ol>${entries
            .map(
              (e) =>
                `<li><strong>${escapeHtml(e.title)}</strong><br>${escapeHtml(e.meta)}<br>${escapeHtml(e.context)}${e.reasons.length > 0 ? htmlList(e.reasons) : ""}${
                  e.url ? `<a href="${escapeHtml(e.url)}">${escapeHtml(t.details)}</a>` : ""
                }</li>`,
            )
            .join("")}</ol>`,
      openLines.length > 0
        ? `<h3>${escapeHtml(`${t.digestOpen} (${t.digestCount(openLines.length)})`)}</h3><ul>${openLines
            .map(
              ([l, u, more]) =>
                `<li>${u ? `<a href="${escapeHtml(u)}">${escapeHtml(l)}</a>` : escapeHtml(l)}${more.length > 0 ? htmlList(more) : ""}</li>`,
            )
            .join("")}</ul>`
        : "",
      casesSection.html,
      `<hr><p style="color: #666; font-size: 12px;">${escapeHtml(t.footer(singleLine(alerts[0]?.model_version ?? "-")))}</p>`,
    ].join("\n"),
  );
  const digestId = deterministicUuid(`lrew.digest|${unit.id}|${date}|${sorted.map((a) => a.alert_id).join(",")}`);
  return {
    subject,
    text: text.join("\n"),
    html,
    headers: {
      "Message-ID": alertMessageId(digestId),
      "Content-Language": lang,
      "Auto-Submitted": "auto-generated",
      "X-Lrew-Digest-Unit": headerValue(unit.id, 100),
    },
  };
}
