// Replaying a dead-letter topic after a fix: every record is validated again against its stream's
// contract as it stands now; those that pass go back onto the stream topic (keyed by enterprise_id),
// the others stay where they are, with the reason they still fail. Replaying twice is harmless: the
// sink stores each event_id once. A replayed record keeps the received_at it had; one that had none
// (refused at ingest before it was stamped) gets the time ingest first received it, the dead letter's
// failed-at, never the time of the replay: its arrival is when lrew first had it. The dead-letter topic itself is never changed (it is the record
// of what went wrong); nothing is committed, so `list` and `replay` always see the whole topic.
import { deadLetterTopicOf, stampArrival, topicOf, validateRecord, type FieldError, type Lang, type StreamName } from "@lrew/contracts";
import { readDeadLetterReason, type DeadLetterReason } from "./dead-letter.ts";
import { EventProducer, type OutgoingMessage } from "./producer.ts";
import { readTopic, type TopicRecord } from "./read-topic.ts";
import type { KafkaSettings } from "./settings.ts";

export interface DeadLetterEntry {
  partition: number;
  offset: string;
  reason: DeadLetterReason;
  failedAt: string | undefined;
  /** The event_id in the dead letter, when it has one that reads as a string. */
  eventId: string | undefined;
}

export interface ReplayPlan {
  /** Messages for the stream topic, in dead-letter order. */
  replay: OutgoingMessage[];
  /** The entries replayed, in the same order as `replay`. */
  replayed: DeadLetterEntry[];
  /** Entries that still fail the contract, with why. */
  stillInvalid: Array<{ entry: DeadLetterEntry; errors: FieldError[] }>;
}

function parseValue(value: Buffer | null): { ok: true; json: unknown } | { ok: false } {
  if (value === null) return { ok: false };
  try {
    return { ok: true, json: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(value)) };
  } catch {
    return { ok: false };
  }
}

/** Pure: what a dead-letter record says about itself. */
export function describeDeadLetter(r: TopicRecord): DeadLetterEntry {
  const parsed = parseValue(r.value);
  const id = parsed.ok ? (parsed.json as { event_id?: unknown } | null)?.event_id : undefined;
  return {
    partition: r.partition,
    offset: r.offset,
    reason: readDeadLetterReason(r.headers),
    failedAt: r.headers["lrew-dlq-failed-at"],
    eventId: typeof id === "string" ? id : undefined,
  };
}

/** When lrew first received a dead letter: its failed-at header, else `fallback`. */
function firstReceived(entry: DeadLetterEntry, fallback: Date): Date {
  const at = entry.failedAt !== undefined ? Date.parse(entry.failedAt) : Number.NaN;
  return Number.isNaN(at) ? fallback : new Date(at);
}

/**
 * Pure: which dead letters of `stream` are valid now (and the messages to send), which still are not.
 * `now` (the replay's time) stands for the receive time of a dead letter without a failed-at header.
 */
export function planReplay(
  stream: StreamName,
  records: readonly TopicRecord[],
  topicPrefix: string,
  lang: Lang = "vi",
  now: Date = new Date(),
): ReplayPlan {
  const plan: ReplayPlan = { replay: [], replayed: [], stillInvalid: [] };
  const topic = topicOf(stream, topicPrefix);
  for (const r of records) {
    const entry = describeDeadLetter(r);
    const parsed = parseValue(r.value);
    if (!parsed.ok) {
      plan.stillInvalid.push({ entry, errors: [{ path: "", message: lang === "vi" ? "không phải JSON" : "not JSON" }] });
      continue;
    }
    const v = validateRecord(stream, parsed.json, lang);
    if (!v.ok) {
      plan.stillInvalid.push({ entry, errors: v.errors });
      continue;
    }
    const arrival = stampArrival(v.event, firstReceived(entry, now), lang);
    if (!arrival.ok) {
      plan.stillInvalid.push({ entry, errors: arrival.errors });
      continue;
    }
    const event = arrival.event as { event_id: string; enterprise_id: string };
    plan.replay.push({
      key: event.enterprise_id,
      value: JSON.stringify(event),
      headers: {
        event_id: event.event_id,
        "content-type": "application/json",
        "lrew-schema": topic,
        "lrew-replayed-from": `${r.partition}/${r.offset}`,
      },
    });
    plan.replayed.push(entry);
  }
  return plan;
}

/** Every record of the stream's dead-letter topic, as it stands now. */
export async function listDeadLetters(settings: KafkaSettings, stream: StreamName): Promise<DeadLetterEntry[]> {
  return (await readTopic(settings, deadLetterTopicOf(stream, settings.topicPrefix))).map(describeDeadLetter);
}

/** Validates every dead letter of the stream again and sends the valid ones back (unless dryRun). */
export async function replayDeadLetters(
  settings: KafkaSettings,
  stream: StreamName,
  opts: { dryRun?: boolean; lang?: Lang } = {},
): Promise<ReplayPlan> {
  const records = await readTopic(settings, deadLetterTopicOf(stream, settings.topicPrefix));
  const plan = planReplay(stream, records, settings.topicPrefix, opts.lang);
  if (opts.dryRun || plan.replay.length === 0) return plan;
  const producer = await EventProducer.connect(settings, "dlq-replay");
  try {
    await producer.send(topicOf(stream, settings.topicPrefix), plan.replay);
  } finally {
    await producer.disconnect();
  }
  return plan;
}
