// The `lrew` command line. `./lrew` (the launcher at the repository root) provides Node.js and the
// dependencies, then runs this file.
import "./data-output.ts";
import { Command, Option } from "commander";
import { CONFIG_VARIABLES } from "@lrew/config";
import { STREAM_NAMES } from "@lrew/contracts";
import { FatalError, describe } from "@lrew/errors";
import { ENCODING_HELP, importCommand, RECEIVED_AT_HELP, type ImportOptions } from "./commands/import.ts";
import { chaosCommand, type ChaosCommandOptions } from "./commands/chaos.ts";
import { rebuildAggregatesCommand } from "./commands/rebuild.ts";
import { reportCommand, type ReportOptions } from "./commands/report.ts";
import {
  type AccountAddOptions,
  accountsAddCommand,
  accountsListCommand,
  accountsPasswdCommand,
  accountsRemoveCommand,
} from "./commands/accounts.ts";
import { dlqListCommand, dlqReplayCommand } from "./commands/dlq.ts";
import { deliveriesResendCommand, deliveriesUncertainCommand } from "./commands/deliveries.ts";
import { eraseCommand } from "./commands/erase.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { kafkaCommand } from "./commands/kafka.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { schemaCommand } from "./commands/schema.ts";
import { queryCommand, type QueryOptions } from "./commands/query.ts";
import { benchCommand, type BenchCommandOptions } from "./commands/bench.ts";
import { backtestCommand, fitCommand, scoreCommand, type BacktestOptions } from "./commands/scoring.ts";
import { simulateCommand, type SimulateOptions } from "./commands/simulate.ts";
import { startCommand } from "./commands/start.ts";
import { lintCommand, testCommand } from "./commands/test.ts";
import { cliLang, loadContext, type CliContext } from "./context.ts";
import { t } from "./messages.ts";

const lang = cliLang(process.env);

/** Runs a command with a context built lazily, so `--help` works even with a broken configuration. */
function action<A extends unknown[]>(fn: (ctx: CliContext, ...args: A) => Promise<number> | number) {
  return async (...args: A) => {
    try {
      process.exitCode = await fn(loadContext(), ...args);
    } catch (err) {
      console.error(`lrew: ${t("failed", lang)}: ${describe(err)}`);
      if (!(err instanceof FatalError) && process.env.LOG_LEVEL === "debug") console.error(err);
      process.exitCode = 1;
    }
  };
}

const program = new Command("lrew")
  .description(t("description", lang))
  .helpOption("-h, --help", t("help", lang))
  .helpCommand(false)
  .showHelpAfterError()
  .addHelpText("after", `\n${t("envTitle", lang)}\n${envVariableLines()}\n`);

/** Every variable lrew reads, a few per line. */
function envVariableLines(): string {
  const names = [
    ...CONFIG_VARIABLES,
    "LREW_LANG",
    "LREW_API_KEY",
    "LREW_KAFKA_CONTROLLER_PORT",
    "LREW_KAFKA_HEAP_MB",
    "LREW_TOOLS_DIR",
    "LREW_FAULT",
    "LREW_FAULT_DIR",
  ];
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 4) lines.push(`  ${names.slice(i, i + 4).join("  ")}`);
  return lines.join("\n");
}

program
  .command("start")
  .description(t("start", lang))
  .option("--no-demo", t("noDemo", lang))
  .action(action((ctx, opts: { demo: boolean }) => startCommand(ctx, opts)));

program
  .command("test")
  .description(t("test", lang))
  .option("--unit", t("testUnit", lang))
  .option("--no-typecheck", t("testNoTypecheck", lang))
  .argument("[filters...]")
  .allowUnknownOption()
  .action(action((ctx, filters: string[], opts: { unit?: boolean; typecheck?: boolean }) => testCommand(ctx, opts, filters)));

program
  .command("lint")
  .description(t("lint", lang))
  .option("--fix", t("lintFix", lang))
  .action(action((ctx, opts: { fix?: boolean }) => lintCommand(ctx, opts)));

