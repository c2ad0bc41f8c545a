// `./lrew chaos [--rounds N] [--events N] [--brokers 3]`: the fault scenarios, longer and randomised
// (see chaos/run.ts and chaos/alerting.ts). Exits 1 when any scenario lost, doubled, partially
// acknowledged or altered anything, or could not run.
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import { logToFile } from "@lrew/telemetry";
import type { CliContext } from "../context.ts";
import { runChaos } from "../chaos/run.ts";
import { CLUSTER_SCENARIOS, SCENARIOS, SINGLE_BROKER_SCENARIOS, type Scenario } from "../chaos/schedule.ts";
import { passed, verdictTable } from "../chaos/verdict.ts";

export interface ChaosCommandOptions {
  rounds?: string;
  events?: string;
  seed?: string;
  scenarios?: string;
  kafkaPort?: string;
  brokers?: string;
}

function positive(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > max) throw new ConfigError(`--${name}: expected a whole number 1-${max}, got ${raw}`);
  return v;
}

export async function chaosCommand(ctx: CliContext, opts: ChaosCommandOptions): Promise<number> {
  const clusterBrokers = opts.brokers === undefined ? 1 : Number(opts.brokers);
  if (![1, 3, 5].includes(clusterBrokers)) throw new ConfigError(`--brokers: expected 1, 3 or 5, got ${opts.brokers}`);
  const defaults = clusterBrokers > 1 ? CLUSTER_SCENARIOS : SINGLE_BROKER_SCENARIOS;
  const scenarios = (opts.scenarios ?? defaults.join(",")).split(",").map((s) => s.trim());
  for (const s of scenarios)
    if (!(SCENARIOS as readonly string[]).includes(s)) throw new ConfigError(`--scenarios: unknown ${s} (${SCENARIOS.join(", ")})`);
  const log = path.join(ctx.config.home, "logs", "chaos.log");
  logToFile(log);
  console.error(`lrew chaos: log ${log}`);
  const external = ctx.config.kafka.local ? undefined : ctx.config.kafka.brokers;
  const results = await runChaos({
    root: ctx.root,
    lang: ctx.lang,
    scenarios: scenarios as Scenario[],
    rounds: positive("rounds", opts.rounds, 3, 100),
    events: positive("events", opts.events, 3000, 1_000_000),
    seed: positive("seed", opts.seed, Math.floor(Math.random() * 1_000_000) + 1, 2 ** 31 - 1),
    kafkaPort: positive("kafka-port", opts.kafkaPort, 29092, 65534),
    ...(external ? { brokers: external } : {}),
    ...(clusterBrokers > 1 ? { clusterBrokers } : {}),
    progress: (line) => console.error(`lrew chaos: ${line}`),
  });
  console.log(verdictTable(results, ctx.lang));
  const code = results.every((r) => passed(r) || (r.error?.startsWith("skipped") ?? false)) ? 0 : 1;
  // The scenarios' Kafka clients may keep sockets (and their reconnect timers) to brokers that are
  // gone by now; the verdict is out, so nothing they hold may keep the command from ending.
  process.exit(code);
}
