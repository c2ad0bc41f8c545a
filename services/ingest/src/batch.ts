// From a body's records to the Kafka messages of one request. Valid records become events
// (acceptEvent of @lrew/kafka: normalised, checked, grievances anonymised); rejected ones become
// dead-letter records, scrubbed of personal data. The answer lists the first MAX_LISTED_REJECTIONS
// rejected records and counts them all; every one of them goes to the dead-letter topic.
//
// A request's records are read and checked in slices of a few milliseconds (prepareBatchInSlices),
// pausing between slices so that other requests are served meanwhile: one large body cannot hold
// the event loop.
import { anonymizeUnknown, memoizedMask, truncate } from "@lrew/anonymity";
import { deadLetterTopicOf, MAX_LISTED_REJECTIONS, topicOf, type FieldError, type Lang, type StreamName } from "@lrew/contracts";
import { acceptEvent, deadLetter, type EventMessageOptions, type OutgoingMessage } from "@lrew/kafka";
import { readRecord, type BodyRecord } from "./body.ts";
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
  /** One per rejected record. */
  deadLetters: OutgoingMessage[];
  /** The first MAX_LISTED_REJECTIONS rejected records, in body order. */
  rejected: RejectedRecord[];
  /** Every rejected record, listed or not. */
  rejectedTotal: number;
}

export interface PrepareOptions {
  /** Language of the errors returned to the caller. */
  lang: Lang;
  /** Language of the reasons written to the dead-letter topic (one language for operators). */
  deadLetterLang: Lang;
  hmacKey: string;
  topicPrefix: string;
  /**
   * When ingest received the request (default: when the batch is prepared): stamped as received_at on
   * records without one, the limit a record's own received_at may not pass, and the dead letters' time.
   */
  now?: Date;
}

/** A dead-letter value longer than this is cut (after scrubbing) and wrapped, to stay far below Kafka's message limit. */
export const DEAD_LETTER_MAX_VALUE_CHARS = 256 * 1024;

const TAX_CODE = /^\d{10}(?:-\d{3})?$/;

/** Masks a text (maskPersonalData, remembered for the batch: its records repeat field names, values and error messages). */
type Mask = (text: string) => string;

function deadLetterValue(original: unknown, hmacKey: string, mask: Mask): string {
  const json = JSON.stringify(anonymizeUnknown(original, hmacKey, mask)) ?? "null";
  if (json.length <= DEAD_LETTER_MAX_VALUE_CHARS) return json;
  return JSON.stringify({ truncated: true, original_chars: json.length, head: truncate(json, DEAD_LETTER_MAX_VALUE_CHARS) });
}

function deadLetterKey(original: unknown, mask: Mask): string | null {
  const id = (original as { enterprise_id?: unknown } | null)?.enterprise_id;
  if (typeof id !== "string") return null;
  return TAX_CODE.test(id) ? id : mask(id).slice(0, 200);
}

function scrubErrors(errors: FieldError[], mask: Mask): FieldError[] {
  return errors.map((e) => ({ path: mask(e.path), message: mask(e.message) }));
}

/**
 * How long (ms) prepareBatchInSlices works before it pauses: a valid record takes some microseconds,
 * an invalid one (with its dead letter) some tens, so a slice is tens to hundreds of records.
 */
export const SLICE_MS = 2;

/** Pure: the batch of one request, all records at once (see prepareBatchInSlices for a request's own). */
export function prepareBatch(stream: StreamName, records: readonly BodyRecord[], o: PrepareOptions): PreparedBatch {
  const builder = new BatchBuilder(stream, o);
  for (const r of records) builder.add(r);
  return builder.batch;
}

/**
 * The same batch, built in slices of about `sliceMs` by `clock`, awaiting `pause(done)` between
 * slices (done: the records handled so far); ingest pauses until the event loop has served what
 * else is waiting. Slices by time, not by count: records cost very different amounts.
 */
export async function prepareBatchInSlices(
  stream: StreamName,
  records: readonly BodyRecord[],
  o: PrepareOptions,
  pause: (done: number) => Promise<void>,
  sliceMs = SLICE_MS,
  clock: () => number = performance.now.bind(performance),
): Promise<PreparedBatch> {
  const builder = new BatchBuilder(stream, o);
  let sliceStart = clock();
  for (let i = 0; i < records.length; i++) {
    if (i > 0 && clock() - sliceStart >= sliceMs) {
      await pause(i);
      sliceStart = clock();
    }
    builder.add(records[i]!);
  }
  return builder.batch;
}

/** Accumulates one request's events, dead letters and rejections, record by record. */
class BatchBuilder {
  readonly batch: PreparedBatch;
  readonly #stream: StreamName;
  readonly #o: PrepareOptions;
  readonly #mask = memoizedMask();
  /** One receive time for the whole request. */
  readonly #now: Date;
  readonly #acceptOptions: EventMessageOptions;

  constructor(stream: StreamName, o: PrepareOptions) {
    this.#stream = stream;
    this.#o = o;
    this.#now = o.now ?? new Date();
    this.#acceptOptions = { topicPrefix: o.topicPrefix, hmacKey: o.hmacKey, lang: o.lang, receivedAt: this.#now };
    const topic = topicOf(stream, o.topicPrefix);
    this.batch = {
      topic,
      deadLetterTopic: deadLetterTopicOf(stream, o.topicPrefix),
      events: [],
      deadLetters: [],
      rejected: [],
      rejectedTotal: 0,
    };
  }

  add(record: BodyRecord): void {
    const o = this.#o;
    const item = readRecord(record);
    if (!item.ok) {
      const err = (lang: Lang): FieldError[] => [{ path: "", message: messages.invalidLine(item.problem)(lang) }];
      this.#reject(item.index, item.text, err(o.lang), err(o.deadLetterLang));
      return;
    }
    const accepted = acceptEvent(this.#stream, item.value, this.#acceptOptions);
    if (accepted.ok) {
      this.batch.events.push(accepted.message);
      return;
    }
    const dlqErrors =
      o.deadLetterLang === o.lang
        ? accepted.errors
        : (acceptEvent(this.#stream, accepted.normalised, { ...this.#acceptOptions, lang: o.deadLetterLang }) as { errors: FieldError[] })
            .errors;
    this.#reject(item.index, item.value, accepted.errors, dlqErrors);
  }

  #reject(index: number, original: unknown, errors: FieldError[], dlqErrors: FieldError[]): void {
    const b = this.batch;
    if (b.rejected.length < MAX_LISTED_REJECTIONS) b.rejected.push({ index, errors });
    b.rejectedTotal++;
    const dl = deadLetter(
      { key: deadLetterKey(original, this.#mask), value: deadLetterValue(original, this.#o.hmacKey, this.#mask) },
      { stream: this.#stream, stage: "ingest", error: JSON.stringify(scrubErrors(dlqErrors, this.#mask)) },
      this.#now,
    );
    b.deadLetters.push({ ...dl, headers: { ...dl.headers, "content-type": "application/json", "lrew-schema": b.deadLetterTopic } });
  }
}
