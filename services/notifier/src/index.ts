export { Notifier, spellStart, TIMEZONE, type DigestResult } from "./notifier.ts";
export * from "./decide.ts";
export { readDeliveries, writeDeliveries, deliveryKey, type DeliveryRow } from "./deliveries.ts";
export { createMailer, safeHeaders, singleLine, type Mailer, type OutgoingEmail, type SmtpSettings } from "./mailer.ts";
export { validateAlert, loadUnionUnits, routeAlert } from "./alerts-adapter.ts";
