-- vi: Nợ lương theo ngành và kỳ lương (báo cáo mới nhất của mỗi doanh nghiệp cho mỗi kỳ)
-- en: Wage arrears by sector and pay period (each enterprise's latest report per period)
-- param: from_period Date = 2000-01-01 | từ kỳ lương (ngày đầu tháng) | first pay period (first of the month)
SELECT
    e.sector,
    w.period,
    uniqExactIf(w.enterprise_id, w.status != 'paid') AS enterprises_owing,
    sumIf(w.amount_owed_vnd, w.status != 'paid') AS owed_vnd,
    sumIf(w.workers_affected, w.status != 'paid') AS workers_owed
FROM
(
    SELECT
        enterprise_id,
        period,
        argMax(amount_owed_vnd, reported_at) AS amount_owed_vnd,
        argMax(workers_affected, reported_at) AS workers_affected,
        argMax(status, reported_at) AS status
    FROM lrew_analytics.wage_arrears
    WHERE period >= {from_period:Date}
    GROUP BY enterprise_id, period
) AS w
INNER JOIN lrew_analytics.enterprises AS e ON e.enterprise_id = w.enterprise_id
GROUP BY e.sector, w.period
ORDER BY w.period, owed_vnd DESC
