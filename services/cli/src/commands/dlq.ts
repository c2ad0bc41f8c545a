// `./lrew dlq list|replay <stream>`: look at a stream's dead-letter topic, and after a fix send what is
// valid now back onto the stream (idempotent: the sink stores each event_id once). See docs/operations.md.
import { isStreamName, STREAM_NAMES, type StreamName } from "@lrew/contracts";
import { listDeadLetters, replayDeadLetters, type DeadLetterEntry } from "@lrew/kafka";
import type { CliContext } from "../context.ts";
import { t } from "../messages.ts";

function streamOrFail(ctx: CliContext, stream: string): StreamName | undefined {
  if (isStreamName(stream)) return stream;
  console.error(`lrew: ${t("unknownStream", ctx.lang)}: ${stream} (${STREAM_NAMES.join(", ")})`);
  return undefined;
}

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

function entryLine(e: DeadLetterEntry): string {
  return [`${e.partition}/${e.offset}`, e.reason.stage, e.failedAt ?? "-", e.eventId ?? "-", oneLine(e.reason.error, 160)].join("\t");
}

export async function dlqListCommand(ctx: CliContext, streamArg: string): Promise<number> {
  const stream = streamOrFail(ctx, streamArg);
  if (!stream) return 2;
  const entries = await listDeadLetters(ctx.config.kafka, stream);
  console.log(t("dlqListHeader", ctx.lang));
  for (const e of entries) console.log(entryLine(e));
  console.log(`${t("dlqCount", ctx.lang)}: ${entries.length.toLocaleString("vi-VN")}`);
  return 0;
}

export async function dlqReplayCommand(ctx: CliContext, streamArg: string, opts: { dryRun?: boolean }): Promise<number> {
  const stream = streamOrFail(ctx, streamArg);
  if (!stream) return 2;
  const plan = await replayDeadLetters(ctx.config.kafka, stream, { dryRun: opts.dryRun === true, lang: ctx.lang });
  for (const s of plan.stillInvalid) {
    const why = s.errors.map((e) => `${e.path || "(record)"}: ${e.message}`).join("; ");
    console.log(`${t("dlqStillInvalid", ctx.lang)}\t${s.entry.partition}/${s.entry.offset}\t${oneLine(why, 200)}`);
  }
  const n = (x: number) => x.toLocaleString("vi-VN");
  const verb = opts.dryRun ? t("dlqWouldReplay", ctx.lang) : t("dlqReplayed", ctx.lang);
  console.log(`${verb}: ${n(plan.replay.length)}; ${t("dlqStillInvalid", ctx.lang)}: ${n(plan.stillInvalid.length)}`);
  return 0;
}
