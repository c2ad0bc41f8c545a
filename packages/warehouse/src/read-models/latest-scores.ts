// Each enterprise's latest completed score, as the scores_latest view defines it (latest as_of,
// then latest scored_at, completed runs only), read from the latest-state table scores_current
// (migration 0130: one row per enterprise, kept by the scoring runs) instead of aggregating every
// score row of every completed run on each request. Only the columns lists need; the enterprise
// page (one enterprise) reads the view itself. services/web's app.int.test.ts checks that both give
// the same rows.
export const LATEST_SCORES = `(
  SELECT enterprise_id, score, level, previous_level, as_of FROM {{db}}.scores_current FINAL
)`;

/**
 * The same, computed on each request from every completed score row: what lists read before
 * scores_current, kept as the reference of `./lrew bench pages` (services/web/src/page-timings.ts).
 */
export const LATEST_SCORES_AGGREGATED = `(
  SELECT e_id AS enterprise_id, argMax(s, k) AS score, argMax(l, k) AS level, argMax(pl, k) AS previous_level, max(d) AS as_of
  FROM (
    SELECT enterprise_id AS e_id, score AS s, level AS l, previous_level AS pl, as_of AS d, (as_of, scored_at) AS k
    FROM {{db}}.scores
    WHERE run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
  )
  GROUP BY e_id
)`;

/** Each enterprise's latest registry entry, from the latest-state table enterprises_current (migration 0130). */
export const CURRENT_ENTERPRISES = `(SELECT * FROM {{db}}.enterprises_current FINAL)`;
