-- vi: Sự cố (đình công, ngừng việc, tranh chấp, đơn tập thể) theo tháng, loại và loại hình sở hữu
-- en: Incidents (strikes, stoppages, disputes, mass petitions) by month, kind and ownership
SELECT
    toStartOfMonth(toDate(i.started_at, 'Asia/Ho_Chi_Minh')) AS month,
    i.kind,
    e.ownership,
    count() AS incidents,
    sum(i.workers_involved) AS workers_involved
FROM lrew_analytics.incidents AS i
LEFT JOIN lrew_analytics.enterprises AS e ON e.enterprise_id = i.enterprise_id
GROUP BY month, i.kind, e.ownership
ORDER BY month, incidents DESC