const kafka = program.command("kafka").description(t("kafka", lang));
kafka
  .command("start")
  .description(t("kafkaStart", lang))
  .option("--brokers <n>", t("optBrokers", lang))
  .action(action((ctx, opts: { brokers?: string }) => kafkaCommand(ctx, "start", opts)));
kafka
  .command("stop")
  .description(t("kafkaStop", lang))
  .action(action((ctx) => kafkaCommand(ctx, "stop")));
kafka
  .command("status")
  .description(t("kafkaStatus", lang))
  .action(action((ctx) => kafkaCommand(ctx, "status")));

program
  .command("migrate")
  .description(t("migrate", lang))
  .action(action((ctx) => migrateCommand(ctx)));

program
  .command("rebuild-aggregates")
  .description(t("rebuildAggregates", lang))
  .option("--truncate", t("optTruncate", lang))
  .action(action((ctx, opts: { truncate?: boolean }) => rebuildAggregatesCommand(ctx, opts)));

program
  .command("report")
  .description(t("report", lang))
  .option("--period <period>", t("optPeriod", lang))
  .option("--from <day>", t("optReportFrom", lang))
  .option("--to <day>", t("optReportTo", lang))
  .option("--incident <incident_id>", t("optIncident", lang))
  .option("--unit <ids>", t("optReportUnit", lang))
  .option("--out <dir>", t("optReportOut", lang))
  .option("--lang <lang>", t("optReportLang", lang))
  .action(action((ctx, opts: ReportOptions) => reportCommand(ctx, opts)));

program
  .command("chaos")
  .description(t("chaos", lang))
  .option("--rounds <n>", t("optRounds", lang))
  .option("--events <n>", t("optChaosEvents", lang))
  .option("--seed <n>", t("optChaosSeed", lang))
  .option("--scenarios <list>", t("optScenarios", lang))
  .option("--kafka-port <port>", t("optKafkaPort", lang))
  .option("--brokers <n>", t("optChaosBrokers", lang))
  .action(action((ctx, opts: ChaosCommandOptions) => chaosCommand(ctx, opts)));

program
  .command("backup")
  .description(t("backup", lang))
  .option("--out <dir>", t("optBackupOut", lang))
  .action(action((ctx, opts: { out?: string }) => backupCommand(ctx, opts)));

program
  .command("restore")
  .description(t("restore", lang))
  .argument("<dir>")
  .option("--kafka-only", t("optKafkaOnly", lang))
  .action(action((ctx, dir: string, opts: { kafkaOnly?: boolean }) => restoreCommand(ctx, dir, opts)));

program
  .command("erase")
  .description(t("erase", lang))
  .requiredOption("--complainant-ref <ref>", t("optComplainantRef", lang))
  .action(action((ctx, opts: { complainantRef: string }) => eraseCommand(ctx, opts)));

const accounts = program.command("accounts").description(t("accounts", lang));
accounts
  .command("add")
  .description(t("accountsAdd", lang))
  .argument("<name>", t("accountName", lang))
  .addOption(new Option("--role <role>", t("optRole", lang)).choices(["federation", "union_office", "analyst"]).makeOptionMandatory())
  .option("--display-name <text>", t("optDisplayName", lang))
  .option("--unit <unit id>", t("optUnit", lang))
  .option("--areas <codes>", t("optAreas", lang))
  .option("--secret-stdin", t("optSecretStdin", lang))
  .action(action((ctx, name: string, opts: AccountAddOptions) => accountsAddCommand(ctx, name, opts)));
accounts
  .command("list")
  .description(t("accountsList", lang))
  .action(action((ctx) => accountsListCommand(ctx)));
accounts
  .command("passwd")
  .description(t("accountsPasswd", lang))
  .argument("<name>", t("accountName", lang))
  .option("--secret-stdin", t("optSecretStdin", lang))
  .action(action((ctx, name: string, opts: { secretStdin?: boolean }) => accountsPasswdCommand(ctx, name, opts)));
accounts
  .command("remove")
  .description(t("accountsRemove", lang))
  .argument("<name>", t("accountName", lang))
  .action(action((ctx, name: string) => accountsRemoveCommand(ctx, name)));

