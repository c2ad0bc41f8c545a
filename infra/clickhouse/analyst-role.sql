-- lrew's analyst role on a ClickHouse server (run once as an administrator, after `./lrew migrate`).
-- Analysts get exactly SELECT on the curated views; the views read the raw tables with the rights of
-- the user that ran the migrations (SQL SECURITY DEFINER), so the role needs nothing on `lrew`.
-- Replace `lrew_analytics` if CLICKHOUSE_DATABASE is not `lrew`; keep the figures in step with
-- users.d/lrew-analyst.xml and the LREW_ANALYST_* settings of the query API.

CREATE ROLE IF NOT EXISTS lrew_analyst;
GRANT SELECT ON lrew_analytics.* TO lrew_analyst;

CREATE SETTINGS PROFILE IF NOT EXISTS lrew_analyst_sql SETTINGS
    readonly = 2 CONST,
    max_execution_time = 30 CONST,
    timeout_overflow_mode = 'throw' CONST,
    max_rows_to_read = 100000000 CONST,
    read_overflow_mode = 'throw' CONST,
    max_result_rows = 100000 CONST,
    result_overflow_mode = 'throw' CONST,
    max_memory_usage = 1073741824 CONST,
    max_threads = 2 CONST,
    max_concurrent_queries_for_user = 2 CONST
TO lrew_analyst;

CREATE QUOTA IF NOT EXISTS lrew_analyst_sql
    FOR INTERVAL 1 hour MAX queries = 600, errors = 300, result_rows = 10000000, read_rows = 10000000000, execution_time = 3600
TO lrew_analyst;

-- One user per analyst (a named person, so the query log says who asked what):
-- CREATE USER lan IDENTIFIED WITH sha256_password BY '…' DEFAULT ROLE lrew_analyst;
-- GRANT lrew_analyst TO lan;
