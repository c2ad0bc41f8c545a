-- Cases: every alert opens a case for its enterprise or joins the open one; union offices' actions
-- (case_actions, migration 0050) acknowledge, work and close it. Nothing here is written by hand:
--   case_alerts  one row per alert as the notifier took it: the unit responsible for the enterprise
--                (the case's owner) and what the open case made of it — `opened` (a new case, sent),
--                `update` (a rise within the open case, sent as an update) or `suppressed` (a repeat of
--                the same level, joined silently). Written before any e-mail, read back on redelivery,
--                so a decision is made once per alert.
--   cases        the view every surface reads: a case is the run of an enterprise's alerts between
--                two outcomes (an outcome closes the case; the next alert opens a new one). Its state
--                is derived: closed (an outcome), in_progress (an action other than acknowledging),
--                acknowledged, or open.

CREATE TABLE IF NOT EXISTS {{db}}.case_alerts{{on_cluster}}
(
    alert_id       String,
    enterprise_id  String,
    as_of          Date,
    level          LowCardinality(String),
    score          Float64,
    owner_unit_id  LowCardinality(String) COMMENT 'the union unit responsible for the enterprise when the alert came',
    area_code      LowCardinality(String),
    decision       LowCardinality(String) COMMENT 'opened, update or suppressed',
    recorded_at    DateTime64(3, 'UTC')
)
ENGINE = {{ReplacingMergeTree(recorded_at)}}
ORDER BY (enterprise_id, as_of, alert_id);

CREATE VIEW IF NOT EXISTS {{db}}.cases{{on_cluster}} AS
WITH
    closes AS (
        SELECT enterprise_id, groupArray(occurred_on) AS close_days
        FROM {{db}}.case_actions FINAL
        WHERE action IN ('resolved_paid', 'workers_returned', 'referred_to_authorities', 'closed_no_concern')
        GROUP BY enterprise_id
    ),
    alerts_in AS (
        -- An alert on the day of an outcome opens a new case: the outcome closed the earlier one.
        -- Columns renamed (alert_*) so that the aggregates below may take the plain names as aliases.
        SELECT a.enterprise_id AS enterprise_id, a.alert_id AS alert_alert_id, a.as_of AS alert_as_of, a.level AS alert_level,
               a.score AS alert_score, a.owner_unit_id AS alert_owner, a.area_code AS alert_area, a.decision AS alert_decision,
               arrayCount(d -> d <= a.as_of, c.close_days) AS case_seq
        FROM (SELECT * FROM {{db}}.case_alerts FINAL) AS a
        LEFT JOIN closes AS c ON c.enterprise_id = a.enterprise_id
    ),
    actions_in AS (
        -- An action on the day of an outcome belongs to the case that outcome closes.
        SELECT x.enterprise_id AS enterprise_id, x.action AS action, x.occurred_on AS occurred_on,
               arrayCount(d -> d < x.occurred_on, c.close_days) AS case_seq
        FROM (SELECT enterprise_id, action, occurred_on FROM {{db}}.case_actions FINAL) AS x
        LEFT JOIN closes AS c ON c.enterprise_id = x.enterprise_id
    ),
    case_heads AS (
        SELECT
            enterprise_id,
            case_seq,
            argMin(alert_alert_id, (alert_as_of, alert_alert_id)) AS case_id,
            min(alert_as_of) AS opened_on,
            max(alert_as_of) AS last_alert_on,
            argMax(alert_owner, (alert_as_of, alert_alert_id)) AS owner_unit_id,
            argMax(alert_area, (alert_as_of, alert_alert_id)) AS area_code,
            argMax(alert_level, (alert_as_of, alert_alert_id)) AS level,
            argMax(alert_score, (alert_as_of, alert_alert_id)) AS score,
            minIfOrNull(alert_as_of, alert_level = 'critical') AS critical_since,
            argMaxIf(alert_level, (alert_as_of, alert_alert_id), alert_decision != 'suppressed') AS sent_level,
            argMaxIf(alert_score, (alert_as_of, alert_alert_id), alert_decision != 'suppressed') AS sent_score,
            count() AS alerts,
            countIf(alert_decision = 'suppressed') AS suppressed_alerts
        FROM alerts_in
        GROUP BY enterprise_id, case_seq
    ),
    case_work AS (
        SELECT
            enterprise_id,
            case_seq,
            min(occurred_on) AS acknowledged_on,
            minIfOrNull(occurred_on, action != 'acknowledged') AS first_action_on,
            minIfOrNull(occurred_on, action IN ('resolved_paid', 'workers_returned', 'referred_to_authorities', 'closed_no_concern')) AS closed_on,
            max(occurred_on) AS last_action_on,
            count() AS actions
        FROM actions_in
        GROUP BY enterprise_id, case_seq
    )
SELECT
    h.case_id AS case_id,
    h.enterprise_id AS enterprise_id,
    h.case_seq AS case_seq,
    h.opened_on AS opened_on,
    h.last_alert_on AS last_alert_on,
    h.owner_unit_id AS owner_unit_id,
    h.area_code AS area_code,
    h.level AS level,
    h.score AS score,
    h.critical_since AS critical_since,
    h.sent_level AS sent_level,
    h.sent_score AS sent_score,
    h.alerts AS alerts,
    h.suppressed_alerts AS suppressed_alerts,
    -- A case worked before its first alert (the office was already on it) counts from the alert.
    if(w.acknowledged_on IS NULL, NULL, greatest(w.acknowledged_on, h.opened_on)) AS acknowledged_on,
    if(w.first_action_on IS NULL, NULL, greatest(w.first_action_on, h.opened_on)) AS first_action_on,
    w.closed_on AS closed_on,
    w.last_action_on AS last_action_on,
    ifNull(w.actions, 0) AS actions,
    multiIf(w.closed_on IS NOT NULL, 'closed', w.first_action_on IS NOT NULL, 'in_progress', w.acknowledged_on IS NOT NULL, 'acknowledged', 'open') AS state,
    if(w.acknowledged_on IS NULL, NULL, dateDiff('day', h.opened_on, greatest(w.acknowledged_on, h.opened_on))) AS days_to_acknowledge,
    if(w.first_action_on IS NULL, NULL, dateDiff('day', h.opened_on, greatest(w.first_action_on, h.opened_on))) AS days_to_first_action
FROM case_heads AS h
LEFT JOIN
(
    SELECT enterprise_id, case_seq, toNullable(acknowledged_on) AS acknowledged_on, first_action_on, closed_on,
           toNullable(last_action_on) AS last_action_on, toNullable(actions) AS actions
    FROM case_work
) AS w ON w.enterprise_id = h.enterprise_id AND w.case_seq = h.case_seq;
