-- vi: Số doanh nghiệp nguy cơ cao và rất cao theo địa bàn (điểm mới nhất)
-- en: High and critical enterprises by area (latest scores)
SELECT
    s.area_code,
    countIf(s.level = 'critical') AS critical,
    countIf(s.level = 'high') AS high,
    count() AS scored,
    round(100 * (critical + high) / scored, 1) AS high_or_critical_pct
FROM lrew_analytics.scores_latest AS s
GROUP BY s.area_code
ORDER BY critical DESC, high DESC, s.area_code
