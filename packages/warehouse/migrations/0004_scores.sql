-- Score history and scoring runs (@lrew/scoring).
--
-- A scoring run writes its scores tagged with its run_id, then records itself as completed in
-- scoring_runs. Views only show scores of completed runs: a scorer killed mid-run leaves rows that no
-- view shows, and a rerun of the same (as_of, model_version) with a new run_id supersedes the old
-- rows once it completes. Retrying the same run_id replaces its own rows (ReplacingMergeTree key).

CREATE TABLE IF NOT EXISTS {{db}}.scoring_runs{{on_cluster}}
(
    run_id             String,
    as_of              Date,
    model_version      LowCardinality(String),
    status             LowCardinality(String) COMMENT 'running, completed or failed',
    started_at         DateTime64(3, 'UTC'),
    ended_at           Nullable(DateTime64(3, 'UTC')),
    enterprises_scored UInt32,
    level_changes      UInt32,
    error              Nullable(String),
    updated_at         DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree(updated_at)}}
ORDER BY run_id;

CREATE TABLE IF NOT EXISTS {{db}}.scores{{on_cluster}}
(
    enterprise_id  String,
    as_of          Date COMMENT 'features use what was reported by the end of this day (Vietnam time)',
    model_version  LowCardinality(String),
    run_id         String,
    score          Float64 COMMENT 'probability of an incident within the model horizon (days)',
    logit          Float64,
    level          LowCardinality(String) COMMENT 'low, watch, high, critical (with hysteresis)',
    previous_level LowCardinality(String) COMMENT 'level of the latest earlier score; empty for the first',
    area_code      LowCardinality(String),
    sector         LowCardinality(String),
    contributions  Array(Tuple(feature String, value Float64, contribution Float64)) COMMENT 'sum(contribution) = logit - intercept',
    scored_at      DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree(scored_at)}}
PARTITION BY toYYYYMM(as_of)
ORDER BY (enterprise_id, as_of, model_version, run_id);

-- Scores of completed runs, one row per (enterprise, as_of, model_version): the latest completed run.
CREATE VIEW IF NOT EXISTS {{db}}.scores_final{{on_cluster}} AS
SELECT s.enterprise_id AS enterprise_id, s.as_of AS as_of, s.model_version AS model_version, s.run_id AS run_id,
       s.score AS score, s.logit AS logit, s.level AS level, s.previous_level AS previous_level,
       s.area_code AS area_code, s.sector AS sector, s.contributions AS contributions, s.scored_at AS scored_at
FROM {{db}}.scores AS s
WHERE s.run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
ORDER BY s.enterprise_id, s.as_of, s.model_version, s.scored_at DESC
LIMIT 1 BY s.enterprise_id, s.as_of, s.model_version;

-- The latest completed score of each enterprise (latest as_of, then latest scored_at).
CREATE VIEW IF NOT EXISTS {{db}}.scores_latest{{on_cluster}} AS
SELECT *
FROM {{db}}.scores_final
ORDER BY enterprise_id, as_of DESC, scored_at DESC
LIMIT 1 BY enterprise_id;

-- Level changes of completed runs: what alerting consumes (a first score at low is not a change).
CREATE VIEW IF NOT EXISTS {{db}}.score_level_changes{{on_cluster}} AS
SELECT enterprise_id, as_of, model_version, run_id, previous_level, level, score, area_code, sector, contributions, scored_at
FROM {{db}}.scores_final
WHERE level != previous_level AND NOT (previous_level = '' AND level = 'low');
