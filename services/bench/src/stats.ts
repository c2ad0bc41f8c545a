// Pure figures: percentiles of latencies, rates, and the ProducerPerformance summary line.

/** The p-th percentile (0–100) of `values` by nearest rank; NaN for no values. Does not modify `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be 0-100, got ${p}`);
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Events per second; NaN when no time passed. */
export function ratePerSecond(events: number, ms: number): number {
  return ms > 0 ? (events * 1000) / ms : Number.NaN;
}

/** One of ProducerPerformance's progress lines (one every 5 s): records sent in that window and their rate. */
export interface ProducerPerfWindow {
  records: number;
  recordsPerSec: number;
}

export interface ProducerPerfSummary {
  /** The progress windows, in order; the summary's figures cover the whole run. */
  windows: ProducerPerfWindow[];
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
}

const SUMMARY =
  /(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th/;
const WINDOW = /^(\d+) records sent, ([\d.]+) records\/sec \([\d.]+ MB\/sec\), [\d.]+ ms avg latency, [\d.]+ ms max latency\.$/;

/**
 * The final summary line of `org.apache.kafka.tools.ProducerPerformance` (its latencies are per
 * record, from send to acknowledgement); undefined when the output has none.
 */
export function parseProducerPerformance(output: string): ProducerPerfSummary | undefined {
  const lines = output.split(/\r?\n/).filter((l) => SUMMARY.test(l));
  const m = lines.length ? SUMMARY.exec(lines.at(-1)!) : null;
  if (!m) return undefined;
  const n = (i: number) => Number(m[i]);
  const windows = output
    .split(/\r?\n/)
    .map((l) => WINDOW.exec(l.trim()))
    .filter((w): w is RegExpExecArray => w !== null)
    .map((w) => ({ records: Number(w[1]), recordsPerSec: Number(w[2]) }));
  return {
    windows,
    records: n(1),
    recordsPerSec: n(2),
    mbPerSec: n(3),
    avgLatencyMs: n(4),
    maxLatencyMs: n(5),
    p50Ms: n(6),
    p95Ms: n(7),
    p99Ms: n(8),
    p999Ms: n(9),
  };
}

/**
 * Pure: the rate once started, from ProducerPerformance's progress windows: every window but the
 * first (JVM start, connections, metadata, an unfilled pipeline); undefined when fewer than two
 * windows are left, i.e. the run was too short to be measured warm.
 */
export function steadyRate(
  windows: readonly ProducerPerfWindow[],
): { recordsPerSec: number; records: number; seconds: number } | undefined {
  const warm = windows.slice(1).filter((w) => w.recordsPerSec > 0);
  if (warm.length < 2) return undefined;
  const records = warm.reduce((s, w) => s + w.records, 0);
  const seconds = warm.reduce((s, w) => s + w.records / w.recordsPerSec, 0);
  return { recordsPerSec: records / seconds, records, seconds };
}

/**
 * Pure: the `_sum` and `_count` of a Prometheus histogram over all its label sets, from the text
 * format of a /metrics endpoint (0 and 0 when absent); only label sets with all of `labels` when given.
 */
export function histogramTotals(metricsText: string, name: string, labels: Record<string, string> = {}): { sum: number; count: number } {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  let sum = 0;
  let count = 0;
  for (const line of metricsText.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([A-Za-z_:][\w:]*)(?:\{([^}]*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const have = (m[2] ?? "").split(",");
    if (!wanted.every((w) => have.includes(w))) continue;
    if (m[1] === `${name}_sum`) sum += Number(m[3]);
    else if (m[1] === `${name}_count`) count += Number(m[3]);
  }
  return { sum, count };
}

/**
 * Pure: how time grows with size between consecutive measurements (sorted by size): for each step,
 * the size factor, the time factor and the exponent k of time ∝ size^k (1 = linear).
 */
export function growthSteps(
  points: ReadonlyArray<{ size: number; ms: number }>,
): Array<{ from: number; to: number; sizeFactor: number; timeFactor: number; exponent: number }> {
  const sorted = [...points].sort((a, b) => a.size - b.size);
  const out = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    const sizeFactor = b.size / a.size;
    const timeFactor = b.ms / a.ms;
    out.push({ from: a.size, to: b.size, sizeFactor, timeFactor, exponent: Math.log(timeFactor) / Math.log(sizeFactor) });
  }
  return out;
}

/** Pure: a gauge's value in the text format of a /metrics endpoint (NaN when absent). */
export function gaugeValue(metricsText: string, name: string): number {
  for (const line of metricsText.split("\n")) {
    const m = /^([A-Za-z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (m?.[1] === name) return Number(m[2]);
  }
  return Number.NaN;
}

/** Pure: per event, `done[event] − accepted[request of the event]` for events in requests of `batchSize`, in event order. */
export function latenciesPerEvent(
  eventIds: readonly string[],
  batchSize: number,
  acceptedAtMs: readonly number[],
  doneAtMs: ReadonlyMap<string, number>,
): number[] {
  const out: number[] = [];
  eventIds.forEach((id, i) => {
    const done = doneAtMs.get(id);
    const accepted = acceptedAtMs[Math.floor(i / batchSize)];
    if (done !== undefined && accepted !== undefined && Number.isFinite(accepted)) out.push(done - accepted);
  });
  return out;
}
