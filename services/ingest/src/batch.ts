// Pure: from parsed records to the Kafka messages of one request. Valid records become events
// (grievances anonymised); rejected ones become dead-letter records, scrubbed of personal data.
import { anonymizeGrievance, anonymizeUnknown, maskPersonalData, truncate, type GrievanceLike } from "@lrew/anonymity";
import { deadLetterTopicOf, topicOf, validateRecord, type FieldError, type Lang, type StreamName } from "@lrew/contracts";
import { deadLetter, type OutgoingMessage } from "@lrew/kafka";
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

/** Deeper than any contract nests (objects of scalars and arrays of scalars): left as it is for validation to refuse. */
const MAX_NORMALISE_DEPTH = 16;

/**
 * Every string (and field name) NFC-normalised, so one name is stored one way whatever the sender's
 * keyboard did. Runs before validation: NFC can change a string's length, and the limits must hold
 * for what is stored. Only the first levels are walked, so a hostile, deeply nested body cannot
 * exhaust the stack.
 */
export function normaliseStrings<T>(value: T, depth = 0): T {
  if (typeof value === "string") return value.normalize("NFC") as T;
  if (depth >= MAX_NORMALISE_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => normaliseStrings(v, depth + 1)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize("NFC"), normaliseStrings(v, depth + 1)])) as T;
  }
  return value;
}

function eventMessage(stream: StreamName, event: object, hmacKey: string, topic: string): OutgoingMessage {
  let e = event as { event_id?: string; enterprise_id: string } & GrievanceLike;
  if (stream === "grievances") e = anonymizeGrievance(e, hmacKey);
  return {
    key: e.enterprise_id,
    value: JSON.stringify(e),
    headers: { event_id: e.event_id ?? "", "content-type": "application/json", "lrew-schema": topic },
  };
}

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
    const normalised = normaliseStrings(item.value);
    const result = validateRecord(stream, normalised, o.lang);
    if (result.ok) {
      events.push(eventMessage(stream, result.event, o.hmacKey, topic));
      continue;
    }
    const dlqErrors =
      o.deadLetterLang === o.lang
        ? result.errors
        : (validateRecord(stream, normalised, o.deadLetterLang) as { errors: FieldError[] }).errors;
    reject(item.index, item.value, result.errors, dlqErrors);
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
