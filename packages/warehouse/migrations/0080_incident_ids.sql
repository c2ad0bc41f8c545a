-- Incidents v1.1: every incident has an identifier, and a correction replaces, never doubles.
--
-- A provider's incident_id is stored as sent. When a record has none, this column's default derives
-- it from the fields a correction does not change: '<enterprise_id>/<start day in Vietnam>/<kind>'.
-- This is the one definition of the derivation (docs/contracts.md explains it to providers); rows
-- stored before this migration read it from the same default.
ALTER TABLE {{db}}.incidents{{on_cluster}}
    ADD COLUMN IF NOT EXISTS incident_id String
    DEFAULT concat(enterprise_id, '/', toString(toDate(started_at, 'Asia/Ho_Chi_Minh')), '/', toString(kind))
    COMMENT 'the provider''s incident_id, else enterprise_id/start day (Vietnam)/kind'
    AFTER event_id;

-- The latest version of each incident: latest reported_at, then the last ingested. Exact before
-- ReplacingMergeTree has merged duplicates (LIMIT 1 BY), like the other latest views (0002).
CREATE VIEW IF NOT EXISTS {{db}}.incidents_latest{{on_cluster}} AS
SELECT
    incident_id, event_id, enterprise_id, started_at, ended_at, reported_at, kind, lawful, workers_involved, causes
FROM {{db}}.incidents
ORDER BY incident_id, reported_at DESC, _ingested_at DESC, event_id DESC
LIMIT 1 BY incident_id;

-- incident_daily counted distinct event_ids: a correction was a second incident. It now counts
-- distinct incident_ids (a state of another type, so the table is made again and refilled from the
-- events; the view's own SELECT is what ./lrew rebuild-aggregates re-runs).
-- SYNC: a replicated table's keeper path is free again before it is created anew. On a sharded
-- cluster the INSERT below fills this node's shard only: run ./lrew rebuild-aggregates after it.
DROP VIEW IF EXISTS {{db}}.incident_daily_mv{{on_cluster}} SYNC;
DROP TABLE IF EXISTS {{db}}.incident_daily{{on_cluster}} SYNC;

CREATE TABLE IF NOT EXISTS {{db}}.incident_daily{{on_cluster}}
(
    enterprise_id String,
    started_day   Date,
    reported_day  Date,
    known_day     Date COMMENT 'the later of reported_day and the day of received_at (Vietnam), as in 0010',
    incidents     AggregateFunction(uniqExact, String) COMMENT 'distinct incident_id'
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
    uniqExactState(incident_id) AS incidents
FROM {{db}}.incidents
GROUP BY enterprise_id, started_day, reported_day, known_day;

INSERT INTO {{db}}.incident_daily
SELECT
    enterprise_id,
    toDate(started_at, 'Asia/Ho_Chi_Minh') AS started_day,
    toDate(reported_at, 'Asia/Ho_Chi_Minh') AS reported_day,
    greatest(reported_day, toDate(received_at, 'Asia/Ho_Chi_Minh')) AS known_day,
    uniqExactState(incident_id) AS incidents
FROM {{db}}.incidents
GROUP BY enterprise_id, started_day, reported_day, known_day
SETTINGS insert_deduplicate = 0;

-- The analysts' incidents: one row per incident, its latest version, so count() counts incidents.
DROP VIEW IF EXISTS {{db}}_analytics.incidents{{on_cluster}} SYNC;

CREATE VIEW IF NOT EXISTS {{db}}_analytics.incidents{{on_cluster}}
(
    incident_id      String COMMENT 'Mã sự cố: của bên cung cấp, hoặc mã số thuế/ngày bắt đầu/loại | Incident id: the provider''s, or tax code/start day/kind',
    event_id         UUID COMMENT 'Mã sự kiện của phiên bản mới nhất | Event id of the latest version',
    enterprise_id    String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    started_at       DateTime64(3, 'UTC') COMMENT 'Bắt đầu (UTC) | Started (UTC)',
    ended_at         Nullable(DateTime64(3, 'UTC')) COMMENT 'Kết thúc (UTC), NULL khi chưa rõ | Ended (UTC), NULL when unknown',
    reported_at      DateTime64(3, 'UTC') COMMENT 'Thời điểm báo cáo hoặc đính chính (UTC) | Reported or corrected at (UTC)',
    kind             String COMMENT 'strike (đình công), work_stoppage (ngừng việc), collective_dispute (tranh chấp tập thể), mass_petition (đơn tập thể) | Kind',
    lawful           Bool COMMENT 'Đúng trình tự pháp luật | Lawful',
    workers_involved UInt32 COMMENT 'Số người lao động tham gia | Workers involved',
    causes           Array(String) COMMENT 'Nguyên nhân | Causes'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT incident_id, event_id, enterprise_id, started_at, ended_at, reported_at, toString(kind) AS kind, lawful, workers_involved,
       arrayMap(c -> toString(c), causes) AS causes
FROM {{db}}.incidents_latest
COMMENT 'Sự cố đã xảy ra, mỗi sự cố một dòng (bản đính chính mới nhất) | Incidents that happened, one row each (latest correction)';
