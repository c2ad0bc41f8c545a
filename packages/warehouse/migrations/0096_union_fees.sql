-- union_fees: the trade-union fee (kinh phí công đoàn) per enterprise and month from the
-- federation's ledger, every version kept like the insurance positions. Arrears are derived:
-- union_fees_monthly takes each month's latest position; a month under a deferral is not in arrears
-- until the deferral's last month has passed.
CREATE TABLE IF NOT EXISTS {{db}}.union_fees{{on_cluster}}
(
    event_id         UUID,
    enterprise_id    String,
    period           Date COMMENT 'first day of the month the fee is for',
    payroll_base_vnd Int64,
    amount_due_vnd   Int64,
    amount_paid_vnd  Int64,
    relief_kind      LowCardinality(String) COMMENT 'exemption, reduction, deferral; empty when none',
    relief_from      Nullable(Date),
    relief_to        Nullable(Date),
    relief_ref       String,
    reported_at      DateTime64(3, 'UTC'),
    _topic           LowCardinality(String),
    _partition       UInt16,
    _offset          UInt64,
    _ingested_at     DateTime64(3, 'UTC'),
    received_at      DateTime64(3, 'UTC') DEFAULT _ingested_at COMMENT 'when the provider first had it (point in time on arrival, migration 0010)',
    INDEX source_offset _offset TYPE minmax GRANULARITY 1,
    INDEX event_id_bloom event_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = {{ReplacingMergeTree()}}
PARTITION BY toYYYYMM(reported_at)
ORDER BY (enterprise_id, reported_at, event_id)
SETTINGS {{dedup_window(10000)}};

-- Each enterprise's latest position for each month (latest reported_at; ties: the last ingested),
-- exact before merges, with what is outstanding and whether it counts as arrears today.
CREATE VIEW IF NOT EXISTS {{db}}.union_fees_monthly{{on_cluster}} AS
SELECT
    enterprise_id, period, payroll_base_vnd, amount_due_vnd, amount_paid_vnd,
    greatest(amount_due_vnd - amount_paid_vnd, 0) AS outstanding_vnd,
    relief_kind, relief_from, relief_to,
    relief_kind = 'deferral' AND relief_to IS NOT NULL AND toStartOfMonth(toDate(now(), 'Asia/Ho_Chi_Minh')) <= assumeNotNull(relief_to) AS deferred,
    outstanding_vnd > 0.01 * amount_due_vnd AND NOT deferred AS in_arrears,
    reported_at
FROM {{db}}.union_fees
ORDER BY enterprise_id, period, reported_at DESC, _ingested_at DESC
LIMIT 1 BY enterprise_id, period;

CREATE VIEW IF NOT EXISTS {{db}}_analytics.union_fee_arrears_monthly{{on_cluster}}
(
    enterprise_id    String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    period           Date COMMENT 'Tháng của kinh phí công đoàn (ngày đầu tháng) | Month the union fee is for (first day)',
    payroll_base_vnd Nullable(Int64) COMMENT 'Quỹ tiền lương làm căn cứ đóng, đồng; NULL khi doanh nghiệp dưới 3 lao động | Salary fund the fee is based on, VND; NULL for enterprises under 3 workers',
    amount_due_vnd   Nullable(Int64) COMMENT 'Số phải đóng (2% quỹ lương, sau miễn, giảm), đồng; NULL khi dưới 3 lao động | Due (2% of the salary fund, after exemption or reduction), VND; NULL under 3 workers',
    arrears_vnd      Nullable(Int64) COMMENT 'Số còn nợ = phải đóng − đã đóng (không âm), đồng; NULL khi dưới 3 lao động | Outstanding = due − paid (not below 0), VND; NULL under 3 workers',
    relief_kind      String COMMENT 'Miễn, giảm, tạm hoãn: exemption, reduction, deferral; rỗng khi không có | Relief: exemption, reduction, deferral; empty when none',
    deferred         Bool COMMENT 'Đang trong thời gian tạm hoãn: chưa tính là nợ | Under a deferral still running: not counted as arrears',
    in_arrears       Bool COMMENT 'Còn nợ quá 1% số phải đóng và không đang tạm hoãn | Owes more than 1% of what is due and not under a running deferral',
    reported_at      DateTime64(3, 'UTC') COMMENT 'Thời điểm sổ kinh phí ghi nhận (UTC) | When the ledger recorded this position (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT f.enterprise_id AS enterprise_id, f.period AS period,
       if(small, NULL, f.payroll_base_vnd) AS payroll_base_vnd,
       if(small, NULL, f.amount_due_vnd) AS amount_due_vnd,
       if(small, NULL, f.outstanding_vnd) AS arrears_vnd,
       toString(f.relief_kind) AS relief_kind, f.deferred AS deferred, f.in_arrears AS in_arrears, f.reported_at AS reported_at
FROM {{db}}.union_fees_monthly AS f
LEFT JOIN (SELECT enterprise_id, workforce < 3 AS small FROM {{db}}.enterprises_latest) AS e ON e.enterprise_id = f.enterprise_id
COMMENT 'Kinh phí công đoàn mỗi doanh nghiệp mỗi tháng (vị trí mới nhất của sổ kinh phí) | Union fee per enterprise and month (the ledger''s latest position)';
