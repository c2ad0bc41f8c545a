// Configuration of every lrew process, read from the environment once at start and validated
// with zod. Defaults run everything locally: embedded ClickHouse, the local Kafka broker, loopback.
import path from "node:path";
import { z } from "zod";
import { isStreamName } from "@lrew/contracts";
import { ConfigError } from "@lrew/errors";

// 0 asks the OS for any free port (tests use it).
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]).transform((v) => ["1", "true", "yes", "on"].includes(v));

export interface ApiKey {
  /** Shown in logs and metrics instead of the key itself. */
  name: string;
  key: string;
  /** Streams this key may post to; "*" for all. */
  streams: readonly string[] | "*";
}

/**
 * `LREW_API_KEYS`: entries separated by ";", each `name:key` or `name:key:stream,stream`.
 * Example: `bhxh:9f2c…:insurance-contributions;hotline:77ab…:grievances,incidents`.
 */
export function parseApiKeys(spec: string): ApiKey[] {
  const entries = spec
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry, i) => {
    const [name, key, streams] = entry.split(":");
    if (!name || !key) throw new ConfigError(`LREW_API_KEYS entry ${i + 1}: expected name:key[:stream,stream]`);
    if (key.length < 16) throw new ConfigError(`LREW_API_KEYS entry ${i + 1} (${name}): key must be at least 16 characters`);
    if (!streams || streams === "*") return { name, key, streams: "*" };
    const list = streams.split(",").map((s) => s.trim());
    const unknown = list.filter((s) => !isStreamName(s));
    if (unknown.length) throw new ConfigError(`LREW_API_KEYS entry ${i + 1} (${name}): unknown stream ${unknown.join(", ")}`);
    return { name, key, streams: list };
  });
}

/** A token that names its holder: shown in logs by name, never the token itself. */
export interface NamedToken {
  /** Staff member, analyst or role the token belongs to. */
  name: string;
  token: string;
}

export type DashboardToken = NamedToken;
export type AnalystToken = NamedToken;

/**
 * `LREW_DASHBOARD_TOKENS` / `LREW_ANALYST_TOKENS`: entries separated by ";", each `name:token` (token at
 * least 16 characters; it may contain colons). Example: `tinh-uy:8c1f…;ldld-dien-bien:3be2…`.
 */
function parseNamedTokens(variable: string, spec: string): NamedToken[] {
  const entries = spec
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
  const seen = new Set<string>();
  return entries.map((entry, i) => {
    const colon = entry.indexOf(":");
    const name = colon > 0 ? entry.slice(0, colon).trim() : "";
    const token = colon > 0 ? entry.slice(colon + 1).trim() : "";
    if (!name || !token) throw new ConfigError(`${variable} entry ${i + 1}: expected name:token`);
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new ConfigError(`${variable} entry ${i + 1}: name may hold A-Z a-z 0-9 . _ - only`);
    if (token.length < 16) throw new ConfigError(`${variable} entry ${i + 1} (${name}): token must be at least 16 characters`);
    if (seen.has(name)) throw new ConfigError(`${variable} entry ${i + 1}: name ${name} given twice`);
    seen.add(name);
    return { name, token };
  });
}

export const parseDashboardTokens = (spec: string): DashboardToken[] => parseNamedTokens("LREW_DASHBOARD_TOKENS", spec);
export const parseAnalystTokens = (spec: string): AnalystToken[] => parseNamedTokens("LREW_ANALYST_TOKENS", spec);

/**
 * The follow-up capacity: how many enterprises may be open at high or critical at once for one
 * responsible union unit, or for one area where no unit's capacity is set. `overrides` is keyed by
 * union unit id or area code.
 */
export interface FollowUpCapacity {
  default: number;
  overrides: ReadonlyMap<string, number>;
}

/**
 * `LREW_FOLLOW_UP_CAPACITY_OVERRIDES`: entries separated by ";", each `key=number`, the key a union
 * unit id or an area code. Example: `cd-xa-tuan-giao=8;DB-DBP=12`.
 */
