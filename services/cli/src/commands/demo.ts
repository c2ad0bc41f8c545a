// The demo: on an empty state directory, `./lrew start` loads a simulated province (the year up to
// today) through the normal path — HTTP → Kafka → sink → ClickHouse — before it says it is ready,
// so everything a user opens has data. A marker file remembers that it was loaded.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { addDays, STREAM_NAMES, topicOf, vietnamDate } from "@lrew/contracts";
import { groupLag } from "@lrew/kafka";
import { HttpDelivery, runSimulation } from "@lrew/simulator-service";
import type { CliContext } from "../context.ts";
import { progressBar } from "../progress.ts";
import { printSummary } from "./simulate.ts";

export function demoMarker(ctx: CliContext): string {
  return path.join(ctx.config.home, "demo-loaded.json");
}

/** The demo year ends today (in Vietnam), so dashboards show a recent year. */
export function demoStart(today: Date, days: number): string {
  return addDays(vietnamDate(today), -days);
}

export async function loadDemo(ctx: CliContext, ingestUrl: string, apiKey: string): Promise<void> {
  const days = 365;
  const params = { start: demoStart(new Date(), days), days };
  const say = (vi: string, en: string) => console.error(`lrew: ${ctx.lang === "vi" ? vi : en}`);
  say(
    `nạp dữ liệu mẫu: một tỉnh mô phỏng từ ${params.start}, ${days} ngày…`,
    `loading demo data: a simulated province from ${params.start}, ${days} days…`,
  );
  const bar = progressBar(ctx.lang, {
    total: days,
    unit: ctx.lang === "vi" ? "ngày" : "days",
    counter: ctx.lang === "vi" ? "sự kiện" : "events",
  });
  const simDir = path.join(ctx.config.home, "simulation");
  const delivery = new HttpDelivery({ baseUrl: ingestUrl, apiKey });
  const summary = await runSimulation({
    params,
    delivery,
    truthFile: path.join(simDir, "demo-truth.ndjson"),
    referenceDir: path.join(simDir, "reference"),
    onProgress: (p) => bar.update(p.day, { count: p.events }),
  }).finally(() => bar.stop());
  printSummary(ctx, summary);
  say("chờ dịch vụ ghi đưa hết vào ClickHouse…", "waiting for the sink to store everything in ClickHouse…");
  const topics = STREAM_NAMES.map((s) => topicOf(s, ctx.config.kafka.topicPrefix));
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const lag = await groupLag(ctx.config.kafka, ctx.config.sink.groupId, topics);
    if (lag.every((p) => p.lag === 0n)) break;
    if (Date.now() > deadline) throw new Error("the sink did not catch up within 10 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  mkdirSync(ctx.config.home, { recursive: true });
  writeFileSync(demoMarker(ctx), `${JSON.stringify({ loadedAt: new Date().toISOString(), params, events: summary.events }, null, 2)}\n`);
}

export function demoLoaded(ctx: CliContext): boolean {
  return existsSync(demoMarker(ctx));
}
