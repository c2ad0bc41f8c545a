// The case e-mails: an escalation to the unit above and the federation, the cases section of a
// unit's digest, and the daily case list of a unit that takes its alerts immediately (no digest). Same rules as the alert e-mails: Vietnamese or English, plain text and HTML, every
// value escaped, header values on one line, no grievance text.
import { deterministicUuid, type Lang } from "@lrew/contracts";
import type { Level } from "@lrew/risk";
import type { EscalationReason } from "./cases.ts";
import { formatDate } from "./format.ts";
import type { UnionUnit } from "./routing.ts";
import { alertMessageId, escapeHtml, headerValue, htmlDoc, levelName, singleLine, type RenderedEmail } from "./templates.ts";

/** A case as an escalation or a digest names it. */
export interface CaseEntry {
  case_id: string;
  enterprise_id: string;
  enterprise_name: string;
  area_code: string;
  level: Level;
  /** The unit that owns the case. */
  owner_name: string;
  opened_on: string;
  state: "open" | "acknowledged" | "in_progress" | "closed";
  /** True when it is past its acknowledgement deadline. */
  overdue: boolean;
  dashboard_url: string;
}

const W = {
  vi: {
    states: { open: "chưa tiếp nhận", acknowledged: "đã tiếp nhận", in_progress: "đang xử lý", closed: "đã đóng" },
    reasons: {
      not_acknowledged: (days: number) => `chưa được tiếp nhận sau ${days} ngày làm việc`,
      critical_without_action: (days: number) => `ở mức nguy cơ ${levelName("critical", "vi")} mà chưa có hoạt động nào trong ${days} ngày`,
    },
    subject: (name: string) => `[lrew] Chuyển cấp trên: hồ sơ ${name}`,
    intro: (owner: string) => `Hồ sơ cảnh báo sau đây do ${owner} phụ trách, và`,
    opened: "Mở hồ sơ ngày",
    level: "Mức nguy cơ",
    state: "Tình trạng",
    link: "Xem và ghi nhận hoạt động",
    once: "Thư chuyển cấp trên này chỉ gửi một lần cho mỗi hồ sơ và lý do.",
    casesTitle: (n: number) => `Hồ sơ vụ việc chưa đóng (${n})`,
    overdue: "QUÁ HẠN",
    listTitle: (d: string) => `Hồ sơ vụ việc ngày ${d}`,
    listCount: (n: number, overdue: number) => `${n} hồ sơ chưa đóng${overdue > 0 ? `, ${overdue} quá hạn` : ""}`,
    listFooter: "Danh sách hằng ngày, gửi một lần mỗi ngày cho đơn vị có hồ sơ chưa đóng. Cảnh báo mới vẫn được gửi ngay khi có.",
  },
  en: {
    states: { open: "not acknowledged", acknowledged: "acknowledged", in_progress: "in progress", closed: "closed" },
    reasons: {
      not_acknowledged: (days: number) => `has not been acknowledged after ${days} working days`,
      critical_without_action: (days: number) => `is at ${levelName("critical", "en")} risk with no action recorded for ${days} days`,
    },
    subject: (name: string) => `[lrew] Escalated: the case of ${name}`,
    intro: (owner: string) => `The following case is owned by ${owner}, and`,
    opened: "Case opened on",
    level: "Risk level",
    state: "State",
    link: "View it and record actions",
    once: "This escalation is sent once per case and reason.",
    casesTitle: (n: number) => `Cases not closed (${n})`,
    overdue: "OVERDUE",
    listTitle: (d: string) => `Cases on ${d}`,
    listCount: (n: number, overdue: number) => `${n} not closed${overdue > 0 ? `, ${overdue} overdue` : ""}`,
    listFooter: "A daily list, sent once a day to each unit with cases not closed. New alerts are still sent as they come.",
  },
} as const;

export function caseStateName(state: CaseEntry["state"], lang: Lang): string {
  return W[lang].states[state];
}

