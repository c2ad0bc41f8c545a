// Pure: from parsed records to the Kafka messages of one request. Valid records become events
// (acceptEvent of @lrew/kafka: normalised, checked, grievances anonymised); rejected ones become
// dead-letter records, scrubbed of personal data.
import { anonymizeUnknown, maskPersonalData, truncate } from "@lrew/anonymity";
import { deadLetterTopicOf, topicOf, validateRecord, type FieldError, type Lang, type StreamName } from "@lrew/contracts";
import { acceptEvent, deadLetter, type OutgoingMessage } from "@lrew/kafka";
import type { BodyItem } from "./body.ts";
import { messages } from "./lang.ts";

export interface RejectedRecord {
  /** Position in the body: array index, or NDJSON line number (from 0). */
  index: number;
  errors: FieldError[];
}

export interface PreparedBatch {
  topic: string;
  deadLetterTopic: string;
  events: OutgoingMessage[];
  deadLetters: OutgoingMessage[];
  rejected: RejectedRecord[];
}

export interface PrepareOptions {
  /** Language of the errors returned to the caller. */
  lang: Lang;
  /** Language of the reasons written to the dead-letter topic (one language for operators). */
  deadLetterLang: Lang;
  hmacKey: string;
  topicPrefix: string;
  now?: Date;
}

/** A dead-letter value longer than this is cut (after scrubbing) and wrapped, to stay far below Kafka's message limit. */
export const DEAD_LETTER_MAX_VALUE_CHARS = 256 * 1024;

const TAX_CODE = /^\d{10}(?:-\d{3})?$/;

function deadLetterValue(original: unknown, hmacKey: string): string {
  const json = JSON.stringify(anonymizeUnknown(original, hmacKey)) ?? "null";
  if (json.length <= DEAD_LETTER_MAX_VALUE_CHARS) return json;
  return JSON.stringify({ truncated: true, original_chars: json.length, head: truncate(json, DEAD_LETTER_MAX_VALUE_CHARS) });
}

function deadLetterKey(original: unknown): string | null {
  const id = (original as { enterprise_id?: unknown } | null)?.enterprise_id;
  if (typeof id !== "string") return null;
  return TAX_CODE.test(id) ? id : maskPersonalData(id).slice(0, 200);
}

function scrubErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ path: maskPersonalData(e.path), message: maskPersonalData(e.message) }));
}

export function prepareBatch(stream: StreamName, items: readonly BodyItem[], o: PrepareOptions): PreparedBatch {
  const topic = topicOf(stream, o.topicPrefix);
  const deadLetterTopic = deadLetterTopicOf(stream, o.topicPrefix);
  const events: OutgoingMessage[] = [];
  const deadLetters: OutgoingMessage[] = [];
  const rejected: RejectedRecord[] = [];
  const reject = (index: number, original: unknown, errors: FieldError[], dlqErrors: FieldError[]) => {
    rejected.push({ index, errors });
    const dl = deadLetter(
      { key: deadLetterKey(original), value: deadLetterValue(original, o.hmacKey) },
      { stream, stage: "ingest", error: JSON.stringify(scrubErrors(dlqErrors)) },
      o.now,
    );
    deadLetters.push({ ...dl, headers: { ...dl.headers, "content-type": "application/json", "lrew-schema": deadLetterTopic } });
  };

  for (const item of items) {
    if (!item.ok) {
      const err = (lang: Lang): FieldError[] => [{ path: "", message: messages.invalidLine(item.problem)(lang) }];
      reject(item.index, item.text, err(o.lang), err(o.deadLetterLang));
      continue;
    }
    const accepted = acceptEvent(stream, item.value, { topicPrefix: o.topicPrefix, hmacKey: o.hmacKey, lang: o.lang });
    if (accepted.ok) {
      events.push(accepted.message);
      continue;
    }
    const dlqErrors =
      o.deadLetterLang === o.lang
        ? accepted.errors
        : (validateRecord(stream, accepted.normalised, o.deadLetterLang) as { errors: FieldError[] }).errors;
    reject(item.index, item.value, accepted.errors, dlqErrors);
  }
  return { topic, deadLetterTopic, events, deadLetters, rejected };
}

/** Splits messages into consecutive chunks of at most `maxBytes` (approximate wire size), in order. */
export function chunkBySize(msgs: readonly OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const m of msgs) {
    let bytes = Buffer.byteLength(m.key) + (typeof m.value === "string" ? Buffer.byteLength(m.value) : m.value.length) + 64;
    for (const [k, v] of Object.entries(m.headers ?? {})) bytes += Buffer.byteLength(k) + Buffer.byteLength(v) + 8;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(m);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
