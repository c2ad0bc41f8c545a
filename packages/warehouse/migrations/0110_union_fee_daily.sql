-- Union fees per month reported and known day, like insurance_daily (0010): the model's union-fee
-- factors read it point in time (only positions whose known day is <= the as-of date). The relief
-- is kept with its position, so that a month under a deferral still running on the as-of date is
-- not read as arrears. relief_to is stored as a Date (1970-01-01 when none): argMax skips NULLs,
-- and a later position without a relief must replace an earlier one with it.
CREATE TABLE IF NOT EXISTS {{db}}.union_fee_daily{{on_cluster}}
(
    enterprise_id   String,
    period          Date,
    day             Date COMMENT 'day of reported_at (Vietnam)',
    known_day       Date COMMENT 'the later of day and the day of received_at (Vietnam)',
    reported        AggregateFunction(max, DateTime64(3, 'UTC')) COMMENT 'latest reported_at: the position the states below hold',
    amount_due_vnd  AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    amount_paid_vnd AggregateFunction(argMax, Int64, DateTime64(3, 'UTC')),
    relief_kind     AggregateFunction(argMax, LowCardinality(String), DateTime64(3, 'UTC')),
    relief_to       AggregateFunction(argMax, Date, DateTime64(3, 'UTC')) COMMENT 'last month of the relief; 1970-01-01 when none'
)
ENGINE = {{AggregatingMergeTree()}}
PARTITION BY toYear(period)
ORDER BY (enterprise_id, period, day, known_day);

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.union_fee_daily_mv{{on_cluster}}
TO {{db}}.union_fee_daily AS
SELECT
    enterprise_id,
    period,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS day,
    greatest(day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    maxState(reported_at) AS reported,
    argMaxState(amount_due_vnd, reported_at) AS amount_due_vnd,
    argMaxState(amount_paid_vnd, reported_at) AS amount_paid_vnd,
    argMaxState(relief_kind, reported_at) AS relief_kind,
    argMaxState(ifNull(relief_to, toDate(0)), reported_at) AS relief_to
FROM {{db}}.union_fees
GROUP BY enterprise_id, period, day, known_day;
