-- Alerts the scorer decided (also published to <prefix>.alerts.v1 for the notifier). The scorer
-- reads them back for the cooldown: the same level is not alerted again within the cooldown unless
-- the score rose materially. alert_id is deterministic (enterprise, as_of, level, model version),
-- so a rerun after a crash writes the same row again, which ReplacingMergeTree folds.

CREATE TABLE IF NOT EXISTS {{db}}.alerts{{on_cluster}}
(
    alert_id       String,
    enterprise_id  String,
    as_of          Date,
    kind           LowCardinality(String) COMMENT 'raised_high, raised_critical or lowered',
    level          LowCardinality(String),
    previous_level LowCardinality(String),
    score          Float64,
    model_version  LowCardinality(String),
    union_unit_id  LowCardinality(String),
    area_code      LowCardinality(String),
    reasons        Array(Tuple(feature String, value Nullable(Float64))) COMMENT 'the top reasons it stated',
    alert          String COMMENT 'the alert event as published (JSON); no free text, small counts suppressed',
    produced_at    DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree(produced_at)}}
PARTITION BY toYYYYMM(as_of)
ORDER BY (enterprise_id, as_of, alert_id);