export function parseCapacityOverrides(spec: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [i, entry] of spec
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .entries()) {
    const eq = entry.indexOf("=");
    const key = eq > 0 ? entry.slice(0, eq).trim() : "";
    const value = eq > 0 ? Number(entry.slice(eq + 1).trim()) : Number.NaN;
    if (!key || !Number.isInteger(value) || value < 1 || value > 1000) {
      throw new ConfigError(`LREW_FOLLOW_UP_CAPACITY_OVERRIDES entry ${i + 1}: expected key=number (1–1000), e.g. DB-DBP=12`);
    }
    if (out.has(key)) throw new ConfigError(`LREW_FOLLOW_UP_CAPACITY_OVERRIDES entry ${i + 1}: ${key} given twice`);
    out.set(key, value);
  }
  return out;
}

/** The capacity of one office: its unit's override, else its area's, else the default. Pure. */
export function followUpCapacityOf(c: FollowUpCapacity, keys: { unitId?: string | undefined; areaCode?: string | undefined }): number {
  return (
    (keys.unitId !== undefined ? c.overrides.get(keys.unitId) : undefined) ??
    (keys.areaCode !== undefined ? c.overrides.get(keys.areaCode) : undefined) ??
    c.default
  );
}

/**
 * The capacity of each capacity group of the alert policy (@lrew/risk capacityGroupOf): a group is the
 * union unit responsible for its enterprises, or an area where no unit is known, so an override keyed
 * by either applies; else the default. What the policy and the dashboard count open high + critical
 * enterprises against. Pure.
 */
export function groupCapacity(c: FollowUpCapacity): (group: string) => number {
  return (group) => followUpCapacityOf(c, { unitId: group, areaCode: group });
}

/** Limits ClickHouse enforces on every analyst query (overflow mode: throw). */
export interface AnalystLimits {
  maxExecutionSeconds: number;
  maxRowsToRead: number;
  maxResultRows: number;
  maxMemoryBytes: number;
  maxThreads: number;
}

