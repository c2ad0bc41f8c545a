// The notifier's metrics (the README's "Metrics" section lists them).
import { counter } from "@lrew/telemetry";

export const emails = counter(
  "lrew_notifier_emails_total",
  "E-mails by kind and outcome (sent, failed attempt, parked, uncertain, skipped)",
  ["kind", "outcome"],
);
export const pending = counter("lrew_notifier_digest_pending_total", "Alerts recorded for a unit's digest");
export const deadLettered = counter("lrew_notifier_dead_letters_total", "Alert messages sent to the dead-letter topic");
export const retries = counter("lrew_notifier_retries_total", "Retries while ClickHouse or Kafka was unavailable", ["dependency"]);
export const suppressed = counter(
  "lrew_notifier_alerts_suppressed_total",
  "Alerts that joined an open case without an e-mail (same level, no material rise)",
);
