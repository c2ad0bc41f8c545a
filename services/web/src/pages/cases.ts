// Cases on the dashboard: the enterprise page's case section (state, actions, the form recording an
// action from the vocabulary) and timeline, the pages of an e-mail's acknowledgement link, and the
// federation's cases by area. Every value escaped by `html`.
import { CASE_ACTION_KINDS, CASE_ACTION_VOCABULARY, type Lang } from "@lrew/contracts";
import type { CaseRow, CasesByArea, EnterprisePage, StoredCaseAction } from "@lrew/warehouse";
import { formatDate, formatNumber, formatScore } from "../format.ts";
import { html, type Html } from "../html.ts";
import { ALERT_KIND_NAMES, INCIDENT_KIND_NAMES, LEVEL_NAMES, nameOf } from "../labels.ts";
import { t } from "../messages.ts";
import { layout, levelBadge, table, type PageContext } from "./layout.ts";

const W = {
  vi: {
    cases: "Hồ sơ vụ việc",
    casesHelp:
      "Mỗi cảnh báo mở một hồ sơ (hoặc gộp vào hồ sơ đang mở); đơn vị công đoàn phụ trách tiếp nhận, ghi nhận hoạt động và kết quả.",
    states: { open: "Chưa tiếp nhận", acknowledged: "Đã tiếp nhận", in_progress: "Đang xử lý", closed: "Đã đóng" },
    opened: "Mở ngày",
    owner: "Đơn vị phụ trách",
    state: "Tình trạng",
    alertsCount: "Cảnh báo",
    daysToAck: "Số ngày đến khi tiếp nhận",
    daysToAction: "Số ngày đến hoạt động đầu tiên",
    noCase: "Chưa có hồ sơ: doanh nghiệp chưa có cảnh báo nào.",
    actions: "Hoạt động đã ghi nhận",
    date: "Ngày",
    action: "Hoạt động",
    officer: "Cán bộ",
    unit: "Đơn vị",
    note: "Ghi chú",
    record: "Ghi nhận hoạt động",
    recordHelp: "Ghi chú không ghi tên, số điện thoại của người lao động: hệ thống che thông tin cá nhân nhưng không bắt được hết.",
    submit: "Ghi nhận",
    acknowledge: "Xác nhận đã tiếp nhận",
    sent: "Đã gửi. Hoạt động sẽ hiện ở đây sau vài giây (qua Kafka).",
    timeline: "Diễn biến",
    timelineHelp: "Cảnh báo, hoạt động của công đoàn, vụ việc và thay đổi mức rủi ro, mới nhất trước.",
    kinds: { alert: "Cảnh báo", action: "Hoạt động", incident: "Vụ việc", score: "Mức rủi ro" },
    ackTitle: "Xác nhận đã tiếp nhận cảnh báo",
    ackAsk: (name: string, unit: string) => `Xác nhận ${unit} đã tiếp nhận cảnh báo về ${name}?`,
    ackHelp: "Chỉ dùng được cho việc xác nhận này; không cần mật khẩu. Để ghi nhận các hoạt động khác, hãy đăng nhập dashboard.",
    yourName: "Họ tên cán bộ (không bắt buộc)",
    ackDone: "Đã ghi nhận việc tiếp nhận. Cảm ơn!",
    ackView: "Mở trang doanh nghiệp (cần đăng nhập)",
    linkBad: "Liên kết không hợp lệ.",
    linkExpired: "Liên kết đã hết hạn. Hãy đăng nhập dashboard để xác nhận.",
    area: "Địa bàn",
    total: "Tổng",
    overdue: "Quá hạn tiếp nhận",
    medianAck: "Trung vị ngày đến khi tiếp nhận",
    medianAction: "Trung vị ngày đến hoạt động đầu tiên",
    byArea: "Hồ sơ vụ việc theo địa bàn",
    byAreaHelp:
      "Hồ sơ mở trong 12 tháng qua hoặc chưa đóng. Quá hạn: chưa tiếp nhận sau số ngày làm việc quy định (trừ cuối tuần, ngày lễ, Tết).",
    unavailable: "Chưa kết nối Kafka: không ghi nhận được hoạt động lúc này.",
    noUnit: "Không đơn vị nào của tài khoản này phụ trách doanh nghiệp hôm nay: không ghi nhận hoạt động được.",
    unitRefused: (unit: string, allowed: string) =>
      `Không ghi nhận: đơn vị “${unit}” không phụ trách doanh nghiệp này hoặc nằm ngoài phạm vi tài khoản của bạn. ` +
      (allowed ? `Đơn vị được ghi nhận: ${allowed}.` : "Tài khoản của bạn không có đơn vị nào phụ trách doanh nghiệp này hôm nay."),
    back: "Quay lại trang doanh nghiệp",
  },
  en: {
    cases: "Cases",
    casesHelp:
      "Each alert opens a case (or joins the open one); the responsible union unit acknowledges it and records actions and the outcome.",
    states: { open: "Not acknowledged", acknowledged: "Acknowledged", in_progress: "In progress", closed: "Closed" },
    opened: "Opened",
    owner: "Responsible unit",
    state: "State",
    alertsCount: "Alerts",
    daysToAck: "Days to acknowledgement",
    daysToAction: "Days to first action",
    noCase: "No case: the enterprise has had no alert.",
    actions: "Recorded actions",
    date: "Date",
    action: "Action",
    officer: "Officer",
    unit: "Unit",
    note: "Note",
    record: "Record an action",
    recordHelp: "Do not write workers' names or phone numbers in the note: personal data is masked, but not all of it is caught.",
    submit: "Record",
    acknowledge: "Acknowledge",
    sent: "Sent. The action appears here in a few seconds (through Kafka).",
    timeline: "Timeline",
    timelineHelp: "Alerts, union actions, incidents and level changes, newest first.",
    kinds: { alert: "Alert", action: "Action", incident: "Incident", score: "Risk level" },
    ackTitle: "Acknowledge an alert",
    ackAsk: (name: string, unit: string) => `Confirm that ${unit} has received the alert about ${name}?`,
    ackHelp: "This link does this one thing and needs no password. To record other actions, log in to the dashboard.",
    yourName: "Your name (optional)",
    ackDone: "Acknowledgement recorded. Thank you!",
    ackView: "Open the enterprise's page (login needed)",
    linkBad: "This link is not valid.",
    linkExpired: "This link has expired. Log in to the dashboard to acknowledge.",
    area: "Area",
    total: "Total",
    overdue: "Overdue",
    medianAck: "Median days to acknowledgement",
    medianAction: "Median days to first action",
    byArea: "Cases by area",
    byAreaHelp:
      "Cases opened in the last 12 months or not closed. Overdue: not acknowledged within the working days set (weekends, public holidays and Tết excluded).",
    unavailable: "Kafka is not connected: actions cannot be recorded now.",
    noUnit: "No unit of this account answers for the enterprise today: actions cannot be recorded.",
    unitRefused: (unit: string, allowed: string) =>
      `Not recorded: the unit “${unit}” does not answer for this enterprise or is outside the scope of your account. ` +
      (allowed ? `Units you may record for: ${allowed}.` : "No unit of your account answers for this enterprise today."),
    back: "Back to the enterprise's page",
  },
} as const;

