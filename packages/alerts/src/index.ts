// @lrew/alerts: the pure core of alerting. The alert policy's e-mail decisions (@lrew/risk) → alert
// events (stable ids, reasons in words: signals only, the context phrase), routing to union units
// from reference data, and the e-mails (vi / en).
// No Kafka, SMTP or ClickHouse here: the notifier service builds on it.
export {
  ALERT_KINDS,
  alertId,
  alertSchema,
  alertsFor,
  buildAlert,
  changeSchema,
  changesSince,
  keyFiguresFromValues,
  keyFiguresSchema,
  parseAlert,
  reasonSchema,
  type Alert,
  type AlertChange,
  type AlertKind,
  type AlertReason,
  type AlertOptions,
  type AlertRecord,
  type EnterpriseRef,
  type KeyFigures,
} from "./alert.ts";
export { contextOf, contextPhrase, contextPhrases, type EnterpriseContext } from "./context.ts";
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
  signalSentences,
  type SentenceContext,
} from "./sentences.ts";
export {
  UNIT_LEVELS,
  parseUnionUnits,
  route,
  type Routable,
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
export { caseStateName, renderCaseListEmail, renderCasesSection, renderEscalationEmail, type CaseEntry } from "./case-templates.ts";