/** Every variable `parseConfig` reads; what each one means is in variables.ts beside it. */
export const envSchema = z.object({
  LREW_HOME: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  KAFKA_BROKERS: z.string().optional(),
  LREW_KAFKA_PORT: port.default(9092),
  KAFKA_CLIENT_ID: z.string().default("lrew"),
  LREW_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default("lrew"),
  LREW_KAFKA_PARTITIONS: positiveInt.default(3),
  LREW_KAFKA_REPLICATION: positiveInt.default(1),

  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default("default"),
  CLICKHOUSE_PASSWORD: z.string().default(""),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .default("lrew"),
  CLICKHOUSE_CLUSTER: z.string().optional(),
  LREW_SUMMARY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),

  LREW_INGEST_HOST: z.string().default("127.0.0.1"),
  LREW_INGEST_PORT: port.default(8081),
  LREW_INGEST_MAX_BODY_BYTES: positiveInt.default(5 * 1024 * 1024),
  LREW_INGEST_MAX_RECORDS: positiveInt.default(10_000),
  LREW_INGEST_RATE_LIMIT: positiveInt.default(600),
  LREW_INGEST_RATE_WINDOW_MS: positiveInt.default(60_000),
  // A client slower than this is cut off (slowloris): headers, and the whole request with its body.
  LREW_INGEST_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LREW_INGEST_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  LREW_API_KEYS: z.string().optional(),
  LREW_HMAC_KEY: z.string().min(32).optional(),
  LREW_HMAC_RETIRED_KEYS: z.string().optional(),

  LREW_SINK_GROUP: z.string().default("lrew-sink"),
  LREW_SINK_BATCH_ROWS: positiveInt.default(20_000),
  LREW_SINK_BATCH_MS: positiveInt.default(1000),
  LREW_SINK_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
  LREW_SINK_HOST: z.string().default("127.0.0.1"),
  LREW_SINK_PORT: port.default(8082),

  LREW_SCORER_FREQUENT: z.string().default("*/15 * * * *"),
  LREW_SCORER_NIGHTLY: z.string().default("30 1 * * *"),
  LREW_MODEL_FILE: z.string().optional(),
  LREW_ALERT_COOLDOWN_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  LREW_ALERT_MATERIAL_RISE: z.coerce.number().min(0).max(10).default(0.5),
  LREW_ALERT_MIN_SIGNAL: z.coerce.number().min(0).max(10).default(0.2),
  LREW_SILENT_AFTER_DAYS: z.coerce.number().int().min(30).max(3650).default(183),
  LREW_FOLLOW_UP_DISPLACEMENT: z.coerce.number().min(1).max(100).default(1.25),
  LREW_FOLLOW_UP_CAPACITY: z.coerce.number().int().min(1).max(1000).default(5),
  LREW_FOLLOW_UP_CAPACITY_OVERRIDES: z.string().default(""),
  LREW_ALERT_NOTIFY_LOWERED: bool.default(false),
  LREW_DASHBOARD_URL: z.url().default("http://127.0.0.1:8080"),
  LREW_SCORER_HOST: z.string().default("127.0.0.1"),
  LREW_SCORER_PORT: port.default(8083),

  LREW_WEB_HOST: z.string().default("127.0.0.1"),
  LREW_WEB_PORT: port.default(8080),
  LREW_DASHBOARD_TOKENS: z.string().optional(),
  LREW_ACCOUNTS_FILE: z.string().optional(),
  LREW_LOGIN_MAX_FAILURES: positiveInt.default(10),
  LREW_LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  LREW_SESSION_HOURS: positiveInt.default(12),

  LREW_ANALYST_TOKENS: z.string().optional(),
  LREW_ANALYST_TOKEN: z.string().optional(),
  LREW_ANALYST_MAX_EXECUTION_SECONDS: positiveInt.default(30),
  LREW_ANALYST_MAX_ROWS_TO_READ: positiveInt.default(100_000_000),
  LREW_ANALYST_MAX_RESULT_ROWS: positiveInt.default(100_000),
  LREW_ANALYST_MAX_MEMORY_BYTES: positiveInt.default(1024 * 1024 * 1024),
  LREW_ANALYST_MAX_THREADS: positiveInt.default(2),
  LREW_ANALYST_CONCURRENCY: positiveInt.default(2),

  LREW_SMTP_HOST: z.string().default("127.0.0.1"),
  LREW_SMTP_PORT: port.default(2525),
  LREW_SMTP_SECURE: bool.default(false),
  LREW_SMTP_USER: z.string().optional(),
  LREW_SMTP_PASSWORD: z.string().optional(),
  LREW_MAIL_FROM: z.string().default('"lrew – Cảnh báo sớm" <canh-bao@lrew.invalid>'),
  LREW_NOTIFY_MAX_ATTEMPTS: positiveInt.default(5),
  LREW_NOTIFY_RETRY_BASE_MS: positiveInt.default(2000),
  LREW_DIGEST_CRON: z.string().default("0 7 * * *"),
  LREW_UNION_UNITS_FILE: z.string().optional(),
  LREW_FEDERATION_UNIT: z.string().min(1).default("LDLD-DB"),
  LREW_NOTIFIER_GROUP: z.string().default("lrew-notifier"),
  LREW_NOTIFIER_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(30_000),
  LREW_NOTIFIER_HOST: z.string().default("127.0.0.1"),
  LREW_NOTIFIER_PORT: port.default(8084),
  LREW_CASE_ACK_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  LREW_CASE_CRITICAL_NO_ACTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  LREW_CASE_LINK_KEY: z.string().min(32).optional(),
  LREW_CASE_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  LREW_MAIL_CAPTURE_HOST: z.string().default("127.0.0.1"),
  LREW_MAIL_CAPTURE_PORT: port.default(8025),

  LREW_DEMO: bool.default(true),
});

