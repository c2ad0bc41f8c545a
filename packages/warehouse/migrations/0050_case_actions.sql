-- case_actions: what union offices did about an enterprise's case (the stream lrew.case-actions.v1):
-- acknowledging an alert, fact-finding, a dialogue, a referral, an outcome. Stored exactly once like
-- every event table (insert token of the Kafka coordinates, event_id looked up before insert,
-- ReplacingMergeTree by event_id). The note is masked at ingest; analysts' views never show it.

CREATE TABLE IF NOT EXISTS {{db}}.case_actions{{on_cluster}}
(
    event_id       UUID COMMENT 'the action id',
    enterprise_id  String,
    alert_id       Nullable(UUID) COMMENT 'the alert it answers, when there is one',
    action         LowCardinality(String) COMMENT 'the vocabulary of CASE_ACTION_VOCABULARY (@lrew/contracts)',
    occurred_on    Date COMMENT 'the day it happened, in Vietnam',
    officer        String,
    union_unit_id  LowCardinality(String) COMMENT 'the unit that acted',
    note           Nullable(String) COMMENT 'masked at ingest',
    _topic         LowCardinality(String),
    _partition     UInt16,
    _offset        UInt64,
    _ingested_at   DateTime64(3, 'UTC'),
    received_at    DateTime64(3, 'UTC') DEFAULT _ingested_at COMMENT 'when the provider first had it (migration 0010)',
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{ReplacingMergeTree()}}
PARTITION BY toYYYYMM(occurred_on)
ORDER BY (enterprise_id, occurred_on, event_id)
SETTINGS {{dedup_window(10000)}};
