export { Notifier } from "./notifier.ts";
export * from "./delivery-state.ts";
export { digestId, spellStart, type DigestResult } from "./digest.ts";
export { createMailer, safeHeaders, singleLine, type Mailer, type OutgoingEmail, type SmtpSettings } from "./mailer.ts";
export { validateAlert, loadUnionUnits, routeAlert } from "./alerts-adapter.ts";
export {
  decideResend,
  listUncertain,
  planResend,
  resendAlert,
  type ResendDecision,
  type ResendOutcome,
  type ResendPlan,
  type ResendRefusal,
} from "./resend.ts";
