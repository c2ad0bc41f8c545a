// The feature query: ClickHouse aggregates the daily tables (migrations 0003, 0010, 0110) into one row of
// aggregates per (enterprise, as_of), point in time: only facts whose known day is <= as_of, i.e.
// what lrew had by the end of that day (the known day of a fact is the later of its own day and
// the day of its received_at, Vietnam time). Windows ("the last 30 days") still count by the fact's
// own day; positions (arrears, the registry) are the latest report among those known. Its text is
// the model's definition, so it lives here; the warehouse runs it (selectFeatureAggregates). Pure.

/**
 * The aggregation query: one row per (enterprise, as_of) for every date of {dates}, enterprises
 * known to the registry by as_of with a workforce > 0. Reads only the daily aggregate tables, only
 * known days <= as_of.
 */
export function featureSql(db: string): string {
  return `
WITH
dates AS (SELECT arrayJoin({dates:Array(Date)}) AS as_of),
ent_day AS (
  SELECT enterprise_id, day, known_day, maxMerge(updated) AS updated,
    argMaxMerge(area_code) AS area_code, argMaxMerge(sector) AS sector, argMaxMerge(ownership) AS ownership,
    argMaxMerge(workforce) AS workforce, argMaxMerge(has_union) AS has_union
  FROM ${db}.enterprise_daily WHERE known_day <= {max_day:Date}
  GROUP BY enterprise_id, day, known_day
),
ent AS (
  SELECT enterprise_id, as_of,
    argMax(area_code, updated) AS area_code, argMax(sector, updated) AS sector, argMax(ownership, updated) AS ownership,
    argMax(workforce, updated) AS workforce, argMax(has_union, updated) AS has_union, min(known_day) AS first_day
  FROM ent_day CROSS JOIN dates
  WHERE known_day <= as_of
  GROUP BY enterprise_id, as_of
),
g_day AS (
  SELECT enterprise_id, day, known_day,
    uniqExactIfMerge(opened) AS opened, uniqExactIfMerge(opened_pay) AS opened_pay,
    uniqExactIfMerge(opened_collective) AS opened_collective
  FROM ${db}.grievance_daily WHERE known_day <= {max_day:Date} AND day > {min_day:Date} - 366
  GROUP BY enterprise_id, day, known_day
),
g AS (
  SELECT enterprise_id, as_of,
    sumIf(opened, day > as_of - 30) AS g30,
    sumIf(opened, day > as_of - 90) AS g90,
    sum(opened) AS g365,
    sumIf(opened, day <= as_of - 30) AS g_base,
    sumIf(opened_pay, day > as_of - 90) AS g90_pay,
    sumIf(opened_collective, day > as_of - 90) AS g90_collective
  FROM g_day CROSS JOIN dates
  WHERE known_day <= as_of AND day > as_of - 365
  GROUP BY enterprise_id, as_of
),
sector_rate AS (
  SELECT e.sector AS sector, e.as_of AS as_of,
    sum(g.g365) / greatest(1, sum(e.workforce / 100 * least(365, dateDiff('day', e.first_day, e.as_of) + 1))) AS sector_rate
  FROM ent AS e LEFT JOIN g ON g.enterprise_id = e.enterprise_id AND g.as_of = e.as_of
  WHERE e.workforce > 0
  GROUP BY sector, as_of
),
gl AS (
  SELECT enterprise_id, grievance_id, minMerge(first_day) AS first_day, minIfMerge(closed_day) AS closed_day
  FROM ${db}.grievance_lifecycle
  GROUP BY enterprise_id, grievance_id
  HAVING first_day <= {max_day:Date} - 30 AND first_day > {min_day:Date} - 366
),
unres AS (
  SELECT enterprise_id, as_of, countIf(closed_day = toDate(0) OR closed_day > as_of) AS unresolved_30
  FROM gl CROSS JOIN dates
  WHERE first_day <= as_of - 30 AND first_day > as_of - 365
  GROUP BY enterprise_id, as_of
),
wa_day AS (
  SELECT enterprise_id, period, day, known_day, maxMerge(reported) AS rep,
    argMaxMerge(amount_owed_vnd) AS amount, argMaxMerge(workers_affected) AS workers, argMaxMerge(status) AS status
  FROM ${db}.wage_arrears_daily
  WHERE known_day <= {max_day:Date} AND period >= addMonths(toStartOfMonth({min_day:Date}), -24)
  GROUP BY enterprise_id, period, day, known_day
),
wa_pos AS (
  SELECT enterprise_id, as_of, period,
    argMax(amount, rep) AS amount_now, argMax(status, rep) AS status_now, argMax(workers, rep) AS workers_now,
    argMaxIf(amount, rep, known_day <= as_of - 90) AS amount_then, argMaxIf(status, rep, known_day <= as_of - 90) AS status_then,
    countIf(known_day <= as_of - 90) > 0 AS known_then
  FROM wa_day CROSS JOIN dates
  WHERE known_day <= as_of AND period >= addMonths(toStartOfMonth(as_of), -24)
  GROUP BY enterprise_id, as_of, period
),
wa AS (
  SELECT enterprise_id, as_of,
    sumIf(amount_now, status_now != 'paid') AS wa_outstanding,
    countIf(status_now != 'paid' AND amount_now > 0) AS wa_periods,
    maxIf(workers_now, status_now != 'paid' AND amount_now > 0) AS wa_workers,
    sumIf(amount_then, known_then AND status_then != 'paid') AS wa_outstanding_then
  FROM wa_pos
  GROUP BY enterprise_id, as_of
),
ins_day AS (
  SELECT enterprise_id, period, scheme, day, known_day, maxMerge(reported) AS rep,
    argMaxMerge(amount_due_vnd) AS due, argMaxMerge(amount_paid_vnd) AS paid
  FROM ${db}.insurance_daily
  WHERE known_day <= {max_day:Date} AND period >= addMonths(toStartOfMonth({min_day:Date}), -60)
  GROUP BY enterprise_id, period, scheme, day, known_day
),
ins_pos AS (
  SELECT enterprise_id, as_of, period, scheme, argMax(due, rep) AS due, argMax(paid, rep) AS paid
  FROM ins_day CROSS JOIN dates
  WHERE known_day <= as_of AND period >= addMonths(toStartOfMonth(as_of), -60)
  GROUP BY enterprise_id, as_of, period, scheme
),
ins_month AS (
  SELECT enterprise_id, as_of, period, toFloat64(sum(due)) AS due, toFloat64(sum(paid)) AS paid
  FROM ins_pos
  GROUP BY enterprise_id, as_of, period
),
ins AS (
  SELECT enterprise_id, as_of,
    arraySort(x -> x.1, groupArray((period, due, paid))) AS seq,
    arrayCumSum(arrayMap(x -> x.2 - x.3, seq)) AS cum,
    length(seq) AS ins_periods,
    seq[ins_periods].1 AS ins_last_period,
    seq[ins_periods].2 AS ins_due_last,
    cum[ins_periods] AS ins_arrears,
    if(ins_periods > 3, cum[ins_periods - 3], 0) AS ins_arrears_then,
    arrayLastIndex((c, x) -> c <= x.2 * 0.01, cum, seq) AS last_clear,
    arrayCount((x, i) -> i > last_clear AND x.3 < x.2 * 0.99, seq, arrayEnumerate(seq)) AS ins_spell_months
  FROM ins_month
  GROUP BY enterprise_id, as_of
),
uf_day AS (
  SELECT enterprise_id, period, day, known_day, maxMerge(reported) AS rep,
    argMaxMerge(amount_due_vnd) AS due, argMaxMerge(amount_paid_vnd) AS paid,
    argMaxMerge(relief_kind) AS relief_kind, argMaxMerge(relief_to) AS relief_to
  FROM ${db}.union_fee_daily
  WHERE known_day <= {max_day:Date} AND period >= addMonths(toStartOfMonth({min_day:Date}), -24)
  GROUP BY enterprise_id, period, day, known_day
),
uf_pos AS (
  -- each month's latest position known by as_of; in arrears when more than 1 % is outstanding and no
  -- deferral covering it still runs in as_of's month (the rule of union_fees_monthly, as of as_of)
  SELECT enterprise_id, as_of, period, toFloat64(argMax(due, rep)) AS due, toFloat64(argMax(paid, rep)) AS paid,
    argMax(relief_kind, rep) = 'deferral' AND argMax(relief_to, rep) > toDate(0) AND toStartOfMonth(as_of) <= argMax(relief_to, rep) AS deferred
  FROM uf_day CROSS JOIN dates
  WHERE known_day <= as_of AND period >= addMonths(toStartOfMonth(as_of), -24) AND period < toStartOfMonth(as_of)
  GROUP BY enterprise_id, as_of, period
),
uf AS (
  SELECT enterprise_id, as_of,
    countIf(due - paid > 0.01 * due AND NOT deferred) AS uf_months,
    sumIf(greatest(due - paid, 0), due - paid > 0.01 * due AND NOT deferred) AS uf_arrears,
    argMax(due, period) AS uf_due_last
  FROM uf_pos
  GROUP BY enterprise_id, as_of
),
inc_day AS (
  SELECT enterprise_id, started_day, known_day, incidents
  FROM ${db}.incident_daily
  WHERE known_day <= {max_day:Date} AND started_day > {min_day:Date} - 366
),
inc AS (
  -- distinct incident_ids known by as_of: a correction reported later is the same incident
  SELECT enterprise_id, as_of,
    uniqExactMerge(incidents) AS past_365,
    uniqExactMergeIf(incidents, started_day > as_of - 90) AS recent_90
  FROM inc_day CROSS JOIN dates
  WHERE known_day <= as_of AND started_day <= as_of AND started_day > as_of - 365
  GROUP BY enterprise_id, as_of
),
nearby AS (
  SELECT e.area_code AS area_code, e.sector AS sector, e.as_of AS as_of, sum(i.recent_90) AS area_sector_90
  FROM inc AS i INNER JOIN ent AS e ON e.enterprise_id = i.enterprise_id AND e.as_of = i.as_of
  GROUP BY area_code, sector, as_of
)
SELECT
  e.enterprise_id AS enterprise_id, toString(e.as_of) AS as_of, toString(e.area_code) AS area_code,
  toString(e.sector) AS sector, toString(e.ownership) AS ownership, e.workforce AS workforce, e.has_union AS has_union,
  toString(e.first_day) AS first_day,
  g.g30 AS g30, g.g90 AS g90, g.g_base AS g_base, g.g90_pay AS g90_pay, g.g90_collective AS g90_collective,
  u.unresolved_30 AS unresolved_30, sr.sector_rate AS sector_rate,
  w.wa_outstanding AS wa_outstanding, w.wa_periods AS wa_periods, w.wa_workers AS wa_workers,
  w.wa_outstanding_then AS wa_outstanding_then,
  ins.ins_periods AS ins_periods, toString(ins.ins_last_period) AS ins_last_period, ins.ins_due_last AS ins_due_last,
  ins.ins_arrears AS ins_arrears, ins.ins_arrears_then AS ins_arrears_then, ins.ins_spell_months AS ins_spell_months,
  uf.uf_months AS uf_months, uf.uf_arrears AS uf_arrears, uf.uf_due_last AS uf_due_last,
  i.past_365 AS past_365, toInt64(nb.area_sector_90) - toInt64(i.recent_90) AS nearby_90
FROM ent AS e
LEFT JOIN g ON g.enterprise_id = e.enterprise_id AND g.as_of = e.as_of
LEFT JOIN unres AS u ON u.enterprise_id = e.enterprise_id AND u.as_of = e.as_of
LEFT JOIN sector_rate AS sr ON sr.sector = e.sector AND sr.as_of = e.as_of
LEFT JOIN wa AS w ON w.enterprise_id = e.enterprise_id AND w.as_of = e.as_of
LEFT JOIN ins ON ins.enterprise_id = e.enterprise_id AND ins.as_of = e.as_of
LEFT JOIN uf ON uf.enterprise_id = e.enterprise_id AND uf.as_of = e.as_of
LEFT JOIN inc AS i ON i.enterprise_id = e.enterprise_id AND i.as_of = e.as_of
LEFT JOIN nearby AS nb ON nb.area_code = e.area_code AND nb.sector = e.sector AND nb.as_of = e.as_of
WHERE e.workforce > 0 AND (empty({ids:Array(String)}) OR e.enterprise_id IN {ids:Array(String)})
ORDER BY as_of, enterprise_id
SETTINGS join_use_nulls = 0`;
}
