// Benchmark data: insurance-contribution events of the simulated province (the stream with most
// events, over 80 % of a simulated year). More enterprises, and further seeds, when more are asked for.
import { worldEvents } from "@lrew/simulator";

export const BENCH_STREAM = "insurance-contributions" as const;

export interface BenchEvent {
  key: string;
  json: string;
}

/** The first `n` insurance-contribution events of simulated provinces, as their JSON lines. */
export function benchEvents(n: number, seed = 1): BenchEvent[] {
  const out: BenchEvent[] = [];
  // The default province (1,500 enterprises, one year) yields about 37,000 of them.
  const enterprises = Math.min(20_000, Math.max(200, Math.ceil((n / 30_000) * 1500)));
  for (let s = seed; out.length < n; s++) {
    for (const r of worldEvents({ seed: s, enterprises })) {
      if (r.stream !== BENCH_STREAM || r.duplicate) continue;
      out.push({ key: (r.event as { enterprise_id: string }).enterprise_id, json: r.json });
      if (out.length >= n) break;
    }
  }
  return out;
}
