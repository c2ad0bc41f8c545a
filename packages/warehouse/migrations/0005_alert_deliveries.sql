-- The notifier's delivery log (@lrew/notifier): one row per (alert_id, recipient), the latest state
-- wins (ReplacingMergeTree by updated_at; read with FINAL). It is what makes e-mail at most once
-- while Kafka delivers alerts at least once:
--   sending         written just before the SMTP send;
--   sent            the SMTP server accepted the message (message_id is the Message-ID sent);
--   failed          the last attempt failed with `error`; another attempt follows;
--   parked          gave up after the configured attempts (or a permanent SMTP refusal); never resent by itself;
--   uncertain       found 'sending' on redelivery: the process died between send and record, so the
--                   e-mail may or may not have gone out; not resent, left for operators to check;
--   pending_digest  the unit takes a daily digest: the alert waits for it (kind = 'digest').
-- Digests are logged with alert_id = 'digest:<unit_id>:<YYYY-MM-DD>', so a rerun the same day sends nothing.

CREATE TABLE IF NOT EXISTS {{db}}.alert_deliveries{{on_cluster}}
(
    alert_id    String,
    recipient   String,
    unit_id     LowCardinality(String),
    kind        LowCardinality(String) COMMENT 'immediate or digest',
    status      LowCardinality(String) COMMENT 'sending, sent, failed, parked, uncertain, pending_digest',
    attempts    UInt16,
    error       Nullable(String),
    message_id  String,
    updated_at  DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree(updated_at)}}
ORDER BY (alert_id, recipient);
