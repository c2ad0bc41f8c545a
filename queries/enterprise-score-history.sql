-- vi: Lịch sử điểm nguy cơ của một doanh nghiệp và các yếu tố đóng góp nhiều nhất
-- en: Risk-score history of one enterprise with its largest contributions
-- param: enterprise_id String | mã số thuế doanh nghiệp | enterprise tax code
SELECT
    as_of,
    level,
    round(score, 4) AS score,
    arrayStringConcat(
        arrayMap(c -> tupleElement(c, 'feature'),
                 arraySlice(arrayReverseSort(c -> ifNull(tupleElement(c, 'contribution'), 0), contributions), 1, 3)),
        ', ') AS top_factors
FROM lrew_analytics.score_history
WHERE enterprise_id = {enterprise_id:String}
ORDER BY as_of
