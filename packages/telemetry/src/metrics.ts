// One Prometheus registry per process; every service registers its metrics here and the
// /metrics endpoints render it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "lrew_process_" });

function existing<T>(name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

export function counter(name: string, help: string, labelNames: readonly string[] = []): Counter<string> {
  return existing<Counter<string>>(name) ?? new Counter({ name, help, labelNames: [...labelNames], registers: [registry] });
}

export function gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge<string> {
  return existing<Gauge<string>>(name) ?? new Gauge({ name, help, labelNames: [...labelNames], registers: [registry] });
}

export function histogram(
  name: string,
  help: string,
  labelNames: readonly string[] = [],
  buckets: number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
): Histogram<string> {
  return existing<Histogram<string>>(name) ?? new Histogram({ name, help, labelNames: [...labelNames], buckets, registers: [registry] });
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
