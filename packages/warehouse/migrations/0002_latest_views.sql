-- Current state views. Both pick one row per key with LIMIT 1 BY, so they are exact even before
-- ReplacingMergeTree has merged duplicates away.

-- The latest registry entry of each enterprise (latest updated_at; ties: the last ingested).
CREATE VIEW IF NOT EXISTS {{db}}.enterprises_latest{{on_cluster}} AS
SELECT
    enterprise_id, name, area_code, sector, ownership, workforce, has_union, union_unit_id, updated_at, event_id
FROM {{db}}.enterprises
ORDER BY enterprise_id, updated_at DESC, _ingested_at DESC
LIMIT 1 BY enterprise_id;

-- The latest status of each grievance: by occurred_at, then reported_at, then event_id.
-- Carries no free text and no complainant reference.
CREATE VIEW IF NOT EXISTS {{db}}.grievances_latest{{on_cluster}} AS
SELECT
    grievance_id, enterprise_id, status, occurred_at, reported_at, channel, category, severity, workers_involved, event_id
FROM {{db}}.grievances
ORDER BY grievance_id, occurred_at DESC, reported_at DESC, event_id DESC
LIMIT 1 BY grievance_id;