export const caseWords = (lang: Lang) => W[lang];

export function actionName(action: string, lang: Lang): string {
  const v = CASE_ACTION_VOCABULARY[action as keyof typeof CASE_ACTION_VOCABULARY];
  return v ? v[lang === "vi" ? "vi" : "en"] : action;
}

export function caseStateBadge(state: CaseRow["state"], lang: Lang): Html {
  return html`<span class="case-state case-${state}" data-state="${state}">${W[lang].states[state]}</span>`;
}

export interface CaseSectionData {
  cases: CaseRow[];
  actions: StoredCaseAction[];
  /** The unit names by id (reference data). */
  unitName: (id: string) => string;
  today: string;
  /** The units this account may record an action for (unitsMayRecord), the default first. */
  units: readonly string[];
  /** False when the web server has no Kafka producer. */
  canRecord: boolean;
  recorded: boolean;
}

/** The case section of the enterprise page: its cases, the actions and the form. */
export function caseSection(ctx: PageContext, enterpriseId: string, d: CaseSectionData): Html {
  const { lang } = ctx;
  const w = W[lang];
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, lang, 0));
  const caseRows = d.cases.map(
    (c) => html`<tr data-case="${c.case_id}"><td>${formatDate(c.opened_on)}</td><td>${caseStateBadge(c.state, lang)}</td>
<td>${levelBadge(c.level, nameOf(LEVEL_NAMES, c.level, lang))}</td><td>${d.unitName(c.owner_unit_id)}</td><td class="num">${n(c.alerts)}</td>
<td class="num">${n(c.days_to_acknowledge)}</td><td class="num">${n(c.days_to_first_action)}</td></tr>`,
  );
  const actionRows = [...d.actions].reverse().map(
    (a) => html`<tr><td>${formatDate(a.occurred_on)}</td><td>${actionName(a.action, lang)}</td><td>${a.officer}</td>
<td>${d.unitName(a.union_unit_id)}</td><td>${a.note ?? ""}</td></tr>`,
  );
  const open = d.cases.find((c) => c.state !== "closed");
  const action = `/enterprises/${encodeURIComponent(enterpriseId)}/actions`;
  const defaultUnit = d.units[0] ?? "";
  const form = !d.canRecord
    ? html`<p class="muted">${w.unavailable}</p>`
    : d.units.length === 0
      ? html`<p class="muted" id="no-unit">${w.noUnit}</p>`
      : html`${
          open && open.state === "open"
            ? html`<form method="post" action="${action}" class="inline" id="acknowledge-form">
  <input type="hidden" name="action" value="acknowledged"><input type="hidden" name="occurred_on" value="${d.today}">
  <input type="hidden" name="union_unit_id" value="${defaultUnit}">
  <button type="submit" id="acknowledge">${w.acknowledge}</button></form>`
            : ""
        }
<form method="post" action="${action}" class="case-action card" id="action-form">
  <h3>${w.record}</h3>
  <label>${w.action} <select name="action" id="action-kind">${CASE_ACTION_KINDS.map(
    (k) => html`<option value="${k}">${CASE_ACTION_VOCABULARY[k].vi} — ${CASE_ACTION_VOCABULARY[k].en}</option>`,
  )}</select></label>
  <label>${w.date} <input type="date" name="occurred_on" value="${d.today}" max="${d.today}" required></label>
  <label>${w.officer} <input type="text" name="officer" value="${ctx.user ?? ""}" maxlength="200" required></label>
  <label>${w.unit} <select name="union_unit_id" id="action-unit">${d.units.map(
    (u) => html`<option value="${u}">${d.unitName(u)}</option>`,
  )}</select></label>
  <label>${w.note} <textarea name="note" maxlength="2000" rows="3"></textarea></label>
  <p class="muted">${w.recordHelp}</p>
  <button type="submit" id="record-action">${w.submit}</button>
</form>`;
  return html`<section class="card" id="cases"><h2>${w.cases}</h2><p class="muted">${w.casesHelp}</p>
${d.recorded ? html`<p class="notice" role="status" id="recorded">${w.sent}</p>` : ""}
${table([w.opened, w.state, t("level", lang), w.owner, { num: w.alertsCount }, { num: w.daysToAck }, { num: w.daysToAction }], caseRows, w.noCase, "compact")}
<h3>${w.actions}</h3>
${table([w.date, w.action, w.officer, w.unit, w.note], actionRows, "—", "compact")}
${form}
</section>`;
}

