-- vi: Độ bao phủ công đoàn theo địa bàn: doanh nghiệp và lao động chưa có công đoàn cơ sở
-- en: Union coverage by area: enterprises and workers without a grassroots union
SELECT
    area_code,
    enterprises,
    enterprises - unionised AS enterprises_without_union,
    workers,
    workers - workers_unionised AS workers_without_union,
    round(100 * workers_unionised / workers, 1) AS workers_covered_pct
FROM lrew_analytics.areas
ORDER BY workers_without_union DESC
