// What every environment variable means, beside the schema that parses it (config.ts). Defaults are
// not repeated here: the table in docs/configuration.md takes them from the schema itself
// (write-configuration-doc.ts renders it; a unit test fails when the committed page differs).
import type { envSchema } from "./config.ts";

export type ConfigVariable = keyof typeof envSchema.shape;

/** The sections of docs/configuration.md, in order. */
export const SECTIONS = [
  "State and logs",
  "Kafka",
  "ClickHouse",
  "Ingest API",
  "Sink",
  "Scorer and alert decisions",
  "Web dashboard",
  "Analysts' queries",
  "Notifier and e-mail",
  "Cases and escalation",
  "Local mail capture",
] as const;

export type Section = (typeof SECTIONS)[number];

export interface VariableDoc {
  section: Section;
  /** What the variable does (Markdown, one table cell). */
  meaning: string;
  /** What lrew does when the variable is unset; only for variables without a schema default (Markdown). */
  unset?: string;
}

/** Every variable of the configuration schema, described. The type makes a missing one a compile error. */
export const CONFIG_VARIABLE_DOCS: Record<ConfigVariable, VariableDoc> = {
  LREW_HOME: {
    section: "State and logs",
    unset: "`.lrew` in the checkout",
    meaning: "state: embedded ClickHouse data, the local broker's data, generated keys and tokens, logs, models",
  },
  LOG_LEVEL: { section: "State and logs", meaning: "pino log level (`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`)" },
  LREW_DEMO: {
    section: "State and logs",
    meaning: "load the simulated demo province on the first `./lrew start` on an empty state directory",
  },

  KAFKA_BROKERS: {
    section: "Kafka",
    unset: "the local broker (`127.0.0.1:$LREW_KAFKA_PORT`)",
    meaning: "comma-separated brokers of an existing Kafka cluster",
  },
  LREW_KAFKA_PORT: { section: "Kafka", meaning: "port of the local broker `./lrew start` and `./lrew kafka start` run" },
  KAFKA_CLIENT_ID: {
    section: "Kafka",
    meaning:
      "client id sent to the brokers, suffixed with the component (`lrew-ingest`, `lrew-sink`, …): how broker logs and quotas tell lrew's clients apart",
  },
  LREW_TOPIC_PREFIX: {
    section: "Kafka",
    meaning: "topics are `<prefix>.<stream>.v1` (and `<prefix>.alerts.v1`, the erasure list `<prefix>.erasures.v1`)",
  },
  LREW_KAFKA_PARTITIONS: { section: "Kafka", meaning: "partitions of the topics lrew creates" },
  LREW_KAFKA_REPLICATION: { section: "Kafka", meaning: "replication factor of the topics lrew creates" },

  CLICKHOUSE_URL: {
    section: "ClickHouse",
    unset: "embedded ClickHouse (chDB) in `$LREW_HOME/clickhouse`",
    meaning: "a ClickHouse server, e.g. `http://clickhouse:8123`",
  },
  CLICKHOUSE_USER: { section: "ClickHouse", meaning: "server user" },
  CLICKHOUSE_PASSWORD: { section: "ClickHouse", meaning: "server password" },
  CLICKHOUSE_DATABASE: { section: "ClickHouse", meaning: "database holding lrew's tables (analysts' views: `<database>_analytics`)" },
  CLICKHOUSE_CLUSTER: {
    section: "ClickHouse",
    unset: "a single server (or embedded)",
    meaning: "cluster name: migrations then use Replicated engines and `ON CLUSTER`",
  },
  LREW_SUMMARY_RETENTION_DAYS: {
    section: "ClickHouse",
    meaning:
      "days after a grievance was reported when its free-text `summary` is cleared (a ClickHouse TTL, set by `./lrew migrate`); nothing else expires ([operations](operations.md#retention))",
  },

  LREW_INGEST_HOST: { section: "Ingest API", meaning: "address the ingest API listens on" },
  LREW_INGEST_PORT: { section: "Ingest API", meaning: "port of the ingest API (`./lrew start`: also health and metrics of every stage)" },
  LREW_INGEST_MAX_BODY_BYTES: { section: "Ingest API", meaning: "larger request bodies get `413`" },
  LREW_INGEST_MAX_RECORDS: { section: "Ingest API", meaning: "a request with more records (array elements or NDJSON lines) gets `413`" },
  LREW_INGEST_RATE_LIMIT: { section: "Ingest API", meaning: "requests per window per API key; more get `429` with `Retry-After`" },
  LREW_INGEST_RATE_WINDOW_MS: { section: "Ingest API", meaning: "the rate limit's window" },
  LREW_INGEST_HEADERS_TIMEOUT_MS: {
    section: "Ingest API",
    meaning: "a client whose headers take longer is cut off (at most `LREW_INGEST_REQUEST_TIMEOUT_MS`)",
  },
  LREW_INGEST_REQUEST_TIMEOUT_MS: {
    section: "Ingest API",
    meaning:
      "a client whose whole request (body included) takes longer is answered `408` and cut off; waiting for Kafka's acknowledgement does not count",
  },
  LREW_API_KEYS: {
    section: "Ingest API",
    unset: "one key generated in `$LREW_HOME/api-key`",
    meaning: "providers' keys: `name:key[:stream,stream];…`, keys ≥ 16 characters",
  },
  LREW_HMAC_KEY: {
    section: "Ingest API",
    unset: "generated in `$LREW_HOME/secrets/hmac-key`",
    meaning:
      "key of the complainant HMAC (≥ 32 characters); set it in production and keep it away from the data ([operations](operations.md#rotating-the-hmac-key))",
  },
  LREW_HMAC_RETIRED_KEYS: {
    section: "Ingest API",
    unset: "none (locally: the lines of `$LREW_HOME/secrets/hmac-retired-keys`)",
    meaning:
      "keys used before a rotation, comma-separated: never used to make pseudonyms, only by `./lrew erase` and the sink to find what an erasure covers ([operations](operations.md#rotating-the-hmac-key))",
  },

  LREW_SINK_GROUP: { section: "Sink", meaning: "consumer group of the sink" },
  LREW_SINK_BATCH_ROWS: { section: "Sink", meaning: "flush a chunk at this many rows …" },
  LREW_SINK_BATCH_MS: { section: "Sink", meaning: "… or after the broker waited this long" },
  LREW_SINK_SESSION_TIMEOUT_MS: {
    section: "Sink",
    meaning: "how long the group waits for a silent sink before giving its partitions to another",
  },
  LREW_SINK_HOST: { section: "Sink", meaning: "address of a stand-alone sink's health and metrics" },
  LREW_SINK_PORT: { section: "Sink", meaning: "port of a stand-alone sink's health and metrics" },

  LREW_SCORER_FREQUENT: {
    section: "Scorer and alert decisions",
    meaning: "cron (Vietnam time) of the run for enterprises with new events",
  },
  LREW_SCORER_NIGHTLY: { section: "Scorer and alert decisions", meaning: "cron (Vietnam time) of the run for every enterprise" },
  LREW_MODEL_FILE: {
    section: "Scorer and alert decisions",
    unset: "the newest in `$LREW_HOME/models`, else the shipped default",
    meaning: "the model file the scorer uses",
  },
  LREW_FOLLOW_UP_CAPACITY: {
    section: "Scorer and alert decisions",
    meaning:
      "how many enterprises one office can follow up at once: the most that may be open at high or critical per responsible union unit (per area where no unit is set)",
  },
  LREW_FOLLOW_UP_CAPACITY_OVERRIDES: {
    section: "Scorer and alert decisions",
    meaning:
      "capacities of particular offices, `key=number;…`, the key a union unit id or an area code, e.g. `cd-xa-tuan-giao=8;DB-DBP=12`",
  },
  LREW_ALERT_COOLDOWN_DAYS: {
    section: "Scorer and alert decisions",
    meaning: "no repeat alert of the same level within this many days …",
  },
  LREW_ALERT_MATERIAL_RISE: {
    section: "Scorer and alert decisions",
    meaning:
      "… unless the score rose by this share of the high→critical band (critical's entry − high's entry; 0.5: half the band); an open enterprise rising that much is alerted again",
  },
  LREW_ALERT_MIN_SIGNAL: {
    section: "Scorer and alert decisions",
    meaning:
      "logit points a changeable signal (arrears, grievances, no union, incidents nearby) must contribute to be a reason; an enterprise without one is high on structure alone and gets no immediate e-mail",
  },
  LREW_SILENT_AFTER_DAYS: {
    section: "Scorer and alert decisions",
    meaning: "an enterprise with no event of any stream for this many days leaves the levels for the state `silent`",
  },
  LREW_FOLLOW_UP_DISPLACEMENT: {
    section: "Scorer and alert decisions",
    meaning: "a newcomer takes an open enterprise's place in a full area only with a score this many times its own",
  },
  LREW_ALERT_NOTIFY_LOWERED: { section: "Scorer and alert decisions", meaning: "also alert when an enterprise leaves high / critical" },
  LREW_DASHBOARD_URL: { section: "Scorer and alert decisions", meaning: "alerts link to `<url>/enterprises/<tax code>`" },
  LREW_SCORER_HOST: { section: "Scorer and alert decisions", meaning: "address of a stand-alone scorer's health and metrics" },
  LREW_SCORER_PORT: { section: "Scorer and alert decisions", meaning: "port of a stand-alone scorer's health and metrics" },

  LREW_WEB_HOST: { section: "Web dashboard", meaning: "address of the web dashboard and the analysts' query API" },
  LREW_WEB_PORT: { section: "Web dashboard", meaning: "port of the web dashboard and the analysts' query API" },
  LREW_DASHBOARD_TOKENS: {
    section: "Web dashboard",
    unset: "one token generated in `$LREW_HOME/dashboard-token`",
    meaning:
      "older staff logins, kept working: `name:token;…` (tokens ≥ 16 characters), each a federation-wide account (log in with the name and the token); prefer accounts (`./lrew accounts`)",
  },
  LREW_ACCOUNTS_FILE: {
    section: "Web dashboard",
    unset: "`$LREW_HOME/accounts.json`",
    meaning:
      "staff accounts: name, role (federation, union_office, analyst), unit or areas, scrypt-hashed secret; managed by `./lrew accounts`",
  },
  LREW_LOGIN_MAX_FAILURES: {
    section: "Web dashboard",
    meaning: "failed logins allowed per address and per account within the window; then `429` with `Retry-After`",
  },
  LREW_LOGIN_WINDOW_MINUTES: { section: "Web dashboard", meaning: "the window of LREW_LOGIN_MAX_FAILURES, in minutes" },
  LREW_SESSION_HOURS: {
    section: "Web dashboard",
    meaning: "how long a dashboard session lasts (held by the server; logout or a changed secret ends it sooner)",
  },

  LREW_ANALYST_TOKENS: {
    section: "Analysts' queries",
    unset: "one token generated in `$LREW_HOME/analyst-token`",
    meaning: "analysts' tokens of `POST /v1/query`: `name:token;…`, tokens ≥ 16 characters",
  },
  LREW_ANALYST_TOKEN: {
    section: "Analysts' queries",
    unset: "the first analyst token",
    meaning: "the token `./lrew query` sends when it goes through the query API",
  },
  LREW_ANALYST_MAX_EXECUTION_SECONDS: {
    section: "Analysts' queries",
    meaning: "an analyst query is stopped after this long (`max_execution_time`) …",
  },
  LREW_ANALYST_MAX_ROWS_TO_READ: { section: "Analysts' queries", meaning: "… or when it reads more rows (`max_rows_to_read`) …" },
  LREW_ANALYST_MAX_RESULT_ROWS: { section: "Analysts' queries", meaning: "… or its result has more rows (`max_result_rows`) …" },
  LREW_ANALYST_MAX_MEMORY_BYTES: { section: "Analysts' queries", meaning: "… or it needs more memory (`max_memory_usage`)" },
  LREW_ANALYST_MAX_THREADS: {
    section: "Analysts' queries",
    meaning: "threads one analyst query may use (`max_threads`), so the pipeline keeps its cores",
  },
  LREW_ANALYST_CONCURRENCY: { section: "Analysts' queries", meaning: "analyst queries the query API runs at once; more get `429`" },

  LREW_SMTP_HOST: { section: "Notifier and e-mail", meaning: "SMTP server (the default reaches the local mail capture)" },
  LREW_SMTP_PORT: { section: "Notifier and e-mail", meaning: "SMTP port (the local mail capture listens here)" },
  LREW_SMTP_SECURE: {
    section: "Notifier and e-mail",
    meaning: "TLS from the first byte (port 465); off: plain, upgraded with STARTTLS when the server offers it",
  },
  LREW_SMTP_USER: { section: "Notifier and e-mail", unset: "no login", meaning: "SMTP login" },
  LREW_SMTP_PASSWORD: { section: "Notifier and e-mail", unset: "no login", meaning: "SMTP password" },
  LREW_MAIL_FROM: { section: "Notifier and e-mail", meaning: "the `From` of every e-mail lrew sends" },
  LREW_NOTIFY_MAX_ATTEMPTS: { section: "Notifier and e-mail", meaning: "SMTP attempts before an e-mail is parked with the error" },
  LREW_NOTIFY_RETRY_BASE_MS: { section: "Notifier and e-mail", meaning: "wait before the second attempt; doubles for each further one" },
  LREW_CASE_ACK_WORKING_DAYS: {
    section: "Cases and escalation",
    meaning:
      "a case not acknowledged within this many whole working days (weekends and the public holidays of `packages/reference/data/holidays-<year>.json` excluded) escalates once by e-mail to the next unit up and the federation",
  },
  LREW_CASE_CRITICAL_NO_ACTION_DAYS: {
    section: "Cases and escalation",
    meaning: "a case whose enterprise rose to critical with no action recorded since, for this many days, escalates once",
  },
  LREW_CASE_LINK_KEY: {
    section: "Cases and escalation",
    unset: "generated in `$LREW_HOME/secrets/case-link-key`",
    meaning:
      "key signing the acknowledgement links of alert e-mails (≥ 32 characters); the notifier and the dashboard must share it; changing it voids the links sent",
  },
  LREW_CASE_LINK_DAYS: { section: "Cases and escalation", meaning: "days an e-mail's acknowledgement link works" },
  LREW_DIGEST_CRON: { section: "Notifier and e-mail", meaning: "cron (Vietnam time) of the daily digest to units that take digests" },
  LREW_UNION_UNITS_FILE: {
    section: "Notifier and e-mail",
    unset: "`$LREW_HOME/simulation/reference/union-units.json` (the demo province's)",
    meaning: "routing reference data: the union units and their addresses ([format](../packages/alerts/README.md))",
  },
  LREW_FEDERATION_UNIT: {
    section: "Notifier and e-mail",
    meaning: "the provincial federation's unit: receives what no other unit is responsible for",
  },
  LREW_NOTIFIER_GROUP: { section: "Notifier and e-mail", meaning: "consumer group of the notifier" },
  LREW_NOTIFIER_SESSION_TIMEOUT_MS: {
    section: "Notifier and e-mail",
    meaning: "how long the group waits for a silent notifier before giving its partitions to another",
  },
  LREW_NOTIFIER_HOST: { section: "Notifier and e-mail", meaning: "address of a stand-alone notifier's health and metrics" },
  LREW_NOTIFIER_PORT: { section: "Notifier and e-mail", meaning: "port of a stand-alone notifier's health and metrics" },

  LREW_MAIL_CAPTURE_HOST: { section: "Local mail capture", meaning: "address of the local capture's mailbox page" },
  LREW_MAIL_CAPTURE_PORT: { section: "Local mail capture", meaning: "port of the local capture's mailbox page" },
};

