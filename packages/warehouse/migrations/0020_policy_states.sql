-- The alert policy's memory (@lrew/risk policy.ts), written by every scoring run beside its scores:
-- each enterprise's state (a level, or closed / silent), the group whose follow-up capacity it counts
-- against, the score and signal strength used, the highest level e-mailed in its current open spell
-- and its last immediate e-mail. Like scores, rows of runs that did not complete are never read
-- (the run must be completed in scoring_runs), and a rerun of the same day supersedes older runs.

CREATE TABLE IF NOT EXISTS {{db}}.policy_states{{on_cluster}}
(
    enterprise_id    String,
    as_of            Date,
    model_version    LowCardinality(String),
    run_id           String,
    state            LowCardinality(String) COMMENT 'low, watch, high, critical, closed or silent',
    group_key        LowCardinality(String) COMMENT 'the area (or union unit) whose follow-up capacity it counts against',
    score            Float64 COMMENT 'the score the state was decided on',
    signal           Float64 COMMENT 'largest contribution of a signal factor (logit points)',
    emailed_level    LowCardinality(String) COMMENT 'highest level e-mailed in the current open spell; empty: none',
    last_email_as_of Nullable(Date),
    last_email_level LowCardinality(String) COMMENT 'level of the last immediate e-mail; empty: none',
    last_email_score Float64,
    updated_at       DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree(updated_at)}}
PARTITION BY toYYYYMM(as_of)
ORDER BY (enterprise_id, as_of, model_version, run_id);
