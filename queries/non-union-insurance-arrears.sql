-- vi: Doanh nghiệp chưa có công đoàn cơ sở nợ bảo hiểm từ 3 tháng trở lên
-- en: Non-unionised enterprises with three or more months of insurance arrears
-- param: min_months UInt32 = 3 | số tháng nợ tối thiểu | fewest months in arrears
SELECT
    e.enterprise_id,
    e.name,
    e.area_code,
    e.sector,
    e.workforce,
    countIf(a.in_arrears) AS months_in_arrears,
    sumIf(a.arrears_vnd, a.in_arrears) AS arrears_vnd
FROM lrew_analytics.enterprises AS e
INNER JOIN lrew_analytics.insurance_arrears_monthly AS a ON a.enterprise_id = e.enterprise_id
WHERE NOT e.has_union
GROUP BY e.enterprise_id, e.name, e.area_code, e.sector, e.workforce
HAVING months_in_arrears >= {min_months:UInt32}
ORDER BY months_in_arrears DESC, arrears_vnd DESC