export interface LrewConfig {
  root: string;
  home: string;
  logLevel: string;
  kafka: {
    /** True when KAFKA_BROKERS is unset: lrew runs its own single-node broker on loopback. */
    local: boolean;
    localPort: number;
    brokers: string[];
    clientId: string;
    topicPrefix: string;
    partitions: number;
    replicationFactor: number;
  };
  clickhouse: {
    /** Absent: embedded ClickHouse (chDB) with its data under `embeddedPath`. */
    url: string | undefined;
    username: string;
    password: string;
    database: string;
    /** Set for a ClickHouse cluster: migrations use Replicated engines and ON CLUSTER. */
    cluster: string | undefined;
    embeddedPath: string;
  };
  /** Storage limitation: how long free text is kept (ClickHouse TTL); nothing else expires. */
  retention: {
    /** Days after a grievance's reported_at when its summary is cleared. */
    summaryDays: number;
  };
  ingest: {
    host: string;
    port: number;
    maxBodyBytes: number;
    /** A request with more records than this is answered 413. */
    maxRecords: number;
    rateLimit: number;
    rateWindowMs: number;
    /** A request whose headers are not all in after this long is cut off. */
    headersTimeoutMs: number;
    /** A request (headers and body) not fully received after this long is answered 408 and cut off. */
    requestTimeoutMs: number;
    /** Undefined: use the local key from `$LREW_HOME/api-key`. */
    apiKeys: ApiKey[] | undefined;
    /** Undefined: use the local key from `$LREW_HOME/secrets/hmac-key`. */
    hmacKey: string | undefined;
    /**
     * Keys used before a rotation (LREW_HMAC_RETIRED_KEYS, comma-separated; locally also the lines of
     * `$LREW_HOME/secrets/hmac-retired-keys`): never used to make pseudonyms, only so that an erasure
     * finds the pseudonyms they made.
     */
    hmacRetiredKeys: string[];
  };
  /** host/port: health and metrics of the sink when it runs as its own process. */
  sink: { groupId: string; batchRows: number; batchMs: number; sessionTimeoutMs: number; host: string; port: number };
  alerts: {
    /** Days during which the same level is not alerted again for an enterprise, unless the score rose materially. */
    cooldownDays: number;
    /** Share of the high→critical band that is a material rise (breaks the cooldown; alerts an open enterprise again). */
    materialRise: number;
    /** Logit points a signal factor must contribute to be a reason (none: structure alone, no immediate e-mail). */
    minSignalContribution: number;
    /** Days without an event of any stream after which an enterprise is `silent`. */
    silentAfterDays: number;
    /** A newcomer takes an open enterprise's place only with a score this many times its own. */
    displacementRatio: number;
    notifyLowered: boolean;
    /** Base URL of the dashboard; alerts link to <base>/enterprises/<enterprise_id>. */
    dashboardUrl: string;
    /** How many open high + critical enterprises one office can follow up (see followUpCapacityOf). */
    capacity: FollowUpCapacity;
  };
  scorer: {
    /** Cron (Vietnam time) of the run that scores enterprises with new events. */
    frequent: string;
    /** Cron (Vietnam time) of the run that scores every enterprise. */
    nightly: string;
    /** Undefined: the newest model in $LREW_HOME/models, else the default shipped with lrew. */
    modelFile: string | undefined;
    host: string;
    port: number;
  };
  web: {
    host: string;
    port: number;
    /** Undefined: one local token generated in `$LREW_HOME/dashboard-token`. */
    tokens: DashboardToken[] | undefined;
    /** Staff accounts (name, role, hashed secret), managed by `./lrew accounts`. */
    accountsFile: string;
    /** Failed logins per address, and per account, within the window before 429. */
    loginMaxFailures: number;
    loginWindowMs: number;
    /** How long a session lasts after logging in. */
    sessionMs: number;
  };
  notifier: {
    smtp: {
      host: string;
      port: number;
      /** TLS from the first byte (port 465 style); off: plain, upgraded with STARTTLS when the server offers it. */
      secure: boolean;
      user: string | undefined;
      password: string | undefined;
    };
    /** The From header of every e-mail lrew sends. */
    from: string;
    /** SMTP attempts per e-mail before it is parked (recorded with the error, not retried again). */
    maxAttempts: number;
    /** Wait before the second attempt; doubles for each further one. */
    retryBaseMs: number;
    /** Cron (Vietnam time) of the daily digest to units that take digests. */
    digestCron: string;
    /** JSON list of union units (routing reference data). */
    unionUnitsFile: string;
    /** The federation's unit id: receives what no other unit is responsible for. */
    federationUnitId: string;
    groupId: string;
    sessionTimeoutMs: number;
    /** Health and metrics of a stand-alone notifier. */
    host: string;
    port: number;
  };
  /** Cases: acknowledgement links and escalation. */
  cases: {
    /** A case not acknowledged within this many whole working days escalates. */
    ackWorkingDays: number;
    /** A critical case with no action for this many days escalates. */
    criticalNoActionDays: number;
    /** Undefined: use the local key from `$LREW_HOME/secrets/case-link-key`. */
    linkKey: string | undefined;
    /** How long an e-mail's acknowledgement link works. */
    linkDays: number;
  };
  analytics: {
    /** Undefined: use the local token from `$LREW_HOME/analyst-token`. */
    tokens: AnalystToken[] | undefined;
    /** The token the CLI sends to the query API; undefined: the first configured one. */
    cliToken: string | undefined;
    limits: AnalystLimits;
    /** Analyst queries the query API runs at once; more get 429. */
    concurrency: number;
  };
  /** The local mail catcher of `./lrew start`: its SMTP port is notifier.smtp.port. */
  mailCapture: { host: string; port: number; dir: string };
  demo: boolean;
}