/** The e-mail escalating a case to a unit above its owner (and the federation). */
export function renderEscalationEmail(
  to: Pick<UnionUnit, "id" | "name">,
  c: CaseEntry,
  reason: EscalationReason,
  days: number,
  escalationId: string,
  lang: Lang = "vi",
): RenderedEmail {
  const w = W[lang];
  const name = singleLine(c.enterprise_name);
  const subject = headerValue(w.subject(name));
  const line = `${w.intro(singleLine(c.owner_name))} ${w.reasons[reason](days)}.`;
  const facts: Array<[string, string]> = [
    ["MST / tax code", c.enterprise_id],
    [w.level, levelName(c.level, lang)],
    [w.opened, formatDate(c.opened_on)],
    [w.state, caseStateName(c.state, lang)],
  ];
  const text = [
    `${name} (${singleLine(c.area_code)})`,
    "",
    line,
    "",
    ...facts.map(([l, v]) => `${l}: ${v}`),
    "",
    `${w.link}: ${c.dashboard_url}`,
    "",
    "-- ",
    w.once,
    "",
  ];
  const html = htmlDoc(
    lang,
    subject,
    [
      `<h2>${escapeHtml(`${name} (${singleLine(c.area_code)})`)}</h2>`,
      `<p>${escapeHtml(line)}</p>`,
      `<table>${facts.map(([l, v]) => `<tr><th align="left">${escapeHtml(l)}</th><td>${escapeHtml(v)}</td></tr>`).join("")}</table>`,
      `<p><a href="${escapeHtml(c.dashboard_url)}">${escapeHtml(w.link)}</a></p>`,
      `<hr><p style="color: #666; font-size: 12px;">${escapeHtml(w.once)}</p>`,
    ].join("\n"),
  );
  return {
    subject,
    text: text.join("\n"),
    html,
    headers: {
      "Message-ID": alertMessageId(deterministicUuid(`lrew.escalation|${escalationId}|${to.id}`)),
      "Content-Language": lang,
      "Auto-Submitted": "auto-generated",
      "X-Lrew-Escalation": headerValue(escalationId, 200),
    },
  };
}

/** The cases section of a digest: each case not closed, overdue ones first, as text lines and HTML. */
export function renderCasesSection(cases: readonly CaseEntry[], lang: Lang): { text: string[]; html: string } {
  if (cases.length === 0) return { text: [], html: "" };
  const w = W[lang];
  const sorted = [...cases].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.opened_on.localeCompare(b.opened_on));
  const lines = sorted.map((c) =>
    singleLine(
      `${c.overdue ? `[${w.overdue}] ` : ""}${c.enterprise_name} (${c.area_code}) · ${levelName(c.level, lang)} · ${caseStateName(c.state, lang)} · ${w.opened.toLowerCase()} ${formatDate(c.opened_on)} · ${c.owner_name}`,
    ),
  );
  return {
    text: ["", `${w.casesTitle(cases.length)}:`, ...lines.map((l, i) => `  - ${l} — ${sorted[i]!.dashboard_url}`)],
    html: `<h3>${escapeHtml(w.casesTitle(cases.length))}</h3><ul>${lines
      .map((l, i) => `<li><a href="${escapeHtml(sorted[i]!.dashboard_url)}">${escapeHtml(l)}</a></li>`)
      .join("")}</ul>`,
  };
}

/**
 * The daily list of a unit's cases not closed (overdue first), for a unit that takes its alerts
 * immediately and so receives no digest (a digest unit's digest carries the same section).
 */
export function renderCaseListEmail(
  unit: Pick<UnionUnit, "id" | "name">,
  date: string,
  cases: readonly CaseEntry[],
  lang: Lang = "vi",
): RenderedEmail {
  const w = W[lang];
  const unitName = singleLine(unit.name);
  const title = `${w.listTitle(formatDate(date))} — ${unitName}`;
  const count = w.listCount(cases.length, cases.filter((c) => c.overdue).length);
  const subject = headerValue(`[lrew] ${w.listTitle(formatDate(date))}: ${count} — ${unitName}`);
  const section = renderCasesSection(cases, lang);
  return {
    subject,
    text: [title, ...section.text, "", "-- ", w.listFooter, ""].join("\n"),
    html: htmlDoc(
      lang,
      subject,
      [
        `<h2 style="margin: 0 0 8px;">${escapeHtml(title)}</h2>`,
        section.html,
        `<hr><p style="color: #666; font-size: 12px;">${escapeHtml(w.listFooter)}</p>`,
      ].join("\n"),
    ),
    headers: {
      "Message-ID": alertMessageId(deterministicUuid(`lrew.case-list|${unit.id}|${date}`)),
      "Content-Language": lang,
      "Auto-Submitted": "auto-generated",
      "X-Lrew-Case-List-Unit": headerValue(unit.id, 100),
    },
  };
}
