-- Daily per-enterprise aggregates for scoring (@lrew/scoring), kept up to date by materialized views
-- as the sink inserts events. Scoring reads these, never the raw event tables, so its cost grows with
-- enterprises x days, not with events.
--
-- The day of every aggregate is the day the fact became known, in Vietnam time
-- (toDate(reported_at, 'Asia/Ho_Chi_Minh'); updated_at for the registry): features "as of D" read
-- days <= D only, which is what makes them point-in-time correct.
--
-- Every state is idempotent under re-insertion (uniqExact of an id, argMax by report time, min of a
-- day): a duplicate event, a redelivered batch or a rebuild (INSERT ... SELECT of the view's own
-- query, see rebuildDailyAggregates in @lrew/scoring) never counts anything twice.

-- Registry: the latest entry of each day per enterprise.
CREATE TABLE IF NOT EXISTS {{db}}.enterprise_daily{{on_cluster}}
(
    enterprise_id String,
    day           Date,
    area_code     AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    sector        AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    ownership     AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    workforce     AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC')),
    has_union     AggregateFunction(argMax, Bool, DateTime64(3, 'UTC'))
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.enterprise_daily_mv{{on_cluster}}
TO {{db}}.enterprise_daily AS
SELECT
    enterprise_id,
    toDate(updated_at, 'Asia/Ho_Chi_Minh') AS day,
    argMaxState(area_code, updated_at) AS area_code,
    argMaxState(sector, updated_at) AS sector,
    argMaxState(ownership, updated_at) AS ownership,
    argMaxState(workforce, updated_at) AS workforce,
    argMaxState(has_union, updated_at) AS has_union
FROM {{db}}.enterprises
GROUP BY enterprise_id, day;

-- Grievances reported per day: new ones (status open), by kind, and closings (resolved / withdrawn).
CREATE TABLE IF NOT EXISTS {{db}}.grievance_daily{{on_cluster}}
(
    enterprise_id String,
    day           Date,
    opened        AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'new grievances (open events), distinct grievance_id',
    opened_pay    AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'new ones about wages, wage arrears, social insurance or bonus',
    opened_collective AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'new ones involving 2 or more workers',
    closed        AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'resolved or withdrawn'
)
ENGINE = {{AggregatingMergeTree()}}
PARTITION BY toYYYYMM(day)
ORDER BY (enterprise_id, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.grievance_daily_mv{{on_cluster}}
TO {{db}}.grievance_daily AS
SELECT
    enterprise_id,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    uniqExactIfState(grievance_id, status = 'open') AS opened,
    uniqExactIfState(grievance_id, status = 'open' AND category IN ('wages', 'wage_arrears', 'social_insurance', 'bonus')) AS opened_pay,
    uniqExactIfState(grievance_id, status = 'open' AND workers_involved >= 2) AS opened_collective,
    uniqExactIfState(grievance_id, status IN ('resolved', 'withdrawn')) AS closed
FROM {{db}}.grievances
GROUP BY enterprise_id, day;

-- One row per grievance: the day it was first reported and the day it was first closed
-- (1970-01-01 = not closed): how long grievances stay unresolved.
CREATE TABLE IF NOT EXISTS {{db}}.grievance_lifecycle{{on_cluster}}
(
    enterprise_id String,
    grievance_id  String,
    first_day     AggregateFunction(min, Date),
    closed_day    AggregateFunction(minIf, Date, UInt8)
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, grievance_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.grievance_lifecycle_mv{{on_cluster}}
TO {{db}}.grievance_lifecycle AS
SELECT
    enterprise_id,
    grievance_id,
    minState(toDate(reported_at, 'Asia/Ho_Chi_Minh')) AS first_day,
    minIfState(toDate(reported_at, 'Asia/Ho_Chi_Minh'), status IN ('resolved', 'withdrawn')) AS closed_day
FROM {{db}}.grievances
GROUP BY enterprise_id, grievance_id;

-- Wage arrears: the latest report of each day per pay period.
CREATE TABLE IF NOT EXISTS {{db}}.wage_arrears_daily{{on_cluster}}
(
    enterprise_id    String,
    period           Date,
    day              Date,
    amount_owed_vnd  AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    workers_affected AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC')),
    status           AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC'))
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, period, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.wage_arrears_daily_mv{{on_cluster}}
TO {{db}}.wage_arrears_daily AS
SELECT
    enterprise_id,
    period,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    argMaxState(amount_owed_vnd, reported_at) AS amount_owed_vnd,
    argMaxState(workers_affected, reported_at) AS workers_affected,
    argMaxState(status, reported_at) AS status
FROM {{db}}.wage_arrears
GROUP BY enterprise_id, period, day;

-- Insurance contributions: the latest position of each day per period and scheme.
CREATE TABLE IF NOT EXISTS {{db}}.insurance_daily{{on_cluster}}
(
    enterprise_id   String,
    period          Date,
    scheme          LowCardinality(String),
    day             Date,
    amount_due_vnd  AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    amount_paid_vnd AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    insured_workers AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC'))
)
ENGINE = {{AggregatingMergeTree()}}
PARTITION BY toYear(period)
ORDER BY (enterprise_id, period, scheme, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.insurance_daily_mv{{on_cluster}}
TO {{db}}.insurance_daily AS
SELECT
    enterprise_id,
    period,
    scheme,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    argMaxState(amount_due_vnd, reported_at) AS amount_due_vnd,
    argMaxState(amount_paid_vnd, reported_at) AS amount_paid_vnd,
    argMaxState(insured_workers, reported_at) AS insured_workers
FROM {{db}}.insurance_contributions
GROUP BY enterprise_id, period, scheme, day;

-- Incidents by the day they started and the day they were reported.
CREATE TABLE IF NOT EXISTS {{db}}.incident_daily{{on_cluster}}
(
    enterprise_id String,
    started_day   Date,
    reported_day  Date,
    incidents     AggregateFunction(uniqExact, UUID)
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, started_day, reported_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.incident_daily_mv{{on_cluster}}
TO {{db}}.incident_daily AS
SELECT
    enterprise_id,
    toDate(started_at, 'Asia/Ho_Chi_Minh') AS started_day,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS reported_day,
    uniqExactState(event_id) AS incidents
FROM {{db}}.incidents
GROUP BY enterprise_id, started_day, reported_day;
