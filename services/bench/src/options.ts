// The bench's options: which suites run and how much load each offers, with the defaults and the
// checks (pure).
import { ConfigError } from "@lrew/errors";

export const SUITES = ["all", "ingest", "sink", "memory", "e2e", "scoring"] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchOptions {
  /** Default "all": ingest, sink, memory, e2e and scoring. */
  suite?: string;
  /** The lrew checkout: services, infra/kafka, .tools/kafka-4.1.1. */
  root: string;
  /** Parent of the run's temporary directory (broker data, LREW_HOMEs, ClickHouse); default the OS temp dir. Removed at the end. */
  home?: string;
  /** Where the JSON and Markdown results go; default `<root>/bench/results`. */
  out?: string;
  onProgress?: (msg: string) => void;
  /** Records per batch size in the ingest suite (default 20,000). */
  ingestRecords?: number;
  /** Records per HTTP request (default 1, 100, 1,000). */
  batchSizes?: number[];
  /** Requests in flight from the load generator (default 8). */
  concurrency?: number;
  /** Events pre-filled for the sink suite (default 100,000). */
  sinkEvents?: number;
  /** Offered load of the e2e suite in events per second (default 200), for e2eSeconds (default 20), e2eBatchSize per request (default 20). */
  e2eRate?: number;
  e2eSeconds?: number;
  e2eBatchSize?: number;
  /** Enterprises of the simulated worlds of the scoring suite, one year each (default 1,000, 10,000 and 100,000). */
  scoringSizes?: number[];
  /** Broker ports (default 19392 and 19393). */
  kafkaPort?: number;
  controllerPort?: number;
  /** Write V8 CPU profiles of the ingest and sink processes here (`node --cpu-prof`): where their time goes. */
  cpuProfileDir?: string;
  /** Keep the run's temporary directory (broker and service logs). */
  keepWorkDir?: boolean;
}

export type ResolvedOptions = Required<
  Pick<
    BenchOptions,
    "ingestRecords" | "batchSizes" | "concurrency" | "sinkEvents" | "scoringSizes" | "e2eRate" | "e2eSeconds" | "e2eBatchSize"
  >
> &
  BenchOptions;

export function parseSuite(s: string | undefined): SuiteName {
  const suite = (s ?? "all") as SuiteName;
  if (!SUITES.includes(suite)) throw new ConfigError(`unknown bench suite ${JSON.stringify(s)}; one of ${SUITES.join(", ")}`);
  return suite;
}

/** The options with their defaults; ConfigError naming the first figure that is not a positive integer. */
export function resolveOptions(options: BenchOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    ingestRecords: 20_000,
    batchSizes: [1, 100, 1000],
    concurrency: 8,
    sinkEvents: 100_000,
    scoringSizes: [1000, 10_000, 100_000],
    e2eRate: 200,
    e2eSeconds: 20,
    e2eBatchSize: 20,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as ResolvedOptions;
  for (const [k, v] of Object.entries({
    ingestRecords: o.ingestRecords,
    concurrency: o.concurrency,
    sinkEvents: o.sinkEvents,
    e2eRate: o.e2eRate,
    e2eSeconds: o.e2eSeconds,
    e2eBatchSize: o.e2eBatchSize,
  })) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`bench ${k} must be a positive integer, got ${v}`);
  }
  if (!o.scoringSizes.length || o.scoringSizes.some((b) => !Number.isInteger(b) || b < 1))
    throw new ConfigError("bench scoring sizes must be positive integers");
  if (!o.batchSizes.length || o.batchSizes.some((b) => !Number.isInteger(b) || b < 1))
    throw new ConfigError("bench batch sizes must be positive integers");
  return o;
}