/** Pure: turns an environment into a validated configuration, or throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined>, root: string): LrewConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const home = path.resolve(root, e.LREW_HOME ?? ".lrew");
  const local = e.KAFKA_BROKERS === undefined;
  const brokers = (e.KAFKA_BROKERS ?? `127.0.0.1:${e.LREW_KAFKA_PORT}`)
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new ConfigError("invalid configuration:\n  KAFKA_BROKERS: no broker given");
  return {
    root,
    home,
    logLevel: e.LOG_LEVEL,
    kafka: {
      local,
      localPort: e.LREW_KAFKA_PORT,
      brokers,
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.LREW_TOPIC_PREFIX,
      partitions: e.LREW_KAFKA_PARTITIONS,
      replicationFactor: e.LREW_KAFKA_REPLICATION,
    },
    clickhouse: {
      url: e.CLICKHOUSE_URL,
      username: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      cluster: e.CLICKHOUSE_CLUSTER,
      embeddedPath: path.join(home, "clickhouse"),
    },
    retention: { summaryDays: e.LREW_SUMMARY_RETENTION_DAYS },
    ingest: {
      host: e.LREW_INGEST_HOST,
      port: e.LREW_INGEST_PORT,
      maxBodyBytes: e.LREW_INGEST_MAX_BODY_BYTES,
      maxRecords: e.LREW_INGEST_MAX_RECORDS,
      rateLimit: e.LREW_INGEST_RATE_LIMIT,
      rateWindowMs: e.LREW_INGEST_RATE_WINDOW_MS,
      headersTimeoutMs: Math.min(e.LREW_INGEST_HEADERS_TIMEOUT_MS, e.LREW_INGEST_REQUEST_TIMEOUT_MS),
      requestTimeoutMs: e.LREW_INGEST_REQUEST_TIMEOUT_MS,
      apiKeys: e.LREW_API_KEYS ? parseApiKeys(e.LREW_API_KEYS) : undefined,
      hmacKey: e.LREW_HMAC_KEY,
      hmacRetiredKeys: (e.LREW_HMAC_RETIRED_KEYS ?? "")
        .split(",")
        .map((k) => k.trim())
        .filter((k) => k.length > 0),
    },
    sink: {
      groupId: e.LREW_SINK_GROUP,
      batchRows: e.LREW_SINK_BATCH_ROWS,
      batchMs: e.LREW_SINK_BATCH_MS,
      /** How long the group waits for a silent sink before giving its partitions to another. */
      sessionTimeoutMs: e.LREW_SINK_SESSION_TIMEOUT_MS,
      host: e.LREW_SINK_HOST,
      port: e.LREW_SINK_PORT,
    },
    alerts: {
      cooldownDays: e.LREW_ALERT_COOLDOWN_DAYS,
      materialRise: e.LREW_ALERT_MATERIAL_RISE,
      minSignalContribution: e.LREW_ALERT_MIN_SIGNAL,
      silentAfterDays: e.LREW_SILENT_AFTER_DAYS,
      displacementRatio: e.LREW_FOLLOW_UP_DISPLACEMENT,
      notifyLowered: e.LREW_ALERT_NOTIFY_LOWERED,
      dashboardUrl: e.LREW_DASHBOARD_URL,
      capacity: { default: e.LREW_FOLLOW_UP_CAPACITY, overrides: parseCapacityOverrides(e.LREW_FOLLOW_UP_CAPACITY_OVERRIDES) },
    },
    scorer: {
      frequent: e.LREW_SCORER_FREQUENT,
      nightly: e.LREW_SCORER_NIGHTLY,
      modelFile: e.LREW_MODEL_FILE ? path.resolve(root, e.LREW_MODEL_FILE) : undefined,
      host: e.LREW_SCORER_HOST,
      port: e.LREW_SCORER_PORT,
    },
    web: {
      host: e.LREW_WEB_HOST,
      port: e.LREW_WEB_PORT,
      tokens: e.LREW_DASHBOARD_TOKENS ? parseDashboardTokens(e.LREW_DASHBOARD_TOKENS) : undefined,
      accountsFile: e.LREW_ACCOUNTS_FILE ? path.resolve(root, e.LREW_ACCOUNTS_FILE) : path.join(home, "accounts.json"),
      loginMaxFailures: e.LREW_LOGIN_MAX_FAILURES,
      loginWindowMs: e.LREW_LOGIN_WINDOW_MINUTES * 60_000,
      sessionMs: e.LREW_SESSION_HOURS * 3_600_000,
    },
    notifier: {
      smtp: {
        host: e.LREW_SMTP_HOST,
        port: e.LREW_SMTP_PORT,
        secure: e.LREW_SMTP_SECURE,
        user: e.LREW_SMTP_USER,
        password: e.LREW_SMTP_PASSWORD,
      },
      from: e.LREW_MAIL_FROM,
      maxAttempts: e.LREW_NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: e.LREW_NOTIFY_RETRY_BASE_MS,
      digestCron: e.LREW_DIGEST_CRON,
      unionUnitsFile: e.LREW_UNION_UNITS_FILE
        ? path.resolve(root, e.LREW_UNION_UNITS_FILE)
        : path.join(home, "simulation", "reference", "union-units.json"),
      federationUnitId: e.LREW_FEDERATION_UNIT,
      groupId: e.LREW_NOTIFIER_GROUP,
      sessionTimeoutMs: e.LREW_NOTIFIER_SESSION_TIMEOUT_MS,
      host: e.LREW_NOTIFIER_HOST,
      port: e.LREW_NOTIFIER_PORT,
    },
    cases: {
      ackWorkingDays: e.LREW_CASE_ACK_WORKING_DAYS,
      criticalNoActionDays: e.LREW_CASE_CRITICAL_NO_ACTION_DAYS,
      linkKey: e.LREW_CASE_LINK_KEY,
      linkDays: e.LREW_CASE_LINK_DAYS,
    },
    analytics: {
      tokens: e.LREW_ANALYST_TOKENS ? parseAnalystTokens(e.LREW_ANALYST_TOKENS) : undefined,
      cliToken: e.LREW_ANALYST_TOKEN,
      limits: {
        maxExecutionSeconds: e.LREW_ANALYST_MAX_EXECUTION_SECONDS,
        maxRowsToRead: e.LREW_ANALYST_MAX_ROWS_TO_READ,
        maxResultRows: e.LREW_ANALYST_MAX_RESULT_ROWS,
        maxMemoryBytes: e.LREW_ANALYST_MAX_MEMORY_BYTES,
        maxThreads: e.LREW_ANALYST_MAX_THREADS,
      },
      concurrency: e.LREW_ANALYST_CONCURRENCY,
    },
    mailCapture: { host: e.LREW_MAIL_CAPTURE_HOST, port: e.LREW_MAIL_CAPTURE_PORT, dir: path.join(home, "mail") },
    demo: e.LREW_DEMO,
  };
}

/** The environment variables `parseConfig` reads, for `--help` (docs/configuration.md lists them with the others). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);