const dlq = program.command("dlq").description(t("dlq", lang));
dlq
  .command("list")
  .description(t("dlqList", lang))
  .argument("<stream>", `${t("streamArg", lang)}: ${STREAM_NAMES.join(", ")}`)
  .action(action((ctx, stream: string) => dlqListCommand(ctx, stream)));
dlq
  .command("replay")
  .description(t("dlqReplay", lang))
  .argument("<stream>", `${t("streamArg", lang)}: ${STREAM_NAMES.join(", ")}`)
  .option("--dry-run", t("optDryRun", lang))
  .action(action((ctx, stream: string, opts: { dryRun?: boolean }) => dlqReplayCommand(ctx, stream, opts)));

program
  .command("ingest")
  .description(t("ingest", lang))
  .action(
    action(async () => {
      const { runIngest } = await import("@lrew/ingest/main");
      await runIngest(process.env);
      return 0;
    }),
  );

program
  .command("sink")
  .description(t("sink", lang))
  .action(
    action(async () => {
      const { runSink } = await import("@lrew/sink/main");
      await runSink(process.env);
      return 0;
    }),
  );

program
  .command("score")
  .description(t("score", lang))
  .option("--as-of <yyyy-mm-dd>", t("optAsOf", lang))
  .option("--from <yyyy-mm-dd>", t("optScoreFrom", lang))
  .option("--step <days>", t("optStep", lang))
  .action(action((ctx, opts: { asOf?: string; from?: string; step?: string }) => scoreCommand(ctx, opts)));

const model = program.command("model").description(t("model", lang));
model
  .command("fit")
  .description(t("modelFit", lang))
  .option("--from <yyyy-mm-dd>", t("optFitFrom", lang))
  .option("--to <yyyy-mm-dd>", t("optFitTo", lang))
  .option("--validation-from <yyyy-mm-dd>", t("optValidationFrom", lang))
  .option("--label-horizon <days>", t("optLabelHorizon", lang))
  .option("--horizon <days>", t("optHorizon", lang))
  .option("--out <file.json>", t("optModelOut", lang))
  .action(
    action((ctx, opts: { from?: string; to?: string; validationFrom?: string; horizon?: string; labelHorizon?: string; out?: string }) =>
      fitCommand(ctx, opts),
    ),
  );

program
  .command("backtest")
  .description(t("backtest", lang))
  .option("--from <yyyy-mm-dd>", t("optFitFrom", lang))
  .option("--to <yyyy-mm-dd>", t("optFitTo", lang))
  .option("--horizon <days>", t("optHorizon", lang))
  .option("--model <file.json>", t("optModel", lang))
  .option("--out <dir>", t("optOut", lang))
  .option("--simulate", t("optBacktestSimulate", lang))
  .option("--seed <seed>", t("optSeed", lang))
  .option("--seeds <list|n>", t("optBacktestSeeds", lang))
  .option("--params <file.json>", t("optBacktestParams", lang))
  .option("--select-seeds <list>", t("optSelectSeeds", lang))
  .option("--budget <n>", t("optBudget", lang))
  .option("--truth <file>", t("optBacktestTruth", lang))
  .action(action((ctx, opts: BacktestOptions) => backtestCommand(ctx, opts)));

program
  .command("scorer")
  .description(t("scorer", lang))
  .action(
    action(async () => {
      const { runScorer } = await import("@lrew/scorer/main");
      await runScorer(process.env);
      return 0;
    }),
  );

program
  .command("bench")
  .description(t("bench", lang))
  .argument("[suite]", "all, ingest, sink, memory, e2e, scoring, pages")
  .option("--records <n>", t("optBenchRecords", lang))
  .option("--seconds <n>", t("optBenchSeconds", lang))
  .option("--events <n>", t("optBenchEvents", lang))
  .option("--scoring-sizes <list>", t("optBenchScoringSizes", lang))
  .option("--pages-size <enterprisesxdays>", t("optBenchPagesSize", lang))
  .option("--kafka-port <port>", t("optBenchKafkaPort", lang))
  .option("--cpu-prof <dir>", t("optBenchCpuProf", lang))
  .option("--accept", t("optBenchAccept", lang))
  .option("--out <dir>", t("optOut", lang))
  .action(action((ctx, suite: string | undefined, opts: BenchCommandOptions) => benchCommand(ctx, suite, opts)));

