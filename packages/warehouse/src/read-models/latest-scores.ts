// Each enterprise's latest completed score, as the scores_latest view defines it (latest as_of,
// then latest scored_at, completed runs only), computed with a hash aggregation (argMax) instead of
// the view's two sorts: on 100,000 enterprises × many runs the sorts dominate every list page.
// Only the columns lists need; the enterprise page (one enterprise) reads the view itself.
// services/web's app.int.test.ts checks that both give the same rows.
export const LATEST_SCORES = `(
  SELECT e_id AS enterprise_id, argMax(s, k) AS score, argMax(l, k) AS level, argMax(pl, k) AS previous_level, max(d) AS as_of
  FROM (
    SELECT enterprise_id AS e_id, score AS s, level AS l, previous_level AS pl, as_of AS d, (as_of, scored_at) AS k
    FROM {{db}}.scores
    WHERE run_id IN (SELECT run_id FROM {{db}}.scoring_runs FINAL WHERE status = 'completed')
  )
  GROUP BY e_id
)`;
