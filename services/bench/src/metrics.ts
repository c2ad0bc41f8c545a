// Reading a service's own Prometheus metrics (its /metrics page) around a measurement.
import { histogramTotals } from "./stats.ts";

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
