-- The audit log: who logged in (or failed to), viewed which enterprise, exported what, ran which
-- query — and, for other features, acknowledged or changed which case. Written by recordAudit
-- (packages/warehouse/src/tables/audit-log.ts), read by the federation's audit page. Never grievance
-- text: `detail` holds filters, SQL text, ids, never a grievance's content or a complainant.

CREATE TABLE IF NOT EXISTS {{db}}.audit_log{{on_cluster}}
(
    at            DateTime64(3, 'UTC'),
    actor         String COMMENT 'the account name (or the name tried, for a failed login); never a secret',
    role          LowCardinality(String) COMMENT 'federation, union_office, analyst; empty when unknown',
    action        LowCardinality(String) COMMENT 'login, login_failed, logout, view_enterprise, export_csv, query, … (other features add theirs)',
    enterprise_id String COMMENT 'the enterprise concerned, or empty',
    detail        String COMMENT 'what: an export''s filters, a query''s SQL, a case id; never grievance text',
    outcome       LowCardinality(String) COMMENT 'ok, refused, failed',
    address       String COMMENT 'the client''s address'
)
ENGINE = {{MergeTree()}}
PARTITION BY toYYYYMM(at)
ORDER BY (at, actor);