export interface TimelineEntry {
  /** YYYY-MM-DD, for ordering. */
  day: string;
  kind: "alert" | "action" | "incident" | "score";
  text: string;
}

/** Pure: the enterprise's timeline — alerts, actions, incidents and changes of level — newest first. */
export function timelineOf(p: EnterprisePage, actions: readonly StoredCaseAction[], lang: Lang): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const a of p.alerts) {
    out.push({ day: a.as_of, kind: "alert", text: `${nameOf(ALERT_KIND_NAMES, a.kind, lang)} · ${formatScore(a.score, lang)}` });
  }
  for (const a of actions) out.push({ day: a.occurred_on, kind: "action", text: `${actionName(a.action, lang)} · ${a.officer}` });
  for (const i of p.incidents) {
    out.push({
      day: i.started_at.slice(0, 10),
      kind: "incident",
      text: `${nameOf(INCIDENT_KIND_NAMES, i.kind, lang)} · ${i.workers_involved}`,
    });
  }
  let previous: string | undefined;
  for (const h of p.history) {
    if (h.level !== previous)
      out.push({ day: h.day, kind: "score", text: `${nameOf(LEVEL_NAMES, h.level, lang)} · ${formatScore(h.score, lang)}` });
    previous = h.level;
  }
  const order = { alert: 1, score: 0, action: 2, incident: 3 } as const;
  return out.sort((a, b) => b.day.localeCompare(a.day) || order[b.kind] - order[a.kind]);
}

