// Reading a service's own Prometheus metrics (its /metrics page) around a measurement.
import { gaugeValue, histogramTotals } from "./stats.ts";

/** prom-client's event-loop delay gauges (perf_hooks.monitorEventLoopDelay): the largest delay and the 99th percentile since the previous scrape of /metrics. */
export const EVENT_LOOP_MAX = "lrew_process_nodejs_eventloop_lag_max_seconds";
export const EVENT_LOOP_P99 = "lrew_process_nodejs_eventloop_lag_p99_seconds";
/** Its sampling interval (prom-client's eventLoopMonitoringPrecision): every reading includes it. */
const EVENT_LOOP_RESOLUTION_MS = 10;

/** Pure: how long the event loop was held (ms) by a reading of one of those gauges (seconds, sampling interval included). */
export function eventLoopDelayMs(metricsText: string, gauge: string): number {
  return Math.max(0, 1000 * gaugeValue(metricsText, gauge) - EVENT_LOOP_RESOLUTION_MS);
}

export async function scrape(url: string): Promise<string> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return r.ok ? await r.text() : "";
  } catch {
    return "";
  }
}

/** Mean seconds per observation of a histogram between two scrapes of /metrics. */
export function meanBetween(
  before: string,
  after: string,
  name: string,
  labels: Record<string, string> = {},
): { meanMs: number; count: number; sumMs: number } {
  const a = histogramTotals(before, name, labels);
  const b = histogramTotals(after, name, labels);
  const count = b.count - a.count;
  const sumMs = (b.sum - a.sum) * 1000;
  return { meanMs: count > 0 ? sumMs / count : Number.NaN, count, sumMs };
}