export interface OtherVariableDoc {
  /** Shown as the default (Markdown). */
  default: string;
  meaning: string;
}

/**
 * Variables read outside `parseConfig`: by the `./lrew` launcher, the command line, the local broker
 * and the fault tests. (The test infrastructure's own LREW_TEST_* variables are in infra/README.md.)
 */
export const OTHER_VARIABLE_DOCS: Record<string, OtherVariableDoc> = {
  LREW_LANG: { default: "`vi`", meaning: "language of the command line (`vi`, `en`)" },
  LREW_API_KEY: { default: "the first configured key", meaning: "the key `./lrew simulate` and `./lrew import` send to the ingest API" },
  LREW_KAFKA_CONTROLLER_PORT: { default: "`LREW_KAFKA_PORT` + 1", meaning: "controller port of the local broker" },
  LREW_KAFKA_HEAP_MB: { default: "`512`", meaning: "Java heap of the local broker" },
  JAVA_HOME: { default: "`java` on the `PATH`", meaning: "the JDK (17+) that runs the local broker" },
  LREW_TOOLS_DIR: {
    default: "`.tools` in the checkout",
    meaning: "where `./lrew` keeps Node.js, pnpm and the Kafka jars",
  },
  LREW_ROOT: {
    default: "the checkout (a service started on its own: the current directory)",
    meaning: "the root relative paths (`LREW_HOME`, `LREW_MODEL_FILE`, `LREW_UNION_UNITS_FILE`) are resolved against",
  },
  LREW_FAULT: {
    default: "unset",
    meaning:
      "fault tests and `./lrew chaos` only: `<point>:<n>` kills the process the n-th time it reaches a fault point; never set it in production ([operations](operations.md))",
  },
  LREW_FAULT_DIR: {
    default: "unset",
    meaning:
      "fault tests and `./lrew chaos` only: while `<dir>/clickhouse-down` exists every ClickHouse call fails; while `<dir>/clickhouse-disk-full` exists inserts fail as on a full disk; never set it in production",
  },
  LREW_CHROMIUM: {
    default: "the system's Chromium, installed with apt when missing",
    meaning: "the Chromium the dashboard's browser test drives",
  },
};
