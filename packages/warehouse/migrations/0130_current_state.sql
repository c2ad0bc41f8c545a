-- Latest-state tables for the dashboard's lists: one row per enterprise, so a list page reads two
-- tables of one row per enterprise instead of sorting every registry version (enterprises_latest)
-- and aggregating every score row of every completed run (scores_latest) on each request.
-- ReplacingMergeTree keeps the highest version per enterprise; readers use FINAL, so a row replaced
-- but not yet merged away is never shown. Both have an enterprise_id column, so a scoped reader's
-- additional_table_filters narrow them like every other table (scope.ts).

-- The latest registry entry of each enterprise (latest updated_at; ties: the last inserted, as in
-- enterprises_latest), kept by a materialized view as the sink inserts versions.
CREATE TABLE IF NOT EXISTS {{db}}.enterprises_current{{on_cluster}}
(
    enterprise_id    String,
    name             String,
    area_code        LowCardinality(String),
    sector           LowCardinality(String),
    ownership        LowCardinality(String),
    workforce        UInt32,
    has_union        Bool,
    union_unit_id    LowCardinality(String),
    investor_country LowCardinality(String),
    updated_at       DateTime64(3, 'UTC'),
    event_id         UUID
)
ENGINE = {{ReplacingMergeTree(updated_at)}}
ORDER BY enterprise_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.enterprises_current_mv{{on_cluster}}
TO {{db}}.enterprises_current AS
SELECT enterprise_id, name, area_code, sector, ownership, workforce, has_union, union_unit_id, investor_country, updated_at, event_id
FROM {{db}}.enterprises;

-- The registry already stored (on a cluster this fills this node's shard only: see 0080).
INSERT INTO {{db}}.enterprises_current
SELECT enterprise_id, name, area_code, sector, ownership, workforce, has_union, union_unit_id, investor_country, updated_at, event_id
FROM {{db}}.enterprises
ORDER BY enterprise_id, updated_at, _ingested_at;

-- Each enterprise's latest completed score (latest as_of, then latest scored_at, as scores_latest),
-- without the contributions. Written by scoring runs once they are recorded completed (a run's rows
-- must never show before), by publishCurrentScores; version = as_of, then scored_at.
CREATE TABLE IF NOT EXISTS {{db}}.scores_current{{on_cluster}}
(
    enterprise_id  String,
    as_of          Date,
    model_version  LowCardinality(String),
    run_id         String,
    score          Float64,
    level          LowCardinality(String),
    previous_level LowCardinality(String),
    area_code      LowCardinality(String),
    sector         LowCardinality(String),
    scored_at      DateTime64(3, 'UTC'),
    version        UInt64 COMMENT 'as_of (days) × 10^13 + scored_at (ms): the latest as_of, then the latest scored_at'
)
ENGINE = {{ReplacingMergeTree(version)}}
ORDER BY enterprise_id;

-- The completed runs whose rows scores_current has: what publishCurrentScores has still to copy is
-- every completed run not listed here (a scorer killed between completing a run and copying it).
CREATE TABLE IF NOT EXISTS {{db}}.scores_current_runs{{on_cluster}}
(
    run_id       String,
    published_at DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree()}}
ORDER BY run_id;

INSERT INTO {{db}}.scores_current
SELECT enterprise_id, as_of, model_version, run_id, score, level, previous_level, area_code, sector, scored_at,
       toUInt64(toUInt16(as_of)) * 10000000000000 + toUInt64(toUnixTimestamp64Milli(scored_at)) AS version
FROM {{db}}.scores
WHERE run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed');

INSERT INTO {{db}}.scores_current_runs
SELECT run_id, now64(3, 'UTC') FROM {{db}}.scoring_runs FINAL WHERE status = 'completed';
