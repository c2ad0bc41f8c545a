-- Point in time on arrival (issue 14). Every fact now carries received_at: when it reached lrew (ingest
-- stamps it), or when the provider itself first had it (a backfill sets it). Features as of a day D see
-- a fact only from its known day, the later of its own day (reported_at; updated_at for the registry)
-- and the day of received_at, both in Vietnam time: a fact that arrives late changes nothing before
-- its arrival.
--
-- 1. received_at on every event table. Rows stored before this migration read it as _ingested_at,
--    the time the sink wrote them: lrew had them then, and not earlier.
-- 2. The daily aggregates of 0003 are re-created with the known day in their key (known_day, beside
--    the fact's own day, which the windows of the features still count by), and with the latest report
--    time of each position (so the latest report among those known wins, whichever day it became
--    known). grievance_lifecycle counts by known days only. The tables keep their names, so every
--    reader (the feature query, the analysts' views, rebuild-aggregates) keeps working.
-- 3. They are filled again from the events already stored. The INSERTs repeat the views' queries
--    once, here; later rebuilds (./lrew rebuild-aggregates) read the views' own text.

ALTER TABLE {{db}}.enterprises{{on_cluster}} ADD COLUMN IF NOT EXISTS received_at DateTime64(3, 'UTC') DEFAULT _ingested_at
    COMMENT 'when the provider first had it (backfill) or ingest received it';
ALTER TABLE {{db}}.grievances{{on_cluster}} ADD COLUMN IF NOT EXISTS received_at DateTime64(3, 'UTC') DEFAULT _ingested_at
    COMMENT 'when the provider first had it (backfill) or ingest received it';
ALTER TABLE {{db}}.wage_arrears{{on_cluster}} ADD COLUMN IF NOT EXISTS received_at DateTime64(3, 'UTC') DEFAULT _ingested_at
    COMMENT 'when the provider first had it (backfill) or ingest received it';
ALTER TABLE {{db}}.insurance_contributions{{on_cluster}} ADD COLUMN IF NOT EXISTS received_at DateTime64(3, 'UTC') DEFAULT _ingested_at
    COMMENT 'when the provider first had it (backfill) or ingest received it';
ALTER TABLE {{db}}.incidents{{on_cluster}} ADD COLUMN IF NOT EXISTS received_at DateTime64(3, 'UTC') DEFAULT _ingested_at
    COMMENT 'when the provider first had it (backfill) or ingest received it';

DROP VIEW IF EXISTS {{db}}.enterprise_daily_mv{{on_cluster}};
DROP VIEW IF EXISTS {{db}}.grievance_daily_mv{{on_cluster}};
DROP VIEW IF EXISTS {{db}}.grievance_lifecycle_mv{{on_cluster}};
DROP VIEW IF EXISTS {{db}}.wage_arrears_daily_mv{{on_cluster}};
DROP VIEW IF EXISTS {{db}}.insurance_daily_mv{{on_cluster}};
DROP VIEW IF EXISTS {{db}}.incident_daily_mv{{on_cluster}};
DROP TABLE IF EXISTS {{db}}.enterprise_daily{{on_cluster}} SYNC;
DROP TABLE IF EXISTS {{db}}.grievance_daily{{on_cluster}} SYNC;
DROP TABLE IF EXISTS {{db}}.grievance_lifecycle{{on_cluster}} SYNC;
DROP TABLE IF EXISTS {{db}}.wage_arrears_daily{{on_cluster}} SYNC;
DROP TABLE IF EXISTS {{db}}.insurance_daily{{on_cluster}} SYNC;
DROP TABLE IF EXISTS {{db}}.incident_daily{{on_cluster}} SYNC;

-- Registry: the latest entry per enterprise, day of updated_at and known day.
CREATE TABLE IF NOT EXISTS {{db}}.enterprise_daily{{on_cluster}}
(
    enterprise_id String,
    day           Date COMMENT 'day of updated_at (Vietnam)',
    known_day     Date COMMENT 'the later of day and the day of received_at (Vietnam)',
    updated       AggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'latest updated_at: the entry the states below hold',
    area_code     AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    sector        AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    ownership     AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    workforce     AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC')),
    has_union     AggregateFunction(argMax, Bool, DateTime64(3, 'UTC'))
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, day, known_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.enterprise_daily_mv{{on_cluster}}
TO {{db}}.enterprise_daily AS
SELECT
    enterprise_id,
    toDate(updated_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(updated_at) AS updated,
    argMaxState(area_code, updated_at) AS area_code,
    argMaxState(sector, updated_at) AS sector,
    argMaxState(ownership, updated_at) AS ownership,
    argMaxState(workforce, updated_at) AS workforce,
    argMaxState(has_union, updated_at) AS has_union
FROM {{db}}.enterprises
GROUP BY enterprise_id, day, known_day;

-- Grievances per day reported and known day: new ones (status open), by kind, and closings.
CREATE TABLE IF NOT EXISTS {{db}}.grievance_daily{{on_cluster}}
(
    enterprise_id String,
    day           Date COMMENT 'day of reported_at (Vietnam)',
    known_day     Date COMMENT 'the later of day and the day of received_at (Vietnam)',
    opened        AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'new grievances (open events), distinct grievance_id',
    opened_pay    AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'new ones about wages, wage arrears, social insurance or bonus',
    opened_collective AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'new ones involving 2 or more workers',
    closed        AggregateFunction(uniqExactIf, String, UInt8) COMMENT 'resolved or withdrawn'
)
ENGINE = {{AggregatingMergeTree()}}
PARTITION BY toYYYYMM(day)
ORDER BY (enterprise_id, day, known_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.grievance_daily_mv{{on_cluster}}
TO {{db}}.grievance_daily AS
SELECT
    enterprise_id,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    uniqExactIfState(grievance_id, status = 'open') AS opened,
    uniqExactIfState(grievance_id, status = 'open' AND category IN ('wages', 'wage_arrears', 'social_insurance', 'bonus')) AS opened_pay,
    uniqExactIfState(grievance_id, status = 'open' AND workers_involved >= 2) AS opened_collective,
    uniqExactIfState(grievance_id, status IN ('resolved', 'withdrawn')) AS closed
FROM {{db}}.grievances
GROUP BY enterprise_id, day, known_day;

-- One row per grievance: the first known day of any of its events and the first known day of a
-- closing (1970-01-01 = not closed): how long grievances stay unresolved, as lrew knew it.
CREATE TABLE IF NOT EXISTS {{db}}.grievance_lifecycle{{on_cluster}}
(
    enterprise_id String,
    grievance_id  String,
    first_day     AggregateFunction(min, Date) COMMENT 'first known day of the grievance',
    closed_day    AggregateFunction(minIf, Date, UInt8) COMMENT 'first known day of a resolved or withdrawn event'
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, grievance_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.grievance_lifecycle_mv{{on_cluster}}
TO {{db}}.grievance_lifecycle AS
SELECT
    enterprise_id,
    grievance_id,
    minState(greatest(toDate(reported_at, 'Asia/Ho_Chi_Minh'), toDate(received_at, 'Asia/Ho_Chi_Minh'))) AS first_day,
    minIfState(greatest(toDate(reported_at, 'Asia/Ho_Chi_Minh'), toDate(received_at, 'Asia/Ho_Chi_Minh')), status IN ('resolved', 'withdrawn')) AS closed_day
FROM {{db}}.grievances
GROUP BY enterprise_id, grievance_id;

-- Wage arrears: the latest report per pay period, day reported and known day.
CREATE TABLE IF NOT EXISTS {{db}}.wage_arrears_daily{{on_cluster}}
(
    enterprise_id    String,
    period           Date,
    day              Date COMMENT 'day of reported_at (Vietnam)',
    known_day        Date COMMENT 'the later of day and the day of received_at (Vietnam)',
    reported         AggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'latest reported_at: the report the states below hold',
    amount_owed_vnd  AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    workers_affected AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC')),
    status           AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC'))
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, period, day, known_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.wage_arrears_daily_mv{{on_cluster}}
TO {{db}}.wage_arrears_daily AS
SELECT
    enterprise_id,
    period,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(reported_at) AS reported,
    argMaxState(amount_owed_vnd, reported_at) AS amount_owed_vnd,
    argMaxState(workers_affected, reported_at) AS workers_affected,
    argMaxState(status, reported_at) AS status
FROM {{db}}.wage_arrears
GROUP BY enterprise_id, period, day, known_day;

-- Insurance contributions: the latest position per period and scheme, day reported and known day.
CREATE TABLE IF NOT EXISTS {{db}}.insurance_daily{{on_cluster}}
(
    enterprise_id   String,
    period          Date,
    scheme          LowCardinality(String),
    day             Date COMMENT 'day of reported_at (Vietnam)',
    known_day       Date COMMENT 'the later of day and the day of received_at (Vietnam)',
    reported        AggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'latest reported_at: the position the states below hold',
    amount_due_vnd  AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    amount_paid_vnd AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    insured_workers AggregateFunction(argMax, UInt32, DateTime64(3, 'UTC'))
)
ENGINE = {{AggregatingMergeTree()}}
PARTITION BY toYear(period)
ORDER BY (enterprise_id, period, scheme, day, known_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.insurance_daily_mv{{on_cluster}}
TO {{db}}.insurance_daily AS
SELECT
    enterprise_id,
    period,
    scheme,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(reported_at) AS reported,
    argMaxState(amount_due_vnd, reported_at) AS amount_due_vnd,
    argMaxState(amount_paid_vnd, reported_at) AS amount_paid_vnd,
    argMaxState(insured_workers, reported_at) AS insured_workers
FROM {{db}}.insurance_contributions
GROUP BY enterprise_id, period, scheme, day, known_day;

-- Incidents by the day they started, the day they were reported and the known day.
CREATE TABLE IF NOT EXISTS {{db}}.incident_daily{{on_cluster}}
(
    enterprise_id String,
    started_day   Date,
    reported_day  Date,
    known_day     Date COMMENT 'the later of reported_day and the day of received_at (Vietnam)',
    incidents     AggregateFunction(uniqExact, UUID)
)
ENGINE = {{AggregatingMergeTree()}}
ORDER BY (enterprise_id, started_day, reported_day, known_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.incident_daily_mv{{on_cluster}}
TO {{db}}.incident_daily AS
SELECT
    enterprise_id,
    toDate(started_at, 'Asia/Ho_Chi_Minh') AS started_day,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS reported_day,
    greatest(reported_day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    uniqExactState(event_id) AS incidents
FROM {{db}}.incidents
GROUP BY enterprise_id, started_day, reported_day, known_day;

-- Fill them from the events already stored (the views only see rows inserted after they exist).
INSERT INTO {{db}}.enterprise_daily
SELECT
    enterprise_id,
    toDate(updated_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(updated_at) AS updated,
    argMaxState(area_code, updated_at) AS area_code,
    argMaxState(sector, updated_at) AS sector,
    argMaxState(ownership, updated_at) AS ownership,
    argMaxState(workforce, updated_at) AS workforce,
    argMaxState(has_union, updated_at) AS has_union
FROM {{db}}.enterprises
GROUP BY enterprise_id, day, known_day
SETTINGS insert_deduplicate = 0;

INSERT INTO {{db}}.grievance_daily
SELECT
    enterprise_id,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    uniqExactIfState(grievance_id, status = 'open') AS opened,
    uniqExactIfState(grievance_id, status = 'open' AND category IN ('wages', 'wage_arrears', 'social_insurance', 'bonus')) AS opened_pay,
    uniqExactIfState(grievance_id, status = 'open' AND workers_involved >= 2) AS opened_collective,
    uniqExactIfState(grievance_id, status IN ('resolved', 'withdrawn')) AS closed
FROM {{db}}.grievances
GROUP BY enterprise_id, day, known_day
SETTINGS insert_deduplicate = 0;

INSERT INTO {{db}}.grievance_lifecycle
SELECT
    enterprise_id,
    grievance_id,
    minState(greatest(toDate(reported_at, 'Asia/Ho_Chi_Minh'), toDate(received_at, 'Asia/Ho_Chi_Minh'))) AS first_day,
    minIfState(greatest(toDate(reported_at, 'Asia/Ho_Chi_Minh'), toDate(received_at, 'Asia/Ho_Chi_Minh')), status IN ('resolved', 'withdrawn')) AS closed_day
FROM {{db}}.grievances
GROUP BY enterprise_id, grievance_id
SETTINGS insert_deduplicate = 0;

INSERT INTO {{db}}.wage_arrears_daily
SELECT
    enterprise_id,
    period,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(reported_at) AS reported,
    argMaxState(amount_owed_vnd, reported_at) AS amount_owed_vnd,
    argMaxState(workers_affected, reported_at) AS workers_affected,
    argMaxState(status, reported_at) AS status
FROM {{db}}.wage_arrears
GROUP BY enterprise_id, period, day, known_day
SETTINGS insert_deduplicate = 0;

INSERT INTO {{db}}.insurance_daily
SELECT
    enterprise_id,
    period,
    scheme,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(reported_at) AS reported,
    argMaxState(amount_due_vnd, reported_at) AS amount_due_vnd,
    argMaxState(amount_paid_vnd, reported_at) AS amount_paid_vnd,
    argMaxState(insured_workers, reported_at) AS insured_workers
FROM {{db}}.insurance_contributions
GROUP BY enterprise_id, period, scheme, day, known_day
SETTINGS insert_deduplicate = 0;

INSERT INTO {{db}}.incident_daily
SELECT
    enterprise_id,
    toDate(started_at, 'Asia/Ho_Chi_Minh') AS started_day,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS reported_day,
    greatest(reported_day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    uniqExactState(event_id) AS incidents
FROM {{db}}.incidents
GROUP BY enterprise_id, started_day, reported_day, known_day
SETTINGS insert_deduplicate = 0;