program
  .command("notifier")
  .description(t("notifier", lang))
  .action(
    action(async () => {
      const { runNotifier } = await import("@lrew/notifier/main");
      await runNotifier(process.env);
      return 0;
    }),
  );

const deliveries = program.command("deliveries").description(t("deliveries", lang));
deliveries
  .command("uncertain")
  .description(t("deliveriesUncertain", lang))
  .action(action((ctx) => deliveriesUncertainCommand(ctx)));
deliveries
  .command("resend")
  .description(t("deliveriesResend", lang))
  .argument("<alert_id>", t("alertIdArg", lang))
  .requiredOption("--unit <unit>", t("optResendUnit", lang))
  .action(action((ctx, alertId: string, opts: { unit: string }) => deliveriesResendCommand(ctx, alertId, opts)));

program
  .command("web")
  .description(t("web", lang))
  .action(
    action(async () => {
      const { runWeb } = await import("@lrew/web/main");
      await runWeb(process.env);
      return 0;
    }),
  );

program
  .command("mail-capture")
  .description(t("mailCapture", lang))
  .action(
    action(async () => {
      const { runMailCapture } = await import("@lrew/mail-capture/main");
      await runMailCapture(process.env);
      return 0;
    }),
  );

program
  .command("simulate")
  .description(t("simulate", lang))
  .option("--seed <seed>", t("optSeed", lang))
  .option("--enterprises <n>", t("optEnterprises", lang))
  .option("--days <n>", t("optDays", lang))
  .option("--start <yyyy-mm-dd>", t("optStart", lang))
  .option("--params <file.json>", t("optParams", lang))
  .addOption(new Option("--to <target>", t("optTo", lang)).choices(["http", "kafka", "files"]).default("http"))
  .option("--out <dir>", t("optOut", lang))
  .option("--formats <list>", t("optFormats", lang))
  .option("--url <url>", t("optUrl", lang))
  .option("--live", t("optLive", lang))
  .option("--speed <n>", t("optSpeed", lang))
  .option("--truth <file>", t("optTruth", lang))
  .action(action((ctx, opts: SimulateOptions) => simulateCommand(ctx, opts)));

program
  .command("import")
  .description(t("import", lang))
  .argument("<stream>", `${t("streamArg", lang)}: ${STREAM_NAMES.join(", ")}`)
  .argument("<file>", t("fileArg", lang))
  .option("--mapping <file.json>", t("optMapping", lang))
  .option("--url <url>", t("optUrl", lang))
  .option("--batch-size <n>", t("optBatchSize", lang))
  .option("--encoding <name>", ENCODING_HELP[lang])
  .option("--received-at <time|reported>", RECEIVED_AT_HELP[lang])
  .action(action((ctx, stream: string, file: string, opts: ImportOptions) => importCommand(ctx, stream, file, opts)));

program
  .command("schema")
  .description(t("schema", lang))
  .argument("[stream]", `${t("streamArg", lang)}: ${STREAM_NAMES.join(", ")}`)
  .action(action((ctx, stream: string | undefined) => schemaCommand(ctx, stream)));

program
  .command("query")
  .description(t("query", lang))
  .argument("[sql]", t("sqlArg", lang))
  .option("--param <name=value>", t("optParam", lang), (v: string, all: string[]) => [...all, v], [] as string[])
  .addOption(new Option("--format <format>", t("optQueryFormat", lang)).choices(["table", "csv", "json", "parquet"]).default("table"))
  .option("--out <file>", t("optQueryOut", lang))
  .option("--saved <name>", t("optSaved", lang))
  .option("--list", t("optList", lang))
  .option("--as <account>", t("optQueryAs", lang))
  .action(action((ctx, sql: string | undefined, opts: QueryOptions) => queryCommand(ctx, sql, opts)));

await program.parseAsync(process.argv);
