-- vi: Khiếu nại theo địa bàn và loại từ một tháng (tỷ lệ tập thể, tỷ lệ chưa giải quyết)
-- en: Grievances by area and category from a month on (collective share, unresolved share)
-- param: from_month Date = 2000-01-01 | từ tháng (ngày đầu tháng) | first month (first of the month)
SELECT
    area_code,
    category,
    count() AS grievances,
    round(100 * countIf(collective) / grievances, 1) AS collective_pct,
    round(100 * countIf(status IN ('open', 'in_progress')) / grievances, 1) AS unresolved_pct
FROM lrew_analytics.grievances
WHERE month >= {from_month:Date}
GROUP BY area_code, category
ORDER BY area_code, grievances DESC
