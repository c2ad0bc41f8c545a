// @lrew/scoring-offline: what is done to the model away from the live pipeline: fitting (fit,
// logistic, dataset, labels), backtests against two baselines and the oracle through the one alert policy, reports and charts, several seeds
// pooled, and loading simulated provinces straight into the warehouse. The live part is @lrew/scoring.
export { defaultFitWindow, fitModel, type FitOptions } from "./fit.ts";
export { backtest, evaluateBacktest, replaySeries, type BacktestOptions, type BacktestReport } from "./backtest.ts";
export { renderBacktestMarkdown, writeBacktestCharts } from "./report.ts";
export { loadSimulatedWorld, type LoadedWorld } from "./sim-load.ts";
export { poolBacktests, parseSeeds, type PooledReport } from "./pooled.ts";
export { renderPooledMarkdown, writePooledReport } from "./pooled-report.ts";
export { backtestSimulatedSeeds, fitSeedsOf, selectionSeedsOf, simulatorSeed, type SimulatedSeed } from "./multi-seed.ts";
export { runAlertPolicy, policyThresholds, type PolicyRun } from "./alert-policy.ts";
export { hazardsOf, likeForLike, seedMethods, METHODS, type LikeForLikeReport, type SeedMethods } from "./like-for-like.ts";
export { evaluateLikeForLike, renderLikeForLikeMarkdown, writeLikeForLike, type FullLikeForLike } from "./like-for-like-report.ts";
