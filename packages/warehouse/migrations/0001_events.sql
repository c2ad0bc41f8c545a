-- Facts of the five v1 streams, one table each. Times are UTC DateTime64(3); money is integer VND.
-- Every table keeps the Kafka coordinates it came from (_topic, _partition, _offset) and when the
-- sink wrote it (_ingested_at).
--
-- Two nets against counting an event twice:
--  1. inserts carry insert_deduplication_token = topic/partition/offset range, remembered for the
--     last 10000 inserts per table (the dedup_window setting);
--  2. ReplacingMergeTree whose ORDER BY ends with event_id folds any copy that slips through.
-- Skip indexes serve the sink's look-ups: which event_ids of a chunk (bloom filter on event_id), or which
-- offsets of a redelivered range (minmax on _offset), are already stored.
-- Queries that must be exact before merges happen use uniqExact(event_id), FINAL or the views.

CREATE TABLE IF NOT EXISTS {{db}}.enterprises{{on_cluster}}
(
    event_id        UUID,
    enterprise_id   String,
    name            String,
    area_code       LowCardinality(String),
    sector          LowCardinality(String),
    ownership       LowCardinality(String),
    workforce       UInt32,
    has_union       Bool,
    union_unit_id   LowCardinality(String),
    updated_at      DateTime64(3, 'UTC'),
    _topic          LowCardinality(String),
    _partition      UInt16,
    _offset         UInt64,
    _ingested_at    DateTime64(3, 'UTC'),
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
-- Every version is kept (ORDER BY includes updated_at): features as of a past date need the
-- registry as it was then (e.g. before a union was founded). enterprises_latest picks the newest.
ENGINE = {{ReplacingMergeTree()}}
ORDER BY (enterprise_id, updated_at, event_id)
SETTINGS {{dedup_window(10000)}};

CREATE TABLE IF NOT EXISTS {{db}}.grievances{{on_cluster}}
(
    event_id         UUID,
    grievance_id     String,
    enterprise_id    String,
    occurred_at      DateTime64(3, 'UTC'),
    reported_at      DateTime64(3, 'UTC') COMMENT 'defaults to occurred_at',
    channel          LowCardinality(String),
    category         LowCardinality(String),
    severity         UInt8,
    workers_involved UInt32,
    status           LowCardinality(String),
    summary          Nullable(String) COMMENT 'free text, contact details masked at ingest; never exposed to analysts',
    complainant_ref  Nullable(String) COMMENT 'keyed HMAC (hex) of the provider reference; never exposed to analysts',
    _topic           LowCardinality(String),
    _partition       UInt16,
    _offset          UInt64,
    _ingested_at     DateTime64(3, 'UTC'),
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{ReplacingMergeTree()}}
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (enterprise_id, occurred_at, event_id)
SETTINGS {{dedup_window(10000)}};

CREATE TABLE IF NOT EXISTS {{db}}.wage_arrears{{on_cluster}}
(
    event_id         UUID,
    enterprise_id    String,
    reported_at      DateTime64(3, 'UTC'),
    period           Date COMMENT 'first day of the pay period month',
    amount_owed_vnd  Int64,
    workers_affected UInt32,
    status           LowCardinality(String),
    source           LowCardinality(String),
    _topic           LowCardinality(String),
    _partition       UInt16,
    _offset          UInt64,
    _ingested_at     DateTime64(3, 'UTC'),
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{ReplacingMergeTree()}}
PARTITION BY toYYYYMM(reported_at)
ORDER BY (enterprise_id, reported_at, event_id)
SETTINGS {{dedup_window(10000)}};

CREATE TABLE IF NOT EXISTS {{db}}.insurance_contributions{{on_cluster}}
(
    event_id         UUID,
    enterprise_id    String,
    period           Date COMMENT 'first day of the contribution month',
    scheme           LowCardinality(String),
    amount_due_vnd   Int64,
    amount_paid_vnd  Int64,
    insured_workers  UInt32,
    reported_at      DateTime64(3, 'UTC'),
    _topic           LowCardinality(String),
    _partition       UInt16,
    _offset          UInt64,
    _ingested_at     DateTime64(3, 'UTC'),
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{ReplacingMergeTree()}}
PARTITION BY toYYYYMM(reported_at)
ORDER BY (enterprise_id, reported_at, event_id)
SETTINGS {{dedup_window(10000)}};

CREATE TABLE IF NOT EXISTS {{db}}.incidents{{on_cluster}}
(
    event_id         UUID,
    enterprise_id    String,
    started_at       DateTime64(3, 'UTC'),
    ended_at         Nullable(DateTime64(3, 'UTC')),
    reported_at      DateTime64(3, 'UTC') COMMENT 'defaults to started_at',
    kind             LowCardinality(String),
    lawful           Bool,
    workers_involved UInt32,
    causes           Array(LowCardinality(String)),
    _topic           LowCardinality(String),
    _partition       UInt16,
    _offset          UInt64,
    _ingested_at     DateTime64(3, 'UTC'),
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{ReplacingMergeTree()}}
PARTITION BY toYYYYMM(started_at)
ORDER BY (enterprise_id, started_at, event_id)
SETTINGS {{dedup_window(10000)}};
