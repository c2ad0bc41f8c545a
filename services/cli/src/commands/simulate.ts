// `./lrew simulate`: a simulated province delivered like a real provider would (batched HTTP to
// the ingest API), straight into Kafka, or to NDJSON / CSV files; the ground truth always goes to
// a file of its own.
import { readFileSync } from "node:fs";
import path from "node:path";
import { resolveSecrets } from "@lrew/config";
import { FatalError } from "@lrew/errors";
import { ensureTopics } from "@lrew/kafka";
import { buildProvince, generateWorld, parseParams, writeProvinceReference, writeWorld, type SimulationParamsInput } from "@lrew/simulator";
import { HttpDelivery, KafkaDelivery, runSimulation, type Delivery, type RunSummary } from "@lrew/simulator-service";
import type { CliContext } from "../context.ts";
import { progressBar } from "../progress.ts";

export interface SimulateOptions {
  seed?: string;
  enterprises?: string;
  days?: string;
  start?: string;
  params?: string;
  to: "http" | "kafka" | "files";
  out?: string;
  formats?: string;
  url?: string;
  live?: boolean;
  speed?: string;
  truth?: string;
}

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new FatalError(`--${name}: expected a positive whole number, got ${value}`);
  return n;
}

/** Parameters from --params (a JSON file) overlaid with the command-line options. */
export function simulationParams(o: SimulateOptions): SimulationParamsInput {
  const fromFile = o.params ? (JSON.parse(readFileSync(o.params, "utf8")) as SimulationParamsInput) : {};
  const seed = o.seed === undefined ? undefined : /^-?\d+$/.test(o.seed) ? Number(o.seed) : o.seed;
  return {
    ...fromFile,
    ...(seed !== undefined ? { seed } : {}),
    ...(o.enterprises ? { enterprises: intOption("enterprises", o.enterprises) } : {}),
    ...(o.days ? { days: intOption("days", o.days) } : {}),
    ...(o.start ? { start: o.start } : {}),
  } as SimulationParamsInput;
}

export function printSummary(ctx: CliContext, s: RunSummary): void {
  const n = (x: number) => x.toLocaleString(ctx.lang === "vi" ? "vi-VN" : "en-US");
  const streams = Object.entries(s.byStream)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ");
  const vi = `đã gửi ${n(s.events)} sự kiện (${streams}); ${n(s.duplicatesSent)} bản gửi lặp; chấp nhận ${n(s.accepted)}, từ chối ${n(s.rejected)}; ${s.seconds.toFixed(1)} giây (${n(Math.round(s.events / Math.max(s.seconds, 0.001)))} sự kiện/giây)`;
  const en = `sent ${n(s.events)} events (${streams}); ${n(s.duplicatesSent)} duplicate sends; accepted ${n(s.accepted)}, rejected ${n(s.rejected)}; ${s.seconds.toFixed(1)} s (${n(Math.round(s.events / Math.max(s.seconds, 0.001)))} events/s)`;
  console.error(`lrew: ${ctx.lang === "vi" ? vi : en}`);
}

export async function simulateCommand(ctx: CliContext, o: SimulateOptions): Promise<number> {
  const params = parseParams(simulationParams(o));
  const simDir = path.join(ctx.config.home, "simulation");
  const truthFile = o.truth ?? path.join(simDir, `truth-${params.seed}.ndjson`);
  const bar = progressBar(ctx.lang, {
    total: params.days,
    unit: ctx.lang === "vi" ? "ngày" : "days",
    counter: ctx.lang === "vi" ? "sự kiện" : "events",
  });

  if (o.to === "files") {
    const out = o.out ?? path.join(simDir, `seed-${params.seed}`);
    const province = buildProvince(params);
    await writeProvinceReference(out, province);
    const formats = (o.formats ?? "ndjson").split(",").map((f) => f.trim()) as Array<"ndjson" | "csv">;
    let events = 0;
    const records = (function* () {
      for (const rec of generateWorld(params, {
        province,
        onMonth: ({ month, months }) => bar.update(Math.round((month / months) * params.days), { count: events }),
      })) {
        if (rec.kind === "event") events++;
        yield rec;
      }
    })();
    const summary = await writeWorld(out, records, { formats, truth: true });
    bar.stop();
    console.error(`lrew: ${ctx.lang === "vi" ? "đã ghi" : "wrote"} ${JSON.stringify(summary)} → ${out}`);
    return 0;
  }

  let delivery: Delivery;
  if (o.to === "kafka") {
    await ensureTopics(ctx.config.kafka);
    delivery = await KafkaDelivery.connect(ctx.config.kafka, resolveSecrets(ctx.config).hmacKey);
  } else {
    const apiKey = process.env.LREW_API_KEY ?? resolveSecrets(ctx.config).apiKeys[0]!.key;
    delivery = new HttpDelivery({ baseUrl: o.url ?? `http://${ctx.config.ingest.host}:${ctx.config.ingest.port}`, apiKey });
  }
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const summary = await runSimulation({
      params,
      delivery,
      truthFile,
      referenceDir: path.join(simDir, "reference"),
      ...(o.live ? { live: { speed: intOption("speed", o.speed ?? "3600")! } } : {}),
      onProgress: (p) => bar.update(p.day, { count: p.events }),
      signal: abort.signal,
    });
    bar.stop();
    printSummary(ctx, summary);
    console.error(`lrew: ${ctx.lang === "vi" ? "sự thật nền (ground truth)" : "ground truth"}: ${truthFile}`);
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    bar.stop();
    await delivery.close();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
