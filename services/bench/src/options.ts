// The bench's options: which suites run and how much load each offers, with the defaults and the
// checks (pure).
import { ConfigError } from "@lrew/errors";

export const SUITES = ["all", "ingest", "sink", "memory", "e2e", "scoring", "pages"] as const;
export type SuiteName = (typeof SUITES)[number];

export interface BenchOptions {
  /** Default "all": ingest, sink, memory, e2e, scoring and pages. */
  suite?: string;
  /** The lrew checkout: services, infra/kafka, .tools/kafka-4.1.1. */
  root: string;
  /** Parent of the run's temporary directory (broker data, LREW_HOMEs, ClickHouse); default the OS temp dir. Removed at the end. */
  home?: string;
  /** Where the JSON and Markdown results go; default `<root>/bench/results`. */
  out?: string;
  onProgress?: (msg: string) => void;
  /** Records each ProducerPerformance reference sends (default 1,500,000: long enough to be measured once warmed up). */
  referenceRecords?: number;
  /** Simulated events of the ingest suite: the HTTP loads' bodies, taken round and round, and ProducerPerformance's payloads (default 20,000). */
  ingestRecords?: number;
  /** Seconds each HTTP load is measured, after 2 s of warm-up (default 10). */
  ingestSeconds?: number;
  /** The HTTP loads: records per request and requests in flight (default 1×8, 1×64, 100×8, 1,000×8). */
  ingestLoads?: IngestLoad[];
  /** The careless provider of the abuse scenario: bodies of invalid records posted back to back (default 20 of 10,000). */
  abuseBodies?: number;
  abuseRecords?: number;
  /** The other provider of the abuse scenario: single valid events per second (default 50), alone for abuseUnloadedSeconds first (default 10). */
  abuseRate?: number;
  abuseUnloadedSeconds?: number;
  /** Events pre-filled for the sink suite (default 300,000). */
  sinkEvents?: number;
  /** Offered load of the e2e suite in events per second (default 200), for e2eSeconds (default 20), e2eBatchSize per request (default 20). */
  e2eRate?: number;
  e2eSeconds?: number;
  e2eBatchSize?: number;
  /** Enterprises of the simulated worlds of the scoring suite, one year each (default 1,000, 10,000 and 100,000). */
  scoringSizes?: number[];
  /**
   * The dense world of the scoring suite (default 10,000 enterprises, each insurance report and
   * grievance 10 times a day): where the daily aggregates fold many events into one row.
   */
  scoringDense?: { enterprises: number; perDay: number };
  /** The province of the pages suite (default 100,000 enterprises × 180 days). */
  pagesWorld?: { enterprises: number; days: number };
  /** Broker ports (default 19392 and 19393). */
  kafkaPort?: number;
  controllerPort?: number;
  /** Write V8 CPU profiles of the ingest and sink processes here (`node --cpu-prof`): where their time goes. */
  cpuProfileDir?: string;
  /** Keep the run's temporary directory (broker and service logs). */
  keepWorkDir?: boolean;
  /** Also write the run's JSON to bench/baselines/ and regenerate the README's figures (see figures.ts). */
  accept?: boolean;
}

export interface IngestLoad {
  batchSize: number;
  concurrency: number;
}

export type ResolvedOptions = Required<
  Pick<
    BenchOptions,
    | "referenceRecords"
    | "ingestRecords"
    | "ingestSeconds"
    | "ingestLoads"
    | "abuseBodies"
    | "abuseRecords"
    | "abuseRate"
    | "abuseUnloadedSeconds"
    | "sinkEvents"
    | "scoringSizes"
    | "scoringDense"
    | "pagesWorld"
    | "e2eRate"
    | "e2eSeconds"
    | "e2eBatchSize"
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
    referenceRecords: 1_500_000,
    ingestRecords: 20_000,
    ingestSeconds: 10,
    ingestLoads: [
      { batchSize: 1, concurrency: 8 },
      { batchSize: 1, concurrency: 64 },
      { batchSize: 100, concurrency: 8 },
      { batchSize: 1000, concurrency: 8 },
    ],
    abuseBodies: 20,
    abuseRecords: 10_000,
    abuseRate: 50,
    abuseUnloadedSeconds: 10,
    sinkEvents: 300_000,
    scoringSizes: [1000, 10_000, 100_000],
    scoringDense: { enterprises: 10_000, perDay: 10 },
    pagesWorld: { enterprises: 100_000, days: 180 },
    e2eRate: 200,
    e2eSeconds: 20,
    e2eBatchSize: 20,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as ResolvedOptions;
  for (const [k, v] of Object.entries({
    referenceRecords: o.referenceRecords,
    ingestRecords: o.ingestRecords,
    ingestSeconds: o.ingestSeconds,
    abuseBodies: o.abuseBodies,
    abuseRecords: o.abuseRecords,
    abuseRate: o.abuseRate,
    abuseUnloadedSeconds: o.abuseUnloadedSeconds,
    sinkEvents: o.sinkEvents,
    e2eRate: o.e2eRate,
    e2eSeconds: o.e2eSeconds,
    e2eBatchSize: o.e2eBatchSize,
    denseEnterprises: o.scoringDense.enterprises,
    densePerDay: o.scoringDense.perDay,
    pagesEnterprises: o.pagesWorld.enterprises,
    pagesDays: o.pagesWorld.days,
  })) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`bench ${k} must be a positive integer, got ${v}`);
  }
  if (!o.scoringSizes.length || o.scoringSizes.some((b) => !Number.isInteger(b) || b < 1))
    throw new ConfigError("bench scoring sizes must be positive integers");
  if (
    !o.ingestLoads.length ||
    o.ingestLoads.some((l) => !Number.isInteger(l.batchSize) || l.batchSize < 1 || !Number.isInteger(l.concurrency) || l.concurrency < 1)
  )
    throw new ConfigError("bench ingest loads need positive integer batch sizes and requests in flight");
  return o;
}