export function timelineSection(ctx: PageContext, entries: readonly TimelineEntry[]): Html {
  const w = W[ctx.lang];
  const rows = entries
    .slice(0, 200)
    .map((e) => html`<tr class="tl-${e.kind}"><td>${formatDate(e.day)}</td><td>${w.kinds[e.kind]}</td><td>${e.text}</td></tr>`);
  return html`<section class="card" id="timeline"><h2>${w.timeline}</h2><p class="muted">${w.timelineHelp}</p>
${table([w.date, "", ""], rows, "—", "compact")}</section>`;
}

/** The page an e-mail's acknowledgement link opens: a confirmation form (the POST acknowledges). */
export function ackConfirmPage(ctx: PageContext, o: { token: string; enterpriseName: string; unitName: string; recipient: string }): Html {
  const w = W[ctx.lang];
  return layout(ctx, {
    title: w.ackTitle,
    nav: "login",
    body: html`<form method="post" action="/cases/ack" class="card" id="ack-form">
  <p>${w.ackAsk(o.enterpriseName, o.unitName)}</p>
  <p class="muted">${w.ackHelp}</p>
  <input type="hidden" name="t" value="${o.token}">
  <label>${w.yourName} <input type="text" name="officer" id="officer" maxlength="200" placeholder="${o.recipient}"></label>
  <button type="submit" id="confirm-ack">${w.acknowledge}</button>
</form>`,
  });
}

export function ackResultPage(ctx: PageContext, o: { ok: boolean; message?: "bad" | "expired"; enterpriseId?: string }): Html {
  const w = W[ctx.lang];
  const body = o.ok
    ? html`<p class="notice" role="status" id="ack-done">${w.ackDone}</p>
<p><a href="/enterprises/${encodeURIComponent(o.enterpriseId ?? "")}">${w.ackView}</a></p>`
    : html`<p class="error" role="alert">${o.message === "expired" ? w.linkExpired : w.linkBad}</p>`;
  return layout(ctx, { title: w.ackTitle, nav: "login", body });
}

/** The answer to an action naming a unit the account may not record for (400): what was refused and what is allowed. */
export function actionRefusedPage(ctx: PageContext, o: { enterpriseId: string; unit: string; allowed: readonly string[] }): Html {
  const w = W[ctx.lang];
  return layout(ctx, {
    title: w.record,
    nav: "enterprise",
    body: html`<p class="error" role="alert" id="unit-refused">${w.unitRefused(o.unit, o.allowed.join(", "))}</p>
<p><a href="/enterprises/${encodeURIComponent(o.enterpriseId)}#cases">${w.back}</a></p>`,
  });
}

/** The federation's view: cases by area, with overdue counts (computed with the holiday calendar). */
export function casesByAreaSection(ctx: PageContext, rows: readonly CasesByArea[], overdue: ReadonlyMap<string, number>): Html {
  const { lang } = ctx;
  const w = W[lang];
  const n = (x: number | null) => (x === null ? "—" : formatNumber(x, lang, 1));
  const body = rows.map(
    (r) => html`<tr data-area="${r.area_code}"><td>${ctx.areaName(r.area_code)}</td><td class="num">${n(r.cases)}</td>
<td class="num">${n(r.open)}</td><td class="num">${n(r.acknowledged)}</td><td class="num">${n(r.in_progress)}</td><td class="num">${n(r.closed)}</td>
<td class="num ${(overdue.get(r.area_code) ?? 0) > 0 ? "up" : ""}">${n(overdue.get(r.area_code) ?? 0)}</td>
<td class="num">${n(r.median_days_to_acknowledge)}</td><td class="num">${n(r.median_days_to_first_action)}</td></tr>`,
  );
  return html`<section class="card" id="cases-by-area"><h2>${w.byArea}</h2><p class="muted">${w.byAreaHelp}</p>
${table(
  [
    w.area,
    { num: w.total },
    { num: w.states.open },
    { num: w.states.acknowledged },
    { num: w.states.in_progress },
    { num: w.states.closed },
    { num: w.overdue },
    { num: w.medianAck },
    { num: w.medianAction },
  ],
  body,
  "—",
  "compact",
)}</section>`;
}
