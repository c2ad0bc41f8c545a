// `./lrew chaos [--rounds N] [--events N]`: the fault scenarios, longer and randomised (see chaos/run.ts).
// Exits 1 when any scenario lost, doubled or altered an event, or could not run.
import path from "node:path";
import { ConfigError } from "@lrew/errors";
import { logToFile } from "@lrew/telemetry";
import type { CliContext } from "../context.ts";
import { runChaos } from "../chaos/run.ts";
import { SCENARIOS, type Scenario } from "../chaos/schedule.ts";
import { passed, verdictTable } from "../chaos/verdict.ts";

export interface ChaosCommandOptions {
  rounds?: string;
  events?: string;
  seed?: string;
  scenarios?: string;
  kafkaPort?: string;
}

function positive(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > max) throw new ConfigError(`--${name}: expected a whole number 1-${max}, got ${raw}`);
  return v;
}

export async function chaosCommand(ctx: CliContext, opts: ChaosCommandOptions): Promise<number> {
  const scenarios = (opts.scenarios ?? SCENARIOS.join(",")).split(",").map((s) => s.trim());
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
    progress: (line) => console.error(`lrew chaos: ${line}`),
  });
  console.log(verdictTable(results, ctx.lang));
  return results.every((r) => passed(r) || (r.error?.startsWith("skipped") ?? false)) ? 0 : 1;
}
