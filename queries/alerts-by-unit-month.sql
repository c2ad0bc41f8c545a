-- vi: Cảnh báo theo đơn vị công đoàn và tháng
-- en: Alerts by union unit and month
-- param: from_day Date = 2000-01-01 | từ ngày | first day
SELECT
    union_unit_id,
    toStartOfMonth(as_of) AS month,
    countIf(kind = 'raised_critical') AS raised_critical,
    countIf(kind = 'raised_high') AS raised_high,
    uniqExact(enterprise_id) AS enterprises
FROM lrew_analytics.alerts
WHERE as_of >= {from_day:Date}
GROUP BY union_unit_id, month
ORDER BY month, union_unit_id
