-- The erasure list (right to erasure, Law 91/2025/QH15 on personal data protection): what
-- `./lrew erase` cleared, so that nothing erased comes back. The sink consults it before inserting
-- grievances (replays of Kafka and of dead letters, a restored pipeline re-reading the topics), and
-- restore applies it again to the restored tables.
--
-- It never holds a reference or an identifier in clear: `digest` is a keyed HMAC (the HMAC key of
-- the time, `p1:` + 40 hex) of
--   kind = 'complainant': the complainant's pseudonym (complainant_ref) under one of the keys;
--   kind = 'grievance':   enterprise_id and the provider's grievance_id.
-- An erased grievance keeps its rows with grievance_id = 'erased:' + its digest (distinct per
-- grievance, so counts and features do not change), summary and complainant_ref NULL.
-- Complainant digests apply to grievances that occurred up to erased_at: a complaint made after
-- the erasure is new data.

CREATE TABLE IF NOT EXISTS {{db}}.erasures{{on_cluster}}
(
    digest        String COMMENT 'keyed HMAC of a complainant pseudonym or of (enterprise_id, grievance_id)',
    kind          LowCardinality(String) COMMENT 'complainant or grievance',
    erasure_id    UUID COMMENT 'one ./lrew erase (or the sink extending it to a grievance found later)',
    erased_at     DateTime64(3, 'UTC'),
    enterprise_id String COMMENT 'grievance digests: the enterprise whose aggregates are re-derived; empty for complainants'
)
ENGINE = {{ReplacingMergeTree()}}
ORDER BY (kind, digest);
