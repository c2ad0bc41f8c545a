// @lrew/alerts: the pure core of alerting. Level changes → alert events (decision, cooldown, stable
// ids), reasons in words, routing to union units from reference data, and the e-mails (vi / en).
// No Kafka, SMTP or ClickHouse here: the notifier service builds on it.
export {
  ALERT_KINDS,
  DEFAULT_COOLDOWN_DAYS,
  DEFAULT_MATERIAL_RISE,
  alertId,
  alertSchema,
  buildAlert,
  changeSchema,
  changesSince,
  decide,
  decideAlerts,
  keyFiguresFromValues,
  keyFiguresSchema,
  parseAlert,
  reasonSchema,
  type Alert,
  type AlertChange,
  type AlertKind,
  type AlertReason,
  type AlertRecord,
  type Decision,
  type DecideOptions,
  type EnterpriseRef,
  type KeyFigures,
} from "./alert.ts";
export { formatDate, formatNumber, formatPercent, formatScore, formatVnd } from "./format.ts";
export {
  DEFAULT_MIN_CELL_SIZE,
  GRIEVANCE_COUNT_FEATURES,
  SENTENCE_FEATURES,
  featureLabel,
  fewerThan,
  formatFeatureValue,
  impliedGrievances30d,
  sentence,
  sentences,
  shownValue,
  type SentenceContext,
} from "./sentences.ts";
export {
  UNIT_LEVELS,
  parseUnionUnits,
  route,
  unionUnitInputSchema,
  type Route,
  type RouteOptions,
  type UnionUnit,
  type UnionUnitInput,
  type UnionUnits,
} from "./routing.ts";
export {
  MESSAGE_ID_DOMAIN,
  alertMessageId,
  alertSubject,
  escapeHtml,
  headerValue,
  levelName,
  renderAlertEmail,
  renderDigestEmail,
  singleLine,
  type CaseMention,
  type OpenEnterprise,
  type RenderedEmail,
} from "./templates.ts";
export {
  ESCALATION_REASONS,
  caseAlertDecision,
  escalationsDue,
  escalationId,
  escalationRecipients,
  responsibleUnitOf,
  type CaseAlertDecision,
  type EscalationReason,
  type EscalationRules,
  type OpenCaseView,
  type UnclosedCase,
} from "./cases.ts";
export { CASE_LINK_PURPOSE, caseLinkUrl, signCaseLink, verifyCaseLink, type CaseLinkCheck, type CaseLinkClaims } from "./case-link.ts";
export { caseStateName, renderCasesSection, renderEscalationEmail, type CaseEntry } from "./case-templates.ts";
